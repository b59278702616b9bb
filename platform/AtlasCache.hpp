#pragma once
// The finished glyph atlas kept in a file between starts: its pixels, glyph tables and the
// characters it holds. Restoring it skips FreeType, which takes 0.2–0.3 s for a start's ~1 800
// glyphs in WebAssembly (and runs beside the window on the desktop). A cache that does not fit
// (another font, size or ImGui, fewer characters than wanted, a damaged file) is ignored and the
// atlas is built as usual; it is only ever a shortcut.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct ImFontAtlas;
struct ImFontGlyph;

namespace jiceng::platform {

struct AtlasCache {
  std::vector<uint64_t> body_bits, heading_bits;  // one bit per BMP code point, as FontAtlas keeps them
  int width = 0, height = 0;
  std::vector<uint16_t> rect_positions;  // X, Y of each custom rectangle (cursors, baked lines)
  struct Font {
    float size = 0, ascent = 0, descent = 0;
    std::vector<unsigned char> glyphs;  // the ImFontGlyph array as bytes
  };
  std::vector<Font> fonts;
  std::vector<unsigned char> pixels;  // alpha, width × height
};

// Reads `path` when it was written for `key`; nullopt otherwise (absent, another key, damaged).
std::optional<AtlasCache> read_atlas_cache(const std::string& path, const std::string& key);
// Whether every character set in `wanted` is in `have`.
bool covers(const std::vector<uint64_t>& have, const std::vector<uint64_t>& wanted);
// Makes `atlas` (fonts added, not built) the cached one; false, leaving it unbuilt, when the
// cache does not match the fonts added.
bool restore_atlas(ImFontAtlas& atlas, const AtlasCache& cache);
// Saves a built atlas; a failure only loses the shortcut.
void write_atlas_cache(const std::string& path, const std::string& key, const ImFontAtlas& atlas,
                       const std::vector<uint64_t>& body_bits, const std::vector<uint64_t>& heading_bits);

}  // namespace jiceng::platform
