#include "report/Dashboard.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/JsonWriter.hpp"
#include "base/Strings.hpp"

namespace jiceng {

std::string_view to_string(Progress p) {
  constexpr std::string_view names[] = {"done", "on_track", "behind", "no_data"};
  return names[int(p)];
}

const std::string& label(Progress p) { return tr("progress." + std::string(to_string(p))); }

std::pair<std::optional<double>, std::optional<Progress>> assess(const Indicator& ind, std::optional<double> value,
                                                                   std::optional<double> target, double elapsed,
                                                                   const DashboardSettings& s) {
  if (!value) return {std::nullopt, Progress::NoData};
  if (!target) return {std::nullopt, std::nullopt};
  double p;
  if (ind.direction == Direction::Down) p = *value <= *target ? 1.0 : (*value > 0 ? *target / *value : 1.0);
  else p = *target <= 0 ? 1.0 : *value / *target;
  p = std::clamp(p, 0.0, 1.0);
  if (p >= 1.0 - 1e-9) return {p, Progress::Done};
  return {p, p >= s.on_track_ratio * elapsed ? Progress::OnTrack : Progress::Behind};
}

Dashboard build_dashboard(const YearFigures& f, const DashboardSettings& s) {
  Dashboard d;
  d.year = f.year();
  d.as_of_month = f.last_month() > 0 ? f.last_month() : 12;
  const double elapsed = d.as_of_month / 12.0;
  const OrgId town = f.town().id;
  for (const auto& ind : f.catalog().indicators()) {
    IndicatorStatus st;
    st.indicator = &ind;
    st.value = f.value(town, ind.id);
    st.target = f.target(town, ind.id);
    std::tie(st.progress, st.status) = assess(ind, st.value, st.target, elapsed, s);
    d.indicators.push_back(st);
  }
  for (OrgId id : f.reporting_units()) {
    UnitStatus u;
    u.org = *f.org(id);
    u.filled = f.filled(id);
    u.expected = f.expected(id);
    u.completeness = u.expected ? double(u.filled) / u.expected : 0;
    u.lowest = f.status(id);
    u.submitted = u.lowest && *u.lowest != ValueStatus::Draft;
    double sum = 0;
    int n = 0;
    for (const auto& ind : f.catalog().indicators()) {
      auto t = f.target(id, ind.id);
      if (!t) continue;
      auto [p, _] = assess(ind, f.value(id, ind.id), t, elapsed, s);
      sum += p.value_or(0);  // a target with no figure counts as no progress
      ++n;
    }
    if (n) u.progress = sum / n;
    d.units.push_back(u);
  }
  return d;
}

void write_json(JsonWriter& w, const Dashboard& d, const YearFigures& f) {
  w.member("as_of_month", d.as_of_month);
  w.array("indicators");
  for (const auto& st : d.indicators) {
    const Indicator& ind = *st.indicator;
    w.element({{"id", ind.id}, {"name", ind.name}, {"section", ind.section}, {"unit", ind.unit},
               {"value", json_or_null(st.value)}, {"target", json_or_null(st.target)},
               {"progress", json_or_null(st.progress)},
               {"status", st.status ? nlohmann::json(to_string(*st.status)) : nlohmann::json(nullptr)}});
  }
  w.end().array("not_submitted");
  for (const auto& u : d.units)
    if (!u.submitted) w.element(u.org.code);
  w.end().member("town", {{"code", f.town().code}, {"name", f.town().name}}).array("villages");
  for (const auto& u : d.units)
    w.element({{"code", u.org.code}, {"name", u.org.name}, {"kind", to_string(u.org.kind)},
               {"filled", u.filled}, {"expected", u.expected}, {"completeness", u.completeness},
               {"progress", json_or_null(u.progress)},
               {"status", u.lowest ? nlohmann::json(to_string(*u.lowest)) : nlohmann::json(nullptr)},
               {"submitted", u.submitted}});
  w.end().member("year", d.year);
}

}  // namespace jiceng
