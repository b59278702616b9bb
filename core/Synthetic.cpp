#include "Synthetic.hpp"

#include <algorithm>
#include <cstdio>
#include <random>
#include <unordered_map>

#include "Error.hpp"
#include "Store.hpp"
#include "Strings.hpp"

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

// Makes one period's values obey the cross-field rules (a few passes settle chains like a ≤ b ≤ c).
void enforce_rules(const Catalog& cat, std::unordered_map<std::string, double>& v) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& ind : cat.indicators())
      for (const auto& r : ind.rules) {
        auto a = v.find(ind.id), b = v.find(r.other);
        if (a == v.end() || b == v.end()) continue;
        const double x = a->second, y = b->second;
        // Only ever lower the smaller side, so the passes settle.
        const double step = ind.integer ? 1 : 0.01;
        if (r.op == "le" && x > y) a->second = y;
        if (r.op == "ge" && x < y) b->second = x;
        // Strict rules: lower the smaller side by a step, or raise the larger one if that would go below 0.
        if (r.op == "lt" && x >= y) (y - step >= 0 ? a->second = y - step : b->second = x + step);
        if (r.op == "gt" && x <= y) (x - step >= 0 ? b->second = x - step : a->second = y + step);
        changed = changed || a->second != x || b->second != y;
      }
  }
}

std::string text(double v) { return format_number(v, 6); }

std::string village_code(int i) {
  char code[16];
  std::snprintf(code, sizeof code, "V%05d", i);
  return code;
}

}  // namespace

void write_synthetic_orgs(Store& store, const SyntheticSpec& spec) {
  if (!store.is_empty()) throw InputError(tr("store.not_empty"), Location{store.path()});
  const Catalog& cat = store.catalog();
  std::mt19937 rng(spec.seed);
  Actor actor{"bench", "bench"};
  store.transaction([&] {
    OrgId town = store.add_org({0, "T", tr("synthetic.town"), OrgKind::Town, std::nullopt, 0}, actor);
    for (int i = 1; i <= spec.villages; ++i) {
      const std::string code = village_code(i);
      const std::string name = tr("synthetic.village") + std::to_string(i);
      OrgId v = store.add_org({0, code, name, OrgKind::Village, town, i}, actor);
      store.add_org({0, code + "-1", name + tr("synthetic.branch"), OrgKind::Branch, v, 0}, actor);
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
  std::mt19937 rng(spec.seed + 1);
  std::vector<ValueInput> inputs;
  const std::string y = std::to_string(spec.year);
  auto emit = [&](const std::string& org, Level level) {
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
    enforce_rules(cat, yearly);
    for (auto& m : months) enforce_rules(cat, m);
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

}  // namespace jiceng
