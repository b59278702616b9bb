#pragma once
// Plain text, Markdown and HTML from a rendered Document. The HTML is a printed official document
// (A4 text block, serif CJK body, centred title, 黑体/楷体 headings); a draft carries a 草稿 mark.
#include <string>

#include "summary/Document.hpp"

namespace jiceng::summary {

struct HtmlOptions {
  bool highlight_figures = false;  // preview: figures tinted, each with its indicator as a tooltip
};

std::string write_text(const Document& doc);
std::string write_markdown(const Document& doc);
std::string write_html(const Document& doc, const HtmlOptions& options = {});

std::string html_escape(std::string_view s);

}  // namespace jiceng::summary
