// 进度看板 as its leaders and clerks meet it after issue 13: a late village ranks lower and its row
// says how many months it owes; 待审核 lists what awaits review, oldest first, and a leader acts on
// it there (several at once, a return with its reason) while a clerk sees no buttons; nothing that
// matters is cut off, and a portrait tablet's first screen shows three rows of each list.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/RunCli.hpp"
#include "base/Strings.hpp"
#include "Headless.hpp"
#include "store/Store.hpp"
#include "UiTestSupport.hpp"
#include "views/DashboardView.hpp"
#include "widgets/Widgets.hpp"

using namespace jiceng;
using namespace jiceng::gui;

namespace {

using test_ui::fresh_dir;

DashboardView& dashboard(Headless& h) { return dynamic_cast<DashboardView&>(h.app().view(ViewId::Dashboard)); }

struct PinnedNow {
  PinnedNow() { setenv("JICENG_NOW", "2020-12-05T08:00:00Z", 1); }
  ~PinnedNow() { unsetenv("JICENG_NOW"); }
};

// Shown whole: the mark's visible part is as tall as the row (not cut by the list's or the
// screen's edge).
bool fully_visible(const std::string& mark, float height) {
  auto r = ui::find_mark(mark);
  return r && r->max.y - r->min.y >= height - 1.5f;
}

std::string shown(const std::string& key) {
  auto it = dash::shown().text.find(key);
  return it == dash::shown().text.end() ? std::string("(not shown)") : it->second;
}

const dash::ReviewRow* row_of(const DashboardView& v, const std::string& code, const Period& p) {
  for (const auto& r : v.model().review)
    if (r.code == code && r.period == p) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("ranking: a village that submitted nothing since January drops and its row says how many months it owes") {
  PinnedNow now;
  auto dir = fresh_dir("dashboard_late_rank");
  Headless h(test_ui::town_options(dir, ViewId::Dashboard));
  dash::shown().enabled = true;
  dash::shown().text.clear();
  h.frames(2);
  const DashboardView& view = dashboard(h);
  // 枣林村 (V10) has typed all year and submitted nothing: the late list names it first.
  REQUIRE_FALSE(view.model().late.empty());
  CHECK(view.model().late.front().code == "V10");
  CHECK(view.model().late.front().figure == "11 个月未交");
  const dash::RankRow* row = nullptr;
  for (const auto& r : view.model().rank_rows)
    if (r.code == "V10") row = &r;
  REQUIRE(row);
  CHECK(row->late == "11 个月未交");
  // It used to rank 3rd with 填报 100 % and grade A; now every village that reports on time is ahead.
  const RankedUnit& ru = view.model().ranking().units[row->ranked];
  CHECK(ru.filled == doctest::Approx(1.0));
  CHECK(ru.late_periods == 11);
  CHECK(ru.reporting == doctest::Approx(0));
  CHECK(ru.rank > 10);
  CHECK(ru.band != Band::A);
  // What the screen shows in the row, when in view (sorted best first it is near the bottom).
  REQUIRE(h.click("dashboard.rank.col." + std::to_string(view.model().rank_headers.size() + 3)));  // score, lowest first
  CHECK(h.visible("dashboard.rank.late.V10"));
  CHECK(shown("dashboard.rank.reporting.V10") == row->reporting + " 11 个月未交");

  // The CLI ranks the same way and says the same.
  auto r = test::run_cli("dashboard " + test::shell_quote((dir / "town.db").string()) + " --year 2020 --json");
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  for (const auto& v : j["ranking"]["villages"])
    if (v["code"] == "V10") {
      CHECK(v["late_periods"] == 11);
      CHECK(v["rank"] == ru.rank);
    }
  dash::shown().enabled = false;
}

TEST_CASE("待审核: oldest first; a leader approves two at once and returns one with a reason; the clerk sees 已退回") {
  PinnedNow now;
  auto dir = fresh_dir("dashboard_review");
  Headless h(test_ui::town_options(dir, ViewId::Dashboard));
  h.frames(2);
  DashboardView& view = dashboard(h);
  const auto& rows = view.model().review;
  REQUIRE(rows.size() >= 4);
  // Oldest first: by year, then month (a year's own figures after its December).
  auto order = [](const Period& p) { return p.year * 100 + (p.is_year() ? 13 : p.month); };
  for (size_t i = 1; i < rows.size(); ++i) CHECK(order(rows[i - 1].period) <= order(rows[i].period));
  // Signed out: the title line says how many await review; the list opens with a sign-in.
  REQUIRE(h.visible("dashboard.review.toggle"));
  CHECK_FALSE(h.visible("dashboard.review.title"));
  REQUIRE(h.click("dashboard.review.toggle"));
  CHECK(h.visible("dashboard.review.title"));
  CHECK_FALSE(h.visible("dashboard.review.approve." + rows[0].key));
  test_ui::sign_in(h, "leader", "2345");
  h.frames(2);
  // The leader's dashboard: 待审核 with its buttons, three rows in view.
  REQUIRE(h.visible("dashboard.review.approve." + rows[0].key));
  for (size_t i = 0; i < 3; ++i) CHECK(h.visible("dashboard.review.row." + rows[i].key));

  // Of the three oldest, 青石村's October (the clerk's village) goes back below; the other two are
  // approved at once: tick them, 审核通过所选.
  std::vector<dash::ReviewRow> top(rows.begin(), rows.begin() + 3);
  auto v01_at = std::find_if(top.begin(), top.end(), [](const dash::ReviewRow& r) { return r.code == "V01"; });
  REQUIRE(v01_at != top.end());
  const dash::ReviewRow back = *v01_at;
  top.erase(v01_at);
  const dash::ReviewRow first = top[0], second = top[1];
  REQUIRE(h.click("dashboard.review.check." + first.key));
  REQUIRE(h.click("dashboard.review.check." + second.key));
  REQUIRE(h.click("dashboard.review.approve_selected"));
  h.frames(2);
  Store& s = h.app().store();
  CHECK(s.period_status(first.org, first.period) == ValueStatus::Approved);
  CHECK(s.period_status(second.org, second.period) == ValueStatus::Approved);
  CHECK(view.review_message() == tr("dashboard.review.approved", {{"n", "2"}}));
  CHECK_FALSE(row_of(view, first.code, first.period));

  // 青石村's month goes back: not without a reason.
  const Period nov = back.period;
  const std::string key = back.key;
  const OrgId v01 = back.org;
  REQUIRE(h.click("dashboard.review.return." + key));
  REQUIRE(h.visible("dashboard.review.reason"));
  REQUIRE(h.click("dashboard.review.confirm"));  // disabled while the reason is empty
  CHECK(s.period_status(v01, nov) == ValueStatus::Submitted);
  REQUIRE(h.click("dashboard.review.reason"));
  h.type("走访户数与台账不符");
  REQUIRE(h.click("dashboard.review.confirm"));
  h.frames(2);
  CHECK(s.period_status(v01, nov) == ValueStatus::Draft);
  CHECK(view.review_message() == tr("dashboard.review.returned", {{"n", "1"}}));
  CHECK_FALSE(row_of(view, "V01", nov));
  bool reason = false;
  HistoryFilter f;
  f.org = v01;
  f.period = nov.str();
  for (const auto& e : s.history(f)) reason |= e.user == "张建国" && e.reason == "走访户数与台账不符";
  CHECK(reason);

  // The clerk: no review buttons on the dashboard, and her form says the month was returned.
  test_ui::sign_in(h, "clerk", "3456");
  h.app().navigate(ViewId::Dashboard);
  h.frames(2);
  if (!h.visible("dashboard.review.title")) REQUIRE(h.click("dashboard.review.toggle"));
  CHECK(h.visible("dashboard.review.title"));
  for (const auto& r : view.model().review) {
    CHECK_FALSE(h.visible("dashboard.review.approve." + r.key));
    CHECK_FALSE(h.visible("dashboard.review.check." + r.key));
  }
  CHECK_FALSE(h.visible("dashboard.review.approve_selected"));
  h.app().context().collect_org = v01;
  h.app().context().collect_period = nov;
  h.app().navigate(ViewId::Collect);
  h.frames(3);
  CHECK(h.visible("collect.returned"));
}

TEST_CASE("dashboard at 800×1280: three late rows and three ranking rows on the first screen, nothing cut") {
  PinnedNow now;
  auto o = test_ui::town_options(fresh_dir("dashboard_tablet_rows"), ViewId::Dashboard, 800, 1280);
  o.tablet = true;
  Headless h(o);
  dash::shown().enabled = true;
  dash::shown().text.clear();
  h.frames(2);
  // A third late village: 青石村's November goes back to draft.
  h.app().store().reopen(h.app().store().find_org("V01")->id, Period{2020, 11}, Actor{}, "测试");
  h.frames(3);
  const DashboardView& view = dashboard(h);
  REQUIRE(view.model().late.size() >= 3);
  REQUIRE(view.model().rank_rows.size() >= 3);
  // Every late and behind row in view whole (three late, three behind), and three ranking rows.
  auto row_h = [&](const std::string& mark) {
    auto r = ui::find_mark(mark);
    return r ? r->max.y - r->min.y : 0.0f;
  };
  const float list_row = row_h("dashboard.late." + view.model().late.front().code);
  REQUIRE(list_row > 0);
  for (const auto& r : view.model().late) CHECK(fully_visible("dashboard.late." + r.code, list_row));
  for (const auto& r : view.model().behind) CHECK(fully_visible("dashboard.behind." + r.code, list_row));
  const float rank_row = row_h("dashboard.rank." + view.model().rank_rows.front().code);
  REQUIRE(rank_row > 0);
  int ranking = 0;
  for (const auto& r : view.model().rank_rows) ranking += fully_visible("dashboard.rank." + r.code, rank_row);
  CHECK(ranking >= 3);
  // The lists have room for three rows each, whatever the town.
  for (const char* list : {"dashboard.late.list", "dashboard.behind.list"}) {
    auto r = ui::find_mark(list);
    REQUIRE(r);
    CHECK(r->max.y - r->min.y >= 3 * list_row);
  }
  // The late row leads with how many months are missing; the whole detail is on the row.
  CHECK(shown("dashboard.late.V10").find("11 个月未交") != std::string::npos);
  CHECK(shown("dashboard.late.V10").find(view.model().late.front().detail) != std::string::npos);
  // A cut behind row opens its whole text on a tap (no hover on a tablet).
  const auto& behind = view.model().behind.front();
  REQUIRE(h.click("dashboard.behind." + behind.code));
  CHECK(h.app().current() == ViewId::Dashboard);
  REQUIRE(h.visible("dashboard.full.text"));
  REQUIRE(h.click("dashboard.full.open"));
  CHECK(h.app().current() == ViewId::Collect);
  dash::shown().enabled = false;
}
