#include "model/Plausibility.hpp"

#include <algorithm>
#include <cmath>

#include "base/Strings.hpp"
#include "model/Rules.hpp"
#include "model/ValueSource.hpp"

namespace jiceng {
namespace {

// "15.6 倍" above, "1/64" below: the way a clerk would say how far off the value is.
std::string ratio_text(double ratio) {
  if (ratio >= 1) return tr("plausibility.times", {{"n", format_number(ratio, ratio >= 100 ? 0 : 1)}});
  const double inverse = 1 / ratio;
  return tr("plausibility.fraction", {{"n", format_number(inverse, inverse >= 100 ? 0 : 1)}});
}

bool off(double ratio) { return ratio >= kImplausibleRatio || ratio <= 1 / kImplausibleRatio; }

// Compares with one reference; nullopt when it says nothing (absent, zero, both small counts).
std::optional<PlausibilityReference> compare(const Indicator& ind, double value, std::optional<double> reference,
                                             PlausibilityReference::Kind kind, double target) {
  if (!reference || *reference == 0 || value == 0) return std::nullopt;
  if (ind.integer && std::fabs(value) < kSmallCount && std::fabs(*reference) < kSmallCount) return std::nullopt;
  const double ratio = value / *reference;
  if (ratio <= 0 || !off(ratio)) return std::nullopt;  // opposite signs: a rule's business, not a scale
  return PlausibilityReference{kind, *reference, target, ratio};
}

}  // namespace

std::optional<PlausibilityWarning> assess_plausibility(const Indicator& ind, const Period& period, double value,
                                                       const PlausibilityBasis& basis) {
  using Kind = PlausibilityReference::Kind;
  PlausibilityWarning w;
  if (auto r = compare(ind, value, basis.last_year, Kind::LastYear, 0)) w.references.push_back(*r);
  if (basis.target) {
    // A month of a figure that adds up over the year expects a twelfth of the target; a month of a
    // stock figure (月末在册, the year's latest or largest month) is compared with the whole target.
    const bool share = !period.is_year() && ind.frequency == Frequency::Monthly && ind.rollup == Rollup::Sum;
    const double reference = share ? *basis.target / 12 : *basis.target;
    if (auto r = compare(ind, value, reference, share ? Kind::TargetShare : Kind::Target, *basis.target))
      w.references.push_back(*r);
  }
  if (w.references.empty()) return std::nullopt;

  // In the unit the person typed (元 for 党费), like the form beside it. Small amounts keep their
  // significant digits (format_number), so 0.035 万元 never reads 0.
  const std::string& unit = ind.typed_unit();
  auto number = [&](double v) {
    return ind.has_entry_unit() ? format_number(stored_to_typed(ind, v), ind.entry_decimals)
                                : format_number(v, std::max(ind.decimals, 2));
  };
  std::string parts;
  for (const auto& r : w.references) {
    const char* key = r.kind == Kind::LastYear ? "plausibility.last_year"
                      : r.kind == Kind::Target ? "plausibility.target"
                                               : "plausibility.target_share";
    if (!parts.empty()) parts += tr("plausibility.and");
    parts += tr(key, {{"reference", number(r.reference)}, {"target", number(r.target)}, {"unit", unit},
                      {"ratio", ratio_text(r.ratio)}});
  }
  w.message = tr("plausibility.sentence", {{"value", number(value)}, {"unit", unit}, {"parts", parts}});
  return w;
}

PlausibilityBasis plausibility_basis(const ValueSource& source, const Indicator& ind, OrgId org, const Period& period) {
  PlausibilityBasis b;
  if (auto last = source.value(org, ind.id, Period{period.year - 1, period.month})) b.last_year = last->value;
  if (ind.has_target) b.target = source.target(org, ind.id, period.year);
  return b;
}

std::optional<PlausibilityWarning> check_plausibility(const ValueSource& source, const Indicator& ind, OrgId org,
                                                      const Period& period, double value) {
  return assess_plausibility(ind, period, value, plausibility_basis(source, ind, org, period));
}

}  // namespace jiceng
