#pragma once
// Is a typed value plausible? A clerk who types 50 meaning 50 元 into a 万元 field multiplies the
// village's figure ten-thousandfold and nothing in the rules (≥ 0, an integer, …) notices. So a
// single typed value is compared with what is known of its scale: the same period last year and
// the organisation's own target pro-rated to the period. Far off (×5 or ÷5) is a warning to
// confirm, never a refusal: real figures do jump. Documented in docs/COLLECT.md.
#include <optional>
#include <string>
#include <vector>

#include "base/Error.hpp"
#include "model/Catalog.hpp"
#include "model/Model.hpp"
#include "model/ValueSource.hpp"

namespace jiceng {

// A value this many times larger or smaller than its reference asks for confirmation.
constexpr double kImplausibleRatio = 5;
// Counts this small on both sides say nothing about units (1 meeting last year, 5 this year).
constexpr double kSmallCount = 10;

// What a typed value was compared with.
struct PlausibilityReference {
  enum class Kind { LastYear, Target, TargetShare } kind = Kind::LastYear;
  double reference = 0;  // the figure compared with (for TargetShare: the year's target / 12)
  double target = 0;     // the year's target (Target, TargetShare)
  double ratio = 0;      // value / reference
};

struct PlausibilityWarning {
  std::string message;  // one Chinese sentence naming every comparison that is off
  std::vector<PlausibilityReference> references;  // the comparisons that are off
};

// The references of one typed value, as the store holds them.
struct PlausibilityBasis {
  std::optional<double> last_year;  // the same period last year, as typed
  std::optional<double> target;     // the organisation's own target for the year
};

// Pure check: a warning when `value` is ≥ 5 times or ≤ 1/5 of a reference. No reference, a zero
// reference or a zero value: no warning (nothing to compare a scale with; zero is never a unit slip).
std::optional<PlausibilityWarning> assess_plausibility(const Indicator& ind, const Period& period, double value,
                                                       const PlausibilityBasis& basis);

// The basis of a value from the store: last year's same period and the organisation's target.
PlausibilityBasis plausibility_basis(const ValueSource& source, const Indicator& ind, OrgId org, const Period& period);

std::optional<PlausibilityWarning> check_plausibility(const ValueSource& source, const Indicator& ind, OrgId org,
                                                      const Period& period, double value);

// Thrown by Store::enter_value for an implausible value that was not confirmed; nothing written.
class ImplausibleValue : public InputError {
 public:
  ImplausibleValue(PlausibilityWarning w, Location where)
      : InputError(w.message, std::move(where)), warning_(std::move(w)) {}
  const PlausibilityWarning& warning() const { return warning_; }

 private:
  PlausibilityWarning warning_;
};

}  // namespace jiceng
