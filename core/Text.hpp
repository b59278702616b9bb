#pragma once
// Small text utilities shared by importers.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng {

// Byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid UTF-8.
std::optional<size_t> find_invalid_utf8(std::string_view s);
// 1-based line number of a byte offset.
int line_of(std::string_view s, size_t offset);
// Removes a leading UTF-8 byte-order mark.
std::string_view strip_bom(std::string_view s);
// Number of characters (code points) in valid UTF-8.
size_t utf8_length(std::string_view s);
std::string trim(std::string_view s);

// Reads a whole file; throws InputError naming the file when it cannot be read.
std::string read_file(const std::string& path);
// Writes a whole file atomically (temporary file + rename), so a failed write leaves the old one.
void write_file(const std::string& path, std::string_view content);

}  // namespace jiceng
