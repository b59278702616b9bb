#include "summary/Writers.hpp"

#include "base/Strings.hpp"
#include "base/Text.hpp"

namespace jiceng::summary {
namespace {

constexpr const char* kIndent = "\u3000\u3000";  // two ideographic spaces: the first-line indent
constexpr size_t kLineChars = 28;                // characters per line of an official document

std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '#')
      out += '\\';
    out += c;
  }
  return out;
}

std::string runs_markdown(const Block& b) {
  std::string s = md_escape(b.number);
  for (const auto& r : b.runs)
    s += r.kind == RunKind::Missing ? "**" + md_escape(r.text) + "**" : md_escape(r.text);
  return s;
}

const char* kCss = R"css(
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0; background: #e9e9e6; }
.page {
  box-sizing: content-box; width: 156mm; min-height: 225mm; margin: 10mm auto;
  padding: 37mm 26mm 35mm 28mm; background: #fff; color: #000; position: relative;
  box-shadow: 0 1px 6px rgba(0,0,0,.25);
  font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "AR PL UMing CN",
               "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif;
  font-size: 16pt; line-height: 28.95pt; text-align: justify;
}
h1.title {
  font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC",
               "SimSun", serif;
  font-size: 22pt; font-weight: bold; line-height: 1.6; text-align: center; margin: 0 0 28.95pt;
}
h2, h3, h4, h5 { font-size: 16pt; font-weight: normal; line-height: 28.95pt; margin: 0; text-indent: 2em;
                 break-after: avoid; page-break-after: avoid; }
h2 { font-family: "黑体", "SimHei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h3 { font-family: "楷体_GB2312", "KaiTi", "楷体", "AR PL UKai CN", "Noto Serif CJK SC", serif; }
p { margin: 0; text-indent: 2em; orphans: 2; widows: 2; }
p.signature { text-align: right; text-indent: 0; padding-right: 2em; }
p.signature.first { margin-top: 28.95pt; }
.missing { color: #b00000; font-weight: bold; }
.fig.hl { background: #fff1b8; border-bottom: 1px solid #d9a400; }
.draft-mark {
  position: absolute; top: 12mm; right: 14mm; border: 2px solid #b00000; color: #b00000;
  font-family: "黑体", "Noto Sans CJK SC", sans-serif; font-size: 14pt; line-height: 1; padding: 2mm 4mm;
  transform: rotate(8deg);
}
@media print {
  body { background: none; }
  .page { margin: 0; padding: 0; width: auto; min-height: 0; box-shadow: none; }
}
)css";

void html_runs(std::string& out, const Block& b, const HtmlOptions& options) {
  if (!b.number.empty()) out += "<span class=\"num\">" + html_escape(b.number) + "</span>";
  for (const auto& r : b.runs) {
    switch (r.kind) {
      case RunKind::Text: out += html_escape(r.text); break;
      case RunKind::Missing:
        out += "<span class=\"missing\" data-placeholder=\"" + std::to_string(r.placeholder) + "\">" +
               html_escape(r.text) + "</span>";
        break;
      case RunKind::Figure: {
        out += "<span class=\"fig";
        if (options.highlight_figures) out += " hl";
        out += "\" data-placeholder=\"" + std::to_string(r.placeholder) + "\"";
        if (options.highlight_figures) out += " title=\"" + html_escape(r.expression) + "\"";
        out += ">" + html_escape(r.text) + "</span>";
        break;
      }
    }
  }
}

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string write_text(const Document& doc) {
  std::string out;
  if (doc.draft) out += tr("summary.draft.banner") + "\n\n";
  bool after_title = false;
  for (const auto& b : doc.blocks) {
    std::string text = b.text();
    switch (b.kind) {
      case BlockKind::Title: out += text + "\n"; after_title = true; continue;
      case BlockKind::Signature: {
        size_t n = utf8_length(text);
        // Right-aligned within the official 28-character line, two characters from the edge.
        for (size_t i = n + 2; i < kLineChars; ++i) out += "\u3000";
        out += text + "\n";
        continue;
      }
      default: break;
    }
    if (after_title) { out += "\n"; after_title = false; }
    out += kIndent + text + "\n";
  }
  return out;
}

std::string write_markdown(const Document& doc) {
  std::string out;
  if (doc.draft) out += "> **" + md_escape(tr("summary.draft.banner")) + "**\n\n";
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case BlockKind::Title: out += "# " + runs_markdown(b) + "\n\n"; break;
      case BlockKind::Heading: out += std::string(size_t(b.level) + 1, '#') + " " + runs_markdown(b) + "\n\n"; break;
      case BlockKind::Signature: out += "<p align=\"right\">" + html_escape(b.text()) + "</p>\n\n"; break;
      default: out += runs_markdown(b) + "\n\n"; break;
    }
  }
  return out;
}

std::string write_html(const Document& doc, const HtmlOptions& options) {
  std::string out;
  out.reserve(16384);
  out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  out += html_escape(doc.title());
  out += "</title>\n<style>";
  out += kCss;
  out += "</style>\n</head>\n<body>\n<main class=\"page\">\n";
  if (doc.draft) out += "<div class=\"draft-mark\">" + html_escape(tr("summary.draft.mark")) + "</div>\n";
  bool first_signature = true;
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case BlockKind::Title:
        out += "<h1 class=\"title\">";
        html_runs(out, b, options);
        out += "</h1>\n";
        break;
      case BlockKind::Heading: {
        std::string tag = "h" + std::to_string(b.level + 1);
        out += "<" + tag + ">";
        html_runs(out, b, options);
        out += "</" + tag + ">\n";
        break;
      }
      case BlockKind::Signature:
        out += first_signature ? "<p class=\"signature first\">" : "<p class=\"signature\">";
        first_signature = false;
        html_runs(out, b, options);
        out += "</p>\n";
        break;
      default:
        out += "<p>";
        html_runs(out, b, options);
        out += "</p>\n";
    }
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace jiceng::summary
