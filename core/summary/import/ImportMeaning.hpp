#pragma once
// Whether a candidate indicator means what the words around a blank say. The matcher ranks
// indicators by shared words, and shared words are not the same quantity: "预计…收入X万元" is a
// forecast, not the income; "剩余X户" is what remains, not what was lifted out; "收入X万元以上的村"
// is a threshold; "老党员X名" a part of the members, not all of them; "X名党员参加…" the people
// who took part; "走访慰问…X人" the people visited. A wrong binding prints a wrong figure in an
// official document, an unbound blank only asks the user — so these rules veto a candidate, and
// the blank stays for a person unless another candidate fits. The word lists are data
// (assets/templates/import_rules.json, "meaning"); an indicator whose own name, aliases or phrases
// contain the word is exempt (a "老党员数" may well stand for "老党员X名").
#include <optional>
#include <string>
#include <string_view>

#include "model/Catalog.hpp"
#include "summary/import/ImportMatch.hpp"
#include "summary/import/ImportRules.hpp"

namespace jiceng::summary {

struct Veto {
  std::string rule;  // forecast, achieved, remaining, threshold, bound, subgroup, participation, activity, topic, repeated
  std::string word;  // the words in the text that decided it (for topic: the words missing)
};

class MeaningGuard {
 public:
  MeaningGuard(const Catalog& catalog, const ImportRules& rules) : catalog_(catalog), rules_(rules) {}
  // Where the blank stands: the headings above it with its whole paragraph, and with its sentence.
  struct Topic {
    std::u32string_view paragraph, sentence;
  };
  std::optional<Veto> veto(const Indicator& ind, const MatchQuery& q, const Topic& topic) const;
  // The reviewer's sentence for a veto of `ind` (Chinese, from assets/strings).
  static std::string explain(const Veto& v, const Indicator& ind);

 private:
  bool named(const Indicator& ind, std::u32string_view word) const;  // in its name, aliases or phrases

  const Catalog& catalog_;
  const ImportRules& rules_;
};

}  // namespace jiceng::summary
