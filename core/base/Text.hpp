#pragma once
// Text: UTF-8 (validating, walking, counting, repairing, GB18030), trimming, and reading and
// writing whole files.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jiceng {

// Byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid UTF-8.
// Strict (RFC 3629): no overlong forms, no encoded surrogates, nothing above U+10FFFF.
std::optional<size_t> find_invalid_utf8(std::string_view s);
// The whole text decoded from GB18030 (a superset of GBK/GB2312: what Chinese Windows writes in
// file names, terminals and editors), or nullopt when it is not GB18030 either.
std::optional<std::string> decode_gb18030(std::string_view bytes);
// Valid UTF-8 for any bytes: unchanged when valid, else decoded as GB18030 when the whole text
// is, else each invalid sequence replaced by U+FFFD. Everything stored passes through it.
std::string to_valid_utf8(std::string_view bytes);
// A file's name (without its folder) as text to show or record, whatever bytes the system gave.
std::string file_name_text(const std::string& path);
// 1-based line number of a byte offset.
int line_of(std::string_view s, size_t offset);
// Removes a leading UTF-8 byte-order mark.
std::string_view strip_bom(std::string_view s);
// Number of characters (code points) in valid UTF-8; positions in messages count characters.
size_t utf8_length(std::string_view s);
// Length in bytes of the UTF-8 sequence starting with byte c (1 for a stray byte).
size_t utf8_seq_len(unsigned char c);
// Decodes the code point at byte offset i (advancing i); U+FFFD for malformed input.
char32_t utf8_next(std::string_view s, size_t& i);
void utf8_append(std::string& out, char32_t cp);
// Splits into code points, for character-level scanning.
std::vector<char32_t> utf8_decode(std::string_view s);
std::string utf8_encode(std::u32string_view s);
bool utf8_valid(std::string_view s);
// Trims ASCII whitespace, the ideographic space U+3000 and no-break spaces at both ends: what
// Chinese editors and Excel leave around a cell or a line.
std::string trim(std::string_view s);
// Text file contents as UTF-8: a UTF-8 BOM is dropped; text that is not valid UTF-8 is decoded
// as GB18030 (a superset of GBK/GB2312, what Chinese Windows editors save). Throws InputError
// naming `source` when neither works.
std::string decode_text(std::string_view bytes, const std::string& source);

// Reads a whole file; throws InputError naming the file when it cannot be read.
std::string read_file(const std::string& path);
// Writes a whole file atomically (temporary file, fsync, rename): a failed write leaves the old
// file as it was and no temporary file behind, and throws InputError naming the file (disk full
// said as such). The one writer of every file the program produces.
void write_file(const std::string& path, std::string_view content);

// The SHA-256 of `bytes` in lower-case hex (libsodium): package checksums, the audit chain.
std::string sha256_hex(std::string_view bytes);

// A hash map keyed by text that is searched with a string_view without building a std::string:
// the figures look up an indicator id for every value they read (900 000 at province scale).
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using TextMap = std::unordered_map<std::string, V, TextHash, std::equal_to<>>;

}  // namespace jiceng
