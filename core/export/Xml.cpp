#include "export/Xml.hpp"

#include "base/Text.hpp"

namespace jiceng::exporter {
namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is malformed or not an XML character.
size_t xml_char_len(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  const size_t n = utf8_seq_len(c);
  if ((n == 1 && c >= 0x80) || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  if (n == 3 && c == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
      (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE)
    return 0;  // U+FFFE / U+FFFF are not XML characters
  return n;
}

}  // namespace

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    const size_t n = xml_char_len(s, i);
    if (n == 0) { ++i; continue; }
    if (n == 1) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\t': case '\n': out += c; break;
        default:
          if (static_cast<unsigned char>(c) >= 0x20) out += c;
      }
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

}  // namespace jiceng::exporter
