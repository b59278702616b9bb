#pragma once
// Imports a purchased "X-template" (DOMAIN.md §4): removes the vendor's stamps and adverts, keeps
// the title and every content paragraph, finds every blank, classifies it, proposes an indicator
// with a confidence, and writes a template in our syntax (unplaced blanks become 待补(…), which
// the editor shows for review and the final export refuses).
#include <set>
#include <string>
#include <vector>

#include "model/Catalog.hpp"
#include "summary/import/ImportBlanks.hpp"
#include "summary/import/ImportNaming.hpp"
#include "summary/import/ImportSource.hpp"

namespace jiceng::summary {

struct ImportedBlank {
  int index = 0;           // from 0, in document order
  BlankKind kind = BlankKind::Text;
  std::string unit;        // measure word after the blank
  std::string context;     // the clause around the blank, blank as written
  std::string indicator;   // proposed indicator id ("year" for the summary's own year); empty: unbound
  double confidence = 0;   // of the proposal; 0 when unbound
  size_t paragraph = 0;    // index into ImportResult::paragraphs
  std::string expression;  // what the template's placeholder says, e.g. "发展党员数 | 余"
  std::string caution;     // why the likeliest indicator was not taken (summary/import/ImportMeaning.hpp); empty: none
  // An unbound numeric blank: the town indicator it would become (summary/import/ImportNaming.hpp).
  std::optional<ProposedIndicator> proposed;
};

struct ImportResult {
  std::vector<std::string> removed_lines;  // vendor stamps, headers, watermarks — in order found
  size_t header_lines = 0;                 // the first ones came from page headers and footers, not the body
  std::vector<std::string> paragraphs;     // kept paragraphs (title first), as in the source
  std::vector<ImportedBlank> placeholders;
  std::string template_text;               // the .tpl text
  // {"removed_lines": [...], "paragraphs": N, "placeholders": [...], "template": "..."}
  std::string to_json() const;
};

// `keep`: body lines a person said are content after all (the review's 保留); never removed.
ImportResult import_xtemplate(const std::string& path, const Catalog& catalog, const std::set<std::string>& keep = {});
ImportResult import_xtemplate(const SourceText& source, const Catalog& catalog, const std::set<std::string>& keep = {});

}  // namespace jiceng::summary
