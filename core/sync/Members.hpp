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

// Personal fields (name, gender, birth date) travel only in sealed packages (sync/Sealing.hpp).
// A record without them still carries what the figures count: branch, stage and its dates.
std::string without_personal(const std::string& record);
// A record that came without personal fields, given those of `local` (this database's record of
// the same member; blank when there is none), so that it compares equal to a full record that
// differs only in what was left out. Other records are returned as they are.
std::string with_personal(const std::string& record, const std::string& local);
// An audit entry's detail with every member's personal fields taken out (the member objects of
// add/update/delete entries, and the name a member conflict names).
std::string without_personal_detail(const std::string& detail);

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
