#pragma once
// Helpers shared by the Store's implementation files (and sync, which reads the same rows); not
// part of the Store's interface.
#include "base/Sql.hpp"
#include "model/Model.hpp"
#include "model/ValueSource.hpp"

namespace jiceng {

class Store;

Org read_org(const sql::Stmt& st);
// Columns 0–12: id, name, gender, birth_date, branch_id, stage, applied_on … full_on, reserve_cadre.
Member read_member(const sql::Stmt& st);
inline constexpr const char* kMemberColumns =
    "SELECT id, name, gender, birth_date, branch_id, stage, applied_on, talked_on, activist_on, "
    "candidate_on, probationary_on, full_on, reserve_cadre FROM members ";
// Columns 0–11: id, at, user, device, action, org_id, indicator_id, period, old_value, new_value,
// reason, detail.
// A year's values as ValueSource::scan_values hands them over, from a statement over kScanValues.
inline constexpr const char* kScanValues = "SELECT org_id, indicator_id, period, value, status FROM indicator_values ";
void scan_value_rows(sql::Stmt& st, int year, const std::function<void(const ValueSource::ValueScan&)>& fn);
// The same for targets: a statement starting with kScanTargets and its WHERE (targets_by_year
// covers it).
inline constexpr const char* kScanTargets = "SELECT org_id, indicator_id, value FROM targets ";
void scan_target_rows(sql::Stmt& st, const std::function<void(const ValueSource::TargetScan&)>& fn);
AuditEntry read_audit_entry(const sql::Stmt& st);
// Throws InputError when `child` may not sit under `parent` (e.g. a village under a branch).
void check_parent_kind(const Org& child, const Org& parent);
// Throws InputError for a member the store must not hold: no name, no branch, broken stage dates,
// or outside a clerk's organisations.
void check_member(const Store& store, const Member& m, const Actor& actor);
// The same rules on the record alone, whoever writes it (a package's member, a conflict's remote
// side). `name_required` is false for a record that travelled without personal fields.
void check_member_record(const Store& store, const Member& m, bool name_required);

}  // namespace jiceng
