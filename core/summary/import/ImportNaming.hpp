#pragma once
// A numeric blank that no catalog indicator means becomes a proposed town indicator: a name taken
// from the sentence ("老党员XX名" → 老党员数), its unit and kind from the blank, its section from
// the heading above. The review accepts proposals in one tap (summary/editor/ImportReview.hpp), so an
// imported template of any year ends with every numeric blank bound.
#include <optional>
#include <string>

#include "model/Catalog.hpp"
#include "summary/import/ImportBlanks.hpp"
#include "summary/import/ImportRules.hpp"

namespace jiceng::summary {

struct ProposedIndicator {
  std::string name;
  std::string unit;
  IndicatorKind kind = IndicatorKind::Count;
  Level level = Level::Village;  // a plan, a threshold or a rate is typed once by the town
  std::string section;           // an existing section's id; empty: a new section called section_name
  std::string section_name;
  std::string format;            // the placeholder's format ("余", "多", "约数"), as for a bound blank
  double confidence = 0;         // of the name: lower when it had to come from the words after the blank
  std::string suggested;         // the importer's name when a person renamed it (kept as an alias)
  std::u32string stem;           // the name before its suffix ("新建党群服务中心"), for the next figure
};

struct NamingInput {
  BlankKind kind = BlankKind::Number;
  std::u32string unit;
  std::u32string before;   // the clause before the blank, back to the previous figure
  std::u32string after;    // after the unit, up to the next figure
  std::u32string clause;   // the whole clause before the blank, other blanks shown as "X"
  std::u32string heading;  // the top-level heading above the blank (empty: none)
  std::string veto;        // why the likeliest indicator was refused (ImportMeaning.hpp Veto::rule)
  std::string format;
  std::u32string previous;  // the stem of the figure before in the same sentence ("…中心X处，面积XX平方米")
  bool town_report = false; // the document is one person's or the town's own report (述职)
};

// nullopt for blanks that are not figures (text, village, year, month).
std::optional<ProposedIndicator> name_indicator(const NamingInput& in, const Catalog& catalog, const ImportRules& rules);

}  // namespace jiceng::summary
