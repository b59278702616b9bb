#include "report/Trends.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace jiceng {
namespace {

// A month's figure combined into a running one the way the indicator rolls up over months.
void roll(std::optional<double>& acc, double v, Rollup r) {
  if (!acc) acc = v;
  else if (r == Rollup::Sum) *acc += v;
  else if (r == Rollup::Max) *acc = std::max(*acc, v);
  else *acc = v;  // Last
}

// One organisation's typed months and their running figure, up to `last` (12: the whole year).
void own_months(const YearFigures& f, const Indicator& ind, OrgId org, int last, MonthValues& month,
                MonthValues& to_date) {
  std::optional<double> acc;
  for (int m = 1; m <= 12; ++m) {
    month[size_t(m - 1)] = f.month_value(org, ind.id, m);
    if (month[size_t(m - 1)]) roll(acc, *month[size_t(m - 1)], ind.rollup);
    if (m <= last) to_date[size_t(m - 1)] = acc;
  }
}

// Adds one unit's figure into the town's the way villages roll up into the town.
void combine(std::optional<double>& town, const std::optional<double>& unit, Aggregate a) {
  if (!unit) return;
  if (!town) town = *unit;
  else if (a == Aggregate::Max) *town = std::max(*town, *unit);
  else *town += *unit;
}

// Running figures of `org`, or of the town as its units combined.
void series_of(const YearFigures& f, const Indicator& ind, OrgId org, int last, MonthValues& month,
               MonthValues& to_date) {
  const bool aggregate_units = org == f.town().id && ind.level == Level::Village && ind.typed();
  if (!aggregate_units) {
    own_months(f, ind, org, last, month, to_date);
    return;
  }
  MonthValues um, ut;
  for (OrgId u : f.reporting_units()) {
    um.fill(std::nullopt);
    ut.fill(std::nullopt);
    own_months(f, ind, u, last, um, ut);
    for (size_t k = 0; k < 12; ++k) {
      combine(month[k], um[k], ind.aggregate);
      combine(to_date[k], ut[k], ind.aggregate);
    }
  }
}

}  // namespace

MonthlySeries monthly_series(const YearFigures& f, std::string_view indicator, OrgId org) {
  MonthlySeries s;
  s.indicator = &f.catalog().at(indicator);
  s.org = org == 0 ? f.town().id : org;
  s.last_month = f.last_month();
  series_of(f, *s.indicator, s.org, s.last_month, s.month, s.to_date);
  if (const YearFigures* prev = f.previous()) {
    MonthValues unused;
    series_of(*prev, *s.indicator, s.org, 12, unused, s.last_year);
  }
  s.target = f.target(s.org, s.indicator->id);
  if (s.target)
    for (int m = 1; m <= 12; ++m) s.path[size_t(m - 1)] = *s.target * m / 12.0;
  return s;
}

std::vector<const Indicator*> trend_indicators(const Catalog& c) {
  std::vector<const Indicator*> out;
  for (int with_target = 1; with_target >= 0; --with_target)
    for (const auto& ind : c.indicators())
      if (ind.typed() && ind.frequency == Frequency::Monthly && ind.has_target == bool(with_target))
        out.push_back(&ind);
  return out;
}

std::vector<UnitBar> unit_bars(const YearFigures& f, std::string_view indicator, const DashboardSettings& settings) {
  const Indicator& ind = f.catalog().at(indicator);
  const double elapsed = (f.last_month() > 0 ? f.last_month() : 12) / 12.0;
  std::vector<UnitBar> out;
  for (OrgId id : f.reporting_units()) {
    UnitBar b;
    b.org = id;
    b.value = f.value(id, ind.id);
    b.target = f.target(id, ind.id);
    std::tie(b.progress, b.status) = assess(ind, b.value, b.target, elapsed, settings);
    out.push_back(b);
  }
  return out;
}

nlohmann::json to_json(const MonthlySeries& s) {
  auto arr = [](const MonthValues& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& x : v) a.push_back(x ? nlohmann::json(*x) : nlohmann::json(nullptr));
    return a;
  };
  return {{"indicator", s.indicator->id}, {"month", arr(s.month)}, {"to_date", arr(s.to_date)},
          {"last_year", arr(s.last_year)}, {"path", arr(s.path)},
          {"target", s.target ? nlohmann::json(*s.target) : nlohmann::json(nullptr)}};
}

}  // namespace jiceng
