// 数据采集 driven headless as a clerk and a leader would: sign in, fill a month's form, read the
// rule messages, save drafts, submit, approve (and be refused as a clerk), reopen with a reason,
// read a value's history and undo.
#include <doctest/doctest.h>

#include <imgui.h>

#include <algorithm>

#include "base/Strings.hpp"
#include "store/Devices.hpp"
#include "store/Store.hpp"
#include "UiTestSupport.hpp"
#include "views/CollectView.hpp"
#include "widgets/Widgets.hpp"

using namespace jiceng;
using namespace jiceng::gui;
using namespace jiceng::test_ui;

namespace {

// Taps a field (its text is selected, so typing replaces it), types, presses Enter.
void enter(Headless& h, const std::string& indicator, const std::string& text) {
  REQUIRE(h.click("collect.field." + indicator));
  h.type(text);
  h.press_enter();
}

}  // namespace

TEST_CASE("collect: fill a month as the clerk, rule messages, drafts, submit; approve as leader; audit") {
  Headless h(town_options(fresh_dir("collect_flow"), ViewId::Collect));
  Store& s = h.app().store();
  const OrgId v01 = s.find_org("V01")->id;
  const Period dec{2020, 12};
  CollectView& view = collect(h);

  // Not signed in: the form is shown read-only.
  REQUIRE(h.click("collect.period"));
  REQUIRE(h.click("collect.period.12"));
  CHECK(view.period() == dec);
  CHECK_FALSE(h.visible("collect.field.visited_households"));
  CHECK(h.visible("collect.value.visited_households"));

  // The clerk starts on her first open month (桃源村's November draft); she picks 青石村's December.
  sign_in(h, "clerk", "3456");
  REQUIRE(signed_in(h.app().context()));
  CHECK(signed_in(h.app().context())->role == Role::Clerk);
  h.frame();
  CHECK(view.org() == s.find_org("V03")->id);
  CHECK(view.period() == Period{2020, 11});
  REQUIRE(h.click("collect.org"));
  REQUIRE(h.click("collect.org.V01"));
  REQUIRE(h.click("collect.period"));
  REQUIRE(h.click("collect.period.12"));
  CHECK(view.org() == v01);
  CHECK(view.period() == dec);
  REQUIRE(h.visible("collect.field.visited_households"));

  // A wrong value: the message shows beside the field as it is typed, and nothing is written.
  REQUIRE(h.click("collect.field.visited_households"));
  h.type("abc");
  const CollectLine* line = view.line("visited_households");
  REQUIRE(line);
  CHECK(contains(line->error, "应为数字"));
  CHECK(h.visible("collect.msg.visited_households"));
  h.press_enter();
  CHECK_FALSE(s.value(v01, "visited_households", dec));
  CHECK(view.unsaved() == 1);
  CHECK(h.app().context().pending_edits == 1);  // the status bar counts it
  REQUIRE(h.click("collect.field.visited_households"));
  h.type("3.5");
  CHECK(contains(view.line("visited_households")->error, "整数"));

  // Corrected: saved as a draft on Enter.
  REQUIRE(h.click("collect.field.visited_households"));
  h.type("25");
  CHECK(view.line("visited_households")->error.empty());
  h.press_enter();
  auto saved = s.value(v01, "visited_households", dec);
  REQUIRE(saved);
  CHECK(saved->value == 25);
  CHECK(saved->status == ValueStatus::Draft);
  CHECK(saved->updated_by == "王娜");
  CHECK(view.unsaved() == 0);
  CHECK(h.visible("collect.saved.visited_households"));

  // Steppers write at once; a field left by tapping elsewhere is saved too.
  REQUIRE(h.click("collect.field.suggestions.plus"));
  REQUIRE(h.click("collect.field.suggestions.plus"));
  CHECK(s.value(v01, "suggestions", dec)->value == 2);
  REQUIRE(h.click("collect.field.problems_solved"));
  h.type("4");
  REQUIRE(h.click("collect.field.party_days"));  // focus moves: problems_solved is committed
  CHECK(s.value(v01, "problems_solved", dec)->value == 4);
  CHECK(view.model().filled == 3);
  CHECK(s.period_status(v01, dec) == ValueStatus::Draft);

  // Submit (clerk): 3 of 12 filled, so 提交 asks first; confirmed, the form locks.
  REQUIRE(h.click("collect.submit"));
  CHECK(contains(view.submit_question(), "还有 9 项未填"));
  REQUIRE(h.click("collect.submit.confirm"));
  CHECK(s.period_status(v01, dec) == ValueStatus::Submitted);
  CHECK(contains(view.status_line(h.app().context()), "已提交"));
  CHECK_FALSE(h.visible("collect.field.visited_households"));

  // The clerk is not offered the leader's steps.
  CHECK_FALSE(h.visible("collect.approve"));
  CHECK_FALSE(h.visible("collect.reopen"));

  // The leader approves.
  sign_in(h, "leader", "2345");
  CHECK(signed_in(h.app().context())->role == Role::Leader);
  CHECK(view.org() == v01);
  REQUIRE(h.click("collect.approve"));
  CHECK(s.period_status(v01, dec) == ValueStatus::Approved);
  CHECK(contains(view.status_line(h.app().context()), "已审核"));

  // Reopening needs a reason.
  REQUIRE(h.click("collect.reopen"));
  REQUIRE(h.click("collect.reopen.confirm"));
  CHECK(contains(view.workflow_message(), "原因"));
  CHECK(s.period_status(v01, dec) == ValueStatus::Approved);
  REQUIRE(h.click("collect.reopen.reason"));
  h.type("走访户数与台账不符");
  REQUIRE(h.click("collect.reopen.confirm"));
  CHECK(s.period_status(v01, dec) == ValueStatus::Draft);

  // The value's history: who, when, device, old → new, reason, newest first.
  REQUIRE(h.click("collect.history.visited_households"));
  CHECK(h.visible("collect.history.table.row.0"));
  const auto& rows = view.history_rows();
  REQUIRE(rows.size() == 4);  // typed, submitted, approved, reopened
  CHECK(rows[0].who == "张建国");
  CHECK(rows[0].reason == "走访户数与台账不符");
  CHECK(contains(rows[0].change, label(ValueStatus::Draft)));
  CHECK(rows[2].who == "王娜");
  CHECK(contains(rows[2].change, label(ValueStatus::Submitted)));
  CHECK(rows[3].what == tr("audit.set_value"));
  CHECK(contains(rows[3].change, "25"));
  CHECK(rows[3].device == short_device_id(s.device_id()));  // unnamed: the short id
  CHECK_FALSE(rows[3].when.empty());
  // A leader may not undo a clerk's entry either.
  REQUIRE(h.click("collect.undo"));
  CHECK(contains(view.history_message(), "领导"));
  REQUIRE(h.click("collect.history.close"));
  CHECK_FALSE(h.visible("collect.history.table.row.0"));

  // The organisation's recent changes list the same work.
  REQUIRE(h.click("collect.org_history"));
  const auto& recent = view.history_rows();
  CHECK(recent.size() >= 12);  // three values typed, each submitted, approved and reopened
  CHECK(std::any_of(recent.begin(), recent.end(), [](const AuditLine& r) {
    return contains(r.what, "走访群众户数") && r.reason == "走访户数与台账不符";
  }));
  REQUIRE(h.click("collect.history.close"));
}

TEST_CASE("collect: cross-field rules show on both fields; computed figures are read-only; undo") {
  // Tall enough that the whole yearly form is on screen (a person would scroll to it).
  auto o = town_options(fresh_dir("collect_rules"), ViewId::Collect, 1280, 4000);
  o.year = 2021;  // a year without data: the yearly form is open
  Headless h(o);
  Store& s = h.app().store();
  const OrgId v01 = s.find_org("V01")->id;
  const Period y{2021, 0};
  CollectView& view = collect(h);
  sign_in(h, "admin", "246810");
  REQUIRE(h.click("collect.org"));
  REQUIRE(h.click("collect.org.V01"));
  REQUIRE(h.click("collect.period"));
  REQUIRE(h.click("collect.period.0"));
  CHECK(view.org() == v01);
  CHECK(view.period() == y);

  enter(h, "registered_poor_households", "50");
  CHECK(s.value(v01, "registered_poor_households", y)->value == 50);
  // Fewer persons than households breaks a rule of the persons field: both fields say so.
  REQUIRE(h.click("collect.field.registered_poor_persons"));
  h.type("10");
  REQUIRE_FALSE(view.line("registered_poor_persons")->cross.empty());
  REQUIRE_FALSE(view.line("registered_poor_households")->cross.empty());
  CHECK(view.line("registered_poor_persons")->cross.front() == view.line("registered_poor_households")->cross.front());
  CHECK(contains(view.line("registered_poor_households")->cross.front(), "建档立卡贫困户"));
  h.frame();
  CHECK(h.visible("collect.msg.registered_poor_persons"));
  CHECK(h.visible("collect.msg.registered_poor_households"));
  h.press_enter();
  CHECK_FALSE(s.value(v01, "registered_poor_persons", y));  // refused, nothing written
  enter(h, "registered_poor_persons", "120");
  CHECK(s.value(v01, "registered_poor_persons", y)->value == 120);
  CHECK(view.line("registered_poor_persons")->cross.empty());
  CHECK(view.line("registered_poor_households")->cross.empty());

  // A rule against a computed figure: donors cannot outnumber the roster's members.
  const CollectLine* members = view.line("members");  // valid until the form is rebuilt
  REQUIRE(members);
  CHECK(members->derived);
  REQUIRE(members->value);
  const double member_count = *members->value;
  CHECK(h.visible("collect.value.members"));
  CHECK_FALSE(h.visible("collect.field.members"));
  REQUIRE(h.click("collect.field.donor_members"));
  h.type(std::to_string(int(member_count) + 1));
  REQUIRE_FALSE(view.line("donor_members")->cross.empty());
  CHECK(contains(view.line("donor_members")->cross.front(), "党员数"));
  CHECK(view.line("members")->cross == view.line("donor_members")->cross);  // shown on the computed line too
  h.press_enter();  // refused; the field is left, a new tap selects its text again
  CHECK_FALSE(h.app().store().value(v01, "donor_members", y));
  enter(h, "donor_members", "3");
  CHECK(view.line("donor_members")->cross.empty());
  // 3 donors is far from 青石村's usual scale: asked, and confirmed (docs/COLLECT.md, plausibility).
  CHECK(contains(view.line("donor_members")->warning, "请确认数值和单位是否正确"));
  REQUIRE(h.click("collect.warning.confirm.donor_members"));
  // The donation rate is computed from it, read-only.
  REQUIRE(view.line("donation_rate"));
  CHECK(view.line("donation_rate")->derived);
  REQUIRE(view.line("donation_rate")->value);
  CHECK(*view.line("donation_rate")->value == doctest::Approx(3.0 / member_count * 100));

  // Undo the last change of a value, from its history; the undo is itself recorded.
  enter(h, "registered_poor_households", "60");
  CHECK(s.value(v01, "registered_poor_households", y)->value == 60);
  REQUIRE(h.click("collect.history.registered_poor_households"));
  REQUIRE(view.history_rows().size() == 2);
  REQUIRE(h.click("collect.undo"));
  CHECK(view.history_message() == tr("collect.undone"));
  CHECK(s.value(v01, "registered_poor_households", y)->value == 50);
  REQUIRE(view.history_rows().size() == 3);  // reloaded after the write
  CHECK(view.history_rows()[0].what == tr("audit.undo"));
  CHECK(contains(view.history_rows()[0].change, "60"));
  REQUIRE(h.click("collect.history.close"));
  h.frame();
  CHECK(view.line("registered_poor_households")->text == "50");
}

TEST_CASE("collect: what was committed survives closing the app; the typed rest is counted as unsaved") {
  auto dir = fresh_dir("collect_kill");
  {
    Headless h(town_options(dir, ViewId::Collect));
    sign_in(h, "clerk", "3456");
    REQUIRE(h.click("collect.org"));
    REQUIRE(h.click("collect.org.V01"));
    REQUIRE(h.click("collect.period"));
    REQUIRE(h.click("collect.period.12"));
    enter(h, "party_days", "2");
    REQUIRE(h.click("collect.field.branch_meetings"));
    h.type("7");  // typed, not yet committed when the app goes away
    CHECK(h.app().context().pending_edits == 1);
  }
  auto s = Store::open((dir / "town.db").string());
  const OrgId v01 = s->find_org("V01")->id;
  auto kept = s->value(v01, "party_days", {2020, 12});
  REQUIRE(kept);
  CHECK(kept->value == 2);
  CHECK(kept->status == ValueStatus::Draft);
  CHECK_FALSE(s->value(v01, "branch_meetings", {2020, 12}));
}

TEST_CASE("collect: a clerk cannot type for a village not assigned to them; the leader only reads") {
  Headless h(town_options(fresh_dir("collect_roles"), ViewId::Collect, 800, 1280));
  CollectView& view = collect(h);
  sign_in(h, "clerk", "3456");
  REQUIRE(h.click("collect.org"));
  REQUIRE(h.click("collect.org.V02"));
  CHECK(view.org() == h.app().store().find_org("V02")->id);
  REQUIRE(h.click("collect.period"));
  REQUIRE(h.click("collect.period.12"));
  CHECK_FALSE(h.visible("collect.field.visited_households"));
  // 提交 is there for a clerk, disabled, with the reason beside it.
  REQUIRE(h.click("collect.submit"));
  CHECK(contains(view.workflow_reasons(), "没有被分配"));
  sign_in(h, "leader", "2345");
  CHECK_FALSE(h.visible("collect.field.visited_households"));
  // A wrong PIN signs nobody in.
  REQUIRE(h.click("signin.out"));
  sign_in(h, "clerk", "0000");
  CHECK_FALSE(signed_in(h.app().context()));
  CHECK(h.visible("signin.error"));  // said in the popup, which stays open for another try
  CHECK(h.visible("signin.login"));
}

TEST_CASE("collect on a portrait tablet: 历史 is whole beside a long unit (人次, 平方米)") {
  Headless h(town_options(fresh_dir("collect_units"), ViewId::Collect, 800, 1280));
  sign_in(h, "clerk", "3456");
  REQUIRE(h.click("collect.period"));
  REQUIRE(h.click("collect.period.12"));  // empty: every figure has its − field + steppers
  // Scrolls the form (the wheel over its left margin) until `mark` is on screen, not at the edge.
  auto reveal = [&](const std::string& mark) {
    for (int i = 0; i < 40; ++i) {
      auto r = ui::find_mark(mark);
      if (r && r->max.y < ImGui::GetIO().DisplaySize.y * 0.7f) return *r;
      ImGuiIO& io = ImGui::GetIO();
      io.MousePos = ImVec2(8, 400);
      io.MouseWheel = -1;
      h.frame();
    }
    FAIL("not on screen: " << mark);
    return ui::Rect{};
  };
  REQUIRE(h.visible("collect.field.visited_households"));
  const ui::Rect one = reveal("collect.history.visited_households");  // 户
  const ui::Rect two = reveal("collect.history.trainees");            // 人次
  CHECK(h.visible("collect.field.trainees"));
  // A button cut off at the column's edge is narrower than a whole one.
  CHECK(two.max.x - two.min.x == doctest::Approx(one.max.x - one.min.x));
  CHECK(two.max.x <= ImGui::GetIO().DisplaySize.x);
}

TEST_CASE("collect: a write the database refuses (locked by another program) is a message, not a crash") {
  auto dir = fresh_dir("collect_locked");
  Headless h(town_options(dir, ViewId::Collect));
  CollectView& view = collect(h);
  sign_in(h, "clerk", "3456");
  REQUIRE(h.click("collect.org"));
  REQUIRE(h.click("collect.org.V01"));
  REQUIRE(h.click("collect.period"));
  REQUIRE(h.click("collect.period.12"));
  auto other = Store::open((dir / "town.db").string());
  const OrgId v01 = other->find_org("V01")->id;
  REQUIRE(h.click("collect.field.party_days"));
  h.type("4");
  other->transaction([&] {
    other->set_meta("test.lock", "1");  // holds the write lock until this transaction ends
    h.press_enter();                    // the commit waits out the busy timeout, then fails
  });
  REQUIRE(view.line("party_days"));
  CHECK(contains(view.line("party_days")->error, "没有保存"));
  CHECK_FALSE(other->value(v01, "party_days", {2020, 12}));
  CHECK(view.unsaved() == 1);  // still typed, still counted
  // Once the other program lets go, the same entry saves.
  enter(h, "party_days", "4");
  auto saved = other->value(v01, "party_days", {2020, 12});
  REQUIRE(saved);
  CHECK(saved->value == 4);
}
