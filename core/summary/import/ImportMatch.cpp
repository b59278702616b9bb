#include "summary/import/ImportMatch.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace jiceng::summary {
namespace {

double length_factor(size_t len) { return std::min(1.0, 0.55 + 0.1 * double(len)); }
double distance_factor(size_t d) { return std::max(0.55, 1.0 - 0.04 * double(d)); }

}  // namespace

IndicatorMatcher::IndicatorMatcher(const Catalog& catalog, const ImportRules& rules) : catalog_(catalog), rules_(rules) {
  for (size_t i = 0; i < catalog.indicators().size(); ++i) {
    const Indicator& ind = catalog.indicators()[i];
    keys_.push_back(Key{to_u32(ind.name), i});
    // Names often end with a counting suffix the text leaves out ("发展党员数" → "发展党员").
    std::u32string name = to_u32(ind.name);
    for (std::u32string_view suffix : {U"次数", U"人数", U"户数", U"数"}) {
      if (!ends_with(name, suffix) || name.size() < suffix.size() + 2) continue;
      keys_.push_back(Key{name.substr(0, name.size() - suffix.size()), i});
      break;
    }
    for (const auto& a : ind.aliases) keys_.push_back(Key{to_u32(a), i});
    // Phrases purchased templates use for this figure (assets/templates/import_rules.json).
    if (auto it = rules.phrases.find(ind.id); it != rules.phrases.end())
      for (const auto& ph : it->second) keys_.push_back(Key{ph, i});
  }
}

bool IndicatorMatcher::kind_fits(const Indicator& ind, BlankKind kind) const {
  switch (kind) {
    case BlankKind::Percent: return ind.kind == IndicatorKind::Percent;
    case BlankKind::Money: return ind.kind == IndicatorKind::Money;
    case BlankKind::Year: return ind.kind == IndicatorKind::Year;
    case BlankKind::Month: return ind.kind == IndicatorKind::Month;
    case BlankKind::Village: return ind.level == Level::Village && ind.typed() && ind.kind != IndicatorKind::Percent;
    case BlankKind::Text: return false;
    case BlankKind::Number:
      return ind.kind != IndicatorKind::Percent && ind.kind != IndicatorKind::Money &&
             ind.kind != IndicatorKind::Year && ind.kind != IndicatorKind::Month;
  }
  return false;
}

double IndicatorMatcher::unit_factor(const Indicator& ind, const std::u32string& unit) const {
  if (unit.empty()) return 0.8;
  std::u32string iu = to_u32(ind.unit);
  if (iu.empty()) return 0.8;
  if (rules_.units_equivalent(iu, unit)) return 1.0;
  // "X万人次" against 人次: the same measure counted in ten-thousands.
  if (unit.size() > 1 && unit[0] == U'万' && iu[0] != U'万' && rules_.units_equivalent(iu, unit.substr(1))) return 0.9;
  if (ind.kind == IndicatorKind::Money && ends_with(unit, U"元")) return 0.9;  // 元 vs 万元: scaled
  if (ind.kind == IndicatorKind::Percent || ind.kind == IndicatorKind::Year || ind.kind == IndicatorKind::Month) return 1.0;
  return 0.35;
}

double IndicatorMatcher::score(const Key& key, const MatchQuery& q) const {
  const Stretch parts[] = {
      {q.before, true, 0, 1.0},
      {q.after, false, 0, 1.0},
      // When nothing stands between two figures ("脱贫X户X人"), the words beyond are shared.
      {q.far_before, true, q.before.size() + 1, q.before.empty() ? 0.9 : 0.6},
      {q.far_after, false, q.after.size() + 1, q.after.empty() ? 0.9 : 0.5},
  };
  // Distance from the figure of a match at [at, at+len) in a stretch.
  auto distance = [](const Stretch& s, size_t at, size_t len) {
    return s.offset + (s.before ? s.text.size() - (at + len) : at);
  };
  // An exact occurrence: "发展党员X名" (before) or "X名党员捐款" (after; a little weaker unless
  // the counted noun follows the unit directly).
  double best = 0;
  for (const auto& s : parts) {
    size_t at = s.before ? s.text.rfind(key.text) : s.text.find(key.text);
    if (at == std::u32string_view::npos) continue;
    size_t d = distance(s, at, key.text.size());
    double side = s.before || d == 0 ? 1.0 : 0.9;
    best = std::max(best, s.weight * side * length_factor(key.text.size()) * distance_factor(d));
  }
  if (best > 0 || key.text.size() < 3) return best;
  // Otherwise the share of the key's character pairs found nearby, each weighted by where it
  // was found. Chinese has no spaces to split words; bigrams are the usual cheap stand-in.
  size_t pairs = key.text.size() - 1, hits = 0;
  double weight = 0;
  for (size_t i = 0; i < pairs; ++i) {
    std::u32string_view bigram = std::u32string_view(key.text).substr(i, 2);
    double w = 0;
    for (const auto& s : parts) {
      size_t at = s.before ? s.text.rfind(bigram) : s.text.find(bigram);
      if (at == std::u32string_view::npos) continue;
      w = std::max(w, s.weight * distance_factor(distance(s, at, 2)));
    }
    hits += w > 0 ? 1 : 0;
    weight += w;
  }
  if (double(hits) / double(pairs) < 0.6) return 0;
  return 0.75 * (weight / double(pairs)) * length_factor(key.text.size());
}

std::vector<Proposal> IndicatorMatcher::rank(const MatchQuery& q, size_t n) const {
  std::map<size_t, double> by_indicator;
  for (const auto& k : keys_) {
    const Indicator& ind = catalog_.indicators()[k.indicator];
    if (!kind_fits(ind, q.kind)) continue;
    double s = score(k, q);
    if (s <= 0) continue;
    double& cur = by_indicator[k.indicator];
    cur = std::max(cur, s * unit_factor(ind, q.unit));
  }
  std::vector<Proposal> out;
  for (const auto& [i, s] : by_indicator) out.push_back(Proposal{&catalog_.indicators()[i], s});
  std::stable_sort(out.begin(), out.end(), [](const Proposal& a, const Proposal& b) { return a.confidence > b.confidence; });
  // Two near-equal candidates: the best one is less certain than its score alone says.
  if (out.size() > 1 && out[1].confidence >= 0.92 * out[0].confidence) out[0].confidence *= 0.85;
  for (auto& p : out) p.confidence = std::round(std::clamp(p.confidence, 0.0, 1.0) * 100) / 100;
  if (out.size() > n) out.resize(n);
  return out;
}

Proposal IndicatorMatcher::propose(const MatchQuery& q, double threshold) const {
  auto r = rank(q, 1);
  if (r.empty() || r[0].confidence < threshold) return {};
  return r[0];
}

Proposal IndicatorMatcher::sibling(const Indicator& previous, const MatchQuery& q) const {
  std::u32string pname = to_u32(previous.name);
  Proposal best;
  size_t best_prefix = 1;
  for (const auto& ind : catalog_.indicators()) {
    if (&ind == &previous || ind.section != previous.section || !kind_fits(ind, q.kind)) continue;
    if (unit_factor(ind, q.unit) < 1.0) continue;
    std::u32string name = to_u32(ind.name);
    size_t k = 0;
    while (k < name.size() && k < pname.size() && name[k] == pname[k]) ++k;
    if (k > best_prefix) {
      best_prefix = k;
      best = Proposal{&ind, 0.5 + 0.1 * double(std::min<size_t>(k, 4))};
    }
  }
  return best;
}

}  // namespace jiceng::summary
