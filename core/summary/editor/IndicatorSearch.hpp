#pragma once
// The editor's indicator picker: finds indicators by a part of their Chinese name, an alias, the
// section they belong to, their id, or the pinyin initials of the name ("fzdys" → 发展党员数;
// "fzdy" also finds 发展党员任务数 …). Initials come from a small table of the catalog's characters
// (assets/editor/pinyin_initials.json, made by scripts/gen_pinyin_initials.py).
#include <string>
#include <string_view>
#include <vector>

#include "model/Catalog.hpp"

namespace jiceng::editor {

struct SearchHit {
  const Indicator* indicator = nullptr;
  const Section* section = nullptr;
  int score = 0;  // higher is better
};

class IndicatorSearch {
 public:
  explicit IndicatorSearch(const Catalog& catalog);
  // Every word of the query (split at spaces) must match; best first, catalog order among equals.
  // An empty query lists every indicator in catalog order.
  std::vector<SearchHit> search(std::string_view query, size_t limit = 200) const;
  // Initials of a text, one set of alternatives per character ("行" → "hx"; other characters
  // stand for themselves, lower-cased).
  std::vector<std::string> initials(std::string_view text) const;

 private:
  int match_word(const Indicator& ind, const Section* sec, const std::string& word) const;

  const Catalog& catalog_;
  std::vector<std::vector<std::string>> name_initials_;  // per indicator
};

}  // namespace jiceng::editor
