#include "summary/import/ImportNaming.hpp"

#include <algorithm>
#include <cctype>

namespace jiceng::summary {
namespace {

constexpr size_t kMaxName = 24;  // characters; a longer phrase keeps its end, where the noun is

bool is_edge_mark(char32_t c) {
  return c == U' ' || c == U'　' || c == U'，' || c == U',' || c == U'、' || c == U'：' || c == U':' || c == U'（' ||
         c == U'）' || c == U'(' || c == U')' || c == U'的';
}

// Drops filler words and punctuation at both ends until none is left ("全镇共有党员" → "党员").
std::u32string trim_phrase(std::u32string s, const ImportRules::Naming& n) {
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    while (!s.empty() && is_edge_mark(s.front())) s.erase(0, 1), changed = true;
    while (!s.empty() && is_edge_mark(s.back())) s.pop_back(), changed = true;
    for (const auto& w : n.leading)
      if (starts_with(s, w)) { s.erase(0, w.size()); changed = true; break; }
    for (const auto& w : n.trailing)
      if (ends_with(s, w)) { s.resize(s.size() - w.size()); changed = true; break; }
  }
  return s;
}

// "党员参与志愿服务" → "参与志愿服务党员": the people counted come first in the text, last in a name.
std::u32string from_after(const std::u32string& after, const ImportRules& rules) {
  for (const auto& verb : rules.meaning.participation_after) {
    size_t at = after.find(verb);
    if (at != std::u32string::npos && at > 0) return after.substr(at) + after.substr(0, at);
  }
  return after;
}

IndicatorKind kind_of(BlankKind b, const std::u32string& unit) {
  if (b == BlankKind::Money) return IndicatorKind::Money;
  if (b == BlankKind::Percent) return IndicatorKind::Percent;
  std::u32string u = unit;
  if (starts_with(u, U"万") && u.size() > 1) u.erase(0, 1);
  if (u == U"人次" || u == U"户次") return IndicatorKind::PersonTimes;
  if (u == U"亩" || u == U"平方米") return IndicatorKind::Area;
  if (u == U"公里" || u == U"米") return IndicatorKind::Length;
  if (u == U"吨") return IndicatorKind::Weight;
  if (u == U"方" || u == U"立方米") return IndicatorKind::Volume;
  return IndicatorKind::Count;
}

std::u32string suffix_for(const NamingInput& in, const std::u32string& phrase, const ImportRules::Naming& n) {
  auto ends_any = [&](std::initializer_list<std::u32string_view> words) {
    return std::any_of(words.begin(), words.end(), [&](std::u32string_view w) { return ends_with(phrase, w); });
  };
  if (in.veto == "threshold" || in.veto == "bound") return n.threshold_suffix;
  if (in.kind == BlankKind::Money) return ends_any({U"收入", U"资金", U"金额", U"经费", U"投入", U"费", U"款"}) ? U"" : n.money_suffix;
  if (in.kind == BlankKind::Percent) return ends_any({U"率", U"比例", U"比重", U"占比"}) ? U"" : n.percent_suffix;
  std::u32string unit = in.unit;
  if (starts_with(unit, U"万") && unit.size() > 1) unit.erase(0, 1);
  const bool people = unit == U"名" || unit == U"人" || unit == U"位";
  if (!unit.empty() && ends_with(phrase, unit)) return U"数";  // "脱贫监测户" counted in 户
  if (people && std::any_of(n.person_nouns.begin(), n.person_nouns.end(), [&](const auto& w) { return ends_with(phrase, w); }))
    return U"数";
  for (const auto& [u, name] : n.unit_names)
    if (u == unit) return ends_with(phrase, name) ? U"" : name;
  return ends_with(phrase, U"数") ? U"" : U"数";
}

// "35" → "三十五": a name may not start with a digit (it would read as a number in a placeholder).
std::u32string chinese_number(int n) {
  static const char32_t* digits = U"零一二三四五六七八九";
  std::u32string out;
  if (n >= 100) {
    out += digits[n / 100];
    out += U'百';
    n %= 100;
    if (n > 0 && n < 10) out += U'零';
  }
  if (n >= 10) {
    if (n >= 20 || !out.empty()) out += digits[n / 10];
    out += U'十';
    n %= 10;
  }
  if (n > 0 || out.empty()) out += digits[n];
  return out;
}

// A name must read as one identifier inside a placeholder ({老党员数 | 余}): quotes, brackets and
// operators go; a list's "、" becomes "和".
std::u32string identifier_safe(const std::u32string& s) {
  constexpr std::u32string_view kDropped = U"“”「」‘’《》〈〉【】（）()[]<>＋－×÷＝＜＞≤≥≠％|｜{}｛｝　 ";
  std::u32string out;
  for (char32_t c : s) {
    if (c == U'、' || c == U'，' || c == U',') out += U'和';
    else if (c < 0x80 ? (std::isalnum(int(c)) || c == U'_') : kDropped.find(c) == std::u32string_view::npos) out += c;
  }
  size_t digits = 0;
  while (digits < out.size() && digits < 3 && out[digits] >= U'0' && out[digits] <= U'9') ++digits;
  if (digits > 0 && (digits == out.size() || out[digits] < U'0' || out[digits] > U'9'))
    out = chinese_number(std::stoi(to_utf8(out.substr(0, digits)))) + out.substr(digits);
  while (!out.empty() && out[0] >= U'0' && out[0] <= U'9') out.erase(0, 1);  // a year ("2021年…") says nothing
  return out;
}

}  // namespace

std::optional<ProposedIndicator> name_indicator(const NamingInput& in, const Catalog& catalog, const ImportRules& rules) {
  if (in.kind != BlankKind::Number && in.kind != BlankKind::Money && in.kind != BlankKind::Percent) return std::nullopt;
  const auto& n = rules.naming;
  ProposedIndicator p;
  // The phrase before the blank names it; a list item before "、" belongs to the figure before.
  std::u32string before = in.before;
  if (size_t comma = before.find_last_of(U"、"); comma != std::u32string::npos && trim_phrase(before.substr(comma + 1), n).empty())
    before.clear();
  std::u32string phrase = trim_phrase(before, n);
  p.confidence = 0.5;
  const std::u32string after = trim_phrase(in.after, n);
  if (phrase.empty() && !after.empty()) {  // "XX名党员参与志愿服务": the words after say who
    phrase = trim_phrase(from_after(after, rules), n);
    p.confidence = 0.3;
  } else if (phrase.size() <= 2 && !after.empty()) {  // "剩余XX户脱贫监测户已…": the noun follows
    size_t end = after.size();
    for (const auto& w : n.after_stops)
      if (size_t at = after.find(w); at != std::u32string::npos && at > 0) end = std::min(end, at);
    phrase += trim_phrase(after.substr(0, end), n);
    p.confidence = 0.4;
  }
  if (phrase.size() <= 2 && after.empty() && !in.previous.empty()) {  // "中心X处，面积XX平方米": the same subject
    phrase = in.previous + phrase;
    p.confidence = 0.4;
  }
  if (phrase.size() < 2) {  // "…XX万元以上的村达到X个": only the whole clause says what is counted
    phrase = trim_phrase(in.clause, n);
    p.confidence = 0.2;
  }
  phrase = identifier_safe(phrase);
  if (phrase.empty()) return std::nullopt;
  if (phrase.size() > kMaxName) phrase = trim_phrase(phrase.substr(phrase.size() - kMaxName), n);
  // Villages counted ("…以上的村X个") or one named village's figure ("收入最高的X村达…"): a
  // town figure, typed once; summing it over villages would mean nothing.
  const bool about_villages = (ends_with(phrase, U"村") && in.unit == U"个") || in.clause.find(U"X村") != std::u32string::npos;
  // An average ("平均年龄XX岁") or a secretary's own figure: summing it over villages means nothing.
  const bool town_figure = in.town_report ||
                           std::find(n.town_units.begin(), n.town_units.end(), in.unit) != n.town_units.end() ||
                           std::any_of(n.town_words.begin(), n.town_words.end(),
                                       [&](const auto& w) { return phrase.find(w) != std::u32string::npos; });
  p.stem = phrase;
  phrase += suffix_for(in, phrase, n);
  p.name = to_utf8(phrase);

  std::u32string unit = in.unit;
  for (char32_t c : {U'余', U'多'}) std::erase(unit, c);
  if (in.kind == BlankKind::Percent) unit = U"%";
  if (unit.empty()) unit = U"个";
  p.unit = to_utf8(unit);
  p.kind = kind_of(in.kind, unit);
  const bool town_once = about_villages || town_figure || in.kind == BlankKind::Percent || in.veto == "threshold" || in.veto == "bound" ||
                         in.veto == "forecast";
  p.level = town_once ? Level::Town : Level::Village;
  p.format = in.format;

  // The section of the heading above: an existing one whose name it shares, else a new one.
  std::u32string heading = in.heading;
  if (size_t cut = heading.find_first_of(U"，。；：,;:"); cut != std::u32string::npos) heading.resize(cut);
  heading = trim_phrase(heading, n);
  if (heading.size() > 20) heading.resize(20);
  p.section_name = heading.empty() ? n.other_section : to_utf8(heading);
  for (const auto& s : catalog.sections()) {
    std::u32string name = to_u32(s.name);
    if (!heading.empty() && (heading.find(name) != std::u32string::npos || name.find(heading) != std::u32string::npos)) {
      p.section = s.id;
      p.section_name = s.name;
      break;
    }
    if (s.name == p.section_name) p.section = s.id;
  }
  return p;
}

}  // namespace jiceng::summary
