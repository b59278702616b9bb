#include "summary/Utf8.hpp"

#include "Error.hpp"
#include "Strings.hpp"
#include "Text.hpp"

namespace jiceng::summary {

size_t utf8_seq_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

char32_t utf8_next(std::string_view s, size_t& i) {
  unsigned char c = s[i];
  size_t n = utf8_seq_len(c);
  if (n == 1) {
    ++i;
    return c < 0x80 ? c : 0xFFFD;
  }
  if (i + n > s.size()) { i = s.size(); return 0xFFFD; }
  char32_t cp = c & (0xFF >> (n + 1));
  for (size_t k = 1; k < n; ++k) {
    unsigned char d = s[i + k];
    if ((d & 0xC0) != 0x80) { i += k; return 0xFFFD; }
    cp = (cp << 6) | (d & 0x3F);
  }
  i += n;
  return cp;
}

void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

size_t utf8_count(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) i += utf8_seq_len(s[i]);
  return n;
}

std::vector<char32_t> utf8_decode(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) out.push_back(utf8_next(s, i));
  return out;
}

std::string utf8_encode(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) utf8_append(out, c);
  return out;
}

bool utf8_valid(std::string_view s) { return !find_invalid_utf8(s).has_value(); }

std::string trim(std::string_view s) {
  auto space_at_start = [&](size_t& n) {
    if (s.empty()) return false;
    unsigned char c = s[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') { n = 1; return true; }
    if (s.substr(0, 3) == "\u3000") { n = 3; return true; }
    if (s.substr(0, 2) == "\u00A0") { n = 2; return true; }
    if (s.substr(0, 3) == "\uFEFF") { n = 3; return true; }
    return false;
  };
  auto space_at_end = [&](size_t& n) {
    if (s.empty()) return false;
    unsigned char c = s.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') { n = 1; return true; }
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\u3000") { n = 3; return true; }
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\u00A0") { n = 2; return true; }
    return false;
  };
  size_t n = 0;
  while (space_at_start(n)) s.remove_prefix(n);
  while (space_at_end(n)) s.remove_suffix(n);
  return std::string(s);
}

std::string decode_text(std::string_view bytes, const std::string& source) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (utf8_valid(bytes)) return std::string(bytes);
  if (auto gb = decode_gb18030(bytes)) return *gb;
  throw InputError(tr("summary.import.bad_encoding"), Location{source, 0, {}});
}

}  // namespace jiceng::summary
