#pragma once
// A summary template: a title, headings at four levels (numbered 一、 /（一）/ 1. /（1）when
// rendered), paragraphs and signature lines, each a text with {placeholders}. Stored as a plain
// text file a clerk can read (docs/TEMPLATES.md):
//
//   【标题】{年份}年基层党建工作总结
//   【一级】聚焦疫情防控，突出党员先锋作用
//   全镇共组建党员突击队{党员突击队数}支……          ← a paragraph is one line
//   【注】a note for whoever edits the template; never rendered
//   【落款】中共{镇名}委员会
//
// Placeholders: {expression} or {expression | format}; "{{" and "}}" are literal braces.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/Catalog.hpp"
#include "model/Expr.hpp"
#include "summary/Format.hpp"

namespace jiceng::summary {

enum class BlockKind { Title, Heading, Paragraph, Signature, Note };

struct Placeholder {
  std::string source;       // the text between the braces, as typed
  std::string expression;   // before "|", trimmed
  std::string format_text;  // after "|", trimmed; empty when none
  FormatKind format = FormatKind::Auto;
  Expr expr;                // parsed and checked against the catalog
  int column = 0;           // character offset of the opening brace in the block's text
};

struct Segment {
  std::string text;                        // literal text when there is no placeholder
  std::optional<Placeholder> placeholder;
};

struct TemplateBlock {
  BlockKind kind = BlockKind::Paragraph;
  int level = 0;  // 1–4 for headings, 0 otherwise
  std::string text;
  std::vector<Segment> segments;
  int line = 0;   // line in the file it was read from; 0 when made in memory
};

// Splits a block's text into literal text and placeholders, parsing and checking each one.
// Throws ExprError whose position is the character offset in `text`.
std::vector<Segment> parse_segments(std::string_view text, const Catalog& catalog);

// A summary's text is some tens of KB; a text far beyond this bound is refused, not parsed (a
// 50 MB file took 3.7 GB). The X-template importer refuses larger text files by the same bound.
inline constexpr size_t kMaxTemplateBytes = 4u << 20;

class Template {
 public:
  // Reads the text format. Throws InputError naming `source`, the line and the character.
  static Template parse(std::string_view text, const std::string& source, const Catalog& catalog);
  // The default template compiled in from assets/templates/default.tpl (parsed once).
  static const Template& builtin(const Catalog& catalog = Catalog::builtin());
  // Reads a .tpl file from disk (UTF-8 or GB18030).
  static Template load(const std::string& path, const Catalog& catalog);

  std::string to_text() const;  // the text format; parse(to_text()) gives the same template
  const std::vector<TemplateBlock>& blocks() const { return blocks_; }
  const std::string& source() const { return source_; }
  size_t placeholder_count() const;

  // ---- Editing (used by the editor; every change re-parses the changed text) ---------------
  // Inserts a block before position `at` (blocks().size() appends). Throws ExprError on bad text.
  void insert(size_t at, BlockKind kind, int level, std::string_view text, const Catalog& catalog);
  void set_text(size_t index, std::string_view text, const Catalog& catalog);
  void set_level(size_t heading, int level);
  // A section is a heading and everything up to the next heading of the same or a higher level.
  size_t section_end(size_t heading) const;
  void remove_section(size_t heading);  // a non-heading block is removed alone
  // Moves the section starting at `heading` so that it starts before block `before`
  // (which must not lie inside the section itself).
  void move_section(size_t heading, size_t before);

 private:
  std::string source_;
  std::vector<TemplateBlock> blocks_;
};

// The marker a line starts with for each kind (【标题】, 【一级】…); empty for paragraphs.
std::string block_marker(BlockKind kind, int level);

}  // namespace jiceng::summary
