// Trends: monthly series against the path to the target, this year against last, a bar per village.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "report/Trends.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "TempDir.hpp"

using namespace jiceng;

namespace {

struct TrendTown {
  test::TempDir dir;
  std::unique_ptr<Store> s = Store::open(dir.file("t.db"));
  test::SmallTown t = test::make_small_town(*s);
  Actor a{"tester", "dev"};

  TrendTown() {
    // 走访群众户数 sums over months; 培养后备干部数 keeps the latest month (rollup last).
    s->set_values({{"V1", "visited_households", "2020-01", "10"},
                   {"V1", "visited_households", "2020-02", "5"},
                   {"V1", "visited_households", "2020-04", "7"},
                   {"V2", "visited_households", "2020-02", "3"},
                   {"V2", "visited_households", "2020-04", "1"},
                   {"V1", "reserve_cadres", "2020-01", "2"},
                   {"V1", "reserve_cadres", "2020-04", "3"},
                   {"V2", "reserve_cadres", "2020-02", "1"},
                   {"V1", "visited_households", "2019-03", "4"},
                   {"V2", "visited_households", "2019-12", "6"}},
                  a);
    s->set_target(t.v1, "visited_households", 2020, 60, a);
    s->set_target(t.v2, "visited_households", 2020, 24, a);
  }
};

}  // namespace

TEST_CASE("monthly series of the town: months summed over villages, running total, pace, last year") {
  TrendTown town;
  auto f = YearFigures::compute_with_previous(*town.s, 2020);
  auto s = monthly_series(f, "visited_households");
  CHECK(s.org == f.town().id);
  CHECK(s.last_month == 4);
  CHECK(*s.month[0] == 10);
  CHECK(*s.month[1] == 8);
  CHECK_FALSE(s.month[2]);
  CHECK(*s.month[3] == 8);
  CHECK(*s.to_date[0] == 10);
  CHECK(*s.to_date[1] == 18);
  CHECK(*s.to_date[2] == 18);  // March without values keeps February's total
  CHECK(*s.to_date[3] == 26);
  CHECK_FALSE(s.to_date[4]);   // after the latest month with data: nothing yet
  // The running figure at the latest month is the year's figure the dashboard shows.
  CHECK(*s.to_date[3] == *f.town_value("visited_households"));
  // Target: the villages' targets summed (60 + 24); the path reaches it in December.
  REQUIRE(s.target);
  CHECK(*s.target == 84);
  CHECK(*s.path[0] == doctest::Approx(7));
  CHECK(*s.path[11] == doctest::Approx(84));
  // Last year: the whole year, March and December.
  CHECK_FALSE(s.last_year[1]);
  CHECK(*s.last_year[2] == 4);
  CHECK(*s.last_year[10] == 4);
  CHECK(*s.last_year[11] == 10);

  auto j = to_json(s);
  CHECK(j["to_date"][3] == 26);
  CHECK(j["to_date"][4].is_null());
  CHECK(j["target"] == 84);
}

TEST_CASE("monthly series of one village, and a figure that keeps the latest month") {
  TrendTown town;
  auto f = YearFigures::compute(*town.s, 2020);
  auto v1 = monthly_series(f, "visited_households", town.t.v1);
  CHECK(*v1.to_date[3] == 22);
  CHECK(*v1.target == 60);
  CHECK(*v1.path[5] == doctest::Approx(30));
  CHECK_FALSE(v1.last_year[2]);  // computed without the previous year: no line for it

  auto cadres = monthly_series(f, "reserve_cadres");
  // Each village carries its latest month forward; the town adds the villages up.
  CHECK(*cadres.to_date[0] == 2);      // V1 2
  CHECK(*cadres.to_date[1] == 3);      // V1 2 + V2 1
  CHECK(*cadres.to_date[3] == 4);      // V1 3 + V2 1
  CHECK(*cadres.to_date[3] == *f.town_value("reserve_cadres"));
  CHECK_FALSE(cadres.target);
  CHECK_FALSE(cadres.path[11]);
}

TEST_CASE("trend indicators and bars per village") {
  TrendTown town;
  const auto choices = trend_indicators(town.s->catalog());
  REQUIRE_FALSE(choices.empty());
  bool targets_done = false;
  for (const Indicator* ind : choices) {
    CHECK(ind->frequency == Frequency::Monthly);
    CHECK(ind->typed());
    if (!ind->has_target) targets_done = true;
    else CHECK_FALSE(targets_done);  // those with a target come first
  }

  auto f = YearFigures::compute(*town.s, 2020);
  auto bars = unit_bars(f, "visited_households");
  REQUIRE(bars.size() == 2);
  CHECK(bars[0].org == town.t.v1);
  CHECK(*bars[0].value == 22);
  CHECK(*bars[0].target == 60);
  CHECK(*bars[0].progress == doctest::Approx(22.0 / 60));
  // April: a third of the year; 22/60 is on pace, 4/24 is not.
  CHECK(bars[0].status == Progress::OnTrack);
  CHECK(bars[1].status == Progress::Behind);
  CHECK_THROWS_AS(unit_bars(f, "no_such_indicator"), InputError);
}
