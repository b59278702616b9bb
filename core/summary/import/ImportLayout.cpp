#include "summary/import/ImportLayout.hpp"

namespace jiceng::summary {
namespace {

bool contains(std::u32string_view s, std::u32string_view w) { return s.find(w) != std::u32string_view::npos; }
bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
bool is_cn_numeral(char32_t c) { return std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos; }
bool is_cjk(char32_t c) { return c >= 0x3400 && c <= 0x9FFF; }

constexpr size_t kHeadingMax = 40;  // characters; longer lines are body text with a number

// Length of a numbering prefix of `level` at the start of s, 0 when there is none.
size_t number_prefix(std::u32string_view s, int level) {
  size_t i = 0;
  bool paren = level == 2 || level == 4;
  if (paren) {
    if (s.empty() || (s[0] != U'（' && s[0] != U'(')) return 0;
    i = 1;
  }
  size_t start = i;
  if (level == 1 || level == 2) while (i < s.size() && is_cn_numeral(s[i])) ++i;
  else while (i < s.size() && is_digit(s[i])) ++i;
  if (i == start || i - start > 3 || i >= s.size()) return 0;
  if (paren) return (s[i] == U'）' || s[i] == U')') ? i + 1 : 0;
  if (level == 1) return s[i] == U'、' ? i + 1 : 0;
  // "1." but not "1.5万元"
  if ((s[i] == U'.' || s[i] == U'．' || s[i] == U'、') && !(i + 1 < s.size() && is_digit(s[i + 1]))) return i + 1;
  return 0;
}

}  // namespace

int vendor_score(const std::u32string& line, int repeats, const ImportRules& rules) {
  if (is_decoration(line)) return rules.vendor_threshold;
  int strong = 0, weak = 0;
  for (const auto& w : rules.vendor_strong) strong += contains(line, w) ? 1 : 0;
  for (const auto& w : rules.vendor_weak) weak += contains(line, w) ? 1 : 0;
  // "QQ123456", "咨询QQ：123456", phone and group numbers: long digit runs do not occur in
  // blanked templates, whose figures are all X.
  size_t run = 0, longest = 0;
  for (char32_t c : line) { run = is_digit(c) ? run + 1 : 0; longest = std::max(longest, run); }
  for (std::u32string_view qq : {U"QQ", U"ＱＱ", U"qq", U"Qq"}) {
    size_t at = line.find(qq);
    if (at != std::u32string::npos && at + 2 < line.size()) {
      std::u32string_view tail = std::u32string_view(line).substr(at + 2, 4);
      for (char32_t c : tail) if (is_digit(c)) { ++strong; break; }
    }
  }
  int score = strong * 3 + weak + (longest >= 5 ? 2 : 0);
  if (repeats >= 2 && line.size() <= 40) score += 2;  // stamped again between sections
  // A long sentence with a passing "联系群众" or "整理资料" is content, not an advert.
  // So is a finished sentence: adverts end with an exclamation or nothing at all.
  if (strong == 0 && (line.size() > 50 || line.back() == U'。')) score -= 2;
  return score;
}

bool is_decoration(const std::u32string& line) {
  for (char32_t c : line)
    if (is_cjk(c) || is_digit(c) || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) return false;
  return !line.empty();
}

bool looks_like_title(const std::u32string& line, const ImportRules& rules) {
  if (line.size() > 50 || line.empty()) return false;
  char32_t last = line.back();
  if (last == U'。' || last == U'；' || last == U'，' || last == U'：') return false;
  for (const auto& w : rules.title_words)
    if (contains(line, w)) return true;
  return false;
}

HeadingSplit split_heading(const std::u32string& line, const ImportRules& rules) {
  HeadingSplit h;
  for (const auto& w : rules.unnumbered_headings) {
    if (starts_with(line, w) && line.size() <= w.size() + 6) {
      h.level = 1;
      h.heading = line;
      if (!h.heading.empty() && (h.heading.back() == U'：' || h.heading.back() == U':')) h.heading.pop_back();
      return h;
    }
  }
  for (int level = 1; level <= 4; ++level) {
    size_t n = number_prefix(line, level);
    if (n == 0) continue;
    std::u32string body = line.substr(n);
    while (!body.empty() && (body[0] == U' ' || body[0] == U'\u3000')) body.erase(0, 1);
    if (body.empty()) return h;
    // A run-in heading: "（一）强化组织建设。一是……" — the first sentence is the heading.
    size_t stop = body.find_first_of(U"。：:！");
    if (stop != std::u32string::npos && stop + 1 < body.size()) {
      if (stop + 1 > kHeadingMax) return h;
      h.level = level;
      h.heading = body.substr(0, stop + 1);
      h.rest = body.substr(stop + 1);
      return h;
    }
    // "3.党员捐款X万元，党员突击队X支。" is a list item, not a heading.
    bool sentence = body.find(U'，') != std::u32string::npos && body.back() == U'。';
    if (body.size() <= kHeadingMax && !(level >= 3 && sentence)) {
      h.level = level;
      h.heading = body;
      return h;
    }
    return h;  // a long numbered paragraph stays a paragraph, number and all
  }
  return h;
}

}  // namespace jiceng::summary
