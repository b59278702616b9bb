// Settings files and town databases: bad input falls back or is refused, never half-written.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "base/Error.hpp"
#include "Settings.hpp"
#include "Towns.hpp"

using namespace jiceng;
using namespace jiceng::gui;
namespace fs = std::filesystem;

namespace {
fs::path fresh(const std::string& name) {
  fs::path d = fs::path(JICENG_UI_TEST_DIR) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}
}  // namespace

TEST_CASE("settings round-trip, and a broken file gives the defaults") {
  auto dir = fresh("settings");
  Settings s;
  s.tablet = TabletMode::On;
  s.text_scale = 1.3f;
  s.year = 2019;
  s.remember("/a/一.db", "一镇");
  s.remember("/b/二.db", "二镇");
  s.remember("/a/一.db", "一镇");  // moves to the front, no duplicate
  REQUIRE(s.save(dir / "settings.json"));
  Settings back = Settings::load(dir / "settings.json");
  CHECK(back.tablet == TabletMode::On);
  CHECK(back.text_scale == doctest::Approx(1.3f));
  CHECK(back.year == 2019);
  REQUIRE(back.recent.size() == 2);
  CHECK(back.recent[0].name == "一镇");

  std::ofstream(dir / "broken.json") << "{ \"tablet\": \"on\", \"text_scale\": ";
  Settings broken = Settings::load(dir / "broken.json");
  CHECK(broken.tablet == TabletMode::Auto);
  std::ofstream(dir / "odd.json") << R"({"tablet": 3, "text_scale": 99, "recent": [1, {"path": 2}]})";
  // Wrong types are read as "not set" and a scale out of range is clamped: the app still opens.
  Settings odd = Settings::load(dir / "odd.json");
  CHECK(odd.tablet == TabletMode::Auto);
  CHECK(odd.text_scale == doctest::Approx(2.0));
  CHECK(odd.recent.empty());
  CHECK(Settings::load(dir / "missing.json").tablet == TabletMode::Auto);
}

TEST_CASE("an empty town: the name becomes a safe file name; an unusable one is refused") {
  auto dir = fresh("towns");
  fs::path p = create_empty_town(dir, "  新/镇:*  ");
  CHECK(p.filename() == utf8_path("新镇.db"));
  auto store = open_town(p);
  CHECK(town_name(*store) == "新镇");
  CHECK_FALSE(is_demo(*store));
  // The same name again gets its own file.
  CHECK(create_empty_town(dir, "新镇").filename() == utf8_path("新镇-2.db"));
  CHECK_THROWS_AS(create_empty_town(dir, " /:* "), InputError);
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.path().extension() == ".db";
  CHECK(files == 2);  // the refused name left nothing behind
  // Both towns are offered, by name for the one opened before.
  Settings s;
  s.remember(path_utf8(fs::absolute(p)), "新镇");
  auto towns = known_towns(dir, s);
  CHECK(towns.size() == 2);
  CHECK(towns[0].name == "新镇");
}
