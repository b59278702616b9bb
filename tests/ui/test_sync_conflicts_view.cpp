// 冲突处理 driven headless: a town with three conflicts from two tablets; a person takes the
// tablet's value, keeps the office's, types a third (a bad one first), on desktop and tablet sizes.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "demo/Demo.hpp"
#include "Headless.hpp"
#include "platform/Fonts.hpp"
#include "store/Store.hpp"
#include "sync/Conflicts.hpp"
#include "sync/Export.hpp"
#include "sync/Import.hpp"
#include "UiTestSupport.hpp"
#include "widgets/Widgets.hpp"

using namespace jiceng;
using namespace jiceng::gui;
namespace fs = std::filesystem;

namespace {

const Actor kOffice{"组织委员", "", Role::Admin, {}};

// The demo town after two tablets and the office changed the same figures.
fs::path town_with_conflicts(const std::string& name) {
  const fs::path dir = fs::path(JICENG_UI_TEST_DIR) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "town.db").string();
  auto town = Store::open(db);
  write_demo_town(*town);
  sync::clone_for_device(*town, (dir / "a.db").string());
  sync::clone_for_device(*town, (dir / "b.db").string());
  auto a = Store::open((dir / "a.db").string());
  auto b = Store::open((dir / "b.db").string());
  a->set_value({"青石村", "走访群众户数", "2020-11", "77"}, kOffice);
  a->set_value({"青石村", "新建冷库数", "2020", "3"}, kOffice);
  b->set_value({"柳河村", "收集意见建议数", "2020-10", "40"}, kOffice);
  town->set_value({"青石村", "走访群众户数", "2020-11", "80"}, kOffice);
  town->set_value({"青石村", "新建冷库数", "2020", "2"}, kOffice);
  town->set_value({"柳河村", "收集意见建议数", "2020-10", "41"}, kOffice);
  sync::export_package(*a, {{"青石村"}, "town", false, kOffice}, (dir / "a.jcpkg").string());
  sync::export_package(*b, {{"柳河村"}, "town", false, kOffice}, (dir / "b.jcpkg").string());
  sync::PackageImporter in(*town, kOffice);
  for (const char* f : {"a.jcpkg", "b.jcpkg"}) in.import_file((dir / f).string());
  REQUIRE(sync::open_conflict_count(*town) == 3);
  return dir;
}

HeadlessOptions options(const fs::path& dir, int w, int h) {
  return test_ui::town_options(dir, ViewId::Conflicts, w, h);
}

std::optional<double> value(Store& s, const char* org, const char* ind, const char* period) {
  auto v = s.value(s.require_org(org).id, s.catalog().find(ind)->id, *Period::parse(period));
  return v ? std::optional(v->value) : std::nullopt;
}

}  // namespace

TEST_CASE("conflicts screen: take theirs, keep ours, type a value; a bad value is refused in place") {
  const fs::path dir = town_with_conflicts("conflicts_view");
  Headless h(options(dir, 1280, 800));
  Store& s = h.app().store();
  auto open = sync::conflicts(s);
  REQUIRE(open.size() == 3);
  auto id_of = [&](const char* indicator) {
    for (const auto& c : open)
      if (c.indicator == indicator) return c.id;
    FAIL("no conflict on " << indicator);
    return int64_t(0);
  };
  const int64_t visited_id = id_of("visited_households"), cold_id = id_of("cold_stores"),
                suggestions_id = id_of("suggestions");
  const std::string visited = std::to_string(visited_id), cold = std::to_string(cold_id),
                    suggestions = std::to_string(suggestions_id);
  CHECK(h.visible("conflicts.title"));
  for (const auto& id : {visited, cold, suggestions}) CHECK(h.visible("conflicts." + id + ".remote"));

  // Signed out, nobody decides: the screen says so and nothing changes.
  REQUIRE(h.click("conflicts." + visited + ".remote"));
  CHECK(value(s, "青石村", "走访群众户数", "2020-11") == 80);
  CHECK(sync::open_conflict_count(s) == 3);
  // Signed in, the decision goes through and is recorded under the person's name.
  test_ui::sign_in(h, "admin", "246810");
  REQUIRE(h.click("conflicts." + visited + ".remote"));
  CHECK(value(s, "青石村", "走访群众户数", "2020-11") == 77);
  {
    auto decided = s.history();
    bool by_admin = false;
    for (const auto& e : decided) by_admin |= e.user == "周敏" && e.indicator == "visited_households";
    CHECK(by_admin);
  }
  CHECK_FALSE(h.visible("conflicts." + visited + ".remote"));  // decided: no longer offered

  REQUIRE(h.click("conflicts." + cold + ".local"));
  CHECK(value(s, "青石村", "新建冷库数", "2020") == 2);
  CHECK(sync::conflict(s, cold_id)->resolution == "local");

  // A typed figure goes through the store's rules: a negative count is refused, nothing written.
  REQUIRE(h.click("conflicts." + suggestions + ".value"));
  h.type("-3");
  REQUIRE(h.click("conflicts." + suggestions + ".typed"));
  CHECK(sync::conflict(s, suggestions_id)->open());
  CHECK(value(s, "柳河村", "收集意见建议数", "2020-10") == 41);
  REQUIRE(h.click("conflicts." + suggestions + ".value"));
  for (int i = 0; i < 2; ++i) {  // clear the field as a person would
    ImGui::GetIO().KeysDown[ImGuiKey_Backspace] = true;
    h.frame();
    ImGui::GetIO().KeysDown[ImGuiKey_Backspace] = false;
    h.frame();
  }
  h.type("45");
  REQUIRE(h.click("conflicts." + suggestions + ".typed"));
  CHECK(value(s, "柳河村", "收集意见建议数", "2020-10") == 45);
  CHECK(sync::open_conflict_count(s) == 0);
  // Decided ones come back on request, with what was decided.
  REQUIRE(h.click("conflicts.show_decided"));
  CHECK(h.visible("conflicts." + visited + ".title"));
  CHECK_FALSE(h.visible("conflicts." + visited + ".local"));
}

TEST_CASE("conflicts screen on a portrait tablet: one column, finger-sized buttons") {
  const fs::path dir = town_with_conflicts("conflicts_view_tablet");
  Headless h(options(dir, 800, 1280));
  CHECK(h.app().tablet());
  const std::string id = std::to_string(sync::conflicts(h.app().store()).front().id);
  auto local = ui::find_mark("conflicts." + id + ".local");
  auto remote = ui::find_mark("conflicts." + id + ".remote");
  REQUIRE(local);
  REQUIRE(remote);
  CHECK(local->max.y - local->min.y >= 2.0f * h.fonts().body_px());
  // Cards stack: the second conflict's title is below the first's buttons.
  const std::string second = std::to_string(sync::conflicts(h.app().store())[1].id);
  auto next = ui::find_mark("conflicts." + second + ".title");
  REQUIRE(next);
  CHECK(next->min.y > remote->max.y);
  test_ui::sign_in(h, "admin", "246810");
  REQUIRE(h.click("conflicts." + id + ".remote"));
  CHECK(sync::open_conflict_count(h.app().store()) == 2);
}
