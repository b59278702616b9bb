#include "RuleInputs.hpp"

#include "Store.hpp"

namespace jiceng {

RuleInputs::RuleInputs(const Store& store, bool computed) : store_(store), computed_(computed) {
  for (const auto& ind : store.catalog().indicators())
    for (const auto& r : ind.rules) {
      ruled_.insert(ind.id);
      ruled_.insert(r.other);
    }
}

void RuleInputs::add_pending(OrgId org, const std::string& indicator, const Period& period, double value) {
  if (ruled(indicator)) pending_[{org, indicator, period.str()}] = value;
}

std::optional<double> RuleInputs::value(OrgId org, const std::string& indicator, const Period& period) {
  auto p = pending_.find({org, indicator, period.str()});
  if (p != pending_.end()) return p->second;
  const Indicator* o = store_.catalog().find(indicator);
  // Computed figures, and a monthly figure compared with a yearly one, come from the year's
  // figures (the months rolled up the catalog's way).
  if (o && (o->derived() || (period.is_year() && o->frequency == Frequency::Monthly))) {
    if (!computed_) return std::nullopt;
    auto it = figures_.find(period.year);
    if (it == figures_.end()) it = figures_.emplace(period.year, YearFigures::compute(store_, period.year)).first;
    return it->second.value(org, indicator);
  }
  if (auto r = store_.value(org, indicator, period)) return r->value;
  return std::nullopt;
}

std::vector<RuleViolation> RuleInputs::check(OrgId org, const Indicator& ind, const Period& period, double value) {
  return check_cross(store_.catalog(), ind, value,
                     [&](const std::string& other) { return this->value(org, other, period); });
}

}  // namespace jiceng
