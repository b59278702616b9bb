#include "export/Docx.hpp"

#include "base/Strings.hpp"
#include "export/DocxParts.hpp"
#include "export/Xml.hpp"
#include "store/Store.hpp"

namespace jiceng::exporter {
namespace {

using L = DocxLayout;
using summary::Block;
using summary::BlockKind;
using summary::Document;
using summary::Run;
using summary::RunKind;

std::string text_element(const std::string& text) {
  return "<w:t xml:space=\"preserve\">" + xml_escape(text) + "</w:t>";
}

// A run; a missing figure stands out in red on yellow so nobody sends it by mistake.
std::string run_xml(const std::string& text, RunKind kind) {
  if (text.empty()) return {};
  std::string s = "<w:r>";
  if (kind == RunKind::Missing)
    s += "<w:rPr><w:b/><w:color w:val=\"C00000\"/><w:highlight w:val=\"yellow\"/></w:rPr>";
  return s + text_element(text) + "</w:r>";
}

const char* style_of(const Block& b) {
  switch (b.kind) {
    case BlockKind::Title: return "Title";
    case BlockKind::Signature: return "Signature";
    case BlockKind::Heading:
      switch (b.level) {
        case 1: return "Heading1";
        case 2: return "Heading2";
        case 3: return "Heading3";
        default: return "Heading4";
      }
    default: return "Normal";
  }
}

std::string paragraph(const Block& b) {
  std::string s = "<w:p><w:pPr><w:pStyle w:val=\"";
  s += style_of(b);
  s += "\"/></w:pPr>";
  s += run_xml(b.number, RunKind::Text);
  for (const Run& r : b.runs) s += run_xml(r.text, r.kind);
  return s + "</w:p>";
}

std::string empty_paragraph(const char* style = "Normal") {
  return std::string("<w:p><w:pPr><w:pStyle w:val=\"") + style + "\"/></w:pPr></w:p>";
}

// A draft's first line: the same banner the other formats carry, in red 黑体, centred.
std::string draft_banner() {
  return "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
         "<w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr>" +
         docx::fonts(L::heading1_font, L::heading1_font) + "<w:b/><w:color w:val=\"C00000\"/></w:rPr>" +
         text_element(tr("summary.draft.banner")) + "</w:r></w:p>";
}

std::string section_properties(bool draft) {
  std::string s = "<w:sectPr>";
  if (draft)
    s += std::string("<w:headerReference w:type=\"default\" r:id=\"") + docx::kHeaderDraft +
         "\"/><w:headerReference w:type=\"even\" r:id=\"" + docx::kHeaderDraft + "\"/>";
  s += std::string("<w:footerReference w:type=\"default\" r:id=\"") + docx::kFooterOdd +
       "\"/><w:footerReference w:type=\"even\" r:id=\"" + docx::kFooterEven + "\"/>";
  s += "<w:pgSz w:w=\"" + std::to_string(L::page_width) + "\" w:h=\"" + std::to_string(L::page_height) + "\"/>";
  s += "<w:pgMar w:top=\"" + std::to_string(L::margin_top) + "\" w:right=\"" + std::to_string(L::margin_right) +
       "\" w:bottom=\"" + std::to_string(L::margin_bottom) + "\" w:left=\"" + std::to_string(L::margin_left) +
       "\" w:header=\"" + std::to_string(L::header) + "\" w:footer=\"" + std::to_string(L::footer) +
       "\" w:gutter=\"0\"/>";
  s += "<w:pgNumType w:start=\"1\"/><w:cols w:space=\"425\"/>";
  // A line grid of 22 lines. Not Word's character grid: LibreOffice spreads characters over it
  // (17 a line); 28 characters come from the body's slightly condensed spacing instead.
  s += "<w:docGrid w:type=\"lines\" w:linePitch=\"" + std::to_string(L::line) + "\"/>";
  return s + "</w:sectPr>";
}

std::string document_xml(const Document& doc) {
  std::string s;
  s.reserve(64 * 1024);
  s += docx::kXmlHead;
  s += "<w:document ";
  s += docx::kWordNs;
  s += "><w:body>";
  if (doc.draft) s += draft_banner();
  bool first_signature = true;
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    if (b.kind == BlockKind::Note) continue;
    if (b.kind == BlockKind::Signature && first_signature) {
      s += empty_paragraph();  // a blank line between the last paragraph and the signature
      first_signature = false;
    }
    s += paragraph(b);
    if (b.kind == BlockKind::Title && (i + 1 >= doc.blocks.size() || doc.blocks[i + 1].kind != BlockKind::Title))
      s += empty_paragraph();  // a blank line under the title
  }
  s += section_properties(doc.draft);
  return s + "</w:body></w:document>";
}

}  // namespace

std::vector<ZipEntry> docx_parts(const Document& doc) {
  std::vector<ZipEntry> parts;
  parts.push_back({"[Content_Types].xml", docx::content_types(doc.draft)});
  parts.push_back({"_rels/.rels", docx::package_rels()});
  parts.push_back({"word/document.xml", document_xml(doc)});
  parts.push_back({"word/_rels/document.xml.rels", docx::document_rels(doc.draft)});
  parts.push_back({"word/styles.xml", docx::styles()});
  parts.push_back({"word/settings.xml", docx::settings()});
  parts.push_back({"word/fontTable.xml", docx::font_table()});
  parts.push_back({"word/footer1.xml", docx::footer(true)});
  parts.push_back({"word/footer2.xml", docx::footer(false)});
  if (doc.draft) parts.push_back({"word/header1.xml", docx::draft_header(tr("summary.draft.mark"))});
  parts.push_back({"docProps/core.xml", docx::core_props(doc.title(), doc.town,
                                                         doc.draft ? tr("summary.draft.mark") : std::string(),
                                                         now_iso())});
  parts.push_back({"docProps/app.xml", docx::app_props()});
  return parts;
}

std::string write_docx(const Document& doc) { return zip_bytes(docx_parts(doc)); }

}  // namespace jiceng::exporter
