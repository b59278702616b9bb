#include "export/Export.hpp"

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "export/Docx.hpp"
#include "export/Xlsx.hpp"
#include "summary/Renderer.hpp"
#include "summary/Writers.hpp"

namespace jiceng::exporter {

bool parse_format(std::string_view name, Format& out) {
  if (name == "docx") { out = Format::Docx; return true; }
  if (name == "xlsx") { out = Format::Xlsx; return true; }
  if (name == "html" || name == "htm") { out = Format::Html; return true; }
  if (name == "md" || name == "markdown") { out = Format::Markdown; return true; }
  if (name == "txt" || name == "text") { out = Format::Text; return true; }
  return false;
}

std::string_view format_id(Format f) {
  switch (f) {
    case Format::Text: return "txt";
    case Format::Markdown: return "md";
    case Format::Html: return "html";
    case Format::Docx: return "docx";
    case Format::Xlsx: return "xlsx";
  }
  return "txt";
}

std::string_view extension(Format f) {
  switch (f) {
    case Format::Text: return ".txt";
    case Format::Markdown: return ".md";
    case Format::Html: return ".html";
    case Format::Docx: return ".docx";
    case Format::Xlsx: return ".xlsx";
  }
  return ".txt";
}

std::string export_bytes(const summary::Document& doc, const YearFigures& figures, Format f) {
  summary::require_resolved(doc);
  switch (f) {
    case Format::Text: return summary::write_text(doc);
    case Format::Markdown: return summary::write_markdown(doc);
    case Format::Html: return summary::write_html(doc);
    case Format::Docx: return write_docx(doc);
    case Format::Xlsx: return write_xlsx(progress_table(figures), doc.draft);
  }
  return {};
}

std::string export_bytes(const summary::Template& t, const YearFigures& figures, Format f, bool draft) {
  return export_bytes(summary::render(t, figures, summary::RenderOptions{draft}), figures, f);
}

void export_file(const summary::Document& doc, const YearFigures& figures, Format f, const std::string& path) {
  write_file(path, export_bytes(doc, figures, f));
}

}  // namespace jiceng::exporter
