#include "report/Overdue.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/JsonWriter.hpp"
#include "base/Strings.hpp"
#include "base/Time.hpp"
#include "model/MemberStages.hpp"

namespace jiceng {

std::string period_end(const Period& p) {
  using namespace std::chrono;
  const year_month_day_last last{year{p.year} / month{unsigned(p.is_year() ? 12 : p.month)} / std::chrono::last};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", p.year, unsigned(last.month()), unsigned(last.day()));
  return buf;
}

OverdueReport build_overdue(const YearFigures& f, const std::string& now) {
  OverdueReport r;
  r.today = (now.empty() ? now_iso() : now).substr(0, 10);
  const int year = f.year();
  bool monthly = false;
  for (const auto& ind : f.catalog().indicators())
    if (ind.typed() && ind.level == Level::Village && ind.frequency == Frequency::Monthly) monthly = true;
  const int last = monthly ? (f.last_month() > 0 ? f.last_month() : 0) : 0;
  r.current = Period{year, last};

  // Due: a period is due on its last day, so it counts from the day after.
  const int first_period = monthly ? 1 : 0;
  std::vector<bool> due(13, false);
  for (int m = first_period; m <= last; ++m) {
    due[size_t(m)] = days_between(period_end(Period{year, m}), r.today).value_or(0) > 0;
    r.due_periods += due[size_t(m)];
  }

  for (OrgId id : f.reporting_units()) {
    if (f.expected(id) == 0) continue;  // a unit that types nothing owes nothing
    OverdueUnit u;
    u.org = id;
    u.current = r.current;
    u.current_status = f.period_status(id, last);
    std::optional<Period> first;
    for (int m = first_period; m <= last; ++m) {
      if (auto s = f.period_status(id, m); s && *s >= ValueStatus::Submitted) continue;
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

void write_json(JsonWriter& w, const OverdueReport& r, const YearFigures& f) {
  w.object("overdue").member("due_periods", r.due_periods).member("period", r.current.str()).member("today", r.today);
  w.array("villages");
  for (const auto& u : r.units) {
    const Org* o = f.org(u.org);
    w.element({{"code", o ? o->code : ""},
               {"name", o ? o->name : ""},
               {"since", u.period.str()},
               {"due", period_end(u.period)},
               {"days", u.days},
               {"open_periods", u.open_periods},
               {"late_periods", u.late_periods},
               {"current_status", u.current_status ? nlohmann::json(to_string(*u.current_status))
                                                   : nlohmann::json(nullptr)}});
  }
  w.end().end();
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
