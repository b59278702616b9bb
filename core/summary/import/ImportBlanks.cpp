#include "summary/import/ImportBlanks.hpp"

namespace jiceng::summary {
namespace {

// The notations vendors blank a figure with: X, XX, x, Ｘ, ×, ××, *, **, □, and a run of
// underscores (＿＿, ____; a single one is not taken).
bool is_blank_char(char32_t c) {
  switch (c) {
    case U'X': case U'x': case U'×': case U'Ｘ': case U'ｘ': case U'*': case U'＊': case U'□': case U'_': case U'＿':
      return true;
    default:
      return false;
  }
}
bool is_underscore(char32_t c) { return c == U'_' || c == U'＿'; }
bool is_ascii_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
bool is_dot(char32_t c) { return c == U'.' || c == U'．'; }

bool ends_with_any(std::u32string_view s, const std::vector<std::u32string>& words) {
  for (const auto& w : words)
    if (ends_with(s, w)) return true;
  return false;
}

bool starts_with_any(std::u32string_view s, const std::vector<std::u32string>& words) {
  for (const auto& w : words)
    if (starts_with(s, w)) return true;
  return false;
}

std::u32string longest_unit(std::u32string_view s, const ImportRules& rules) {
  for (const auto& u : rules.units)  // longest first
    if (starts_with(s, u)) return u;
  return {};
}

// Classifies the blank p[start, end) by the words around it.
Blank classify(const std::u32string& p, size_t start, size_t end, bool digit_prefix, bool in_title,
               const ImportRules& rules) {
  Blank b;
  b.token_start = b.span_start = start;
  b.token_end = b.span_end = b.unit_end = end;
  std::u32string_view before(p.data(), start);
  std::u32string_view after(p.data() + end, p.size() - end);
  auto set = [&](BlankKind k, std::u32string_view unit, size_t consumed = 0) {
    b.kind = k;
    b.unit = unit;
    b.unit_end = end + unit.size();
    b.span_end = end + consumed;
    return b;
  };
  if (ends_with(before, U"涉")) return set(BlankKind::Text, U"");  // "涉X涉X": a removed word
  // Inside 《》 a blank is part of a name ("《X日报》"), and so is "X日报" itself.
  if (before.find_last_of(U'《') != std::u32string_view::npos &&
      (before.find_last_of(U'》') == std::u32string_view::npos || before.find_last_of(U'》') < before.find_last_of(U'《')))
    return set(BlankKind::Text, U"");
  if (starts_with(after, U"日报") || starts_with(after, U"晚报")) return set(BlankKind::Text, U"");
  if (starts_with(after, U"年")) {
    // "用X年时间", "近X年来": a duration, a number of years.
    if (!digit_prefix && (starts_with(after, U"年时间") || starts_with(after, U"年来") || starts_with(after, U"年多")))
      return set(BlankKind::Number, U"年");
    if (digit_prefix || in_title || ends_with_any(before, rules.year_before)) return set(BlankKind::Year, U"年");
    if (ends_with(before, U"连续") || ends_with(before, U"近") || ends_with(before, U"第")) return set(BlankKind::Number, U"年");
    return set(BlankKind::Year, U"年");
  }
  if (starts_with(after, U"个月")) return set(BlankKind::Number, U"个月");
  if (starts_with(after, U"月")) return set(BlankKind::Month, U"月");
  if (starts_with(after, U"日") || starts_with(after, U"号")) return set(BlankKind::Number, U"日");
  if (starts_with(after, U"%") || starts_with(after, U"％")) return set(BlankKind::Percent, U"%");
  if (starts_with(after, U"个百分点")) return set(BlankKind::Percent, U"个百分点");
  // "X村已建成…", "X社区": a village named by a fact; the placeholder replaces the name whole.
  if (starts_with(after, U"村") && !starts_with(after, U"村民") && !starts_with(after, U"村级"))
    return set(BlankKind::Village, U"", 1);
  if (starts_with(after, U"社区")) return set(BlankKind::Village, U"", 2);
  // "XX镇", "X乡": a place; the town's own name is what such a summary means (span takes the 镇).
  if (!digit_prefix && (starts_with(after, U"镇") || starts_with(after, U"乡")) && !starts_with(after, U"镇村") &&
      !starts_with(after, U"乡村"))
    return set(BlankKind::Text, U"", 1);
  if (!digit_prefix && starts_with(after, U"街道")) return set(BlankKind::Text, U"", 2);  // a street office: its own name
  if (!digit_prefix && starts_with_any(after, rules.text_after)) return set(BlankKind::Text, U"");

  size_t pos = 0;
  if (!after.empty() && (after[0] == U'余' || after[0] == U'多')) { b.approx = after[0]; pos = 1; }
  std::u32string prefix;
  if (pos == 0 && after.size() > 2 && after[0] == U'万' && (after[1] == U'余' || after[1] == U'多')) {
    b.approx = after[1];
    b.approx_inside = true;
    prefix = U"万";
    pos = 2;
  }
  std::u32string unit = longest_unit(after.substr(pos), rules);
  if (!unit.empty()) {
    b.unit = prefix + unit;
    b.kind = unit.back() == U'元' ? BlankKind::Money : BlankKind::Number;
    b.unit_end = end + pos + unit.size();
    // "X余户": 余 goes into the placeholder's format; "X万余元" keeps its words and uses 约数.
    b.span_end = b.approx && !b.approx_inside ? end + 1 : end;
    return b;
  }
  b.approx = 0;
  bool number_context = ends_with_any(before, rules.number_before) || ends_with(before, U"第");
  if (after.empty() || is_clause_break(after[0]) || after[0] == U'、' || after[0] == U'）' || after[0] == U')')
    return set(number_context ? BlankKind::Number : BlankKind::Text, U"");
  return set(number_context && digit_prefix ? BlankKind::Number : BlankKind::Text, U"");
}

}  // namespace

std::string_view to_string(BlankKind k) {
  switch (k) {
    case BlankKind::Number: return "number";
    case BlankKind::Percent: return "percent";
    case BlankKind::Money: return "money";
    case BlankKind::Year: return "year";
    case BlankKind::Month: return "month";
    case BlankKind::Village: return "village";
    case BlankKind::Text: return "text";
  }
  return "text";
}

bool is_clause_break(char32_t c) {
  switch (c) {
    case U'，': case U'。': case U'；': case U'：': case U'！': case U'？': case U',': case U';':
    case U':': case U'!': case U'?': case U'\n':
      return true;
    default:
      return false;
  }
}

std::vector<Blank> find_blanks(const std::u32string& p, bool in_title, const ImportRules& rules) {
  std::vector<Blank> out;
  for (size_t i = 0; i < p.size();) {
    if (!is_blank_char(p[i])) { ++i; continue; }
    size_t j = i;
    while (j < p.size() && (is_blank_char(p[j]) || (is_dot(p[j]) && j > i && j + 1 < p.size() && is_blank_char(p[j + 1]))))
      ++j;
    bool latin = (i > 0 && is_ascii_letter(p[i - 1]) && !is_blank_char(p[i - 1])) || (j < p.size() && is_ascii_letter(p[j]));
    // A lone lowercase x or × between digits is arithmetic or a Latin word, not a blank.
    bool times = (p[i] == U'×' || p[i] == U'x') && i > 0 && is_digit(p[i - 1]) && j < p.size() && is_digit(p[j]);
    // One underscore is punctuation (a file_name), a run of them a line to write on.
    bool lone_underscore = j - i == 1 && is_underscore(p[i]);
    if (latin || times || lone_underscore) { i = j; continue; }
    size_t s = i;
    while (s > 0 && is_digit(p[s - 1])) --s;
    out.push_back(classify(p, s, j, s < i, in_title, rules));
    i = j;
  }
  return out;
}

}  // namespace jiceng::summary
