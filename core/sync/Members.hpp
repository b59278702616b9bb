#pragma once
// Members travel between databases by a stable uid (sync_member_uids, filled by a trigger on
// every insert) and as a compact JSON record whose branch is named by its code, so two databases
// whose integer ids differ still agree on who is who. Records are compared as text: the same
// member always serialises to the same bytes.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "model/Model.hpp"
#include "store/PersonalFields.hpp"

namespace jiceng {
class Store;
}

namespace jiceng::sync {

std::string member_record(const Member& m, const std::string& branch_code);
// Parses a record; throws InputError naming the member when a field is missing or the branch is
// unknown here.
Member member_from_record(const std::string& record, const std::unordered_map<std::string, OrgId>& org_by_code);
// A member's name from a record, for messages and the conflict screen ("" when empty).
std::string record_name(const std::string& record);


struct LocalMember {
  int64_t id = 0;
  std::string record;
  OrgId branch = 0;
};
// Every member of the store by uid, with its record.
std::unordered_map<std::string, LocalMember> members_by_uid(const Store& store);

// Writes a record for uid (insert, update, or delete when record is empty) and returns the
// member's id (0 after a delete). Throws InputError for a record that breaks the store's rules
// for members (check_member_record), as a typed one would.
int64_t write_member(Store& store, const std::string& uid, const std::optional<LocalMember>& local,
                     const std::string& record, const std::unordered_map<std::string, OrgId>& org_by_code);

}  // namespace jiceng::sync
