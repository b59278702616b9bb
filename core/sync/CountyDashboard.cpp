// The county dashboard: every town side by side and the county totals, from the roll-up tables.
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "model/Catalog.hpp"
#include "model/Expr.hpp"
#include "store/Store.hpp"
#include "sync/County.hpp"

namespace jiceng::sync {

namespace {

// How a county total is formed from the towns' figures.
enum class Total { Sum, Max, Formula, Common };

Total total_kind(const Indicator& ind) {
  if (ind.aggregate == Aggregate::Formula) return Total::Formula;
  if (ind.aggregate == Aggregate::Max || ind.kind == IndicatorKind::Month) return Total::Max;
  if (ind.kind == IndicatorKind::Year || ind.kind == IndicatorKind::Percent) return Total::Common;  // not additive
  // A town's income thresholds for the coming years (下一步) are its own plan, not an amount.
  if (ind.section == "outlook" && ind.kind == IndicatorKind::Money) return Total::Common;
  return Total::Sum;
}

// Formulas evaluated over the county totals (a rate is recomputed, never summed).
class TotalsContext : public ExprContext {
 public:
  TotalsContext(const Catalog& cat, const std::vector<std::optional<double>>& totals) : cat_(cat), totals_(totals) {}
  ExprValue lookup(const ExprNode& ident) const override {
    const Indicator* ind = cat_.find(ident.text);
    if (!ind) return ExprValue::absent({ident.text});
    const auto& v = totals_[cat_.index_of(ind->id)];
    return v ? ExprValue::num(*v) : ExprValue::absent({ind->id});
  }

 private:
  const Catalog& cat_;
  const std::vector<std::optional<double>>& totals_;
};

std::optional<double> combine(Total how, const std::vector<std::optional<double>>& xs) {
  std::optional<double> out;
  bool mixed = false;
  for (const auto& x : xs) {
    if (!x) continue;
    if (!out) { out = x; continue; }
    if (how == Total::Sum) *out += *x;
    else if (how == Total::Max) *out = std::max(*out, *x);
    else if (*out != *x) mixed = true;
  }
  if (mixed) return std::nullopt;
  return out;
}

nlohmann::json cell_json(const CountyCell& c) {
  auto opt = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"value", opt(c.value)}, {"target", opt(c.target)}, {"progress", opt(c.progress)},
          {"status", c.status ? nlohmann::json(to_string(*c.status)) : nlohmann::json(nullptr)}};
}

}  // namespace

CountyDashboard county_dashboard(const Store& county, int year, const DashboardSettings& settings) {
  const Catalog& cat = county.catalog();
  CountyDashboard d;
  d.year = year;
  std::unordered_map<std::string, size_t> town_index;
  for (const auto& t : county_year_towns(county, year)) {
    CountyTownStatus s;
    s.town = t.town;
    s.as_of_month = t.last_month > 0 ? t.last_month : 12;
    d.as_of_month = std::max(d.as_of_month, s.as_of_month);
    town_index[s.town.id] = d.towns.size();
    d.towns.push_back(s);
  }
  if (d.as_of_month == 0) d.as_of_month = 12;
  for (const auto& u : county_unit_counts(county, year)) {
    auto it = town_index.find(u.town);
    if (it == town_index.end()) continue;
    auto& s = d.towns[it->second];
    s.units = u.units;
    s.completeness = u.expected > 0 ? double(u.filled) / double(u.expected) : 0;
    s.submitted_units = u.submitted;
  }

  const size_t n = cat.indicators().size(), m = d.towns.size();
  std::vector<std::optional<double>> value(n * m), target(n * m);
  county_town_figures(county, year, [&](const std::string& town, const std::string& indicator, std::optional<double> v,
                                        std::optional<double> t) {
    auto it = town_index.find(town);
    const size_t i = cat.index_of(indicator);
    if (it == town_index.end() || i == SIZE_MAX) return;
    value[i * m + it->second] = v;
    target[i * m + it->second] = t;
  });

  std::vector<std::optional<double>> totals(n), total_targets(n);
  for (size_t i = 0; i < n; ++i) {
    const Total how = total_kind(cat.indicators()[i]);
    if (how == Total::Formula) continue;
    std::vector<std::optional<double>> vs(value.begin() + i * m, value.begin() + (i + 1) * m);
    std::vector<std::optional<double>> ts(target.begin() + i * m, target.begin() + (i + 1) * m);
    totals[i] = combine(how, vs);
    total_targets[i] = combine(how == Total::Sum ? Total::Sum : Total::Common, ts);
  }
  const TotalsContext ctx(cat, totals);
  for (size_t i : cat.evaluation_order()) {
    const Indicator& ind = cat.indicators()[i];
    if (ind.aggregate != Aggregate::Formula) continue;
    ExprValue v = Expr::parse(ind.formula).eval(ctx);
    if (v.is_number() && std::isfinite(v.number)) totals[i] = v.number;
  }

  for (size_t i = 0; i < n; ++i) {
    const Indicator& ind = cat.indicators()[i];
    CountyRow row;
    row.indicator = &ind;
    for (size_t t = 0; t < m; ++t) {
      CountyCell c{value[i * m + t], target[i * m + t], {}, {}};
      std::tie(c.progress, c.status) = assess(ind, c.value, c.target, d.towns[t].as_of_month / 12.0, settings);
      row.towns.push_back(c);
    }
    row.total = {totals[i], total_targets[i], {}, {}};
    std::tie(row.total.progress, row.total.status) =
        assess(ind, row.total.value, row.total.target, d.as_of_month / 12.0, settings);
    d.rows.push_back(std::move(row));
  }
  return d;
}

nlohmann::json to_json(const CountyDashboard& d) {
  nlohmann::json towns = nlohmann::json::array(), rows = nlohmann::json::array();
  for (const auto& t : d.towns)
    towns.push_back({{"id", t.town.id}, {"code", t.town.code}, {"name", t.town.name}, {"source", t.town.source},
                     {"as_of_month", t.as_of_month}, {"units", t.units}, {"submitted_units", t.submitted_units},
                     {"completeness", t.completeness}});
  for (const auto& r : d.rows) {
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& c : r.towns) cells.push_back(cell_json(c));
    rows.push_back({{"id", r.indicator->id}, {"name", r.indicator->name}, {"unit", r.indicator->unit},
                    {"section", r.indicator->section}, {"towns", cells}, {"total", cell_json(r.total)}});
  }
  return {{"year", d.year}, {"as_of_month", d.as_of_month}, {"towns", towns}, {"indicators", rows}};
}

}  // namespace jiceng::sync
