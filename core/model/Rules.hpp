#pragma once
// The one rule engine: turns typed text into a number and checks it against the catalog's rules
// (integer, bounds, percent ≤ 100, cross-field rules such as "rectified ≤ found"). Used by the
// store before every write and by forms as the clerk types, so both give the same message.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/Error.hpp"
#include "model/Catalog.hpp"

namespace jiceng {

// Parses a figure as a clerk types it: ASCII or full-width digits, an optional decimal point,
// surrounding spaces. Throws InputError (at `where`) for anything else.
double parse_figure(std::string_view text, const Indicator& ind, const Location& where);

// Whether `org` types `ind` for `period` at all: who types it (Indicator::typed_by) and whether a
// yearly figure was given a month. The refusal when not, nullopt when it may be typed. The store's
// writer and the package importer ask it of every value, so a package cannot bring in what a form
// would refuse.
struct EntryRefusal {
  std::string message;  // Chinese, naming the indicator (and the organisation)
  const char* field;    // strings key of the field at fault: field.indicator, field.org, field.period
};
std::optional<EntryRefusal> entry_refusal(const Indicator& ind, const Org& org, const Period& period);

// Checks one value against the indicator's own rules (whole numbers, the catalog's bounds, and
// without a catalog maximum a ceiling of kFigureCeiling, far above any town's figure but below
// where a double stops holding whole numbers exactly); throws InputError. Returns the value as it
// is stored: a whole-number indicator's value rounded (4.0000000001 is 4, in the database and every
// export alike).
double check_value(const Indicator& ind, double value, const Location& where);

// The entry unit (Indicator::entry_unit) and the report unit, converted through decimal text at
// fixed places: the stored figure is the double nearest the exact decimal (47 元 → 0.0047 万元)
// and a round trip gives back what was typed, with no binary drift (0.1 + 0.2 prints 0.3).
// Without an entry unit both return the value unchanged. typed_to_stored throws InputError when
// more decimal places are typed than the entry unit keeps (分 for 元).
double typed_to_stored(const Indicator& ind, double typed, const Location& where);
double stored_to_typed(const Indicator& ind, double stored);
double decimal_round(double value, int places);
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
