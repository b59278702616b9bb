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

namespace jiceng::platform {

struct FontFile {
  std::string path;
  int face_index = 0;  // face inside a .ttc collection (NotoSansCJK-Regular.ttc: SC is 2)
  std::string family;
};

// A font with Simplified Chinese: $JICENG_FONT ("path" or "path:index"), then fontconfig on Linux,
// the usual system fonts on Windows/macOS. nullopt when none is installed.
std::optional<FontFile> find_cjk_font();

class FontAtlas {
 public:
  // Maps the font file (throws PlatformError FontUnreadable).
  explicit FontAtlas(FontFile file);
  ~FontAtlas();
  FontAtlas(const FontAtlas&) = delete;
  FontAtlas& operator=(const FontAtlas&) = delete;

  // Records the characters of UTF-8 text; returns true when any was new (the atlas is then dirty).
  bool add_text(std::string_view utf8);
  bool add_codepoint(uint32_t c);
  bool dirty() const { return dirty_; }
  bool contains(uint32_t c) const;
  size_t glyph_count() const { return count_; }
  const FontFile& file() const { return file_; }

  // Rebuilds ImGui's atlas (the current context's io.Fonts) with a body font and a larger heading
  // font. Only between frames; the caller uploads the texture afterwards.
  void build(float body_px, float heading_px);
  ImFont* body() const { return body_; }
  ImFont* heading() const { return heading_; }
  float body_px() const { return body_px_; }
  int texture_width() const;
  int texture_height() const;
  double last_build_ms() const { return last_build_ms_; }

 private:
  FontFile file_;
  const void* data_ = nullptr;  // the mapped font file
  size_t size_ = 0;
  bool mapped_ = false;
  std::vector<uint64_t> bits_;   // one bit per BMP code point (ImWchar is 16-bit in Debian's build)
  std::vector<uint16_t> ranges_;  // ImWchar ranges handed to ImGui; must outlive the atlas build
  size_t count_ = 0;
  bool dirty_ = true;
  ImFont* body_ = nullptr;
  ImFont* heading_ = nullptr;
  float body_px_ = 0;
  double last_build_ms_ = 0;
};

}  // namespace jiceng::platform
