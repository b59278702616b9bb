// Who has not submitted this period, and how long overdue (days since the period's month ended).
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "base/JsonWriter.hpp"
#include "report/Overdue.hpp"
#include "model/MemberStages.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "TempDir.hpp"

using namespace jiceng;

TEST_CASE("overdue: the end of a period") {
  CHECK(period_end(Period{2020, 2}) == "2020-02-29");
  CHECK(period_end(Period{2021, 2}) == "2021-02-28");
  CHECK(period_end(Period{2020, 0}) == "2020-12-31");
}

TEST_CASE("overdue: missing or draft months up to the latest month with data") {
  test::TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  auto t = test::make_small_town(*s);
  Actor a{"tester", "dev"};
  const OrgId v3 = s->add_org({0, "V3", "南岭村", OrgKind::Village, t.town, 3}, a);
  // V1 submitted January to March; V2 January and February, March still a draft; V3 nothing.
  for (int m = 1; m <= 3; ++m) {
    const std::string p = "2020-0" + std::to_string(m);
    s->set_values({{"V1", "visited_households", p, "10"}, {"V2", "visited_households", p, "8"}}, a);
    s->submit(t.v1, Period{2020, m}, a, true);  // one figure of the month: gaps confirmed
    if (m < 3) s->submit(t.v2, Period{2020, m}, a, true);
  }
  auto f = YearFigures::compute(*s, 2020);

  auto r = build_overdue(f, "2020-04-10T09:00:00Z");
  CHECK(r.current == Period{2020, 3});
  CHECK(r.today == "2020-04-10");
  REQUIRE(r.units.size() == 2);
  // Longest overdue first: V3 owes every month since January.
  CHECK(r.units[0].org == v3);
  CHECK(r.units[0].period == Period{2020, 1});
  CHECK(r.units[0].days == 70);  // 31 Jan → 10 Apr
  CHECK(r.units[0].open_periods == 3);
  CHECK_FALSE(r.units[0].current_status);
  CHECK(r.units[1].org == t.v2);
  CHECK(r.units[1].period == Period{2020, 3});
  CHECK(r.units[1].days == 10);
  CHECK(r.units[1].open_periods == 1);
  CHECK(r.units[1].current_status == ValueStatus::Draft);

  // Before March has ended nobody is overdue yet, but who has not submitted is still listed.
  auto early = build_overdue(f, "2020-03-20");
  REQUIRE(early.units.size() == 2);
  CHECK(early.units[1].days == 0);
  CHECK(early.units[0].days == 49);  // 31 Jan → 20 Mar 2020
  CHECK(late_units(early) == 1);  // the card's 未按期提交 counts only the one past its due date
  CHECK(late_units(r) == 2);

  // Submitting clears it; approving keeps it clear.
  s->submit(t.v2, Period{2020, 3}, a, true);
  s->approve(t.v2, Period{2020, 3}, a);
  f = YearFigures::compute(*s, 2020);
  r = build_overdue(f, "2020-04-10");
  REQUIRE(r.units.size() == 1);
  CHECK(r.units[0].org == v3);

  auto j = json_object([&](JsonWriter& w) { write_json(w, r, f); })["overdue"];
  CHECK(j["period"] == "2020-03");
  CHECK(j["villages"][0]["code"] == "V3");
  CHECK(j["villages"][0]["since"] == "2020-01");
  CHECK(j["villages"][0]["due"] == "2020-01-31");
  CHECK(j["villages"][0]["days"] == 70);
}

TEST_CASE("overdue: said in days, then months, then years") {
  CHECK(overdue_text(3) == "逾期 3 天");
  CHECK(overdue_text(60) == "逾期 60 天");
  CHECK(overdue_text(95) == "逾期 3 个月");
  CHECK(overdue_text(2493) == "逾期 6 年余");
}

TEST_CASE("overdue: a year that has ended says so, not how many years ago") {
  test::TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  test::make_small_town(*s);
  const Actor a{"tester", "test-device", Role::Admin, {}};
  s->set_value({"V1", "visited_households", "2020-03", "5"}, a);
  const YearFigures f = YearFigures::compute(*s, 2020);
  const OverdueReport during = build_overdue(f, "2020-04-10");
  REQUIRE_FALSE(during.units.empty());
  CHECK(overdue_text(during, during.units[0]) == overdue_text(during.units[0].days));
  const OverdueReport later = build_overdue(f, "2026-12-02");
  REQUIRE_FALSE(later.units.empty());
  CHECK(later.units[0].days > 2000);  // still counted, for sorting and the JSON
  CHECK(overdue_text(later, later.units[0]) == "年度结束时仍未提交");
  // The last day of the year is still within it.
  const OverdueReport last_day = build_overdue(f, "2020-12-31");
  CHECK(overdue_text(last_day, last_day.units[0]).find("逾期") != std::string::npos);
}

TEST_CASE("overdue: periods past their due date, for the ranking") {
  test::TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  auto t = test::make_small_town(*s);
  Actor a{"tester", "dev"};
  // V1 submitted January and February; March is typed but still a draft. V2 typed nothing.
  for (int m = 1; m <= 3; ++m)
    s->set_values({{"V1", "visited_households", Period{2020, m}.str(), "10",
                    m < 3 ? std::optional(ValueStatus::Submitted) : std::nullopt}}, a);
  auto f = YearFigures::compute(*s, 2020);
  // 20 March: January and February are past due, March not yet.
  auto r = build_overdue(f, "2020-03-20");
  CHECK(r.due_periods == 2);
  REQUIRE(r.units.size() == 2);
  const OverdueUnit* v1 = r.find(t.v1);
  const OverdueUnit* v2 = r.find(t.v2);
  REQUIRE(v1);
  REQUIRE(v2);
  CHECK(v1->open_periods == 1);
  CHECK(v1->late_periods == 0);  // March is open but not late
  CHECK(v2->open_periods == 3);
  CHECK(v2->late_periods == 2);
  // 1 April: March is late too.
  r = build_overdue(f, "2020-04-01");
  CHECK(r.due_periods == 3);
  CHECK(r.find(t.v1)->late_periods == 1);
  CHECK(r.find(t.v2)->late_periods == 3);
  CHECK(late_periods_text(r, 3) == "3 个月未交");
  auto j = json_object([&](JsonWriter& w) { write_json(w, r, f); })["overdue"];
  CHECK(j["due_periods"] == 3);
  CHECK(j["villages"][0]["late_periods"] == 3);
}
