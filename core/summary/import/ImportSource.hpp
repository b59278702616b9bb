#pragma once
// Reads a purchased template: a plain-text file (UTF-8 or GB18030) or a Word .docx, into
// paragraphs of UTF-8 text. For .docx, a paragraph's text is joined across Word runs ("X" in one
// run, "名" in the next), line breaks split paragraphs, text boxes and tables are read in
// document order, and header/footer text and watermarks are returned as stamps.
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::summary {

struct SourceText {
  std::vector<std::string> paragraphs;  // body paragraphs, trimmed, empty ones dropped
  std::vector<std::string> stamps;      // header, footer and watermark text (never content)
  // Heading level 1–4 per paragraph from Word's outline level or heading style (0: none or
  // unknown); empty for plain text.
  std::vector<int> levels;
};

// Reads `path`; a .docx is recognised by its zip signature, not its name. Throws InputError.
SourceText read_template_source(const std::string& path);
SourceText read_text_source(std::string_view bytes, const std::string& source);
SourceText read_docx_source(const std::string& path);

}  // namespace jiceng::summary
