#include "model/RuleInputs.hpp"

#include "model/ValueSource.hpp"

namespace jiceng {
namespace {

std::set<std::string> ruled_of(const Catalog& catalog) {
  std::set<std::string> out;
  for (const auto& ind : catalog.indicators())
    for (const auto& r : ind.rules) {
      out.insert(ind.id);
      out.insert(r.other);
    }
  return out;
}

// A value the year's figures give (a computed figure, or a monthly one compared with a yearly).
bool from_figures(const Indicator& other, const Period& period) {
  return other.derived() || (period.is_year() && other.frequency == Frequency::Monthly);
}

}  // namespace

RuleInputs::RuleInputs(const ValueSource& source, bool computed)
    : catalog_(source.catalog()), source_(&source), computed_(computed), ruled_(ruled_of(catalog_)) {}

RuleInputs::RuleInputs(const YearFigures& figures)
    : catalog_(figures.catalog()), given_(&figures), ruled_(ruled_of(catalog_)) {}

void RuleInputs::add_pending(OrgId org, const std::string& indicator, const Period& period, double value) {
  if (ruled(indicator)) pending_[{org, indicator, period.str()}] = value;
}

std::optional<double> RuleInputs::value(OrgId org, const std::string& indicator, const Period& period) {
  auto p = pending_.find({org, indicator, period.str()});
  if (p != pending_.end()) return p->second;
  const Indicator* o = catalog_.find(indicator);
  if (!o) return std::nullopt;
  // Computed figures, and a monthly figure compared with a yearly one, come from the year's
  // figures (the months rolled up the catalog's way).
  const bool figure = from_figures(*o, period);
  if (given_) {
    if (figure || period.is_year()) return given_->value(org, indicator);
    if (o->frequency == Frequency::Monthly) return given_->month_value(org, indicator, period.month);
    return std::nullopt;  // a yearly figure has no value for a month
  }
  if (figure) {
    if (!computed_) return std::nullopt;
    auto it = figures_.find(period.year);
    if (it == figures_.end()) it = figures_.emplace(period.year, YearFigures::compute(*source_, period.year)).first;
    return it->second.value(org, indicator);
  }
  if (auto r = source_->value(org, indicator, period)) return r->value;
  return std::nullopt;
}

bool RuleInputs::reads_figures(const Indicator& ind, const Period& period) const {
  auto figure = [&](const std::string& id) {
    const Indicator* o = catalog_.find(id);
    return o && from_figures(*o, period);
  };
  for (const auto& r : ind.rules)
    if (figure(r.other)) return true;
  for (const auto& other : catalog_.indicators())
    for (const auto& r : other.rules)
      if (r.other == ind.id && from_figures(other, period)) return true;
  return false;
}

std::vector<RuleViolation> RuleInputs::check(OrgId org, const Indicator& ind, const Period& period, double value) {
  return check_cross(catalog_, ind, value, [&](const std::string& other) { return this->value(org, other, period); });
}

}  // namespace jiceng
