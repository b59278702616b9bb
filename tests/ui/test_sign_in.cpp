// The one sign-in in the top bar (issue 13 item 14): signed in once, every screen that writes
// knows the person; a shared tablet left idle signs out by itself without losing what was typed;
// the status bar's draft count is the clerk's own.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "base/Strings.hpp"
#include "store/Store.hpp"
#include "UiTestSupport.hpp"
#include "views/CollectView.hpp"
#include "views/DashboardView.hpp"
#include "views/SummaryEditor.hpp"
#include "widgets/Widgets.hpp"

using namespace jiceng;
using namespace jiceng::gui;
using namespace jiceng::test_ui;

namespace {

// A clock the test moves forward: nobody waits ten minutes.
struct TestClock {
  std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now();
  void install(Headless& h) {
    h.app().set_clock([this] { return now; });
  }
  void advance(std::chrono::minutes m) { now += m; }
};

// Drafts of the year in the organisations the clerk enters data for (the store's own rule).
int own_drafts(const Store& s, const Actor& clerk, int year) {
  int n = 0;
  for (const auto& v : s.values(year)) {
    if (v.status != ValueStatus::Draft) continue;
    bool own = false;
    for (OrgId o : clerk.scope) own = own || s.is_within(v.org, o);
    n += own;
  }
  return n;
}

int town_drafts(const Store& s, int year) {
  int n = 0;
  for (const auto& v : s.values(year)) n += v.status == ValueStatus::Draft;
  return n;
}

}  // namespace

TEST_CASE("one sign-in in the top bar reaches the collect form, 待审核 and the summary editor") {
  for (const Size& size : kSizes) {
    CAPTURE(size.w);
    Headless h(town_options(fresh_dir("sign_in_once"), ViewId::Dashboard, size.w, size.h));
    h.frames(2);
    // Signed out: the top bar says so and offers 登录; nothing to sign out of.
    CHECK(h.visible("signin.state"));
    CHECK(h.visible("signin.open"));
    CHECK_FALSE(h.visible("signin.out"));
    // The popup: login and PIN, a wrong PIN is said there and signs nobody in; 取消 closes it.
    open_sign_in(h);
    CHECK(h.visible("signin.pin"));
    CHECK(h.visible("signin.submit"));
    REQUIRE(h.click("signin.login"));
    h.type("admin");
    REQUIRE(h.click("signin.pin"));
    h.type("9999");
    REQUIRE(h.click("signin.submit"));
    CHECK(h.visible("signin.error"));
    CHECK_FALSE(signed_in(h.app().context()));
    REQUIRE(h.click("signin.cancel"));
    h.frame();
    CHECK_FALSE(h.visible("signin.login"));

    sign_in(h, "admin", "246810");
    REQUIRE(signed_in(h.app().context()));
    CHECK(h.visible("signin.user"));
    CHECK(h.visible("signin.out"));
    CHECK_FALSE(h.visible("signin.open"));

    // 待审核 on the dashboard: its buttons, no sign-in of its own.
    DashboardView& dash = dynamic_cast<DashboardView&>(h.app().view(ViewId::Dashboard));
    REQUIRE_FALSE(dash.model().review.empty());
    if (!h.visible("dashboard.review.title")) REQUIRE(h.click("dashboard.review.toggle"));
    h.frame();
    CHECK(h.visible("dashboard.review.approve." + dash.model().review[0].key));
    CHECK_FALSE(h.visible("signin.prompt"));

    // The collect form: editable fields at once.
    REQUIRE(h.click("nav.collect"));
    h.frames(2);
    CHECK_FALSE(h.visible("signin.prompt"));
    CHECK_FALSE(h.visible("signin.login"));
    REQUIRE(h.click("collect.period"));
    REQUIRE(h.click("collect.period.12"));
    CHECK(h.visible("collect.field.visited_households"));

    // The summary editor: not read-only.
    REQUIRE(h.click("nav.summary"));
    h.frames(2);
    CHECK_FALSE(h.visible("summary.read_only"));
    CHECK_FALSE(h.visible("signin.prompt"));
    auto* e = summary_editor::editor_of(h.app().view(ViewId::Summary));
    REQUIRE(e);
    CHECK(e->may_edit());

    // 退出 in the top bar: every screen is signed out; the screen points back to the top bar.
    REQUIRE(h.click("signin.out"));
    h.frame();
    CHECK_FALSE(signed_in(h.app().context()));
    CHECK(h.visible("summary.read_only"));
    CHECK(h.visible("signin.prompt"));
    CHECK(h.app().sign_in_form().notice.empty());  // signing out by hand needs no explanation
    // The screen's 登录 opens the same popup.
    REQUIRE(h.click("signin.prompt"));
    h.frame();
    CHECK(h.visible("signin.login"));
  }
}

TEST_CASE("left idle, the tablet signs out, says why, and keeps what was typed as a draft") {
  for (const Size& size : kSizes) {
    CAPTURE(size.w);
    Headless h(town_options(fresh_dir("sign_in_idle"), ViewId::Collect, size.w, size.h));
    TestClock clock;
    clock.install(h);
    CHECK(h.app().settings().idle_minutes == 10);  // the default
    sign_in(h, "clerk", "3456");
    const Actor clerk = *signed_in(h.app().context());
    Store& s = h.app().store();
    const OrgId v01 = s.find_org("V01")->id;
    const Period dec{2020, 12};
    REQUIRE(h.click("collect.org"));
    REQUIRE(h.click("collect.org.V01"));
    REQUIRE(h.click("collect.period"));
    REQUIRE(h.click("collect.period.12"));
    REQUIRE(h.click("collect.field.visited_households"));
    h.type("42");  // typed, not yet committed (no Enter, the field keeps the keyboard)
    CHECK(collect(h).unsaved() == 1);
    CHECK_FALSE(s.value(v01, "visited_households", dec));

    // Nine minutes without a touch: still signed in.
    clock.advance(std::chrono::minutes(9));
    h.frame();
    REQUIRE(signed_in(h.app().context()));
    // Ten: signed out, the top bar says why, and the typed figure is the clerk's draft.
    clock.advance(std::chrono::minutes(1));
    h.frame();
    CHECK_FALSE(signed_in(h.app().context()));
    CHECK(h.visible("signin.notice"));
    CHECK(h.visible("signin.open"));
    CHECK(h.app().sign_in_form().notice == tr("signin.timed_out"));
    const auto saved = s.value(v01, "visited_households", dec);
    REQUIRE(saved);
    CHECK(saved->value == 42);
    CHECK(saved->status == ValueStatus::Draft);
    CHECK(saved->updated_by == clerk.user);
    CHECK(collect(h).unsaved() == 0);
    h.frame();
    CHECK_FALSE(h.visible("collect.field.visited_households"));  // read-only now

    // The notice stays until the next sign-in.
    open_sign_in(h);
    CHECK(h.visible("signin.notice"));
    REQUIRE(h.click("signin.cancel"));
    sign_in(h, "clerk", "3456");
    CHECK_FALSE(h.visible("signin.notice"));

    // Any touch starts the wait again; a shorter wait chosen in 设置 applies.
    clock.advance(std::chrono::minutes(9));
    REQUIRE(h.click("nav.collect"));  // a harmless tap
    clock.advance(std::chrono::minutes(9));
    h.frame();
    CHECK(signed_in(h.app().context()));
    REQUIRE(h.click("nav.settings"));
    h.frames(2);
    CHECK(h.visible("settings.idle"));
    h.app().settings().idle_minutes = 5;
    clock.advance(std::chrono::minutes(5));
    h.frame();
    CHECK_FALSE(signed_in(h.app().context()));
    CHECK(h.visible("signin.notice"));
  }
}

TEST_CASE("设置 sets the idle wait and keeps it") {
  auto dir = fresh_dir("sign_in_idle_setting");
  Headless h(town_options(dir, ViewId::Settings));
  h.frames(2);
  REQUIRE(h.visible("settings.idle"));
  REQUIRE(h.click("settings.idle"));  // the mark sits on the stepper's + button
  CHECK(h.app().settings().idle_minutes == 15);
}

TEST_CASE("the status bar counts a clerk's own drafts, the town's for everybody else") {
  for (const Size& size : kSizes) {
    CAPTURE(size.w);
    Headless h(town_options(fresh_dir("sign_in_drafts"), ViewId::Dashboard, size.w, size.h));
    h.frames(2);
    const Store& s = h.app().store();
    const int town = town_drafts(s, 2020);
    REQUIRE(town > 0);
    CHECK(contains(h.app().status_line(), tr("app.status.drafts_town", {{"count", std::to_string(town)}})));

    sign_in(h, "clerk", "3456");
    h.frame();
    const Actor clerk = *signed_in(h.app().context());
    const int own = own_drafts(s, clerk, 2020);
    REQUIRE(own < town);  // the demo town has drafts in villages that are not hers
    CHECK(h.app().status().drafts == own);
    CHECK(contains(h.app().status_line(), tr("app.status.drafts_mine", {{"count", std::to_string(own)}})));

    // A leader sees the town's count again, labelled so.
    sign_in(h, "leader", "2345");
    h.frame();
    CHECK(contains(h.app().status_line(), tr("app.status.drafts_town", {{"count", std::to_string(town)}})));
  }
}
