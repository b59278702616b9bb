#pragma once
// Writing the summary to a file in any of its formats — text, Markdown and HTML from the summary
// engine, the official .docx and the .xlsx progress table from this module — for the CLI and the
// editor alike. A final export passes the unresolved gate first; a file appears whole or not at
// all (written beside its destination, then renamed over it).
#include <string>
#include <string_view>

#include "model/Figures.hpp"
#include "summary/Document.hpp"
#include "summary/Template.hpp"

namespace jiceng::exporter {

enum class Format { Text, Markdown, Html, Docx, Xlsx };
inline constexpr Format kAllFormats[] = {Format::Docx, Format::Xlsx, Format::Html, Format::Markdown, Format::Text};

// "txt"/"text", "md"/"markdown", "html"/"htm", "docx", "xlsx"; false when unknown.
bool parse_format(std::string_view name, Format& out);
std::string_view format_id(Format f);   // "docx"
std::string_view extension(Format f);   // ".docx"

// The file's bytes. Throws summary::UnresolvedError for a final document with figures missing.
std::string export_bytes(const summary::Document& doc, const YearFigures& figures, Format f);
// The template rendered over `figures` (a draft when `draft`), then as above.
std::string export_bytes(const summary::Template& t, const YearFigures& figures, Format f, bool draft);
// Writes the file. Throws UnresolvedError (nothing written) or InputError when it cannot be written.
void export_file(const summary::Document& doc, const YearFigures& figures, Format f, const std::string& path);

}  // namespace jiceng::exporter
