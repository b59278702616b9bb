// The shell driven headless as a person would: clicks land on the widgets drawn, press and release
// on separate frames.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "Headless.hpp"
#include "platform/Fonts.hpp"
#include "Towns.hpp"
#include "UiTestSupport.hpp"
#include "widgets/Widgets.hpp"

using namespace jiceng;
using namespace jiceng::gui;
namespace fs = std::filesystem;

namespace {

using test_ui::fresh_dir;  // a fresh folder per test case, so each starts like a first start

HeadlessOptions options(const fs::path& dir, int w = 1280, int h = 800) {
  HeadlessOptions o;
  o.database = (dir / "town.db").string();
  o.data_dir = dir;
  o.width = w;
  o.height = h;
  return o;
}

}  // namespace

TEST_CASE("first start opens the demo town, labelled as sample data") {
  auto dir = fresh_dir("first_start");
  Headless h(options(dir));
  CHECK(fs::exists(dir / "town.db"));
  CHECK(h.app().status().demo);
  CHECK(h.app().status().town == town_name(h.app().store()));
  CHECK_FALSE(h.app().store().is_empty());
  CHECK(h.visible("demo.badge"));
  CHECK(h.app().current() == ViewId::Dashboard);
  // The year shown is the latest year with data.
  auto years = h.app().store().years();
  REQUIRE_FALSE(years.empty());
  CHECK(h.app().year() == years.back());
}

TEST_CASE("navigation bar switches between the five screens") {
  Headless h(options(fresh_dir("navigate")));
  for (ViewId v : {ViewId::Collect, ViewId::Records, ViewId::Summary, ViewId::Settings, ViewId::Dashboard}) {
    CAPTURE(std::string(view_name(v)));
    REQUIRE(h.click("nav." + std::string(view_name(v))));
    CHECK(h.app().current() == v);
  }
}

TEST_CASE("tablet mode: switch in settings, larger text, automatic on a portrait tablet") {
  auto dir = fresh_dir("tablet");
  Headless h(options(dir));
  CHECK_FALSE(h.app().tablet());
  const float desktop_px = h.fonts().body_px();
  REQUIRE(h.click("nav.settings"));
  REQUIRE(h.click("settings.tablet.on"));
  h.frame();
  CHECK(h.app().tablet());
  CHECK(h.fonts().body_px() > desktop_px);
  // Bigger hit targets: the navigation entries grew with the font.
  auto nav = ui::find_mark("nav.collect");
  REQUIRE(nav);
  CHECK(nav->max.y - nav->min.y >= 2.5f * h.fonts().body_px());
  REQUIRE(h.click("settings.tablet.off"));
  h.frame();
  CHECK_FALSE(h.app().tablet());
  CHECK(h.fonts().body_px() == desktop_px);

  // Automatic: an 800 px wide portrait screen is a tablet's; the navigation moves to the bottom.
  REQUIRE(h.click("settings.tablet.auto"));
  h.resize(800, 1280);
  h.frame();
  CHECK(h.app().tablet());
  CHECK(h.app().context().narrow);
  nav = ui::find_mark("nav.collect");
  REQUIRE(nav);
  CHECK(nav->min.y > 1280 * 0.8f);
}

TEST_CASE("year selector switches the year and the screens recompute once") {
  Headless h(options(fresh_dir("year")));
  const int before = h.app().year();
  View& dash = h.app().view(ViewId::Dashboard);
  const int refreshes = dash.refresh_count();
  h.frames(5);
  CHECK(dash.refresh_count() == refreshes);  // not per frame

  const auto years = h.app().status().years;
  REQUIRE(years.size() >= 2);
  const int other = years.front() != before ? years.front() : years.back();
  REQUIRE(h.click("year.combo"));
  REQUIRE(h.visible("year." + std::to_string(other)));
  REQUIRE(h.click("year." + std::to_string(other)));
  CHECK(h.app().year() == other);
  h.frames(3);
  CHECK(dash.refresh_count() == refreshes + 1);

  // A write to the store is new data: one recompute.
  h.app().store().set_meta("note", "x");
  Org o = *h.app().store().town();
  Org v;
  v.code = "VTEST";
  v.name = "测试村";
  v.kind = OrgKind::Village;
  v.parent = o.id;
  h.app().store().add_org(v, Actor{});
  h.frames(3);
  CHECK(dash.refresh_count() == refreshes + 2);
}

TEST_CASE("a rare character typed into a field is in the font on the next frame") {
  auto dir = fresh_dir("glyphs");
  Headless h(options(dir));
  // Characters outside ImGui's common Chinese range that the shown text uses.
  CHECK(h.font_has(0x8F91));  // 辑 (总结编辑)
  CHECK_FALSE(h.font_has(0x8D5F));  // 赟: not shown anywhere yet
  REQUIRE(h.click("town.combo"));
  REQUIRE(h.click("town.new"));
  h.frame();
  REQUIRE(h.visible("town.name"));
  h.type("赟娜镇");
  CHECK(h.font_has(0x8D5F));  // 赟
  CHECK(h.font_has(0x5A1C));  // 娜
  REQUIRE(h.click("town.create"));
  h.frame();
  CHECK(h.app().status().town == "赟娜镇");
  CHECK_FALSE(h.app().status().demo);
  CHECK(h.app().store().town()->name == "赟娜镇");
  CHECK(fs::exists(dir / utf8_path("赟娜镇.db")));
  // The new town stays empty (no demo data), and the other town is still offered.
  CHECK(h.app().store().members().empty());
  CHECK(h.app().store().orgs().size() == 1);
}

TEST_CASE("an empty town name is refused with a message, nothing is created") {
  auto dir = fresh_dir("empty_name");
  Headless h(options(dir));
  REQUIRE(h.click("nav.settings"));
  REQUIRE(h.click("settings.new_town"));
  h.frame();
  REQUIRE(h.click("town.create"));
  CHECK(h.visible("town.name"));  // the dialog stays open
  CHECK(h.app().status().demo);
  size_t dbs = 0;
  for (const auto& e : fs::directory_iterator(dir)) dbs += e.path().extension() == ".db";
  CHECK(dbs == 1);
}

TEST_CASE("tablet: dragging a screen's empty space scrolls it") {
  auto o = options(fresh_dir("drag"), 800, 1280);
  o.tablet = true;
  Headless h(o);
  h.frames(2);
  auto title = ui::find_mark("dashboard.title");
  REQUIRE(title);
  const float y0 = title->min.y;
  // Press on the title text (not a widget) and drag up by 300 px.
  const ImVec2 c = title->center();
  h.drag(c.x, c.y, c.x, c.y - 300);
  auto after = ui::find_mark("dashboard.title");
  if (after) CHECK(after->min.y < y0 - 100);  // moved up, or scrolled out of view entirely
}

TEST_CASE("frame timing entry for jiceng-bench measures real frames") {
  auto dir = fresh_dir("timing");
  // time_view_frames opens (and here first creates) the database itself.
  const std::string db = (dir / "town.db").string();
  FrameTiming t = time_view_frames(db, ViewId::Dashboard, 1280, 800, false, 10);
  CHECK(t.frames == 10);
  CHECK(t.mean_ms > 0);
  CHECK(t.max_ms >= t.mean_ms);
  CHECK(t.first_ms > 0);
  CHECK(fs::exists(db));
}

TEST_CASE("each screen shows the open town's data") {
  Headless h(options(fresh_dir("screens")));
  const Org town = *h.app().store().town();
  REQUIRE(h.click("nav.records"));
  CHECK(h.visible("org." + town.code));  // the organisation tree from the database
  REQUIRE(h.click("nav.collect"));
  REQUIRE(h.click("collect.org"));        // the organisation picker lists the town's units
  size_t units = 0;
  for (const auto& o : h.app().store().orgs())
    if (is_reporting_unit(o.kind) && h.visible("collect.org." + o.code)) ++units;
  CHECK(units >= 3);
  REQUIRE(h.click("collect.org"));  // closes the list again, as a second tap does
  REQUIRE(h.click("nav.summary"));
  REQUIRE(h.app().current() == ViewId::Summary);
  CHECK(h.visible("summary.section.0"));  // the outline of the default template
  REQUIRE(h.click("nav.dashboard"));
  CHECK(h.visible("dashboard.title"));
}

TEST_CASE("a database without a town shows a message on every screen, settings still work") {
  auto dir = fresh_dir("no_town");
  Store::open((dir / "town.db").string());  // a valid, empty Jiceng database
  Headless h(options(dir));
  CHECK_FALSE(h.app().status().demo);
  for (ViewId v : {ViewId::Collect, ViewId::Dashboard, ViewId::Summary, ViewId::Records}) {
    REQUIRE(h.click("nav." + std::string(view_name(v))));
    CHECK_FALSE(h.app().view(v).problem().empty());
  }
  REQUIRE(h.click("nav.settings"));
  CHECK(h.app().view(ViewId::Settings).problem().empty());
  REQUIRE(h.click("settings.new_town"));
  REQUIRE(h.visible("town.name"));
  h.type("新镇");
  REQUIRE(h.click("town.create"));
  CHECK(h.app().store().town()->name == "新镇");
  REQUIRE(h.click("nav.records"));
  CHECK(h.app().view(ViewId::Records).problem().empty());
}
