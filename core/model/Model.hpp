#pragma once
// Plain records of the data model. The Store reads and writes them; nothing here touches SQLite.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng {

using OrgId = int64_t;

enum class OrgKind { Town, Village, Community, Unit, GeneralBranch, Branch };

struct Org {
  OrgId id = 0;
  std::string code;  // stable code, e.g. "V01", unique within a database
  std::string name;  // Chinese name, e.g. "青石村"
  OrgKind kind = OrgKind::Village;
  std::optional<OrgId> parent;
  int sort = 0;
};

// Villages and communities are the units the dashboard ranks; town-level units (机关、学校、企业
// branches' parents) also enter figures.
inline bool is_reporting_unit(OrgKind k) {
  return k == OrgKind::Village || k == OrgKind::Community || k == OrgKind::Unit;
}

// Stages of joining the Party, in order (DOMAIN.md §1).
enum class MemberStage { Applicant, Activist, Candidate, Probationary, Full };

struct Member {
  int64_t id = 0;
  std::string name;
  std::string gender;      // "男" / "女"
  std::string birth_date;  // YYYY-MM-DD
  OrgId branch = 0;        // the 党支部 the person belongs to
  MemberStage stage = MemberStage::Applicant;
  // Date each stage was reached, YYYY-MM-DD or empty.
  std::string applied_on, talked_on, activist_on, candidate_on, probationary_on, full_on;
  bool reserve_cadre = false;  // 后备干部
  bool operator==(const Member&) const = default;
};

enum class ValueStatus { Draft, Submitted, Approved };

// A year ("2020", month 0) or a month ("2020-03").
struct Period {
  int year = 0;
  int month = 0;  // 0 = the whole year
  bool is_year() const { return month == 0; }
  std::string str() const;
  static std::optional<Period> parse(std::string_view text);
  auto operator<=>(const Period&) const = default;
};

struct ValueRecord {
  OrgId org = 0;
  std::string indicator;
  Period period;
  double value = 0;
  ValueStatus status = ValueStatus::Draft;
  std::string updated_at;  // ISO 8601 UTC
  std::string updated_by;
  std::string device;
};

struct Target {
  OrgId org = 0;  // the town for town targets, a village for its own
  std::string indicator;
  int year = 0;
  double value = 0;
};

// What a signed-in person may do (checked in the store, not only hidden in the UI):
// 采集员 enters data for the organisations assigned to them; 领导 reads everything and approves;
// 管理员 does everything and manages users.
enum class Role { Clerk, Leader, Admin };

// Who makes a change, carried into every audit entry. Command-line tools and importers act as
// the administrator of the file they were given; the app acts as whoever signed in.
struct Actor {
  std::string user = "system";
  std::string device;  // empty: this installation's device id
  Role role = Role::Admin;
  std::vector<OrgId> scope;  // for a clerk: the organisations (with their subtrees) they enter data for
};

struct AuditEntry {
  int64_t id = 0;
  std::string at;      // ISO 8601 UTC
  std::string user;
  std::string device;
  std::string action;  // "set_value", "set_status", "set_target", "add_org", "add_member", …
  std::optional<OrgId> org;
  std::string indicator;
  std::string period;
  std::optional<double> old_value, new_value;
  std::string reason;
  std::string detail;  // JSON with anything else (old/new names, statuses)
};

std::string_view to_string(OrgKind k);  // "town", "village", …
std::optional<OrgKind> parse_org_kind(std::string_view s);
std::string_view to_string(MemberStage s);
std::optional<MemberStage> parse_member_stage(std::string_view s);
std::string_view to_string(ValueStatus s);  // "draft", "submitted", "approved"
std::optional<ValueStatus> parse_value_status(std::string_view s);
// Chinese labels, from the strings file.
const std::string& label(OrgKind k);
const std::string& label(MemberStage s);
const std::string& label(ValueStatus s);
std::string_view to_string(Role r);  // "clerk", "leader", "admin"
std::optional<Role> parse_role(std::string_view s);
const std::string& label(Role r);

}  // namespace jiceng
