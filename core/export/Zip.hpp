#pragma once
// Zip archives in memory (libzip): the .docx package is built from its parts here, and tests read
// packages back the same way.
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::exporter {

struct ZipEntry {
  std::string name;  // path inside the archive, e.g. "word/document.xml"
  std::string data;
};

// The archive's bytes; entries are deflated in the order given.
std::string zip_bytes(const std::vector<ZipEntry>& entries);
// Every entry of an archive, in archive order. Throws InputError when the bytes are not a zip.
std::vector<ZipEntry> unzip_bytes(std::string_view bytes);

}  // namespace jiceng::exporter
