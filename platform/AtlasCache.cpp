#include "AtlasCache.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace jiceng::platform {
namespace {

constexpr char kMagic[8] = {'J', 'C', 'A', 'T', 'L', 'A', 'S', '1'};

// Little helpers over a byte string: a format of our own, since the data are a few arrays and no
// library in the stack serialises ImGui's structures.
struct Writer {
  std::string out;
  void bytes(const void* p, size_t n) { out.append(static_cast<const char*>(p), n); }
  void u32(uint32_t v) { bytes(&v, 4); }
  void f32(float v) { bytes(&v, 4); }
  template <class T>
  void array(const std::vector<T>& v) {
    u32(uint32_t(v.size() * sizeof(T)));
    bytes(v.data(), v.size() * sizeof(T));
  }
};

struct Reader {
  const std::string& in;
  size_t at = 0;
  bool ok = true;
  bool bytes(void* p, size_t n) {
    if (!ok || n > in.size() - at) return ok = false;
    std::memcpy(p, in.data() + at, n);
    at += n;
    return true;
  }
  uint32_t u32() {
    uint32_t v = 0;
    bytes(&v, 4);
    return v;
  }
  float f32() {
    float v = 0;
    bytes(&v, 4);
    return v;
  }
  template <class T>
  std::vector<T> array() {
    const uint32_t n = u32();
    if (!ok || n % sizeof(T) != 0 || n > in.size() - at) {
      ok = false;
      return {};
    }
    std::vector<T> v(n / sizeof(T));
    bytes(v.data(), n);
    return v;
  }
};

int font_index(const ImFontAtlas& atlas, const ImFont* font) {
  for (int i = 0; i < atlas.Fonts.Size; ++i)
    if (atlas.Fonts[i] == font) return i;
  return -1;
}

}  // namespace

std::optional<AtlasCache> read_atlas_cache(const std::string& path, const std::string& key) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  const std::string in((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  Reader r{in};
  char magic[sizeof kMagic];
  if (!r.bytes(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0) return std::nullopt;
  const auto stored_key = r.array<char>();
  if (!r.ok || std::string(stored_key.begin(), stored_key.end()) != key) return std::nullopt;
  AtlasCache c;
  c.body_bits = r.array<uint64_t>();
  c.heading_bits = r.array<uint64_t>();
  c.width = int(r.u32());
  c.height = int(r.u32());
  c.rect_positions = r.array<uint16_t>();
  const uint32_t fonts = r.u32();
  for (uint32_t i = 0; r.ok && i < fonts && i < 8; ++i) {
    AtlasCache::Font f;
    f.size = r.f32();
    f.ascent = r.f32();
    f.descent = r.f32();
    f.glyphs = r.array<unsigned char>();
    c.fonts.push_back(std::move(f));
  }
  c.pixels = r.array<unsigned char>();
  const bool sane = r.ok && r.at == in.size() && fonts == c.fonts.size() && c.width > 0 && c.height > 0 &&
                    c.width <= 8192 && c.height <= 8192 && c.pixels.size() == size_t(c.width) * size_t(c.height) &&
                    c.body_bits.size() == 0x10000 / 64 && c.heading_bits.size() == 0x10000 / 64;
  if (!sane) return std::nullopt;
  for (const auto& f : c.fonts)
    if (f.glyphs.size() % sizeof(ImFontGlyph) != 0) return std::nullopt;
  return c;
}

bool covers(const std::vector<uint64_t>& have, const std::vector<uint64_t>& wanted) {
  if (have.size() != wanted.size()) return false;
  for (size_t i = 0; i < have.size(); ++i)
    if (wanted[i] & ~have[i]) return false;
  return true;
}

bool restore_atlas(ImFontAtlas& atlas, const AtlasCache& c) {
  // What ImFontAtlas::Build does, with the packing and rasterising replaced by the saved result.
  ImFontAtlasBuildInit(&atlas);  // registers the cursor and baked-line rectangles, as Build would
  if (atlas.Fonts.Size != int(c.fonts.size()) || atlas.CustomRects.Size * 2 != int(c.rect_positions.size()))
    return false;
  for (const ImFontConfig& cfg : atlas.ConfigData) {
    const int index = font_index(atlas, cfg.DstFont);
    if (index < 0 || (!cfg.MergeMode && cfg.SizePixels != c.fonts[size_t(index)].size))
      return false;
  }
  for (int i = 0; i < atlas.CustomRects.Size; ++i) {
    atlas.CustomRects[i].X = c.rect_positions[size_t(i) * 2];
    atlas.CustomRects[i].Y = c.rect_positions[size_t(i) * 2 + 1];
  }
  atlas.TexWidth = c.width;
  atlas.TexHeight = c.height;
  atlas.TexUvScale = ImVec2(1.0f / float(c.width), 1.0f / float(c.height));
  atlas.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(c.pixels.size()));
  std::memcpy(atlas.TexPixelsAlpha8, c.pixels.data(), c.pixels.size());
  for (ImFontConfig& cfg : atlas.ConfigData) {
    const AtlasCache::Font& f = c.fonts[size_t(font_index(atlas, cfg.DstFont))];
    ImFontAtlasBuildSetupFont(&atlas, cfg.DstFont, &cfg, f.ascent, f.descent);
  }
  for (int i = 0; i < atlas.Fonts.Size; ++i) {
    ImFont* font = atlas.Fonts[i];
    const auto& bytes = c.fonts[size_t(i)].glyphs;
    font->Glyphs.resize(int(bytes.size() / sizeof(ImFontGlyph)));
    if (!bytes.empty()) std::memcpy(font->Glyphs.Data, bytes.data(), bytes.size());
    font->DirtyLookupTables = true;
  }
  ImFontAtlasBuildFinish(&atlas);  // cursors and lines drawn again, lookup tables, TexReady
  return true;
}

void write_atlas_cache(const std::string& path, const std::string& key, const ImFontAtlas& atlas,
                       const std::vector<uint64_t>& body_bits, const std::vector<uint64_t>& heading_bits) {
  if (!atlas.TexPixelsAlpha8) return;  // only an alpha atlas (the builds here make one)
  Writer w;
  w.bytes(kMagic, sizeof kMagic);
  w.array(std::vector<char>(key.begin(), key.end()));
  w.array(body_bits);
  w.array(heading_bits);
  w.u32(uint32_t(atlas.TexWidth));
  w.u32(uint32_t(atlas.TexHeight));
  std::vector<uint16_t> rects;
  for (const auto& r : atlas.CustomRects) {
    rects.push_back(r.X);
    rects.push_back(r.Y);
  }
  w.array(rects);
  w.u32(uint32_t(atlas.Fonts.Size));
  for (const ImFont* font : atlas.Fonts) {
    w.f32(font->FontSize);
    w.f32(font->Ascent);
    w.f32(font->Descent);
    const auto* p = reinterpret_cast<const unsigned char*>(font->Glyphs.Data);
    w.array(std::vector<unsigned char>(p, p + size_t(font->Glyphs.Size) * sizeof(ImFontGlyph)));
  }
  const auto* px = atlas.TexPixelsAlpha8;
  w.array(std::vector<unsigned char>(px, px + size_t(atlas.TexWidth) * size_t(atlas.TexHeight)));
  // Write beside, then rename: a start never reads half a file.
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(w.out.data(), std::streamsize(w.out.size()));
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

}  // namespace jiceng::platform
