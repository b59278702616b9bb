#pragma once
// UTF-8 helpers the summary engine needs: walking code points, counting characters (positions in
// messages count characters, not bytes), and decoding a file that may be UTF-8 or GB18030.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::summary {

// Length in bytes of the UTF-8 sequence starting with byte c (1 for a stray byte).
size_t utf8_seq_len(unsigned char c);
// Decodes the code point at byte offset i (advancing i); U+FFFD for malformed input.
char32_t utf8_next(std::string_view s, size_t& i);
void utf8_append(std::string& out, char32_t cp);
// Number of code points.
size_t utf8_count(std::string_view s);
// Splits into code points (each a small string), for character-level scanning.
std::vector<char32_t> utf8_decode(std::string_view s);
std::string utf8_encode(std::u32string_view s);
bool utf8_valid(std::string_view s);

// Trims ASCII whitespace, the ideographic space U+3000 and no-break spaces at both ends.
std::string trim(std::string_view s);

// Text file contents as UTF-8: a UTF-8 BOM is dropped; text that is not valid UTF-8 is decoded
// as GB18030 (a superset of GBK/GB2312, what Chinese Windows editors save). Throws InputError
// naming `source` when neither works.
std::string decode_text(std::string_view bytes, const std::string& source);

}  // namespace jiceng::summary
