// 组织与党员 at 1280×800 and on a 800×1280 tablet (issue 13, items 5, 10 and 14): the new-member
// form opens without a single warning, warns once a field is touched or 保存 pressed, keeps 保存 in
// view, and disables it (saying why) for a date out of order; the member CSV preview shows counts
// and rows before anything is written, 导入 writes once, the same file again changes nothing.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include <imgui.h>

#include "base/Strings.hpp"
#include "store/Store.hpp"
#include "UiTestSupport.hpp"
#include "views/RecordsView.hpp"
#include "widgets/Widgets.hpp"

using namespace jiceng;
using namespace jiceng::gui;
using namespace jiceng::test_ui;

namespace {

RecordsView& records(Headless& h) { return dynamic_cast<RecordsView&>(h.app().view(ViewId::Records)); }

constexpr float kButtonHeight = 20;  // a button cut to less than this is not "in view"

// Clears the focused text field as a person does, one backspace at a time.
void backspace(Headless& h, int n) {
  for (int i = 0; i < n; ++i) {
    ImGui::GetIO().KeysDown[ImGuiKey_Backspace] = true;
    h.frame();
    ImGui::GetIO().KeysDown[ImGuiKey_Backspace] = false;
    h.frame();
  }
}

// The mark is drawn whole inside the window (not cut by the edge, not scrolled away).
bool fully_in_view(const std::string& mark, const Size& size, float min_height) {
  auto r = ui::find_mark(mark);
  if (!r) return false;
  return r->min.x >= 0 && r->min.y >= 0 && r->max.x <= float(size.w) && r->max.y <= float(size.h) &&
         r->max.y - r->min.y >= min_height;
}

// Any warning or error mark of the member form on screen.
std::vector<std::string> member_messages() {
  std::vector<std::string> shown;
  for (const char* f : {"name", "birth_date", "branch", "applied_on", "talked_on", "activist_on", "candidate_on",
                        "probationary_on", "full_on"})
    for (const char* kind : {"records.member.issue.", "records.member.error."})
      if (ui::find_mark(std::string(kind) + f)) shown.push_back(std::string(kind) + f);
  if (ui::find_mark("records.member.save_blocked")) shown.push_back("records.member.save_blocked");
  if (ui::find_mark("records.member.error")) shown.push_back("records.member.error");
  return shown;
}

// Turns the mouse wheel over the member form's fields until `mark` is in view.
bool scroll_to(Headless& h, const std::string& mark) {
  for (int i = 0; i < 40 && !h.visible(mark); ++i) {
    auto body = ui::find_mark("records.member.body");
    if (!body) return false;
    ImGui::GetIO().MousePos = body->center();
    ImGui::GetIO().MouseWheel = -1;
    h.frame();
  }
  return h.visible(mark);
}

size_t count_named(Store& s, const std::string& name) {
  auto ms = s.members();
  return size_t(std::count_if(ms.begin(), ms.end(), [&](const Member& m) { return m.name == name; }));
}

}  // namespace

TEST_CASE("records: the new-member form is quiet until touched, keeps 保存 in view, blocks a date out of order") {
  for (const Size& size : kSizes) {
    CAPTURE(size.w);
    Headless h(town_options(fresh_dir("records_form_" + std::to_string(size.w)), ViewId::Records, size.w, size.h));
    Store& s = h.app().store();
    RecordsView& view = records(h);
    sign_in(h, "admin", "246810");
    REQUIRE(h.click("records.tab.members"));
    REQUIRE(h.click("records.member.add"));
    REQUIRE(view.member_edit());
    h.frame();
    // A fresh form greets nobody with red: no message at all, 保存 whole on screen.
    CHECK(member_messages().empty());
    CHECK(fully_in_view("records.member.save", size, kButtonHeight));

    // 保存 on the empty form: the store's reason, and from now on every warning.
    REQUIRE(h.click("records.member.save"));
    REQUIRE(view.member_edit());
    CHECK(contains(view.member_edit()->error, tr("store.member_needs_name")));
    h.frames(2);  // the 保存 bar grew by the message: laid out again (the app draws 3 frames after input)
    CHECK(h.visible("records.member.error"));
    CHECK(h.visible("records.member.issue.name"));
    CHECK(scroll_to(h, "records.member.issue.applied_on"));  // 入党申请人 without 申请入党日期: a warning
    CHECK(fully_in_view("records.member.save", size, kButtonHeight));  // the fields scrolled, not 保存

    // A second, fresh form: typing a name warns about nothing else.
    REQUIRE(h.click("records.member.back"));
    REQUIRE(h.click("records.member.add"));
    REQUIRE(h.click("records.member.name"));
    h.type("林序");
    h.frame();
    CHECK(member_messages().empty());
    REQUIRE(h.click("records.member.branch"));
    REQUIRE(h.click("records.member.branch.V01-1"));
    REQUIRE(scroll_to(h, "records.member.date.applied_on"));
    REQUIRE(h.click("records.member.date.applied_on"));
    h.type("2020-03-01");
    // The talk 14 months before the application: an error beside the date, 保存 disabled saying why.
    REQUIRE(h.click("records.member.date.talked_on"));
    h.type("2019-01-01");
    h.frames(2);
    CHECK(h.visible("records.member.error.talked_on"));
    CHECK(h.visible("records.member.save_blocked"));
    CHECK(fully_in_view("records.member.save", size, kButtonHeight));
    REQUIRE(h.click("records.member.save"));  // disabled: nothing happens
    CHECK(view.member_edit());
    CHECK(count_named(s, "林序") == 0);

    // Two months after applying: only a warning, and 保存 works.
    REQUIRE(h.click("records.member.date.talked_on"));
    backspace(h, 10);
    h.type("2020-05-01");
    h.frames(2);
    CHECK_FALSE(h.visible("records.member.error.talked_on"));
    CHECK(h.visible("records.member.issue.talked_on"));
    CHECK_FALSE(h.visible("records.member.save_blocked"));
    REQUIRE(h.click("records.member.save"));
    CHECK_FALSE(view.member_edit());
    CHECK(count_named(s, "林序") == 1);
  }
}

TEST_CASE("records: the member CSV is previewed before anything is written; the same file twice changes nothing") {
  for (const Size& size : kSizes) {
    CAPTURE(size.w);
    auto dir = fresh_dir("records_import_preview_" + std::to_string(size.w));
    Headless h(town_options(dir, ViewId::Records, size.w, size.h));
    Store& s = h.app().store();
    RecordsView& view = records(h);
    const std::string header = "姓名,性别,出生日期,所在支部,发展阶段,申请入党日期,谈话日期\n";
    {
      std::ofstream bad(dir / "bad.csv");
      bad << header << "甲新,女,1990-01-01,V01-1,入党申请人,2020-01-01,2020-01-10\n"
          << "乙新,男,1991-01-01,V01-1,入党申请人,2020-03-01,2019-01-01\n";  // talk before applying
      std::ofstream good(dir / "good.csv");
      good << header;
      for (int i = 0; i < 400; ++i)  // a long file: the list clips
        good << "导入" << i << ",女,1990-01-01,V01-1,入党申请人,2020-01-01,2020-01-10\n";
    }
    const size_t members = s.members().size();
    REQUIRE(h.click("records.tab.import"));
    sign_in(h, "admin", "246810");
    REQUIRE(h.click("records.import.pick"));  // the data folder's CSV files, for a tap
    REQUIRE(h.click("records.import.file.bad.csv"));
    REQUIRE(h.click("records.import.members"));
    REQUIRE(view.import_plan());
    CHECK(h.visible("records.import.summary"));
    CHECK(h.visible("records.import.row.2"));
    CHECK(h.visible("records.import.row.3"));
    CHECK(h.visible("records.import.why"));
    CHECK(view.import_plan()->errors() == 1);
    CHECK(fully_in_view("records.import.apply", size, kButtonHeight));
    REQUIRE(h.click("records.import.apply"));  // disabled while the file has errors
    CHECK(s.members().size() == members);
    REQUIRE(h.click("records.import.cancel"));
    CHECK_FALSE(view.import_plan());

    REQUIRE(h.click("records.import.file.good.csv"));
    REQUIRE(h.click("records.import.members"));
    REQUIRE(view.import_plan());
    CHECK(view.import_plan()->count(ImportRowKind::New) == 400);
    CHECK(contains(view.import_plan()->summary(), "新增 400 人"));
    CHECK(s.members().size() == members);  // a preview writes nothing
    CHECK(h.visible("records.import.row.2"));
    CHECK(fully_in_view("records.import.row.2", size, size.w < 1000 ? 44.0f : 36.0f));  // tall enough for a finger
    CHECK_FALSE(h.visible("records.import.row.401"));  // clipped: only the rows in view are drawn
    CHECK(fully_in_view("records.import.apply", size, kButtonHeight));
    CHECK(fully_in_view("records.import.cancel", size, kButtonHeight));
    REQUIRE(h.click("records.import.apply"));
    CHECK_FALSE(view.import_plan());
    CHECK(contains(view.import_message(), "新增 400 人"));
    CHECK(s.members().size() == members + 400);

    // The same file again: all there, nothing to write, and the screen says so.
    REQUIRE(h.click("records.import.members"));
    REQUIRE(view.import_plan());
    CHECK(view.import_plan()->summary() == "全部 400 人已存在，未作更改");
    CHECK(h.visible("records.import.why"));
    REQUIRE(h.click("records.import.apply"));
    CHECK(s.members().size() == members + 400);
    REQUIRE(h.click("records.import.cancel"));
    CHECK(h.visible("records.import.members"));
  }
}
