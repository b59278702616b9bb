#include "Fonts.hpp"

#include <imgui.h>
#include <imgui_freetype.h>
#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "AtlasCache.hpp"
#include "Backend.hpp"
#include "Storage.hpp"

#if defined(__linux__) || defined(__FreeBSD__)
#define JICENG_FONTCONFIG 1
#include <fontconfig/fontconfig.h>
#endif
#if !defined(_WIN32)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace jiceng::platform {
namespace {

constexpr uint32_t kProbe = 0x4E2D;  // 中: a font without it has no Chinese

// Characters every screen may show before any text is registered: ASCII, Latin-1 signs,
// general punctuation (— … “”), arrows, shapes (▲▼●), CJK punctuation and full-width forms.
constexpr uint32_t kBaseRanges[][2] = {
    {0x0020, 0x007E}, {0x00A0, 0x00FF}, {0x2010, 0x2027}, {0x2030, 0x203B}, {0x2190, 0x2199}, {0x2212, 0x2212},
    {0x2460, 0x2473}, {0x25A0, 0x25CF}, {0x2605, 0x2606}, {0x2713, 0x2716}, {0x3000, 0x3011},
    {0x3014, 0x301F}, {0xFF01, 0xFF5E}, {0xFFFD, 0xFFFD},
};

// The base set is offered, not asked for: a sign of it that the font lacks (Noto Sans CJK has no
// U+2017, U+25AC, …) is not worth fetching the browser's 7 MB rest of the font, which lacks it too.
bool in_base_ranges(uint32_t c) {
  for (const auto& r : kBaseRanges)
    if (c >= r[0] && c <= r[1]) return true;
  return false;
}

#ifdef JICENG_FONTCONFIG
std::optional<FontFile> find_with_fontconfig() {
  if (!FcInit()) return std::nullopt;
  std::optional<FontFile> found;
  // Prefer Noto Sans CJK SC (fonts-noto-cjk), else any sans font that has Simplified Chinese.
  for (const char* query : {"Noto Sans CJK SC:lang=zh-cn", "sans-serif:lang=zh-cn"}) {
    FcPattern* pat = FcNameParse(reinterpret_cast<const FcChar8*>(query));
    FcConfigSubstitute(nullptr, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(nullptr, pat, &result);
    FcPatternDestroy(pat);
    if (!match) continue;
    FcChar8* file = nullptr;
    FcChar8* family = nullptr;
    FcCharSet* charset = nullptr;
    int index = 0;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetCharSet(match, FC_CHARSET, 0, &charset) == FcResultMatch &&
        FcCharSetHasChar(charset, kProbe)) {
      FcPatternGetInteger(match, FC_INDEX, 0, &index);
      FcPatternGetString(match, FC_FAMILY, 0, &family);
      found = FontFile{reinterpret_cast<const char*>(file), index,
                       family ? reinterpret_cast<const char*>(family) : ""};
    }
    FcPatternDestroy(match);
    if (found) break;
  }
  return found;
}
#endif

}  // namespace

std::optional<FontFile> find_cjk_font() {
  if (const char* env = std::getenv("JICENG_FONT"); env && *env) {
    std::string s = env;
    FontFile f{s, 0, {}};
    if (auto colon = s.rfind(':'); colon != std::string::npos && colon + 1 < s.size() &&
                                   s.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
      f.path = s.substr(0, colon);
      f.face_index = std::atoi(s.c_str() + colon + 1);
    }
    if (std::filesystem::exists(f.path)) return f;
  }
#ifdef JICENG_FONTCONFIG
  if (auto f = find_with_fontconfig()) return f;
#endif
  // Fixed places of the usual system fonts (Windows, macOS, Linux without fontconfig).
  const FontFile known[] = {
      {"C:/Windows/Fonts/msyh.ttc", 0, "Microsoft YaHei"},
      {"C:/Windows/Fonts/simhei.ttf", 0, "SimHei"},
      {"/System/Library/Fonts/PingFang.ttc", 0, "PingFang SC"},
      {"/System/Library/Fonts/STHeiti Light.ttc", 0, "STHeiti"},
      {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, "Noto Sans CJK SC"},
      // The browser build's cut of Noto Sans CJK SC, fetched by the page before the app starts.
      {"/fonts/jiceng-main.otf", 0, "Noto Sans CJK SC"},
  };
  for (const auto& f : known)
    if (std::filesystem::exists(f.path)) return f;
  return std::nullopt;
}

FontAtlas::FontAtlas(FontFile file)
    : file_(std::move(file)), body_bits_(0x10000 / 64, 0), heading_bits_(0x10000 / 64, 0) {
#if !defined(_WIN32)
  // Map rather than read: the CJK collection is ~20 MB and FreeType touches only a few pages.
  int fd = ::open(file_.path.c_str(), O_RDONLY);
  struct stat st {};
  if (fd >= 0 && ::fstat(fd, &st) == 0 && st.st_size > 0) {
    void* p = ::mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      data_ = p;
      size_ = size_t(st.st_size);
      mapped_ = true;
    }
  }
  if (fd >= 0) ::close(fd);
#endif
  if (!data_) {
    std::ifstream in(file_.path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.empty()) throw PlatformError(PlatformError::Code::FontUnreadable, file_.path);
    char* copy = new char[bytes.size()];
    std::copy(bytes.begin(), bytes.end(), copy);
    data_ = copy;
    size_ = bytes.size();
  }
  for (const auto& r : kBaseRanges)
    for (uint32_t c = r[0]; c <= r[1]; ++c) add(body_bits_, body_count_, c);
  // Headings: ASCII (numbers) and the punctuation of titles; the rest comes from their text.
  for (uint32_t c = 0x20; c <= 0x7E; ++c) add(heading_bits_, heading_count_, c);
  for (uint32_t c : {0x00B7u, 0x00D7u, 0x2014u, 0x2026u, 0x3001u, 0x3002u, 0xFF08u, 0xFF09u, 0xFF0Cu, 0xFF1Au, 0xFFFDu})
    add(heading_bits_, heading_count_, c);
}

FontAtlas::~FontAtlas() {
  disown();
#if !defined(_WIN32)
  if (mapped_) {
    ::munmap(const_cast<void*>(data_), size_);
    return;
  }
#endif
  delete[] static_cast<const char*>(data_);
}

bool FontAtlas::add(Bits& bits, size_t& count, uint32_t c) {
  if (c == 0 || c > 0xFFFF) return false;  // ImWchar is 16-bit: the BMP only
  uint64_t& word = bits[c >> 6];
  const uint64_t bit = uint64_t(1) << (c & 63);
  if (word & bit) return false;
  word |= bit;
  ++count;
  dirty_ = true;
  return true;
}

bool FontAtlas::add_all(Bits& bits, size_t& count, std::string_view utf8) {
  bool grew = false;
  const char* p = utf8.data();
  const char* end = p + utf8.size();
  while (p < end) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, p, end);
    if (n <= 0) break;
    p += n;
    if (c >= 0x80) grew |= add(bits, count, c);  // ASCII is in the base set
  }
  return grew;
}

bool FontAtlas::add_codepoint(uint32_t c) { return add(body_bits_, body_count_, c); }
bool FontAtlas::add_text(std::string_view utf8) { return add_all(body_bits_, body_count_, utf8); }
bool FontAtlas::add_heading_text(std::string_view utf8) { return add_all(heading_bits_, heading_count_, utf8); }

void FontAtlas::to_ranges(const Bits& bits, std::vector<uint16_t>& ranges) {
  ranges.clear();
  for (uint32_t c = 1; c <= 0xFFFF; ++c) {
    if (!has(bits, c)) continue;
    uint32_t last = c;
    while (last < 0xFFFF && has(bits, last + 1)) ++last;
    ranges.push_back(uint16_t(c));
    ranges.push_back(uint16_t(last));
    c = last;
  }
  ranges.push_back(0);
}

size_t FontAtlas::count(const Bits& bits) {
  size_t n = 0;
  for (uint64_t word : bits) n += size_t(__builtin_popcountll(word));
  return n;
}

// What an atlas depends on besides its characters: the font (path, size, face and a checksum of
// its start), the fallback merged in, the pixel sizes and the ImGui that laid it out.
std::string FontAtlas::cache_key(float body_px, float heading_px) const {
  char key[512];
  std::snprintf(key, sizeof key, "%s|%zu|%d|%08x|%zu|%.2f|%.2f|%d|%zu", file_.path.c_str(), size_, file_.face_index,
                ImHashData(data_, std::min<size_t>(size_, 1 << 16)), fallback_data_.size(), double(body_px),
                double(heading_px), IMGUI_VERSION_NUM, sizeof(ImFontGlyph));
  return key;
}

void FontAtlas::build(ImFontAtlas& atlas, float body_px, float heading_px) {
  auto t0 = std::chrono::steady_clock::now();
  // A cached atlas with every character wanted (and perhaps more, from earlier sessions) is
  // taken whole: its characters become the wanted ones.
  const std::string key = cache_file_.empty() ? std::string() : cache_key(body_px, heading_px);
  std::optional<AtlasCache> cached;
  if (!key.empty()) cached = read_atlas_cache(cache_file_, key);
  if (cached && !(covers(cached->body_bits, body_bits_) && covers(cached->heading_bits, heading_bits_))) cached.reset();
  if (cached) {
    body_bits_ = cached->body_bits;
    heading_bits_ = cached->heading_bits;
    body_count_ = count(body_bits_);
    heading_count_ = count(heading_bits_);
  }
  to_ranges(body_bits_, body_ranges_);
  to_ranges(heading_bits_, heading_ranges_);
  disown();
  atlas.Clear();
  atlas_ = &atlas;
  atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  // Unhinted outlines: CJK glyphs keep their shape, and the build takes half the time of the
  // CFF hinter's (measured on Noto Sans CJK).
  atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_NoHinting | ImGuiFreeTypeBuilderFlags_NoAutoHint;
  atlas.TexDesiredWidth = 0;  // ImGui picks 512…4096 from the glyph surface
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = true;  // lent, not given: see disown()
  cfg.FontNo = file_.face_index;
  cfg.PixelSnapH = true;
  void* data = const_cast<void*>(data_);
  // The fallback font merges into each font the characters the main file lacks.
  auto merge_fallback = [&](float px, const std::vector<uint16_t>& ranges) {
    if (fallback_data_.empty()) return;
    ImFontConfig merge = cfg;
    merge.MergeMode = true;
    merge.FontNo = fallback_face_;
    atlas.AddFontFromMemoryTTF(fallback_data_.data(), int(fallback_data_.size()), px, &merge,
                               reinterpret_cast<const ImWchar*>(ranges.data()));
  };
  body_ = atlas.AddFontFromMemoryTTF(data, int(size_), body_px, &cfg,
                                     reinterpret_cast<const ImWchar*>(body_ranges_.data()));
  merge_fallback(body_px, body_ranges_);
  heading_ = atlas.AddFontFromMemoryTTF(data, int(size_), heading_px, &cfg,
                                        reinterpret_cast<const ImWchar*>(heading_ranges_.data()));
  merge_fallback(heading_px, heading_ranges_);
  if (!body_ || !heading_) throw PlatformError(PlatformError::Code::FontUnreadable, file_.path);
  restored_ = cached && restore_atlas(atlas, *cached);
  if (!restored_) {
    if (!atlas.Build()) throw PlatformError(PlatformError::Code::FontUnreadable, file_.path);
    if (!key.empty()) {
      write_atlas_cache(cache_file_, key, atlas, body_bits_, heading_bits_);
      flush_storage();  // the browser keeps it in IndexedDB with the town
    }
  }
  missing_ = 0;
  for (size_t i = 0; i + 1 < body_ranges_.size(); i += 2)
    for (uint32_t c = body_ranges_[i]; c <= body_ranges_[i + 1]; ++c)
      if (c >= 0x80 && !in_base_ranges(c) && !body_->FindGlyphNoFallback(ImWchar(c))) ++missing_;
  body_px_ = body_px;
  dirty_ = false;
  last_build_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// ImGui 1.86 copies font data it does not own at every AddFont: the 20 MB collection twice per
// build, most of a build's time (0.3 s). So the data are handed over as "owned", and taken back
// here before ImGui could free them: before each Clear, before the fallback changes, and when this
// object goes (which must be before the ImGui context that holds the atlas).
void FontAtlas::disown() {
  if (!atlas_) return;
  for (ImFontConfig& c : atlas_->ConfigData)
    if (c.FontData == data_ || (!fallback_data_.empty() && c.FontData == fallback_data_.data()))
      c.FontDataOwnedByAtlas = false;
}

void FontAtlas::add_fallback(const FontFile& file) {
  disown();
  std::ifstream in(file.path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.empty()) throw PlatformError(PlatformError::Code::FontUnreadable, file.path);
  fallback_data_ = std::move(bytes);
  fallback_face_ = file.face_index;
  dirty_ = true;
}

int FontAtlas::texture_width() const { return atlas_ ? atlas_->TexWidth : 0; }
int FontAtlas::texture_height() const { return atlas_ ? atlas_->TexHeight : 0; }

}  // namespace jiceng::platform
