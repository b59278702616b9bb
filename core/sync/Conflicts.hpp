#pragma once
// Conflicts kept by imports until a person decides: keep this database's value, take the
// sender's, or type another. Both sides stay in the history; the decision is recorded too.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {
class Store;
}

namespace jiceng::sync {

enum class ConflictKind { Value, Member };
enum class Choice { Local, Remote, Typed };
std::string_view to_string(Choice c);  // "local", "remote", "typed"
std::optional<Choice> parse_choice(std::string_view s);

struct Conflict {
  int64_t id = 0;
  ConflictKind kind = ConflictKind::Value;
  std::string package_id;
  OrgId org = 0;
  std::string org_name;
  std::string indicator;  // values: indicator id
  std::string period;     // values: "2020" / "2020-03"
  std::string member_uid, member_name;  // members
  std::optional<double> base, local, remote;  // values; nullopt = none / removed
  std::string base_status, local_status, remote_status;
  std::optional<double> current;  // this database's value now (it may have moved since)
  std::string local_at, local_by, local_device;
  std::string remote_at, remote_by, remote_device;
  std::string local_record, remote_record;  // members, JSON
  std::string created_at;
  std::string rule;  // values: the cross-field rule the sender's value breaks here; empty: changed on both sides
  std::optional<std::string> resolution;  // "local", "remote", "typed", "superseded"; nullopt while open
  std::optional<double> resolved_value;
  std::string resolved_at, resolved_by, reason;
  bool open() const { return !resolution; }
};

// Open conflicts (all of them with include_resolved), oldest first.
std::vector<Conflict> conflicts(const Store& store, bool include_resolved = false);
std::optional<Conflict> conflict(const Store& store, int64_t id);
int open_conflict_count(const Store& store);

// Decides a conflict. `typed` is the value as typed (Typed only; checked like any input);
// `reason` is optional. Throws InputError (nothing written) for an unknown or closed conflict,
// a typed value that breaks a rule, a member conflict asked for a typed value, or an actor who
// may not enter data for the organisation.
void resolve_conflict(Store& store, int64_t id, Choice choice, const std::string& typed, const Actor& actor,
                      const std::string& reason = {});

}  // namespace jiceng::sync
