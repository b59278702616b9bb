#pragma once
// The one rule engine: turns typed text into a number and checks it against the catalog's rules
// (integer, bounds, percent ≤ 100, cross-field rules such as "rectified ≤ found"). Used by the
// store before every write and by forms as the clerk types, so both give the same message.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "Catalog.hpp"
#include "Error.hpp"

namespace jiceng {

// Parses a figure as a clerk types it: ASCII or full-width digits, an optional decimal point,
// surrounding spaces. Throws InputError (at `where`) for anything else.
double parse_figure(std::string_view text, const Indicator& ind, const Location& where);

// Checks one value against the indicator's own rules (whole numbers, the catalog's bounds, and
// without a catalog maximum a ceiling of kFigureCeiling, far above any town's figure but below
// where a double stops holding whole numbers exactly); throws InputError. Returns the value as it
// is stored: a whole-number indicator's value rounded (4.0000000001 is 4, in the database and every
// export alike).
double check_value(const Indicator& ind, double value, const Location& where);
inline constexpr double kFigureCeiling = 1e7;

// A cross-field rule broken by a value, described for both fields.
struct RuleViolation {
  std::string indicator;  // the field the message is about
  std::string other;      // the other field of the rule
  std::string message;    // Chinese
};

// Checks the cross-field rules that involve `ind` (as either side), looking up the other side's
// value of the same organisation and period through `other_value`.
std::vector<RuleViolation> check_cross(const Catalog& catalog, const Indicator& ind, double value,
                                       const std::function<std::optional<double>(const std::string&)>& other_value);

}  // namespace jiceng
