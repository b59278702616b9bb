// What a person notices, at 1280×800 and 800×1280: a calm 冲突处理 screen when nothing waits,
// developer detail only on 设置 ▸ 关于 (where an admin names devices), device names in histories,
// dashboard cards with targets first, and a figure's villages furthest behind first.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/RunCli.hpp"
#include "base/Strings.hpp"
#include "Headless.hpp"
#include "store/Devices.hpp"
#include "store/Store.hpp"
#include "UiTestSupport.hpp"
#include "views/DashboardView.hpp"
#include "views/SignIn.hpp"
#include "widgets/Widgets.hpp"

using namespace jiceng;
using namespace jiceng::gui;
using namespace jiceng::test_ui;

namespace {

DashboardView& dashboard(Headless& h) { return dynamic_cast<DashboardView&>(h.app().view(ViewId::Dashboard)); }

std::string shown(const std::string& key) {
  auto it = dash::shown().text.find(key);
  return it == dash::shown().text.end() ? std::string("(not shown)") : it->second;
}

}  // namespace

TEST_CASE("冲突处理 with nothing to decide: one centred message and when conflicts appear, no controls") {
  for (const Size& size : kSizes) {
    CAPTURE(tag(size));
    auto dir = test_ui::fresh_dir("polish_conflicts_" + tag(size));
    Headless h(test_ui::town_options(dir, ViewId::Conflicts, size.w, size.h));
    h.frame();
    CHECK(h.visible("conflicts.title"));
    REQUIRE(h.visible("conflicts.empty"));
    // No reason field, no 显示已处理的 (nothing was ever decided).
    CHECK_FALSE(h.visible("conflicts.reason"));
    CHECK_FALSE(h.visible("conflicts.show_decided"));
    // Centred under the title: its margins on both sides are alike, and well in from the title.
    auto title = ui::find_mark("conflicts.title");
    auto line = ui::find_mark("conflicts.empty");
    REQUIRE(title);
    REQUIRE(line);
    CHECK(line->min.x > title->min.x + ui::em(2));
    CHECK(line->min.y > title->max.y + ui::em(3));
    CHECK(line->max.y < float(size.h));
  }
}

TEST_CASE("设置: font, schema and device id only on 关于, where an admin names this device") {
  for (const Size& size : kSizes) {
    CAPTURE(tag(size));
    auto dir = test_ui::fresh_dir("polish_about_" + tag(size));
    Headless h(test_ui::town_options(dir, ViewId::Settings, size.w, size.h));
    h.frame();
    CHECK(h.visible("settings.tab.general"));
    for (const char* dev : {"settings.about.font", "settings.about.version", "settings.about.database",
                            "settings.about.device_id"})
      CHECK_FALSE(h.visible(dev));
    REQUIRE(h.click("settings.tab.about"));
    for (const char* dev : {"settings.about.font", "settings.about.version", "settings.about.database",
                            "settings.about.device_id"})
      CHECK(h.visible(dev));
    // Signed out: no field to rename with.
    CHECK_FALSE(h.visible("settings.about.device.0.name"));

    std::string error;
    REQUIRE(gui::sign_in(h.app().context(), "admin", "246810", &error));
    h.frames(2);
    REQUIRE(h.click("settings.about.device.0.name"));
    h.type("镇党办电脑");
    REQUIRE(h.click("settings.about.device.0.save"));
    Store& s = h.app().store();
    CHECK(device_name(s, s.device_id()) == "镇党办电脑");
    CHECK(h.visible("settings.about.notice"));
    const auto last = s.history({std::nullopt, "", "", 1});
    REQUIRE(last.size() == 1);
    CHECK(last[0].action == "device_name");
    CHECK(last[0].user == "周敏");
  }
}

TEST_CASE("进度看板: cards with targets first; a figure's villages furthest behind first, named devices in history") {
  for (const Size& size : kSizes) {
    CAPTURE(tag(size));
    auto dir = test_ui::fresh_dir("polish_dashboard_" + tag(size));
    Headless h(test_ui::town_options(dir, ViewId::Dashboard, size.w, size.h));
    dash::shown().enabled = true;
    dash::shown().text.clear();
    h.frames(2);
    DashboardView& view = dashboard(h);
    // The first card is one with targets, and none with targets comes after one without.
    const auto& cards = view.model().cards;
    REQUIRE(!cards.empty());
    CHECK(cards.front().has_targets);
    CHECK(h.visible("dashboard.section." + cards.front().id));
    bool seen_without = false;
    for (const auto& c : cards) {
      CHECK_FALSE((seen_without && c.has_targets));
      seen_without |= !c.has_targets;
    }
    // The builtin catalog puts a section without targets before some with: the order is ours.
    CHECK(seen_without);

    // This computer gets a name; the history of a value typed on it shows the name.
    Store& s = h.app().store();
    set_device_name(s, s.device_id(), "镇党办电脑", Actor{"管理员", "", Role::Admin, {}});
    h.frames(2);

    REQUIRE(h.click("dashboard.section.organization"));
    REQUIRE(h.click("dashboard.figure.visited_households"));
    REQUIRE(view.page() == DashboardView::Page::Indicator);
    const auto& page = view.indicator_page();
    REQUIRE(page.units.size() >= 3);
    // As the CLI computes them: the first row reached the lowest share of its target.
    const auto deep = nlohmann::json::parse(test::run_cli("dashboard " + test::shell_quote((dir / "town.db").string()) +
                                                          " --year 2020 --json --indicator visited_households").out);
    double lowest = 2;
    std::string lowest_code;
    for (const auto& v : deep["indicator"]["villages"]) {
      if (v["target"].is_null()) continue;
      const double p = v["progress"].is_null() ? 0 : v["progress"].get<double>();
      if (p < lowest) lowest = p, lowest_code = v["code"].get<std::string>();
    }
    REQUIRE(!lowest_code.empty());
    const std::string first = page.unit_codes.front();
    CHECK(first == lowest_code);
    CHECK(h.visible("dashboard.unit." + first));
    CHECK(shown("dashboard.unit." + first).find("完成率") != std::string::npos);
    for (size_t i = 1; i < page.units.size(); ++i)
      if (page.units[i].has_target) CHECK(page.units[i - 1].has_target);  // no target: last

    // Into a village with values, one month's history: the device by its name.
    std::string village;
    for (size_t i = 0; i < page.units.size() && village.empty(); ++i)
      if (page.units[i].has_value && h.visible("dashboard.unit." + page.unit_codes[i])) village = page.unit_codes[i];
    REQUIRE(!village.empty());
    REQUIRE(h.click("dashboard.unit." + village));
    std::string period;
    for (const auto& r : view.village_page().rows)
      if (r.has_value && h.visible("dashboard.period." + r.period.str())) {
        period = r.period.str();
        break;
      }
    REQUIRE(!period.empty());
    REQUIRE(h.click("dashboard.period." + period));
    REQUIRE(view.page() == DashboardView::Page::History);
    CHECK(shown("dashboard.history.0").find("镇党办电脑") != std::string::npos);
    dash::shown().enabled = false;
  }
}
