// An implausible figure on the collect form (issue 13, item 4), at 1280×800 and on a portrait
// tablet: the clerk types 50 meaning 50 元 into 收缴党费 (万元); after Enter the warning shows beside
// the field with 确认无误 and 修改. 修改 writes nothing and puts her back in the field; typed again and
// confirmed, the value is stored and its history says it was confirmed against the warning.
#include <doctest/doctest.h>

#include <imgui.h>

#include <nlohmann/json.hpp>

#include "base/Strings.hpp"
#include "model/Rules.hpp"
#include "store/Store.hpp"
#include "UiTestSupport.hpp"
#include "views/CollectView.hpp"
#include "widgets/Widgets.hpp"

using namespace jiceng;
using namespace jiceng::gui;
using namespace jiceng::test_ui;

namespace {

// Scrolls the form (the wheel over it) until `mark` is whole on screen, clear of the bottom edge.
bool reveal(Headless& h, const std::string& mark) {
  for (int i = 0; i < 60; ++i) {
    auto r = ui::find_mark(mark);
    if (r && r->min.y > 0 && r->max.y < ImGui::GetIO().DisplaySize.y * 0.9f) return true;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(io.DisplaySize.x * 0.45f, io.DisplaySize.y * 0.5f);
    io.MouseWheel = r && r->min.y <= 0 ? 1.0f : -1.0f;
    h.frame();
  }
  return false;
}

// Drawn whole on screen and at least `height` tall (a finger's target).
bool in_view(const std::string& mark, const Size& size, float height) {
  auto r = ui::find_mark(mark);
  return r && r->min.x >= 0 && r->min.y >= 0 && r->max.x <= float(size.w) && r->max.y <= float(size.h) &&
         r->max.y - r->min.y >= height;
}

}  // namespace

TEST_CASE("collect plausibility: 500000 元 (50 万元) of 党费 asks; 修改 writes nothing; 确认无误 stores and audits") {
  for (const Size& sz : kSizes) {
    CAPTURE(sz.w);
    Headless h(town_options(fresh_dir("collect_plausible_" + std::to_string(sz.w)), ViewId::Collect, sz.w, sz.h));
    Store& s = h.app().store();
    CollectView& view = collect(h);
    sign_in(h, "clerk", "3456");
    REQUIRE(h.click("collect.org"));
    REQUIRE(h.click("collect.org.V01"));
    REQUIRE(h.click("collect.period"));
    REQUIRE(h.click("collect.period.12"));
    const OrgId v01 = s.find_org("V01")->id;
    const Period dec{2020, 12};
    const auto last_year = s.value(v01, "dues", {2019, 12});
    REQUIRE(last_year);  // the reference the warning names
    REQUIRE_FALSE(s.value(v01, "dues", dec));
    const size_t entries = s.history().size();

    // Types 500000 (元, the entry unit: 50 万元) and presses Enter: nothing written, the warning beside the field with two buttons.
    REQUIRE(reveal(h, "collect.field.dues"));
    REQUIRE(h.click("collect.field.dues"));
    h.type("500000");
    h.press_enter();
    h.frame();
    const CollectLine* line = view.line("dues");
    REQUIRE(line);
    // In 元, as she typed it (the store keeps 万元).
    CHECK(contains(line->warning, "500000 元是去年同期（" + format_number(stored_to_typed(s.catalog().at("dues"), last_year->value), 2) + " 元）的"));
    CHECK(contains(line->warning, "请确认数值和单位是否正确"));
    CHECK_FALSE(s.value(v01, "dues", dec));
    CHECK(s.history().size() == entries);
    CHECK(view.unsaved() == 1);  // still waiting: a submission would be refused until answered
    REQUIRE(reveal(h, "collect.warning.confirm.dues"));
    CHECK(h.visible("collect.warning.dues"));
    const float finger = sz.w < 1000 ? 44.0f : 40.0f;
    CHECK(in_view("collect.warning.confirm.dues", sz, finger));
    CHECK(in_view("collect.warning.revise.dues", sz, finger));
    // The warning sits beside the field: under it in the same column, not somewhere else.
    auto field = ui::find_mark("collect.field.dues");
    auto warning = ui::find_mark("collect.warning.dues");
    REQUIRE(field);
    REQUIRE(warning);
    CHECK(warning->min.y >= field->max.y - 1);
    CHECK(warning->min.y - field->max.y < 80);

    // 修改: back to editing, nothing written, the question gone.
    REQUIRE(reveal(h, "collect.warning.revise.dues"));
    REQUIRE(h.click("collect.warning.revise.dues"));
    CHECK_FALSE(h.visible("collect.warning.dues"));
    CHECK_FALSE(s.value(v01, "dues", dec));
    CHECK(s.history().size() == entries);

    // 修改 put her back in the field with its text selected: typing replaces it. She types 500000
    // again (say she checked the receipt: 50 万元 it is) and confirms.
    h.type("500000");
    h.press_enter();
    h.frame();
    REQUIRE(reveal(h, "collect.warning.confirm.dues"));
    const std::string asked = view.line("dues")->warning;
    REQUIRE_FALSE(asked.empty());
    REQUIRE(h.click("collect.warning.confirm.dues"));
    auto stored = s.value(v01, "dues", dec);
    REQUIRE(stored);
    CHECK(stored->value == 50);
    CHECK(stored->updated_by == "王娜");
    CHECK(view.line("dues")->warning.empty());
    CHECK(view.unsaved() == 0);
    CHECK(h.visible("collect.saved.dues"));
    auto audit = s.history({v01, "dues", "2020-12", 1});
    REQUIRE(audit.size() == 1);
    CHECK(audit[0].new_value == 50);
    auto detail = nlohmann::json::parse(audit[0].detail);
    CHECK(detail["plausibility"]["warning"] == asked);
    CHECK(detail["plausibility"]["confirmed"] == true);

    // The value's history says it was confirmed, and against what.
    REQUIRE(h.click("collect.history.dues"));
    REQUIRE_FALSE(view.history_rows().empty());
    CHECK(contains(view.history_rows()[0].reason, "已确认无误"));
    CHECK(contains(view.history_rows()[0].reason, asked));
    REQUIRE(h.click("collect.history.close"));
  }
}
