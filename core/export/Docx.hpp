#pragma once
// The summary as a Word document in the official layout (GB/T 9704-2012, docs/EXPORT.md): A4 with
// the standard margins, 仿宋_GB2312 三号 body with a two-character first-line indent and exact
// 28.95 pt lines (22 a page), 方正小标宋简体 二号 title, 黑体 / 楷体_GB2312 headings, page numbers
// "— 1 —" in 四号 on the right of odd and the left of even pages. East Asian fonts are named with
// w:eastAsia, or Word falls back to a Western font for Chinese. A draft says 草稿 on every page.
// No Debian library writes .docx: the OOXML parts are written here and zipped with libzip.
#include <string>
#include <vector>

#include "export/Zip.hpp"
#include "summary/Document.hpp"

namespace jiceng::exporter {

// The layout in Word's units (twips = 1/20 pt; font sizes in half-points). Tests read it back.
struct DocxLayout {
  static constexpr int page_width = 11906, page_height = 16838;  // A4
  static constexpr int margin_top = 2098, margin_bottom = 1984, margin_left = 1587, margin_right = 1474;
  static constexpr int header = 851, footer = 1304;  // page number 7 mm below the text block
  static constexpr int line = 579;                   // exact line pitch: 22 lines in 225 mm
  static constexpr int body_size = 32;               // 三号 16 pt
  static constexpr int title_size = 44;              // 二号 22 pt
  static constexpr int page_number_size = 28;        // 四号 14 pt
  static constexpr int condensed = -5;               // 1/20 pt per character: 28 characters in 156 mm
  static constexpr const char* body_font = "仿宋_GB2312";
  static constexpr const char* title_font = "方正小标宋简体";
  static constexpr const char* heading1_font = "黑体";
  static constexpr const char* heading2_font = "楷体_GB2312";
  static constexpr const char* page_number_font = "宋体";
  static constexpr const char* latin_font = "Times New Roman";
};

// The package's parts, in the order they are zipped ([Content_Types].xml first).
std::vector<ZipEntry> docx_parts(const summary::Document& doc);
// The .docx file's bytes.
std::string write_docx(const summary::Document& doc);

}  // namespace jiceng::exporter
