#include "summary/import/ImportMeaning.hpp"

#include <algorithm>

#include "base/Strings.hpp"

namespace jiceng::summary {

namespace {

bool contains(std::u32string_view text, std::u32string_view word) { return text.find(word) != std::u32string_view::npos; }

// The first word of `words` found in any of `texts`.
const std::u32string* first_in(const std::vector<std::u32string>& words, std::initializer_list<std::u32string_view> texts) {
  for (const auto& w : words)
    for (auto t : texts)
      if (contains(t, w)) return &w;
  return nullptr;
}

}  // namespace

bool MeaningGuard::named(const Indicator& ind, std::u32string_view word) const {
  if (contains(to_u32(ind.name), word)) return true;
  for (const auto& a : ind.aliases)
    if (contains(to_u32(a), word)) return true;
  if (auto it = rules_.phrases.find(ind.id); it != rules_.phrases.end())
    for (const auto& p : it->second)
      if (contains(p, word)) return true;
  return false;
}

std::optional<Veto> MeaningGuard::veto(const Indicator& ind, const MatchQuery& q, const Topic& topic) const {
  const ImportRules::Meaning& m = rules_.meaning;
  auto hit = [&](const char* rule, const std::u32string* w) -> std::optional<Veto> {
    if (!w || named(ind, *w)) return std::nullopt;
    return Veto{rule, to_utf8(*w)};
  };
  const bool forward = std::find(m.forecast_sections.begin(), m.forecast_sections.end(), ind.section) != m.forecast_sections.end();
  if (!forward)
    if (auto v = hit("forecast", first_in(m.forecast, {q.before, q.far_before}))) return v;
  // A target (下一步打算) stands under a heading or in a sentence that looks ahead, never among the
  // year's achievements (a paragraph may hold both).
  if (forward && !first_in(m.forward_topic, {topic.sentence})) return Veto{"achieved", {}};
  if (auto v = hit("remaining", first_in(m.remaining, {q.before, q.far_before}))) return v;
  for (const auto& w : m.threshold_after)
    if (!forward && starts_with(q.after, w))
      if (auto v = hit("threshold", &w)) return v;
  for (const auto& w : m.threshold_before)  // "面积不足XX平方米": a bound, not the area
    if (!forward && ends_with(q.before, w))
      if (auto v = hit("bound", &w)) return v;
  // "老党员X名" is a part of the members; "党员干部入户走访X户" counts households, not the cadres.
  if (rules_.units_equivalent(q.unit, U"名"))
    if (auto v = hit("subgroup", first_in(m.subgroups, {q.before, q.after}))) return v;
  if (auto v = hit("participation", first_in(m.participation_after, {q.after}))) return v;
  if (auto v = hit("activity", first_in(m.activities, {q.before, q.far_before}))) return v;
  // A quantity of a named topic (疫情防控) needs that topic somewhere in its paragraph or headings.
  for (const auto& key : {ind.id, ind.section}) {
    auto it = m.requires_topic.find(key);
    if (it == m.requires_topic.end()) continue;
    if (std::none_of(it->second.begin(), it->second.end(), [&](const auto& w) { return contains(topic.paragraph, w); })) {
      std::string words;
      for (const auto& w : it->second) words += (words.empty() ? "" : "、") + to_utf8(w);
      return Veto{"topic", words};
    }
  }
  return std::nullopt;
}

std::string MeaningGuard::explain(const Veto& v, const Indicator& ind) {
  return tr("summary.import.veto." + v.rule, {{"word", v.word}, {"name", ind.name}});
}

}  // namespace jiceng::summary
