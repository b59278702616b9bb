#pragma once
// Trends of the progress dashboard: an indicator month by month against the path to its target,
// this year against last year, and the same figure for every village. Pure logic over YearFigures
// (computed with_previous for last year), so the CLI and the screen draw the same numbers.
#include <array>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "report/Dashboard.hpp"

namespace jiceng {

using MonthValues = std::array<std::optional<double>, 12>;  // [0] = January

struct MonthlySeries {
  const Indicator* indicator = nullptr;
  OrgId org = 0;
  MonthValues month;      // as typed that month (the town: summed, or the largest, over its units)
  MonthValues to_date;    // the year's figure up to each month, rolled up as the catalog says;
                          // empty after the latest month with data
  MonthValues last_year;  // last year's figure up to each month
  std::optional<double> target;
  MonthValues path;       // on pace to the target: target × month / 12
  int last_month = 0;     // latest month of this year with data (the town's, for every org)
};

// The series of one indicator for an organisation (0: the town). Months come from values typed
// per month; a unit that typed only a yearly figure does not appear month by month.
MonthlySeries monthly_series(const YearFigures& figures, std::string_view indicator, OrgId org = 0);

// Indicators typed month by month, those with a target first (catalog order within each group).
std::vector<const Indicator*> trend_indicators(const Catalog& catalog);

// One bar per reporting unit (tree order; their figures add up to the town's): its figure and
// target of one indicator.
struct UnitBar {
  OrgId org = 0;
  std::optional<double> value, target, progress;
  std::optional<Progress> status;
};
std::vector<UnitBar> unit_bars(const YearFigures& figures, std::string_view indicator,
                               const DashboardSettings& settings = {});

nlohmann::json to_json(const MonthlySeries& s);

}  // namespace jiceng
