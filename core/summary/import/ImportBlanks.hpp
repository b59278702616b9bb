#pragma once
// Finding the blanks of a purchased template (X, XX, ×, Ｘ, *, □, ＿＿, "20XX", "X.X") in one paragraph and
// telling what each stands for from its context: a number, a percent, money, a year, a month, a
// village, or a word removed for sensitivity or a place name (text — never a number).
#include <string>
#include <vector>

#include "summary/import/ImportRules.hpp"

namespace jiceng::summary {

enum class BlankKind { Number, Percent, Money, Year, Month, Village, Text };
std::string_view to_string(BlankKind k);

struct Blank {
  size_t token_start = 0, token_end = 0;  // the blank itself, including a digit prefix ("20XX")
  size_t span_start = 0, span_end = 0;    // what a placeholder replaces (adds 村 for a village, 余 for "X余户")
  size_t unit_end = 0;                    // end of the unit word after the blank
  BlankKind kind = BlankKind::Text;
  std::u32string unit;    // measure word after the blank: 名, 户, 万元, %, 年 …; empty when none
  char32_t approx = 0;    // U'余' / U'多' when the text says "more than"
  bool approx_inside = false;  // "X万余元": the approximation word sits inside the unit
};

// Blanks of one paragraph, in order. `in_title`: the paragraph is the document title (a lone
// "X年" there is the year of the summary).
std::vector<Blank> find_blanks(const std::u32string& paragraph, bool in_title, const ImportRules& rules);

bool is_clause_break(char32_t c);

}  // namespace jiceng::summary
