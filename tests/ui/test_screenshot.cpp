// The real app, in a real (virtual) window: `jiceng --screenshot` under Xvfb writes a PNG of the
// screen as drawn by OpenGL. Skipped, saying so, only when xvfb-run is not installed.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "platform/Backend.hpp"

namespace fs = std::filesystem;

namespace {

struct Picture {
  size_t colours = 0;
  double dominant_share = 1;  // share of the most common colour
  size_t accent = 0;          // pixels of the accent red (navigation selection, badges)
  size_t dark = 0;            // pixels dark enough to be text
};

Picture look_at(const jiceng::platform::Image& img) {
  std::map<uint32_t, size_t> count;
  Picture p;
  for (size_t i = 0; i + 3 < img.rgba.size(); i += 4) {
    const uint8_t r = img.rgba[i], g = img.rgba[i + 1], b = img.rgba[i + 2];
    ++count[(uint32_t(r) << 16) | (uint32_t(g) << 8) | b];
    if (r > 150 && g < 70 && b < 70) ++p.accent;
    if (r < 80 && g < 80 && b < 80) ++p.dark;
  }
  size_t most = 0;
  for (const auto& [c, n] : count) most = std::max(most, n);
  p.colours = count.size();
  p.dominant_share = img.rgba.empty() ? 1 : double(most) / double(img.rgba.size() / 4);
  return p;
}

void shoot(const std::string& view, const std::string& size, int w, int h) {
  const fs::path dir = fs::path(JICENG_UI_TEST_DIR) / ("screenshot-" + view + "-" + size);
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path png = dir / "shot.png";
  const std::string cmd = "XDG_DATA_HOME='" + dir.string() + "' XDG_CONFIG_HOME='" + dir.string() +
                          "' xvfb-run -a -s '-screen 0 " + size + "x24' '" JICENG_BIN_DIR "/jiceng' --db '" +
                          (dir / "town.db").string() + "' --view " + view + " --size " + size +
                          " --screenshot '" + png.string() + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);
  REQUIRE(fs::exists(png));
  const auto img = jiceng::platform::read_png(png.string());
  CHECK(img.width == w);
  CHECK(img.height == h);
  const Picture p = look_at(img);
  CAPTURE(p.colours);
  CAPTURE(p.dominant_share);
  CHECK(p.colours > 40);            // anti-aliased text and widgets, not a flat fill
  CHECK(p.dominant_share < 0.95);   // not blank
  CHECK(p.accent > 200);            // the selected navigation entry is drawn
  CHECK(p.dark > 2000);             // text is drawn
}

}  // namespace

TEST_CASE("screenshot: the real app renders the shell under Xvfb") {
  if (std::system("command -v xvfb-run >/dev/null 2>&1") != 0) {
    MESSAGE("SKIPPED: xvfb-run is not installed (apt-get install xvfb)");
    return;
  }
  shoot("dashboard", "1280x800", 1280, 800);
  shoot("records", "800x1280", 800, 1280);
}
