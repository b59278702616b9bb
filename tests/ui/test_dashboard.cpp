// 进度看板 driven headless as a leader uses it: what it shows equals `jiceng-cli dashboard --json`,
// and taps drill from an indicator down to one value's history.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>

#include "../support/RunCli.hpp"
#include "base/Strings.hpp"
#include "base/Time.hpp"
#include "Headless.hpp"
#include "model/Catalog.hpp"
#include "store/Devices.hpp"
#include "store/Store.hpp"
#include "UiTestSupport.hpp"
#include "views/DashboardView.hpp"
#include "widgets/FormHistory.hpp"
#include "widgets/Widgets.hpp"

using namespace jiceng;
using namespace jiceng::gui;
namespace fs = std::filesystem;

namespace {

using test_ui::fresh_dir;

HeadlessOptions options(const fs::path& dir, int w = 1280, int h = 800) {
  return test_ui::town_options(dir, ViewId::Dashboard, w, h);
}

DashboardView& dashboard(Headless& h) { return dynamic_cast<DashboardView&>(h.app().view(ViewId::Dashboard)); }

nlohmann::json cli_json(const std::string& args) {
  auto r = test::run_cli(args);
  INFO(r.err);
  REQUIRE(r.code == 0);
  return nlohmann::json::parse(r.out);
}

std::string number(const nlohmann::json& v, int decimals) {
  return v.is_null() ? "-" : format_number(v.get<double>(), decimals);
}

std::string status_word(const nlohmann::json& status) {
  return status.is_null() ? tr("dashboard.no_target") : tr("progress." + status.get<std::string>());
}

// What a person should read for a figure, written from the CLI's JSON.
std::string expected_figure(const Indicator& ind, const nlohmann::json& value, const nlohmann::json& target,
                            const nlohmann::json& status) {
  std::string numbers =
      target.is_null()
          ? (value.is_null() ? tr("dashboard.none") : number(value, ind.decimals) + " " + ind.unit)
          : tr("dashboard.value_target",
               {{"value", number(value, ind.decimals)}, {"target", number(target, ind.decimals)}, {"unit", ind.unit}});
  return numbers + " " + status_word(status);
}

// A village's line on an indicator page: its figure, and with a target how far behind and the
// share reached, as a person reads them off the screen.
std::string expected_unit(const Indicator& ind, const nlohmann::json& v) {
  std::string line = expected_figure(ind, v["value"], v["target"], v["status"]);
  if (v["target"].is_null()) return line;
  const double value = v["value"].is_null() ? 0 : v["value"].get<double>(), target = v["target"].get<double>();
  const double gap = std::max(0.0, ind.direction == Direction::Down ? value - target : target - value);
  const double rate = v["progress"].is_null() ? 0 : v["progress"].get<double>();
  const std::string status = line.substr(line.rfind(' '));
  return line.substr(0, line.rfind(' ')) +
         tr("dashboard.unit.gap", {{"gap", gap > 0 ? tr("dashboard.unit.short", {{"n", format_number(gap, ind.decimals)}})
                                                   : tr("dashboard.unit.reached")},
                                   {"rate", format_number(rate * 100, 1) + "%"}}) +
         status;
}

const nlohmann::json& find_by(const nlohmann::json& array, const char* key, const std::string& value) {
  for (const auto& e : array)
    if (e[key] == value) return e;
  FAIL("no entry " << key << " = " << value);
  static nlohmann::json none;
  return none;
}

std::string shown(const std::string& key) {
  auto it = dash::shown().text.find(key);
  return it == dash::shown().text.end() ? std::string("(not shown)") : it->second;
}

// Overdue days count to a fixed day in the app and in the CLI alike.
struct PinnedNow {
  PinnedNow() { setenv("JICENG_NOW", "2020-12-05T08:00:00Z", 1); }
  ~PinnedNow() { unsetenv("JICENG_NOW"); }
};

}  // namespace

TEST_CASE("dashboard: the figures shown equal jiceng-cli dashboard --json, drilled down to a value's history") {
  PinnedNow now;
  auto dir = fresh_dir("dashboard_cli");
  Headless h(options(dir));
  dash::shown().enabled = true;
  dash::shown().text.clear();
  h.frames(2);
  DashboardView& view = dashboard(h);
  REQUIRE(view.problem().empty());
  const std::string db = test::shell_quote((dir / "town.db").string());
  const std::string year = std::to_string(h.app().year());
  const auto cli = cli_json("dashboard " + db + " --year " + year + " --json");
  const Catalog& cat = Catalog::builtin();

  // Every figure on the visible cards reads as the CLI has it.
  int figures = 0;
  for (const auto& card : view.model().cards)
    for (const auto& l : card.headline) {
      const std::string key = "dashboard.figure." + l.id;
      if (!h.visible(key)) continue;
      const auto& j = find_by(cli["indicators"], "id", l.id);
      CAPTURE(l.id);
      CHECK(shown(key) == expected_figure(cat.at(l.id), j["value"], j["target"], j["status"]));
      ++figures;
    }
  CHECK(figures >= 6);

  // The ranking rows on screen: rank, score and band as the CLI ranks them.
  int rows = 0;
  for (const auto& v : cli["ranking"]["villages"]) {
    const std::string key = "dashboard.rank." + v["code"].get<std::string>();
    if (!h.visible(key)) continue;
    CHECK(shown(key) == std::to_string(v["rank"].get<int>()) + " " + format_number(v["score"].get<double>(), 1) +
                            " " + v["band"].get<std::string>());
    ++rows;
  }
  CHECK(rows >= 5);
  // Late villages: the same ones, longest overdue first.
  const auto& late = cli["overdue"]["villages"];
  REQUIRE(view.model().late.size() == late.size());
  REQUIRE(late.size() >= 1);
  for (size_t i = 0; i < late.size(); ++i) CHECK(view.model().late[i].code == late[i]["code"]);
  CHECK(view.model().late[0].detail.find(overdue_text(late[0]["days"].get<int>())) != std::string::npos);  // 2020 still runs

  // Drill: section → indicator (town and every village) → one village by month → one value's history.
  REQUIRE(h.click("dashboard.section.organization"));
  CHECK(view.page() == DashboardView::Page::Section);
  const std::string ind_id = "visited_households";
  const Indicator& ind = cat.at(ind_id);
  REQUIRE(h.click("dashboard.figure." + ind_id));
  REQUIRE(view.page() == DashboardView::Page::Indicator);
  const auto deep = cli_json("dashboard " + db + " --year " + year + " --json --indicator " + ind_id);
  const auto& town = find_by(cli["indicators"], "id", ind_id);
  CHECK(shown("dashboard.indicator.town") == expected_figure(ind, town["value"], town["target"], town["status"]));
  int units = 0;
  for (const auto& v : deep["indicator"]["villages"]) {
    const std::string key = "dashboard.unit." + v["code"].get<std::string>();
    if (!h.visible(key)) continue;
    CAPTURE(key);
    CHECK(shown(key) == expected_unit(ind, v));
    ++units;
  }
  CHECK(units >= 5);

  // A village on screen (the list is sorted furthest behind first) with a value typed in January.
  std::string village;
  Store& store = h.app().store();
  for (const auto& code : view.indicator_page().unit_codes) {
    if (!h.visible("dashboard.unit." + code)) continue;
    if (store.value(store.require_org(code).id, ind_id, Period{h.app().year(), 1})) {
      village = code;
      break;
    }
  }
  REQUIRE(!village.empty());
  REQUIRE(h.click("dashboard.unit." + village));
  REQUIRE(view.page() == DashboardView::Page::Village);
  const auto months = cli_json("dashboard " + db + " --year " + year + " --json --indicator " + ind_id + " --org " + village);
  int shown_months = 0;
  for (int m = 1; m <= 12; ++m) {
    const std::string key = "dashboard.period." + Period{h.app().year(), m}.str();
    if (!h.visible(key)) continue;
    const auto& v = months["indicator"]["month"][size_t(m - 1)];
    CHECK(shown(key) == (v.is_null() ? tr("dashboard.none") : format_number(v.get<double>(), ind.decimals) + " " + ind.unit));
    ++shown_months;
  }
  CHECK(shown_months >= 6);

  const std::string period = Period{h.app().year(), 1}.str();
  REQUIRE(h.click("dashboard.period." + period));
  REQUIRE(view.page() == DashboardView::Page::History);
  const auto history = cli_json("history " + db + " --org " + village + " --indicator " + ind_id + " --period " +
                                period + " --json");
  REQUIRE(history.size() >= 1);
  REQUIRE(view.history_page().rows.size() == history.size());
  // Newest first: who typed it, when, on which device, and what changed.
  const auto& newest = history.back();
  CHECK(shown("dashboard.history.0").find(newest["user"].get<std::string>()) == 0);
  CHECK(shown("dashboard.history.0").find(local_time_text(newest["at"].get<std::string>())) != std::string::npos);
  // The device by its short id: nobody named the demo town's computer.
  CHECK(shown("dashboard.history.0").find(short_device_id(newest["device"].get<std::string>())) != std::string::npos);

  // Back up the breadcrumbs to the overview.
  REQUIRE(h.click("dashboard.crumb.2"));
  CHECK(view.page() == DashboardView::Page::Indicator);
  REQUIRE(h.click("dashboard.crumb.0"));
  CHECK(view.page() == DashboardView::Page::Overview);
  dash::shown().enabled = false;
}

TEST_CASE("dashboard: a village row opens its collect form; the back button leaves a page") {
  Headless h(options(fresh_dir("dashboard_collect")));
  h.frame();
  const std::string code = dashboard(h).model().rank_rows.front().code;
  REQUIRE(h.click("dashboard.rank." + code));
  CHECK(h.app().current() == ViewId::Collect);
  h.frame();
  CHECK_FALSE(h.app().context().collect_org);  // the collect screen took the request

  REQUIRE(h.click("nav.dashboard"));
  DashboardView& view = dashboard(h);
  const auto& card = view.model().cards.front();
  REQUIRE(h.click("dashboard.section." + card.id));
  CHECK(view.page() == DashboardView::Page::Section);
  REQUIRE(h.click("dashboard.back"));
  CHECK(view.page() == DashboardView::Page::Overview);
}

TEST_CASE("dashboard: ranking sorts by a tapped column; trend switches indicator and shows bars per village") {
  Headless h(options(fresh_dir("dashboard_sort")));
  h.frame();
  DashboardView& view = dashboard(h);
  const auto& rows = view.model().rank_rows;
  REQUIRE(rows.size() >= 3);
  const std::string best = rows.front().code, worst = rows.back().code;
  // The name column sorts by code: the first code in the table is the smallest.
  REQUIRE(h.click("dashboard.rank.col.1"));
  std::string smallest = rows.front().code;
  for (const auto& r : rows) smallest = std::min(smallest, r.code);
  CHECK(h.visible("dashboard.rank." + smallest));
  // Score: one tap sorts ascending (the lowest first), a second tap the best first.
  const int score_col = int(view.model().rank_headers.size()) + 3;
  REQUIRE(h.click("dashboard.rank.col." + std::to_string(score_col)));
  auto low = ui::find_mark("dashboard.rank." + worst);
  auto high = ui::find_mark("dashboard.rank." + best);
  REQUIRE(low);
  if (high) CHECK(low->min.y < high->min.y);
  REQUIRE(h.click("dashboard.rank.col." + std::to_string(score_col)));
  high = ui::find_mark("dashboard.rank." + best);
  low = ui::find_mark("dashboard.rank." + worst);
  REQUIRE(high);
  if (low) CHECK(high->min.y < low->min.y);

  // Trend: pick another indicator, then bars per village.
  const auto& choices = view.model().trend_choices;
  REQUIRE(choices.size() >= 2);
  REQUIRE(h.click("dashboard.trend.combo"));
  REQUIRE(h.click("dashboard.trend." + choices[1]->id));
  CHECK(view.model().trend.indicator == choices[1]);
  CHECK(h.visible("chart.trend"));
  REQUIRE(h.click("dashboard.trend.by_unit"));
  CHECK_FALSE(h.visible("chart.trend"));
  CHECK(h.visible("dashboard.bar." + view.model().trend.units.front().id));
  // A tap on a village's bar opens that village's values of the indicator, month by month.
  const OrgId first = view.model().trend.units.front().org;
  REQUIRE(h.click("dashboard.bar." + view.model().trend.units.front().id));
  CHECK(view.page() == DashboardView::Page::Village);
  CHECK(view.village_page().title.find(h.app().store().org(first)->name) != std::string::npos);
}

TEST_CASE("dashboard: the view model is computed on data changes only, not per frame or per page") {
  Headless h(options(fresh_dir("dashboard_refresh")));
  DashboardView& view = dashboard(h);
  h.frames(3);
  const int before = view.refresh_count();
  REQUIRE(h.click("dashboard.section.organization"));
  REQUIRE(h.click("dashboard.figure.visited_households"));
  h.frames(3);
  CHECK(view.refresh_count() == before);
  const auto town_before = view.indicator_page().town.numbers;
  // New data: one recompute, and the open page shows it.
  Store& s = h.app().store();
  const Org v = *s.find_org("V01");
  const Period p{h.app().year(), 12};
  s.set_value({"V01", "visited_households", p.str(), "1000"}, Actor{});
  h.frames(2);
  CHECK(view.refresh_count() == before + 1);
  CHECK(view.page() == DashboardView::Page::Indicator);
  CHECK(view.indicator_page().town.numbers != town_before);
  (void)v;
}

TEST_CASE("dashboard first screen, desktop and portrait tablet: cards, laggards and ranking (and the trend on a desktop)") {
  for (auto [w, hgt, tablet] : {std::tuple{1280, 800, false}, std::tuple{800, 1280, true}}) {
    CAPTURE(w);
    auto o = options(fresh_dir("dashboard_first_screen"), w, hgt);
    o.tablet = tablet;
    Headless h(o);
    h.frames(2);
    DashboardView& view = dashboard(h);
    CHECK(h.app().context().narrow == tablet);
    CHECK(h.visible("dashboard.section." + view.model().cards.front().id));
    CHECK(h.visible("dashboard.section." + view.model().cards.back().id));
    // A portrait tablet's first screen keeps three rows of the lists and of the ranking; the trend
    // follows under the ranking there.
    if (!tablet) CHECK(h.visible("chart.trend"));
    bool late = false, behind = false;
    for (const auto& r : view.model().late) late |= h.visible("dashboard.late." + r.code);
    for (const auto& r : view.model().behind) behind |= h.visible("dashboard.behind." + r.code);
    CHECK(late);
    CHECK(behind);
    CHECK(h.visible("dashboard.rank." + view.model().rank_rows.front().code));
  }
}

TEST_CASE("ranking rules in 设置: a leader changes a weight and the dashboard ranks by it; a clerk cannot") {
  auto o = options(fresh_dir("dashboard_ranking_settings"), 1280, 1600);  // the whole settings screen in view
  Headless h(o);
  h.frames(2);
  DashboardView& view = dashboard(h);
  std::vector<double> before;
  for (const auto& u : view.model().ranking().units) before.push_back(u.score);
  h.app().navigate(ViewId::Settings);
  h.frames(2);
  // Signed out: the card points to the top bar's sign-in; the form is disabled.
  CHECK(h.visible("signin.prompt"));
  // A clerk signs in and tries (the marks sit on each stepper's + button): the store refuses,
  // says so, and writes nothing.
  test_ui::sign_in(h, "clerk", "3456");
  REQUIRE(h.click("settings.rank.band.A"));
  REQUIRE(h.click("settings.rank.save"));
  CHECK(h.visible("settings.rank.msg"));
  CHECK(h.app().store().meta(RankingSettings::kMetaKey).empty());
  REQUIRE(h.click("settings.rank.undo"));
  // The leader makes reporting weigh four times as much (0.5 → 2.0).
  test_ui::sign_in(h, "leader", "2345");
  for (int i = 0; i < 3; ++i) REQUIRE(h.click("settings.rank.weight.reporting"));
  REQUIRE(h.click("settings.rank.save"));
  const auto saved = RankingSettings::load(h.app().store());
  CHECK(saved.weight("reporting") == doctest::Approx(2.0));
  CHECK(saved.band_a == doctest::Approx(90));  // the clerk's attempt was undone, not saved
  // The dashboard ranks by the new rule, and says the same as the CLI.
  h.app().navigate(ViewId::Dashboard);
  h.frames(2);
  bool changed = false;
  for (size_t i = 0; i < view.model().ranking().units.size(); ++i)
    changed |= view.model().ranking().units[i].score != before[i];
  CHECK(changed);
  const auto cli = cli_json("dashboard " + o.database + " --year 2020 --json");
  const auto& villages = cli["ranking"]["villages"];
  REQUIRE(villages.size() == view.model().rank_rows.size());
  for (size_t i = 0; i < villages.size(); ++i) {
    CHECK(view.model().rank_rows[i].code == villages[i]["code"]);
    CHECK(view.model().ranking().units[i].score == doctest::Approx(villages[i]["score"].get<double>()));
  }
}

TEST_CASE("dashboard: a broken stored ranking rule still ranks (by the defaults) and says what is wrong") {
  auto o = options(fresh_dir("dashboard_broken_rule"));
  {
    Headless first(o);  // writes the demo town
  }
  Store::open(o.database)->set_meta(RankingSettings::kMetaKey, R"({"bands": {"A": 120}})");
  Headless h(o);
  h.frames(2);
  DashboardView& view = dashboard(h);
  CHECK(view.model().ranking_problem().find("bands.A") != std::string::npos);
  CHECK(view.model().ranking().settings.band_a == 90);
  CHECK_FALSE(view.model().rank_rows.empty());
  const auto cli = cli_json("dashboard " + o.database + " --year 2020 --json");
  CHECK(cli["ranking"]["settings_problem"] == view.model().ranking_problem());
}
