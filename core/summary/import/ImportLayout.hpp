#pragma once
// The layout half of the importer: which lines are vendor stamps, which paragraph is the title,
// and which are headings (一、 /（一）/ 1. /（1）, numbering stripped since the renderer numbers).
#include <string>

#include "summary/import/ImportRules.hpp"

namespace jiceng::summary {

int vendor_score(const std::u32string& line, int repeats, const ImportRules& rules);
bool is_decoration(const std::u32string& line);  // rules of ====, ★★★ and the like
bool looks_like_title(const std::u32string& line, const ImportRules& rules);

struct HeadingSplit {
  int level = 0;          // 0: not a heading
  std::u32string heading; // without its number
  std::u32string rest;    // body text that followed the heading in the same paragraph
};
HeadingSplit split_heading(const std::u32string& line, const ImportRules& rules);

}  // namespace jiceng::summary
