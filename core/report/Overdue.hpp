#pragma once
// Who has not submitted this period, and for how long. The period under review is the latest
// month of the year with any typed value (the dashboard's as_of_month). A village is overdue when
// its values of that month, or of any earlier month of the year, are missing or still 草稿; it is
// overdue since the end of the earliest such month, counted in whole days up to today (UTC date
// of now_iso(), which JICENG_NOW pins). A month that has not ended yet is not overdue (0 days).
// Only units that type monthly figures are expected every month; when the catalog has no monthly
// village figure, the period is the year and it is due at the end of December.
#include <optional>
#include <string>
#include <vector>

#include "model/Figures.hpp"

namespace jiceng {

class JsonWriter;

class Store;

struct OverdueUnit {
  OrgId org = 0;
  Period period;              // the earliest period not submitted
  Period current;             // the period under review
  std::optional<ValueStatus> current_status;  // lowest status of its values of `current`; nullopt: nothing typed
  int open_periods = 0;       // periods up to `current` missing or in draft
  int late_periods = 0;       // of those, the ones whose due date (their last day) has passed
  int days = 0;               // days since `period` ended (0 while it has not ended)
};

struct OverdueReport {
  Period current;            // the period under review
  std::string today;         // YYYY-MM-DD the days are counted to
  int due_periods = 0;       // periods up to `current` whose due date has passed (every unit owes them)
  std::vector<OverdueUnit> units;  // longest overdue first, then tree order

  const OverdueUnit* find(OrgId org) const;  // linear: for one unit, not in a loop over all
};

// Units past their due date (days > 0); the others have not submitted a period still running.
size_t late_units(const OverdueReport& r);

// The last day of a period: "2020-03" → "2020-03-31", "2020" → "2020-12-31".
std::string period_end(const Period& p);

// How long, as a person says it: "逾期 12 天" up to two months, then "逾期 3 个月", then "逾期 2 年余"
// (a past year's town opened today is years late, and 2 493 days reads as noise).
std::string overdue_text(int days);
// The same for one unit of a report: a year that ended before the day counted to says
// "年度结束时仍未提交" instead (a 2020 town opened in 2026 is not "逾期 6 年").
std::string overdue_text(const OverdueReport& r, const OverdueUnit& u);
// How many periods are past due and missing, for the ranking row: "11 个月未交", "全年未交".
std::string late_periods_text(const OverdueReport& r, int late_periods);

// `now`: an ISO time or date; empty for now_iso().
OverdueReport build_overdue(const YearFigures& figures, const std::string& now = {});
// The member "overdue" into the object `w` has open.
void write_json(JsonWriter& w, const OverdueReport& r, const YearFigures& figures);

}  // namespace jiceng
