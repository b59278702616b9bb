#pragma once
// The fixed parts of the .docx package (content types, relationships, styles, settings, fonts,
// page-number footers, the draft header, document properties). Docx.cpp writes the body.
#include <string>

namespace jiceng::exporter::docx {

inline constexpr const char* kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
inline constexpr const char* kWordNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

// Relationship ids document.xml uses for its header and footers.
inline constexpr const char* kFooterOdd = "rIdFooterOdd";
inline constexpr const char* kFooterEven = "rIdFooterEven";
inline constexpr const char* kHeaderDraft = "rIdHeaderDraft";

// <w:rFonts> naming `east_asian` for Chinese and `latin` for digits and Latin letters.
std::string fonts(const char* east_asian, const char* latin);

std::string content_types(bool draft);
std::string package_rels();
std::string document_rels(bool draft);
std::string styles();
std::string settings();
std::string font_table();
// Page number "— N —": odd pages on the right, even pages on the left, one character from the edge.
std::string footer(bool odd);
// "草稿" at the top right of every page.
std::string draft_header(const std::string& mark);
std::string core_props(const std::string& title, const std::string& creator, const std::string& keywords,
                       const std::string& when);
std::string app_props();

}  // namespace jiceng::exporter::docx
