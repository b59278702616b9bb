#include "Overdue.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "Pipeline.hpp"
#include "Sql.hpp"
#include "Store.hpp"
#include "Strings.hpp"

namespace jiceng {

std::string period_end(const Period& p) {
  using namespace std::chrono;
  const year_month_day_last last{year{p.year} / month{unsigned(p.is_year() ? 12 : p.month)} / std::chrono::last};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", p.year, unsigned(last.month()), unsigned(last.day()));
  return buf;
}

OverdueReport build_overdue(const Store& store, const YearFigures& f, const std::string& now) {
  OverdueReport r;
  r.today = (now.empty() ? now_iso() : now).substr(0, 10);
  const int year = f.year();
  bool monthly = false;
  for (const auto& ind : f.catalog().indicators())
    if (ind.typed() && ind.level == Level::Village && ind.frequency == Frequency::Monthly) monthly = true;
  const int last = monthly ? (f.last_month() > 0 ? f.last_month() : 0) : 0;
  r.current = Period{year, last};

  // Lowest status per organisation and period of the year: one grouped scan of the year's values.
  std::unordered_map<OrgId, std::vector<int>> lowest;  // [0] the year, [1..12] months; -1 nothing typed
  sql::Stmt st(store.handle(),
               "SELECT org_id, period, MIN(CASE status WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1 ELSE 2 END) "
               "FROM indicator_values WHERE year = ? GROUP BY org_id, period");
  st.bind(1, year);
  while (st.step()) {
    auto p = Period::parse(st.text(1));
    if (!p || p->year != year) continue;
    auto& v = lowest[st.int64(0)];
    if (v.empty()) v.assign(13, -1);
    v[size_t(p->month)] = int(st.int64(2));
  }

  // Due: a period is due on its last day, so it counts from the day after.
  const int first_period = monthly ? 1 : 0;
  std::vector<bool> due(13, false);
  for (int m = first_period; m <= last; ++m) {
    due[size_t(m)] = days_between(period_end(Period{year, m}), r.today).value_or(0) > 0;
    r.due_periods += due[size_t(m)];
  }

  const std::vector<int> none(13, -1);
  for (OrgId id : f.reporting_units()) {
    if (f.expected(id) == 0) continue;  // a unit that types nothing owes nothing
    auto it = lowest.find(id);
    const std::vector<int>& v = it == lowest.end() ? none : it->second;
    OverdueUnit u;
    u.org = id;
    u.current = r.current;
    const int cur = v[size_t(last)];
    if (cur >= 0) u.current_status = ValueStatus(cur);
    std::optional<Period> first;
    for (int m = first_period; m <= last; ++m) {
      if (v[size_t(m)] >= int(ValueStatus::Submitted)) continue;
      ++u.open_periods;
      u.late_periods += due[size_t(m)];
      if (!first) first = Period{year, m};
    }
    if (!first) continue;
    u.period = *first;
    u.days = std::max(0, days_between(period_end(u.period), r.today).value_or(0));
    r.units.push_back(u);
  }
  std::stable_sort(r.units.begin(), r.units.end(), [](const OverdueUnit& a, const OverdueUnit& b) {
    return a.period < b.period;  // the earliest open period is the longest overdue
  });
  return r;
}

nlohmann::json to_json(const OverdueReport& r, const YearFigures& f) {
  nlohmann::json units = nlohmann::json::array();
  for (const auto& u : r.units) {
    const Org* o = f.org(u.org);
    units.push_back({{"code", o ? o->code : ""},
                     {"name", o ? o->name : ""},
                     {"since", u.period.str()},
                     {"due", period_end(u.period)},
                     {"days", u.days},
                     {"open_periods", u.open_periods},
                     {"late_periods", u.late_periods},
                     {"current_status", u.current_status ? nlohmann::json(to_string(*u.current_status))
                                                         : nlohmann::json(nullptr)}});
  }
  return {{"period", r.current.str()}, {"today", r.today}, {"due_periods", r.due_periods}, {"villages", units}};
}

const OverdueUnit* OverdueReport::find(OrgId org) const {
  for (const auto& u : units)
    if (u.org == org) return &u;
  return nullptr;
}

std::string late_periods_text(const OverdueReport& r, int late_periods) {
  if (late_periods <= 0) return {};
  if (r.current.is_year()) return tr("overdue.late_year");
  return tr("overdue.late_months", {{"n", std::to_string(late_periods)}});
}

size_t late_units(const OverdueReport& r) {
  return size_t(std::count_if(r.units.begin(), r.units.end(), [](const OverdueUnit& u) { return u.days > 0; }));
}

std::string overdue_text(const OverdueReport& r, const OverdueUnit& u) {
  if (r.today > period_end(Period{r.current.year, 0})) return tr("overdue.year_closed");
  return overdue_text(u.days);
}

std::string overdue_text(int days) {
  if (days <= 60) return tr("overdue.days", {{"n", std::to_string(days)}});
  if (days < 730) return tr("overdue.months", {{"n", std::to_string(days / 30)}});
  return tr("overdue.years", {{"n", std::to_string(days / 365)}});
}

}  // namespace jiceng
