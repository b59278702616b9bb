#pragma once
// The 草稿 → 已提交 → 已审核 workflow as people meet it: which figures a period's form expects and
// which are still missing, where a period stands (returned by a leader counts as its own state),
// the last submission / approval / return with who, when and why (read back from the audit log,
// where every status change is recorded per value), what the signed-in person may do next and,
// when not, why. The store enforces the same rules; the screens and the CLI only ask.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/Catalog.hpp"
#include "model/Model.hpp"

namespace jiceng {

class Store;

// "2020年12月", "2020年全年": a period as a sentence names it.
std::string period_text(const Period& p);

// Whether `org`'s form for period `p` expects the figure typed (not computed, of the organisation's
// level, monthly figures in a month and the others in the year). The form's progress and the
// completeness check of 提交 both use it.
bool expects(const Indicator& ind, const Org& org, const Period& p);
std::vector<const Indicator*> expected_indicators(const Catalog& catalog, const Org& org, const Period& p);
// The expected figures with no stored value, in catalog order.
std::vector<const Indicator*> missing_indicators(const Store& store, const Org& org, const Period& p);

enum class PeriodState { Empty, Draft, Returned, Submitted, Approved };
const std::string& label(PeriodState s);  // 未填报 / 草稿 / 已退回 / 已提交 / 已审核

struct WorkflowEvent {
  enum class Kind { Submit, Approve, Return } kind = Kind::Submit;
  std::string user, at, device, reason;  // at: ISO 8601 UTC, as stored
  std::vector<std::string> missing;      // a submission's gaps the clerk confirmed (detail "gaps": ids)
};

struct PeriodWorkflow {
  PeriodState state = PeriodState::Empty;
  std::optional<WorkflowEvent> last;       // the latest status change
  std::optional<WorkflowEvent> submitted;  // the latest submission
};

PeriodWorkflow period_workflow(const Store& store, OrgId org, const Period& p);
// Every period of a year for one organisation (0 = the year's own figures, 1–12 the months), in
// one pass over its audit entries: the month picker shows them all.
std::map<int, PeriodWorkflow> year_workflow(const Store& store, OrgId org, int year);

enum class WorkflowStep { Submit, Approve, Return };
struct Permission {
  bool role = false;  // the person's role ever takes this step (a screen hides it otherwise)
  bool ok = false;    // allowed now, for this organisation and period
  std::string why;    // when not: why, in a sentence
};
Permission permission(const Store& store, WorkflowStep step, OrgId org, const Period& p, const Actor& actor);

// Where a clerk starts after signing in: the oldest month (then the year's form) of their own
// organisations a leader returned, else the oldest still 草稿; else the month after the latest one
// begun; nullopt for other roles or a clerk with no organisation.
struct OpenPeriod {
  OrgId org = 0;
  Period period;
};
std::optional<OpenPeriod> first_open_period(const Store& store, const Actor& actor, int year);

}  // namespace jiceng
