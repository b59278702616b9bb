#include "Fonts.hpp"

#include <imgui.h>
#include <imgui_freetype.h>
#include <imgui_internal.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "Backend.hpp"

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
  };
  for (const auto& f : known)
    if (std::filesystem::exists(f.path)) return f;
  return std::nullopt;
}

FontAtlas::FontAtlas(FontFile file) : file_(std::move(file)), bits_(0x10000 / 64, 0) {
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
    for (uint32_t c = r[0]; c <= r[1]; ++c) add_codepoint(c);
}

FontAtlas::~FontAtlas() {
#if !defined(_WIN32)
  if (mapped_) {
    ::munmap(const_cast<void*>(data_), size_);
    return;
  }
#endif
  delete[] static_cast<const char*>(data_);
}

bool FontAtlas::add_codepoint(uint32_t c) {
  if (c == 0 || c > 0xFFFF) return false;  // ImWchar is 16-bit: the BMP only
  uint64_t& word = bits_[c >> 6];
  uint64_t bit = uint64_t(1) << (c & 63);
  if (word & bit) return false;
  word |= bit;
  ++count_;
  dirty_ = true;
  return true;
}

bool FontAtlas::contains(uint32_t c) const {
  return c <= 0xFFFF && (bits_[c >> 6] >> (c & 63)) & 1;
}

bool FontAtlas::add_text(std::string_view utf8) {
  bool grew = false;
  const char* p = utf8.data();
  const char* end = p + utf8.size();
  while (p < end) {
    unsigned int c = 0;
    int n = ImTextCharFromUtf8(&c, p, end);
    if (n <= 0) break;
    p += n;
    if (c >= 0x80) grew |= add_codepoint(c);  // ASCII is in the base set
  }
  return grew;
}

void FontAtlas::build(float body_px, float heading_px) {
  auto t0 = std::chrono::steady_clock::now();
  ranges_.clear();
  for (uint32_t c = 1; c <= 0xFFFF; ++c) {
    if (!contains(c)) continue;
    uint32_t last = c;
    while (last < 0xFFFF && contains(last + 1)) ++last;
    ranges_.push_back(uint16_t(c));
    ranges_.push_back(uint16_t(last));
    c = last;
  }
  ranges_.push_back(0);

  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  atlas->TexDesiredWidth = 0;  // ImGui picks 512…4096 from the glyph surface
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // we keep the mapping for the next rebuild
  cfg.FontNo = file_.face_index;
  cfg.PixelSnapH = true;
  void* data = const_cast<void*>(data_);
  body_ = atlas->AddFontFromMemoryTTF(data, int(size_), body_px, &cfg,
                                      reinterpret_cast<const ImWchar*>(ranges_.data()));
  heading_ = atlas->AddFontFromMemoryTTF(data, int(size_), heading_px, &cfg,
                                         reinterpret_cast<const ImWchar*>(ranges_.data()));
  if (!body_ || !heading_ || !atlas->Build())
    throw PlatformError(PlatformError::Code::FontUnreadable, file_.path);
  ImGui::GetIO().FontDefault = body_;
  body_px_ = body_px;
  dirty_ = false;
  last_build_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

int FontAtlas::texture_width() const { return ImGui::GetIO().Fonts->TexWidth; }
int FontAtlas::texture_height() const { return ImGui::GetIO().Fonts->TexHeight; }

}  // namespace jiceng::platform
