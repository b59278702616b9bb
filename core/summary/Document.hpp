#pragma once
// A rendered summary: the structure every exporter walks (text, Markdown, HTML here; .docx and
// .xlsx in the exporters). Blocks keep their kind and heading level; paragraphs are runs of plain
// text, filled figures and missing-figure markers, so a preview can highlight figures and an
// exporter can style them without parsing text again.
#include <optional>
#include <string>
#include <vector>

#include "summary/Template.hpp"

namespace jiceng::summary {

enum class RunKind { Text, Figure, Missing };

struct Run {
  RunKind kind = RunKind::Text;
  std::string text;                     // what is printed (for Missing: the 【待补：…】 marker)
  int placeholder = -1;                 // placeholder number in document order; -1 for plain text
  std::string expression;               // the placeholder as typed, e.g. "发展党员数 | 整数"
  std::vector<std::string> indicators;  // indicator ids the figure comes from
  std::vector<std::string> missing;     // Missing: what has no data yet (Chinese names)
  std::optional<double> value;          // Figure: the number before formatting (exporters, checks)
  FormatKind format = FormatKind::Auto; // Figure: the format it was written with
};

struct Block {
  BlockKind kind = BlockKind::Paragraph;
  int level = 0;        // headings 1–4
  std::string number;   // heading number as printed: "一、", "（二）", "3.", "（4）"
  std::vector<Run> runs;
  size_t source = 0;    // index of the template block it came from
  std::string text() const;  // number + every run's text
};

// One figure the final export cannot state yet.
struct Unresolved {
  int placeholder = -1;
  size_t block = 0;                 // index in Document::blocks
  std::string expression;
  std::vector<std::string> names;   // Chinese names of what is missing
};

struct Document {
  std::vector<Block> blocks;
  std::vector<Unresolved> unresolved;
  bool draft = false;
  int year = 0;
  std::string town;
  std::string title() const;  // text of the first title block, empty when none
  size_t figure_count() const;
  // Every missing name once, in document order.
  std::vector<std::string> unresolved_names() const;
};

}  // namespace jiceng::summary
