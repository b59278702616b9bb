#include "export/Export.hpp"

#include "Error.hpp"
#include "Strings.hpp"
#include "Text.hpp"
#include "export/Docx.hpp"
#include "export/Xlsx.hpp"
#include "summary/Renderer.hpp"
#include "summary/Writers.hpp"

namespace jiceng::exporter {

bool parse_format(std::string_view name, Format& out) {
  if (name == "docx") { out = Format::Docx; return true; }
  if (name == "xlsx") { out = Format::Xlsx; return true; }
  summary::OutputFormat f;
  if (!summary::parse_output_format(name, f)) return false;
  out = f == summary::OutputFormat::Html ? Format::Html : f == summary::OutputFormat::Markdown ? Format::Markdown : Format::Text;
  return true;
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

void export_file(const summary::Document& doc, const YearFigures& figures, Format f, const std::string& path) {
  write_file(path, export_bytes(doc, figures, f));
}

}  // namespace jiceng::exporter
