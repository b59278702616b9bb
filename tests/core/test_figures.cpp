#include <doctest/doctest.h>

#include "base/Sql.hpp"
#include "report/Dashboard.hpp"
#include "model/Figures.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "summary/SummaryContext.hpp"
#include "TempDir.hpp"

using namespace jiceng;

namespace {

using Fixture = test::SmallTownDb;

Member member(OrgId branch, MemberStage stage, std::string probation = {}) {
  Member m;
  m.name = "党员";
  m.branch = branch;
  m.stage = stage;
  m.probationary_on = std::move(probation);
  return m;
}

}  // namespace

TEST_CASE("village figures sum into the town; months roll up into the year") {
  Fixture f;
  f.s->set_values({{"V1", "new_members", "2020", "3"}, {"V2", "new_members", "2020", "4"},
                   {"V1", "new_member_quota", "2020", "4"}, {"V2", "new_member_quota", "2020", "6"},
                   {"V1", "visited_households", "2020-01", "10"}, {"V1", "visited_households", "2020-02", "15"},
                   {"V2", "visited_households", "2020-02", "7"}},
                  {});
  auto y = YearFigures::compute(*f.s, 2020);
  CHECK(y.town_value("new_members") == 7);
  CHECK(y.value(f.t.v1, "visited_households") == 25);
  CHECK(y.town_value("visited_households") == 32);
  CHECK(y.month_value(f.t.v1, "visited_households", 2) == 15);
  CHECK(y.last_month() == 2);
  // The rate is computed from the town's totals, not averaged over villages.
  REQUIRE(y.town_value("new_member_completion"));
  CHECK(*y.town_value("new_member_completion") == doctest::Approx(70.0));
  CHECK(*y.value(f.t.v1, "new_member_completion") == doctest::Approx(75.0));
  // Nothing typed: missing, never zero.
  CHECK(!y.town_value("cold_stores"));
}

TEST_CASE("a yearly value typed directly wins over the months") {
  Fixture f;
  f.s->set_values({{"V1", "visited_households", "2020-01", "10"}, {"V1", "visited_households", "2020", "100"}}, {});
  auto y = YearFigures::compute(*f.s, 2020);
  CHECK(y.value(f.t.v1, "visited_households") == 100);
}

TEST_CASE("counts come from the organisation tree and the roster") {
  Fixture f;
  auto y0 = YearFigures::compute(*f.s, 2020);
  CHECK(y0.town_value("villages") == 2);
  CHECK(y0.town_value("general_branches") == 1);
  CHECK(y0.town_value("branches") == 3);
  CHECK(y0.value(f.t.v1, "branches") == 2);
  CHECK(!y0.town_value("members"));  // no roster kept yet: missing, not zero
  f.s->add_members({member(f.t.b1a, MemberStage::Full), member(f.t.b1b, MemberStage::Probationary, "2020-06-01"),
                    member(f.t.b2, MemberStage::Full), member(f.t.b2, MemberStage::Activist)},
                   {});
  auto y = YearFigures::compute(*f.s, 2020);
  CHECK(y.town_value("members") == 3);
  CHECK(y.value(f.t.v1, "members") == 2);
  CHECK(y.value(f.t.v2, "members") == 1);
}

TEST_CASE("the dashboard rates progress against targets and finds who has not submitted") {
  Fixture f;
  f.s->set_target(f.t.town, "new_members", 2020, 10, {});
  f.s->set_values({{"V1", "new_members", "2020", "3", ValueStatus::Submitted},
                   {"V2", "new_members", "2020", "2", ValueStatus::Draft},
                   {"V1", "visited_households", "2020-06", "10", ValueStatus::Submitted}},
                  {});
  auto y = YearFigures::compute(*f.s, 2020);
  auto d = build_dashboard(y);
  CHECK(d.as_of_month == 6);
  const IndicatorStatus* nm = nullptr;
  for (const auto& st : d.indicators)
    if (st.indicator->id == "new_members") nm = &st;
  REQUIRE(nm);
  CHECK(nm->value == 5);
  CHECK(nm->target == 10);
  CHECK(*nm->progress == doctest::Approx(0.5));
  CHECK(nm->status == Progress::OnTrack);  // half the year, half the target
  REQUIRE(d.units.size() == 2);
  CHECK(d.units[0].submitted);
  CHECK(!d.units[1].submitted);
  CHECK(d.units[1].lowest == ValueStatus::Draft);
  CHECK(d.units[0].filled == 2);
  CHECK(d.units[0].completeness == doctest::Approx(2.0 / d.units[0].expected));
}

TEST_CASE("expressions over a year's figures: arithmetic for formulas, functions for templates") {
  Fixture f;
  f.s->set_values({{"V1", "new_members", "2019", "2"}, {"V1", "new_members", "2020", "5"}}, {});
  f.s->set_target(f.t.v1, "new_members", 2020, 4, {});
  auto y = YearFigures::compute_with_previous(*f.s, 2020);
  CHECK(y.evaluate(Expr::parse("new_members * 2 - 1"), f.t.v1).number == 9);
  CHECK_THROWS_AS(y.evaluate(Expr::parse("no_such_indicator + 1")), ExprError);
  // A catalog formula has no functions; the template language has them, evaluated in one place.
  CHECK_THROWS_AS(y.evaluate(Expr::parse("prev(new_members)"), f.t.v1), ExprError);
  const summary::SummaryContext village(y, f.t.v1);
  CHECK(Expr::parse("new_members - prev(new_members)").eval(village).number == 3);
  CHECK(Expr::parse("rate(发展党员数, target(发展党员数))").eval(village).number == doctest::Approx(125));
  CHECK(Expr::parse("比例(发展党员数, 目标(发展党员数))").eval(village).number == doctest::Approx(125));
  CHECK(Expr::parse("prev(cold_stores)").eval(summary::SummaryContext(y)).is_missing());
}

TEST_CASE("a target kept for an indicator that takes none (a town indicator redefined) is neither shown nor counted") {
  Fixture f;
  f.s->set_target(f.t.v1, "new_members", 2020, 4, {});
  f.s->set_values({{"V1", "new_members", "2020", "2"}, {"V1", "suggestions", "2020", "3"}}, {});
  const Indicator& plain = f.s->catalog().at("suggestions");
  REQUIRE_FALSE(plain.has_target);
  // What an older definition of the indicator left behind: set_target refuses it today.
  sql::exec(f.s->handle(), "INSERT INTO targets(org_id, indicator_id, year, value) VALUES (" + std::to_string(f.t.v1) +
                               ", 'suggestions', 2020, 12)");
  const auto y = YearFigures::compute(*f.s, 2020);
  CHECK_FALSE(y.target(f.t.v1, "suggestions"));
  CHECK_FALSE(y.town_target("suggestions"));
  CHECK(y.target(f.t.v1, "new_members") == 4);
  CHECK(y.town_target("new_members") == 4);  // the villages' targets summed
  const auto d = build_dashboard(y);
  // The village's progress is its one real target's, 2 of 4: the stray 3 of 12 does not average in.
  CHECK(*d.units[0].progress == doctest::Approx(0.5));
}
