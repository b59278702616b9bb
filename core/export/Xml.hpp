#pragma once
// XML text for the OOXML parts we write by hand (no Debian library writes .docx).
#include <string>
#include <string_view>

namespace jiceng::exporter {

// Escapes & < > " ' and drops characters XML 1.0 forbids (controls other than tab and newline,
// and malformed UTF-8 bytes), so any text a clerk typed yields a well-formed part.
std::string xml_escape(std::string_view s);

}  // namespace jiceng::exporter
