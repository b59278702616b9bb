#include "model/Rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "base/Numbers.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"

namespace jiceng {
namespace {

// Full-width digits and punctuation from Chinese input methods, folded to ASCII.
std::string fold_width(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c == 0xEF && i + 2 < s.size() && (unsigned char)s[i + 1] == 0xBC) {
      unsigned char d = s[i + 2];
      if (d >= 0x90 && d <= 0x99) { out += char('0' + d - 0x90); i += 3; continue; }  // ０-９
      if (d == 0x8E) { out += '.'; i += 3; continue; }                                // ．
      if (d == 0x8D) { out += '-'; i += 3; continue; }                                // －
    }
    if (c == 0xE3 && i + 2 < s.size() && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80) {
      out += ' ';  // ideographic space
      i += 3;
      continue;
    }
    out += char(c);
    ++i;
  }
  return out;
}

bool holds(const std::string& op, double a, double b) {
  constexpr double eps = 1e-9;
  if (op == "le") return a <= b + eps;
  if (op == "ge") return a + eps >= b;
  if (op == "lt") return a < b - eps;
  if (op == "gt") return a > b + eps;
  return true;
}

std::string op_word(const std::string& op) { return tr("rule.op." + op); }

}  // namespace

double parse_figure(std::string_view text, const Indicator& ind, const Location& where) {
  std::string s = fold_width(text);
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  if (b == std::string::npos) throw InputError(tr("rule.empty", {{"name", ind.name}}), where);
  s = s.substr(b, e - b + 1);
  const NumberPrefix n = read_number(s);
  const double v = n.value;
  if (!n.ok || n.length != s.size() || !std::isfinite(v))
    throw InputError(tr("rule.not_a_number", {{"name", ind.name}, {"value", to_valid_utf8(text)}}), where);
  return v;
}

double decimal_round(double value, int places) {
  // Through text rather than v * 10^p: the result is the double nearest the decimal itself.
  char buf[80];
  std::snprintf(buf, sizeof buf, "%.*f", std::clamp(places, 0, 15), value);
  return std::strtod(buf, nullptr);
}

namespace {
// Decimal places a division by the factor adds (10000 → 4).
int factor_places(double factor) { return std::max(0, int(std::ceil(std::log10(factor) - 1e-9))); }
}  // namespace

double typed_to_stored(const Indicator& ind, double typed, const Location& where) {
  if (!ind.has_entry_unit()) return typed;
  if (std::fabs(decimal_round(typed, ind.entry_decimals) - typed) > 1e-9 * std::max(1.0, std::fabs(typed)))
    throw InputError(tr("rule.entry_decimals", {{"name", ind.name}, {"places", std::to_string(ind.entry_decimals)},
                                                {"unit", ind.entry_unit}}), where);
  return decimal_round(typed / ind.entry_factor, ind.entry_decimals + factor_places(ind.entry_factor));
}

double stored_to_typed(const Indicator& ind, double stored) {
  if (!ind.has_entry_unit()) return stored;
  return decimal_round(stored * ind.entry_factor, ind.entry_decimals);
}

std::optional<EntryRefusal> entry_refusal(const Indicator& ind, const Org& org, const Period& period) {
  if (ind.derived()) return EntryRefusal{tr("store.derived_not_typed", {{"name", ind.name}}), "field.indicator"};
  if (!ind.typed_by(org.kind))
    return EntryRefusal{tr(ind.level == Level::Town ? "store.town_level_only" : "store.unit_level_only",
                           {{"name", ind.name}, {"org", org.name}}),
                        "field.org"};
  if (!period.is_year() && ind.frequency == Frequency::Yearly)
    return EntryRefusal{tr("store.yearly_only", {{"name", ind.name}}), "field.period"};
  return std::nullopt;
}

double check_value(const Indicator& ind, double v, const Location& where) {
  const std::string value = format_number(v, 6);
  if (ind.integer && std::fabs(v - std::round(v)) > 1e-9)
    throw InputError(tr("rule.not_integer", {{"name", ind.name}, {"value", value}}), where);
  if (ind.min && v < *ind.min - 1e-9) {
    if (*ind.min == 0) throw InputError(tr("rule.negative", {{"name", ind.name}, {"value", value}}), where);
    throw InputError(tr("rule.below_min", {{"name", ind.name}, {"value", value}, {"min", format_number(*ind.min, 6)}}), where);
  }
  if (ind.max && v > *ind.max + 1e-9) {
    const char* key = ind.kind == IndicatorKind::Percent ? "rule.percent_above_100" : "rule.above_max";
    throw InputError(tr(key, {{"name", ind.name}, {"value", value}, {"max", format_number(*ind.max, 6)}}), where);
  }
  if (!ind.max && std::fabs(v) > kFigureCeiling)
    throw InputError(tr("rule.above_ceiling", {{"name", ind.name}, {"value", value},
                                               {"max", format_number(kFigureCeiling, 6)}}), where);
  return ind.integer ? std::round(v) : v;
}

std::vector<RuleViolation> check_cross(const Catalog& catalog, const Indicator& ind, double value,
                                       const std::function<std::optional<double>(const std::string&)>& other_value) {
  std::vector<RuleViolation> out;
  auto report = [&](const Indicator& a, double av, const std::string& op, const Indicator& b, double bv) {
    std::string msg = tr("rule.cross", {{"name", a.name}, {"value", format_number(av, 6)}, {"op", op_word(op)},
                                        {"other", b.name}, {"other_value", format_number(bv, 6)}});
    out.push_back({a.id, b.id, msg});
  };
  // Rules this indicator states about others …
  for (const auto& r : ind.rules) {
    const Indicator* other = catalog.find(r.other);
    if (!other) continue;
    if (auto ov = other_value(other->id); ov && !holds(r.op, value, *ov)) report(ind, value, r.op, *other, *ov);
  }
  // … and rules other indicators state about this one, so changing either side is checked.
  for (const auto& other : catalog.indicators()) {
    for (const auto& r : other.rules) {
      if (r.other != ind.id) continue;
      if (auto ov = other_value(other.id); ov && !holds(r.op, *ov, value)) report(other, *ov, r.op, ind, value);
    }
  }
  return out;
}

}  // namespace jiceng
