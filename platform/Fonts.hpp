#pragma once
// Chinese fonts for Dear ImGui 1.86, which has no dynamic fonts: the atlas holds only the glyphs
// of the text actually shown (UI strings, database names, templates) over a small base, and is
// rebuilt between frames when new characters appear (typing, pasting, opening another database).
// Loading the whole CJK range instead costs 150–390 ms and a 4096² texture.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;
struct ImFontAtlas;

namespace jiceng::platform {

struct FontFile {
  std::string path;
  int face_index = 0;  // face inside a .ttc collection (NotoSansCJK-Regular.ttc: SC is 2)
  std::string family;
};

// A font with Simplified Chinese: $JICENG_FONT ("path" or "path:index"), then fontconfig on Linux,
// the usual system fonts on Windows/macOS. nullopt when none is installed.
std::optional<FontFile> find_cjk_font();

// Where the bundled font leaves characters out (the browser ships a cut of the CJK font), the
// platform fetches a second font with the rest on demand: the first call starts the fetch and
// returns nullopt; once it arrived, its file. Desktop fonts are whole: always nullopt.
std::optional<FontFile> fetch_fallback_font();

class FontAtlas {
 public:
  // Maps the font file (throws PlatformError FontUnreadable). Destroy it before the ImGui context
  // whose atlas it built: the atlas borrows its font data.
  explicit FontAtlas(FontFile file);
  ~FontAtlas();
  FontAtlas(const FontAtlas&) = delete;
  FontAtlas& operator=(const FontAtlas&) = delete;

  // Records the characters of UTF-8 text; returns true when any was new (the atlas is then dirty).
  bool add_text(std::string_view utf8);
  bool add_codepoint(uint32_t c);
  // Text drawn in the heading font. That font holds only what headings show (titles, names,
  // numbers), which halves the build time against giving it every glyph of the body font.
  bool add_heading_text(std::string_view utf8);
  bool dirty() const { return dirty_; }
  bool contains(uint32_t c) const { return has(body_bits_, c); }
  bool heading_contains(uint32_t c) const { return has(heading_bits_, c); }
  size_t glyph_count() const { return body_count_; }
  size_t heading_glyph_count() const { return heading_count_; }
  const FontFile& file() const { return file_; }

  // Characters asked for that the font file lacks (counted at the last build); a fallback font
  // merged in with add_fallback supplies them from the next build on.
  size_t missing_glyphs() const { return missing_; }
  bool has_fallback() const { return !fallback_data_.empty(); }
  void add_fallback(const FontFile& file);

  // Rebuilds `atlas` with the body font and the heading font. Only between frames (or on another
  // thread, into an atlas no ImGui context uses yet); the caller uploads the texture afterwards
  // and makes body() the default font.
  void build(ImFontAtlas& atlas, float body_px, float heading_px);
  ImFont* body() const { return body_; }
  ImFont* heading() const { return heading_; }
  float body_px() const { return body_px_; }
  int texture_width() const;
  int texture_height() const;
  double last_build_ms() const { return last_build_ms_; }
  // Keeps each built atlas in `path` and starts from it when it holds every character wanted
  // (AtlasCache.hpp); empty: no cache. Set before the first build.
  void set_cache_file(std::string path) { cache_file_ = std::move(path); }
  bool restored_from_cache() const { return restored_; }

 private:
  using Bits = std::vector<uint64_t>;  // one bit per BMP code point (ImWchar is 16-bit in Debian's build)
  static bool has(const Bits& bits, uint32_t c) { return c <= 0xFFFF && (bits[c >> 6] >> (c & 63)) & 1; }
  bool add(Bits& bits, size_t& count, uint32_t c);
  bool add_all(Bits& bits, size_t& count, std::string_view utf8);
  static void to_ranges(const Bits& bits, std::vector<uint16_t>& ranges);
  static size_t count(const Bits& bits);
  std::string cache_key(float body_px, float heading_px) const;
  void disown();

  FontFile file_;
  const void* data_ = nullptr;  // the mapped font file
  size_t size_ = 0;
  bool mapped_ = false;
  Bits body_bits_, heading_bits_;
  size_t body_count_ = 0, heading_count_ = 0;
  std::vector<uint16_t> body_ranges_, heading_ranges_;  // handed to ImGui; must outlive the build
  bool dirty_ = true;
  ImFontAtlas* atlas_ = nullptr;
  ImFont* body_ = nullptr;
  ImFont* heading_ = nullptr;
  float body_px_ = 0;
  double last_build_ms_ = 0;
  size_t missing_ = 0;
  std::string fallback_data_;  // the fallback font's bytes (small enough to read whole)
  int fallback_face_ = 0;
  std::string cache_file_;
  bool restored_ = false;
};

}  // namespace jiceng::platform
