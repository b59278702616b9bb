#pragma once
// Proposes the indicator a figure in running text stands for, from the words around it, the unit
// after it and the kind of blank — using the catalog's names and aliases. Used by the X-template
// importer for blanks and by the consistency check for numbers typed into a template by hand.
#include <string>
#include <vector>

#include "model/Catalog.hpp"
#include "summary/import/ImportBlanks.hpp"
#include "summary/import/ImportRules.hpp"

namespace jiceng::summary {

// The clause around a figure, cut where neighbouring figures sit: words between this figure and
// the previous one count fully, words beyond a neighbouring figure count less (they more likely
// describe that one).
struct MatchQuery {
  std::u32string before;      // since the previous figure (or the clause start); nearest last
  std::u32string after;       // after this figure's unit, up to the next figure; nearest first
  std::u32string far_before;  // clause text before the previous figure
  std::u32string far_after;   // clause text after the next figure
  std::u32string unit;
  BlankKind kind = BlankKind::Number;
};

struct Proposal {
  const Indicator* indicator = nullptr;
  double confidence = 0;  // 0–1
};

class IndicatorMatcher {
 public:
  explicit IndicatorMatcher(const Catalog& catalog, const ImportRules& rules = ImportRules::builtin());
  // Best candidates, most likely first (at most `n`).
  std::vector<Proposal> rank(const MatchQuery& q, size_t n = 3) const;
  // The best candidate when its confidence reaches `threshold`; else an empty proposal.
  Proposal propose(const MatchQuery& q, double threshold = 0.5) const;
  // "脱贫X户X人": a figure right after another one, with another unit, is usually the sibling
  // indicator of the same section whose name starts the same way (脱贫户数 → 脱贫人口).
  Proposal sibling(const Indicator& previous, const MatchQuery& q) const;

 private:
  struct Key {
    std::u32string text;
    size_t indicator;
  };
  // One stretch of context: its text, whether it lies before the figure, how far its nearest
  // character is from the figure, and its weight.
  struct Stretch {
    std::u32string_view text;
    bool before;
    size_t offset;
    double weight;
  };
  double score(const Key& key, const MatchQuery& q) const;
  bool kind_fits(const Indicator& ind, BlankKind kind) const;
  double unit_factor(const Indicator& ind, const std::u32string& unit) const;

  const Catalog& catalog_;
  const ImportRules& rules_;
  std::vector<Key> keys_;
};

}  // namespace jiceng::summary
