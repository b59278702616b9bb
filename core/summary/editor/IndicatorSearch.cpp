#include "summary/editor/IndicatorSearch.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

#include "base/Assets.hpp"
#include "base/Text.hpp"

namespace jiceng::editor {
namespace {

const std::unordered_map<char32_t, std::string>& initials_table() {
  static const auto table = [] {
    std::unordered_map<char32_t, std::string> t;
    auto j = nlohmann::json::parse(asset("editor/pinyin_initials.json"));
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::vector<char32_t> k = utf8_decode(it.key());
      if (k.size() == 1) t[k[0]] = it.value().get<std::string>();
    }
    return t;
  }();
  return table;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

bool all_ascii_letters(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z'); });
}

// Where the initials sequence matches `word` letter by letter; npos when it does not.
size_t initials_at(const std::vector<std::string>& seq, std::string_view word) {
  if (word.size() > seq.size()) return std::string::npos;
  for (size_t start = 0; start + word.size() <= seq.size(); ++start) {
    bool ok = true;
    for (size_t i = 0; i < word.size() && ok; ++i) ok = seq[start + i].find(word[i]) != std::string::npos;
    if (ok) return start;
  }
  return std::string::npos;
}

}  // namespace

IndicatorSearch::IndicatorSearch(const Catalog& catalog) : catalog_(catalog) {
  for (const auto& ind : catalog.indicators()) name_initials_.push_back(initials(ind.name));
}

std::vector<std::string> IndicatorSearch::initials(std::string_view text) const {
  std::vector<std::string> out;
  const auto& table = initials_table();
  for (char32_t c : utf8_decode(text)) {
    auto it = table.find(c);
    if (it != table.end()) out.push_back(it->second);
    else if (c < 0x80) out.push_back(lower_ascii(std::string(1, char(c))));
    else out.push_back(utf8_encode(std::u32string(1, c)));
  }
  return out;
}

int IndicatorSearch::match_word(const Indicator& ind, const Section* sec, const std::string& word) const {
  const std::string w = lower_ascii(word);
  int best = 0;
  auto text_score = [&](std::string_view hay, int prefix, int inside) {
    size_t at = hay.find(word);
    if (at == std::string_view::npos) return 0;
    return at == 0 ? prefix : inside;
  };
  best = std::max(best, ind.name == word ? 100 : text_score(ind.name, 80, 60));
  for (const auto& a : ind.aliases) best = std::max(best, a == word ? 90 : text_score(a, 55, 45));
  if (sec) best = std::max(best, text_score(sec->name, 30, 25));
  best = std::max(best, text_score(lower_ascii(ind.id), 40, 20));
  if (all_ascii_letters(w)) {
    const auto& seq = name_initials_[catalog_.index_of(ind.id)];
    size_t at = initials_at(seq, w);
    if (at != std::string::npos) best = std::max(best, at == 0 ? (w.size() == seq.size() ? 95 : 70) : 50);
    for (const auto& a : ind.aliases)
      if (initials_at(initials(a), w) != std::string::npos) best = std::max(best, 40);
  }
  return best;
}

std::vector<SearchHit> IndicatorSearch::search(std::string_view query, size_t limit) const {
  std::vector<std::string> words;
  size_t i = 0;
  const std::string q(query);
  while (i < q.size()) {
    size_t j = q.find(' ', i);
    if (j == std::string::npos) j = q.size();
    if (j > i) words.push_back(q.substr(i, j - i));
    i = j + 1;
  }
  std::vector<SearchHit> hits;
  for (const auto& ind : catalog_.indicators()) {
    const Section* sec = catalog_.section(ind.section);
    int score = words.empty() ? 1 : 0;
    bool all = true;
    for (const auto& w : words) {
      int s = match_word(ind, sec, w);
      if (s == 0) { all = false; break; }
      score += s;
    }
    if (all) hits.push_back(SearchHit{&ind, sec, score});
  }
  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

}  // namespace jiceng::editor
