#include "export/DocxParts.hpp"

#include "export/Docx.hpp"
#include "export/Xml.hpp"

namespace jiceng::exporter::docx {
namespace {

using L = DocxLayout;

std::string num(int v) { return std::to_string(v); }

// Exact line pitch, nothing before or after: every line sits on the 22-line grid.
std::string exact_spacing() {
  return "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"" + num(L::line) + "\" w:lineRule=\"exact\"/>";
}

// Two characters of the body font (the official first-line indent).
std::string first_line_indent() {
  return "<w:ind w:firstLineChars=\"200\" w:firstLine=\"" + num(L::body_size * 20) + "\"/>";
}

std::string size(int half_points) {
  return "<w:sz w:val=\"" + num(half_points) + "\"/><w:szCs w:val=\"" + num(half_points) + "\"/>";
}

std::string paragraph_style(const char* id, const char* name, const std::string& ppr, const std::string& rpr,
                            int outline = -1) {
  std::string s = "<w:style w:type=\"paragraph\" w:styleId=\"" + std::string(id) + "\"><w:name w:val=\"" + name +
                  "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>" + ppr;
  if (outline >= 0) s += "<w:outlineLvl w:val=\"" + num(outline) + "\"/>";
  return s + "</w:pPr><w:rPr>" + rpr + "</w:rPr></w:style>";
}

}  // namespace

std::string fonts(const char* east_asian, const char* latin) {
  const std::string ea = xml_escape(east_asian), la = xml_escape(latin);
  return "<w:rFonts w:ascii=\"" + la + "\" w:hAnsi=\"" + la + "\" w:eastAsia=\"" + ea + "\" w:cs=\"" + la +
         "\" w:hint=\"eastAsia\"/>";
}

std::string content_types(bool draft) {
  const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  std::string s = std::string(kXmlHead) +
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/word/document.xml\" ContentType=\"" + wml + "document.main+xml\"/>"
      "<Override PartName=\"/word/styles.xml\" ContentType=\"" + wml + "styles+xml\"/>"
      "<Override PartName=\"/word/settings.xml\" ContentType=\"" + wml + "settings+xml\"/>"
      "<Override PartName=\"/word/fontTable.xml\" ContentType=\"" + wml + "fontTable+xml\"/>"
      "<Override PartName=\"/word/footer1.xml\" ContentType=\"" + wml + "footer+xml\"/>"
      "<Override PartName=\"/word/footer2.xml\" ContentType=\"" + wml + "footer+xml\"/>";
  if (draft) s += "<Override PartName=\"/word/header1.xml\" ContentType=\"" + wml + "header+xml\"/>";
  s += "<Override PartName=\"/docProps/core.xml\" "
       "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
       "<Override PartName=\"/docProps/app.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
       "</Types>";
  return s;
}

std::string package_rels() {
  return std::string(kXmlHead) +
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
         "officeDocument\" Target=\"word/document.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
         "core-properties\" Target=\"docProps/core.xml\"/>"
         "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
         "extended-properties\" Target=\"docProps/app.xml\"/>"
         "</Relationships>";
}

std::string document_rels(bool draft) {
  const std::string t = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::string s = std::string(kXmlHead) +
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rIdStyles\" Type=\"" + t + "styles\" Target=\"styles.xml\"/>"
      "<Relationship Id=\"rIdSettings\" Type=\"" + t + "settings\" Target=\"settings.xml\"/>"
      "<Relationship Id=\"rIdFonts\" Type=\"" + t + "fontTable\" Target=\"fontTable.xml\"/>"
      "<Relationship Id=\"" + kFooterOdd + "\" Type=\"" + t + "footer\" Target=\"footer1.xml\"/>"
      "<Relationship Id=\"" + kFooterEven + "\" Type=\"" + t + "footer\" Target=\"footer2.xml\"/>";
  if (draft) s += "<Relationship Id=\"" + std::string(kHeaderDraft) + "\" Type=\"" + t + "header\" Target=\"header1.xml\"/>";
  return s + "</Relationships>";
}

std::string styles() {
  // 三号 text, condensed so that 28 characters fill the line (rPr children in schema order).
  auto text_rpr = [](const char* ea, const char* latin, const std::string& extra = {}) {
    return fonts(ea, latin) + "<w:spacing w:val=\"" + num(L::condensed) + "\"/>" + extra + size(L::body_size);
  };
  const std::string body_rpr = text_rpr(L::body_font, L::latin_font);
  std::string s = std::string(kXmlHead) + "<w:styles " + kWordNs + ">";
  // Defaults: every run is 仿宋_GB2312 三号 unless a style says otherwise; Chinese language so
  // Word applies Chinese line breaking.
  s += "<w:docDefaults><w:rPrDefault><w:rPr>" + text_rpr(L::body_font, L::latin_font, "<w:kern w:val=\"2\"/>") +
       "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
       "<w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/>" + exact_spacing() + "<w:jc w:val=\"both\"/></w:pPr>"
       "</w:pPrDefault></w:docDefaults>";
  s += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
       "<w:pPr>" + exact_spacing() + first_line_indent() + "<w:jc w:val=\"both\"/></w:pPr><w:rPr>" + body_rpr +
       "</w:rPr></w:style>";
  s += paragraph_style("Title", "Title",
                       exact_spacing() + "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
                       fonts(L::title_font, L::title_font) + size(L::title_size));
  s += paragraph_style("Heading1", "heading 1", "<w:keepNext/>" + exact_spacing() + first_line_indent(),
                       text_rpr(L::heading1_font, L::heading1_font), 0);
  s += paragraph_style("Heading2", "heading 2", "<w:keepNext/>" + exact_spacing() + first_line_indent(),
                       text_rpr(L::heading2_font, L::heading2_font), 1);
  s += paragraph_style("Heading3", "heading 3", "<w:keepNext/>" + exact_spacing() + first_line_indent(), body_rpr, 2);
  s += paragraph_style("Heading4", "heading 4", "<w:keepNext/>" + exact_spacing() + first_line_indent(), body_rpr, 3);
  // 落款: right-aligned, four characters from the right edge.
  s += paragraph_style("Signature", "Signature",
                       exact_spacing() + "<w:ind w:rightChars=\"400\" w:right=\"" + num(4 * L::body_size * 10) +
                           "\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/>",
                       body_rpr);
  s += paragraph_style("Footer", "footer", "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
                       "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>",
                       fonts(L::page_number_font, L::page_number_font) + size(L::page_number_size));
  s += paragraph_style("Header", "header", "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
                       "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/>",
                       fonts(L::heading1_font, L::heading1_font) + size(L::page_number_size));
  return s + "</w:styles>";
}

std::string settings() {
  return std::string(kXmlHead) + "<w:settings " + kWordNs + ">" +
         "<w:defaultTabStop w:val=\"420\"/>"
         "<w:evenAndOddHeaders/>"
         "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
         "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
         "w:val=\"15\"/></w:compat>"
         "</w:settings>";
}

std::string font_table() {
  // Chinese fonts with the GB2312 charset; altName gives Word the modern name where the
  // _GB2312 fonts of older Windows are not installed.
  struct F { const char* name; const char* alt; const char* family; const char* pitch; };
  const F list[] = {
      {L::body_font, "仿宋", "modern", "fixed"},    {L::title_font, "", "script", "fixed"},
      {L::heading1_font, "SimHei", "modern", "fixed"}, {L::heading2_font, "楷体", "modern", "fixed"},
      {L::page_number_font, "SimSun", "auto", "variable"}, {L::latin_font, "", "roman", "variable"},
  };
  std::string s = std::string(kXmlHead) + "<w:fonts " + kWordNs + ">";
  for (const auto& f : list) {
    s += "<w:font w:name=\"" + xml_escape(f.name) + "\">";
    if (*f.alt) s += "<w:altName w:val=\"" + xml_escape(f.alt) + "\"/>";
    s += std::string("<w:charset w:val=\"") + (f.name == L::latin_font ? "00" : "86") + "\"/><w:family w:val=\"" +
         f.family + "\"/><w:pitch w:val=\"" + f.pitch + "\"/></w:font>";
  }
  return s + "</w:fonts>";
}

std::string footer(bool odd) {
  const std::string rpr = "<w:rPr>" + fonts(L::page_number_font, L::page_number_font) + size(L::page_number_size) + "</w:rPr>";
  auto run = [&](const std::string& inner) { return "<w:r>" + rpr + inner + "</w:r>"; };
  // One character (of 四号) from the edge: right on odd pages, left on even ones.
  const std::string indent = odd ? "<w:ind w:right=\"" + num(L::page_number_size * 10) + "\" w:firstLine=\"0\"/>"
                                 : "<w:ind w:left=\"" + num(L::page_number_size * 10) + "\" w:firstLine=\"0\"/>";
  std::string s = std::string(kXmlHead) + "<w:ftr " + kWordNs + "><w:p><w:pPr><w:pStyle w:val=\"Footer\"/>" + indent +
                  "<w:jc w:val=\"" + (odd ? "right" : "left") + "\"/></w:pPr>";
  s += run("<w:t xml:space=\"preserve\">— </w:t>");
  s += run("<w:fldChar w:fldCharType=\"begin\"/>");
  s += run("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>");
  s += run("<w:fldChar w:fldCharType=\"separate\"/>");
  s += run("<w:t>1</w:t>");
  s += run("<w:fldChar w:fldCharType=\"end\"/>");
  s += run("<w:t xml:space=\"preserve\"> —</w:t>");
  return s + "</w:p></w:ftr>";
}

std::string draft_header(const std::string& mark) {
  return std::string(kXmlHead) + "<w:hdr " + kWordNs + "><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr><w:r><w:rPr>" +
         fonts(L::heading1_font, L::heading1_font) + "<w:b/><w:color w:val=\"C00000\"/>" + size(L::page_number_size) +
         "</w:rPr><w:t>" + xml_escape(mark) + "</w:t></w:r></w:p></w:hdr>";
}

std::string core_props(const std::string& title, const std::string& creator, const std::string& keywords,
                       const std::string& when) {
  return std::string(kXmlHead) +
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
         "<dc:title>" + xml_escape(title) + "</dc:title><dc:creator>" + xml_escape(creator) + "</dc:creator>"
         "<cp:keywords>" + xml_escape(keywords) + "</cp:keywords>"
         "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + xml_escape(when) + "</dcterms:created>"
         "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + xml_escape(when) + "</dcterms:modified>"
         "</cp:coreProperties>";
}

std::string app_props() {
  return std::string(kXmlHead) +
         "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
         "<Application>Jiceng</Application></Properties>";
}

}  // namespace jiceng::exporter::docx
