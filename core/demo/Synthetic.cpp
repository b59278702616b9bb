#include "demo/Synthetic.hpp"

#include <algorithm>
#include <cstdio>
#include <random>
#include <unordered_map>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "model/Expr.hpp"
#include "model/Figures.hpp"
#include "store/Store.hpp"

namespace jiceng {
namespace {

// Plausible magnitudes by kind, so rules (percent ≤ 100, months 1–12) hold by construction.
double draw(const Indicator& ind, std::mt19937& rng, int year) {
  auto pick = [&](uint32_t lo, uint32_t hi) { return double(lo + rng() % (hi - lo + 1)); };
  switch (ind.kind) {
    case IndicatorKind::Percent: return pick(50, 100);
    case IndicatorKind::Month: return pick(1, 12);
    case IndicatorKind::Year: return double(year + 1 + rng() % 5);
    case IndicatorKind::Money: return pick(1, 500) / 100.0;
    case IndicatorKind::Length:
    case IndicatorKind::Area:
    case IndicatorKind::Weight:
    case IndicatorKind::Volume: return ind.integer ? pick(1, 200) : pick(10, 2000) / 10.0;
    default: return pick(0, 60);
  }
}

// Makes one period's values obey the cross-field rules. Values in `fixed` (figures computed from
// the tree) never move; otherwise only the smaller side is lowered, so the passes settle.
void enforce_rules(const Catalog& cat, std::unordered_map<std::string, double>& v,
                   const std::unordered_map<std::string, double>& fixed) {
  auto get = [&](const std::string& id) -> double* {
    if (auto it = v.find(id); it != v.end()) return &it->second;
    return nullptr;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& ind : cat.indicators())
      for (const auto& r : ind.rules) {
        double* a = get(ind.id);
        double* b = get(r.other);
        auto f = fixed.find(r.other);
        double bv = b ? *b : f != fixed.end() ? f->second : -1;
        if (!a || bv < 0) continue;
        const double x = *a, step = ind.integer ? 1 : 0.01;
        if ((r.op == "le" && x > bv) || (r.op == "lt" && x >= bv)) {
          if (r.op == "lt" && bv - step < 0 && b) *b = x + step;
          else *a = std::max(0.0, r.op == "lt" ? bv - step : bv);
        }
        if ((r.op == "ge" && x < bv) || (r.op == "gt" && x <= bv)) {
          if (b && (r.op == "ge" || x - step >= 0)) *b = r.op == "gt" ? x - step : x;
          else *a = r.op == "gt" ? bv + step : bv;
        }
        changed = changed || *a != x || (b && *b != bv);
      }
  }
}

// The drawn figures of one period (and the computed ones) as a formula reads them.
class Drawn : public ExprContext {
 public:
  Drawn(const std::unordered_map<std::string, double>& typed, const std::unordered_map<std::string, double>& fixed)
      : typed_(typed), fixed_(fixed) {}
  ExprValue lookup(const ExprNode& ident) const override {
    for (const auto* m : {&typed_, &fixed_})
      if (auto it = m->find(ident.text); it != m->end()) return ExprValue::num(it->second);
    return ExprValue::absent({ident.text});
  }

 private:
  const std::unordered_map<std::string, double>& typed_;
  const std::unordered_map<std::string, double>& fixed_;
};

std::string text(double v) { return format_number(v, 6); }

std::string village_code(int i) {
  char code[16];
  std::snprintf(code, sizeof code, "V%05d", i);
  return code;
}

}  // namespace

void write_synthetic_orgs(Store& store, const SyntheticSpec& spec) {
  if (!store.is_empty()) throw InputError(tr("store.not_empty"), Location{store.path()});
  Actor actor{"bench", "bench"};
  store.transaction([&] {
    OrgId town = store.add_org({0, "T", tr("synthetic.town"), OrgKind::Town, std::nullopt, 0}, actor);
    for (int i = 1; i <= spec.villages; ++i) {
      const std::string code = village_code(i);
      const std::string name = tr("synthetic.village") + std::to_string(i);
      OrgId v = store.add_org({0, code, name, OrgKind::Village, town, i}, actor);
      store.add_org({0, code + "-1", name + tr("synthetic.branch"), OrgKind::Branch, v, 0}, actor);
    }
    write_synthetic_targets(store, spec);
  });
}

void write_synthetic_targets(Store& store, const SyntheticSpec& spec) {
  const Catalog& cat = store.catalog();
  std::mt19937 rng(spec.seed + uint32_t(spec.year - 2020) * 7919u);  // 2020: the benchmark's figures
  Actor actor{"bench", "bench"};
  store.transaction([&] {
    for (int i = 1; i <= spec.villages; ++i) {
      const OrgId v = store.require_org(village_code(i)).id;
      for (const auto& ind : cat.indicators())
        if (ind.has_target && ind.typed() && ind.level == Level::Village) {
          double t = draw(ind, rng, spec.year) * (ind.frequency == Frequency::Monthly ? spec.months : 1) + 1;
          store.set_target(v, ind.id, spec.year, ind.max ? std::min(t, *ind.max) : t, actor);
        }
    }
  });
}

std::vector<ValueInput> synthetic_values(const Store& store, const SyntheticSpec& spec) {
  const Catalog& cat = store.catalog();
  std::mt19937 rng(spec.seed + 1 + uint32_t(spec.year - 2020) * 7919u);
  std::vector<ValueInput> inputs;
  const std::string y = std::to_string(spec.year);
  const YearFigures tree = YearFigures::compute(store, spec.year);  // org-tree counts for the rules
  auto emit = [&](const std::string& org, Level level) {
    std::unordered_map<std::string, double> fixed;
    const OrgId id = store.find_org(org)->id;
    for (const auto& ind : cat.indicators())
      if (ind.derived())
        if (auto d = tree.value(id, ind.id)) fixed[ind.id] = *d;
    // One map per period: yearly figures, then each month.
    std::unordered_map<std::string, double> yearly;
    std::vector<std::unordered_map<std::string, double>> months(spec.months);
    for (const auto& ind : cat.indicators()) {
      if (!ind.typed() || ind.level != level) continue;
      if (ind.frequency == Frequency::Monthly && spec.monthly)
        for (auto& m : months) m[ind.id] = draw(ind, rng, spec.year);
      else
        yearly[ind.id] = draw(ind, rng, spec.year);
    }
    for (auto& m : months) enforce_rules(cat, m, fixed);
    // A yearly figure compared with a monthly one is compared with the months rolled up.
    for (const auto& ind : cat.indicators()) {
      double year = -1;
      for (const auto& m : months)
        if (auto it = m.find(ind.id); it != m.end())
          year = year < 0 || ind.rollup == Rollup::Last ? it->second
               : ind.rollup == Rollup::Max ? std::max(year, it->second) : year + it->second;
      if (year >= 0) fixed[ind.id] = year;
    }
    enforce_rules(cat, yearly, fixed);
    // Computed figures of the drawn values (主题教育检视问题总数 is a sum of three typed ones), then
    // the rules against them.
    for (size_t i : cat.evaluation_order()) {
      const Indicator& ind = cat.indicators()[i];
      if (ind.aggregate != Aggregate::Formula) continue;
      const ExprValue v = Expr::parse(ind.formula).eval(Drawn(yearly, fixed));
      if (v.is_number()) fixed[ind.id] = v.number;
    }
    enforce_rules(cat, yearly, fixed);
    for (const auto& [id, v] : yearly) inputs.push_back({org, id, y, text(v), ValueStatus::Submitted});
    for (size_t k = 0; k < months.size(); ++k) {
      char period[16];
      std::snprintf(period, sizeof period, "%s-%02zu", y.c_str(), k + 1);
      for (const auto& [id, v] : months[k]) inputs.push_back({org, id, period, text(v), ValueStatus::Submitted});
    }
  };
  emit("T", Level::Town);
  for (int i = 1; i <= spec.villages; ++i) emit(village_code(i), Level::Village);
  return inputs;
}

size_t write_synthetic_town(Store& store, const SyntheticSpec& spec) {
  write_synthetic_orgs(store, spec);
  return store.set_values(synthetic_values(store, spec), Actor{"bench", "bench"});
}

size_t write_synthetic_years(Store& store, SyntheticSpec spec, const std::vector<int>& years) {
  size_t written = 0;
  for (size_t k = 0; k < years.size(); ++k) {
    spec.year = years[k];
    if (k == 0) write_synthetic_orgs(store, spec);
    else write_synthetic_targets(store, spec);
    written += store.set_values(synthetic_values(store, spec), Actor{"bench", "bench"});
  }
  return written;
}

}  // namespace jiceng
