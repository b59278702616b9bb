#pragma once
// A member's personal fields (name, gender, birth date) in the JSON the store keeps: member
// records and audit details. They travel only in sealed packages (sync/Sealing.hpp), and audit
// signatures are computed without them, so an open package's entries still verify.
#include <string>

namespace jiceng {

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

}  // namespace jiceng
