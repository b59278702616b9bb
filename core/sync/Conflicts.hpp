#pragma once
// Conflicts kept by imports until a person decides: keep this database's value, take the
// sender's, or type another. Both sides stay in the history; the decision is recorded too.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/Model.hpp"
#include "store/Replica.hpp"

namespace jiceng {
class Store;
}

namespace jiceng::sync {

enum class Choice { Local, Remote, Typed };
std::string_view to_string(Choice c);  // "local", "remote", "typed"
std::optional<Choice> parse_choice(std::string_view s);

// A conflict as the store keeps it (store/Replica.hpp).
using jiceng::Conflict;
using jiceng::ConflictKind;

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
