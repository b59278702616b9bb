#include "export/Export.hpp"

#include <filesystem>
#include <fstream>
#include <random>

#include "Error.hpp"
#include "Strings.hpp"
#include "export/Docx.hpp"
#include "export/Xlsx.hpp"
#include "summary/Renderer.hpp"
#include "summary/Writers.hpp"

namespace jiceng::exporter {
namespace fs = std::filesystem;

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
  write_file_atomic(path, export_bytes(doc, figures, f));
}

void write_file_atomic(const std::string& path, std::string_view bytes) {
  const fs::path target = fs::u8path(path);
  std::random_device rd;
  fs::path tmp = target;
  tmp += ".tmp" + std::to_string(rd());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError(tr("export.file.cannot_write", {{"path", path}}), Location{path, 0, {}});
    out.write(bytes.data(), std::streamsize(bytes.size()));
    out.close();
    if (!out) {
      std::error_code ignore;
      fs::remove(tmp, ignore);
      throw InputError(tr("export.file.cannot_write", {{"path", path}}), Location{path, 0, {}});
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    throw InputError(tr("export.file.cannot_write", {{"path", path}}), Location{path, 0, {}});
  }
}

}  // namespace jiceng::exporter
