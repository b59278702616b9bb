// Village ranking: completion by section, weighted score, bands, settings kept in the town file.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/JsonWriter.hpp"
#include "base/Strings.hpp"
#include "report/Overdue.hpp"
#include "report/Ranking.hpp"
#include "SmallTown.hpp"
#include "store/Review.hpp"
#include "store/Store.hpp"
#include "TempDir.hpp"

using namespace jiceng;

namespace {

// Two villages with targets in two sections; June is the latest month with data (half the year).
struct RankedTown {
  test::TempDir dir;
  std::unique_ptr<Store> s = Store::open(dir.file("t.db"));
  test::SmallTown t = test::make_small_town(*s);
  Actor a{"tester", "dev"};

  RankedTown() {
    for (OrgId v : {t.v1, t.v2}) {
      s->set_target(v, "new_members", 2020, 2, a);
      s->set_target(v, "lifted_households", 2020, 10, a);
    }
    s->set_values({{"V1", "registered_poor_households", "2020", "20"},
                   {"V1", "new_members", "2020", "2"},       // 2 / 2: done
                   {"V1", "lifted_households", "2020", "5"},  // 5 / 10: on pace at mid-year
                   {"V1", "visited_households", "2020-06", "30"},
                   {"V2", "registered_poor_households", "2020", "20"},
                   {"V2", "new_members", "2020", "1"},         // 1 / 2
                   {"V2", "lifted_households", "2020", "2"}},  // 2 / 10: behind
                  a);
  }
  int expected() const {
    int n = 0;
    for (const auto& ind : s->catalog().indicators()) n += ind.typed() && ind.level == Level::Village;
    return n;
  }
};

}  // namespace

TEST_CASE("ranking: completion by section, weighted score against the year's pace, bands") {
  RankedTown town;
  auto f = YearFigures::compute(*town.s, 2020);
  auto d = build_dashboard(f);
  REQUIRE(d.as_of_month == 6);
  RankingSettings settings;
  auto r = build_ranking(f, d, settings, OverdueReport{});
  CHECK(r.elapsed == doctest::Approx(0.5));
  REQUIRE(r.sections == std::vector<std::string>{"organization", "poverty"});
  REQUIRE(r.units.size() == 2);
  const double e = town.expected();

  // V1 first: both sections at or above pace, and more of its form filled.
  const RankedUnit& first = r.units[0];
  const RankedUnit& second = r.units[1];
  CHECK(d.units[first.unit].org.code == "V1");
  CHECK(first.rank == 1);
  CHECK(second.rank == 2);
  CHECK(*first.sections[0] == doctest::Approx(1.0));
  CHECK(*first.sections[1] == doctest::Approx(0.5));
  CHECK(first.reporting == doctest::Approx(4 / e));
  // Paced: 1/0.5 and 0.5/0.5 both cap at 1; reporting weighs 0.5 against 1 per section.
  CHECK(first.score == doctest::Approx(std::round(1000 * (1 + 1 + 0.5 * 4 / e) / 2.5) / 10));
  CHECK(*second.sections[0] == doctest::Approx(0.5));
  CHECK(*second.sections[1] == doctest::Approx(0.2));
  CHECK(second.score == doctest::Approx(std::round(1000 * (1 + 0.4 + 0.5 * 3 / e) / 2.5) / 10));
  CHECK(first.band == Band::B);   // 80 + a little: reporting is nearly empty in this tiny town
  CHECK(second.band == Band::D);  // 56 + a little

  // Behind: V2's 脱贫户数 (0.2 < 0.9 × 0.5); V1 has nothing behind.
  CHECK(first.behind.empty());
  REQUIRE(second.behind.size() == 1);
  CHECK(f.catalog().indicators()[second.behind[0]].id == "lifted_households");

  // Without pace, completion counts as it is.
  settings.pace = false;
  auto plain = build_ranking(f, d, settings, OverdueReport{});
  CHECK(plain.units[0].score == doctest::Approx(std::round(1000 * (1 + 0.5 + 0.5 * 4 / e) / 2.5) / 10));
  CHECK(plain.units[1].score == doctest::Approx(std::round(1000 * (0.5 + 0.2 + 0.5 * 3 / e) / 2.5) / 10));
}

TEST_CASE("ranking: weights change the order; equal scores go by overall completion") {
  RankedTown town;
  auto f = YearFigures::compute(*town.s, 2020);
  auto d = build_dashboard(f);
  RankingSettings s;
  s.pace = false;
  // Only poverty counts: V2 (0.2) still below V1 (0.5).
  s.weights = {{"organization", 0}, {"poverty", 1}};
  auto r = build_ranking(f, d, s, OverdueReport{});
  CHECK(d.units[r.units[0].unit].org.code == "V1");
  CHECK(r.units[0].score == doctest::Approx(50));
  CHECK(r.units[1].score == doctest::Approx(20));
  CHECK(r.units[1].band == Band::D);
  // Only organisation, and V1 drops to 0 by another target it never reached: V2 wins.
  town.s->set_target(town.t.v1, "branch_meetings", 2020, 10, town.a);
  f = YearFigures::compute(*town.s, 2020);
  d = build_dashboard(f);
  s.weights = {{"organization", 1}, {"poverty", 0}};
  r = build_ranking(f, d, s, OverdueReport{});
  CHECK(r.units[0].score == doctest::Approx(50));  // V1: (1 + 0) / 2
  CHECK(r.units[1].score == doctest::Approx(50));  // V2: 1 / 2
  // Equal scores: the one further along its whole-year targets goes first, with a rank of its own.
  REQUIRE(r.units[0].overall.has_value());
  REQUIRE(r.units[1].overall.has_value());
  CHECK(*r.units[0].overall > *r.units[1].overall);
  CHECK(r.units[0].rank == 1);
  CHECK(r.units[1].rank == 2);
}

TEST_CASE("ranking settings: defaults, JSON round trip, saved in the town file, bad input refused") {
  RankedTown town;
  auto loaded = RankingSettings::load(*town.s);
  CHECK(loaded.band_a == 90);
  CHECK(loaded.weight("reporting") == 0.5);
  CHECK(loaded.weight("poverty") == 1.0);

  RankingSettings s;
  s.weights = {{"reporting", 0}, {"poverty", 3}};
  s.band_a = 95;
  s.band_b = 80;
  s.band_c = 50;
  s.pace = false;
  // A clerk may not change how villages are ranked; a leader may, and it is recorded.
  Actor clerk{"clerk", "dev", Role::Clerk};
  CHECK_THROWS_AS(s.save(*town.s, clerk), InputError);
  CHECK(town.s->meta(RankingSettings::kMetaKey).empty());
  Actor leader{"leader", "dev", Role::Leader};
  s.save(*town.s, leader);
  std::vector<AuditEntry> audit;
  for (auto& e : town.s->history())
    if (e.action == "set_setting") audit.push_back(e);
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].user == "leader");
  CHECK(audit[0].detail.find("ranking.settings") != std::string::npos);
  auto back = RankingSettings::load(*town.s);
  CHECK(back.weight("poverty") == 3);
  CHECK(back.weight("reporting") == 0);
  CHECK(back.band_a == 95);
  CHECK(back.band_c == 50);
  CHECK_FALSE(back.pace);
  CHECK(back.band(96) == Band::A);
  CHECK(back.band(80) == Band::B);
  CHECK(back.band(49.9) == Band::D);

  auto refused = [](const char* text) {
    try {
      RankingSettings::from_json(nlohmann::json::parse(text));
    } catch (const InputError& e) {
      return e.where().field;
    }
    return std::string("accepted");
  };
  CHECK(refused(R"({"weights": {"poverty": -1}})") == "weights.poverty");
  CHECK(refused(R"({"bands": {"A": 120}})") == "bands.A");
  CHECK(refused(R"({"bands": {"A": 50, "B": 70}})") == "bands");
  CHECK(refused(R"({"bands": {"E": 10}})") == "bands.E");
  CHECK(refused(R"({"pace": "yes"})") == "pace");
  CHECK(refused(R"({"colour": 1})") == "colour");
  CHECK(refused(R"({"weights": {"poverty": "x"}})") == "weights.poverty");
  CHECK(refused(R"({"bands": {"A": 80, "B": 80, "C": 10}})") == "accepted");

  // A broken value in the file is reported, not silently replaced by defaults.
  town.s->set_meta(RankingSettings::kMetaKey, "{not json");
  CHECK_THROWS_AS(RankingSettings::load(*town.s), InputError);
  // Screens and the CLI still rank, by the defaults, and say what is wrong.
  std::string problem;
  const auto fallback = RankingSettings::load_or_default(*town.s, &problem);
  CHECK(fallback.band_a == 90);
  CHECK(problem.find(tr("dashboard.settings.bad_json")) != std::string::npos);
  // And a bad setting is never written.
  RankingSettings bad;
  bad.band_b = 99;
  CHECK_THROWS_AS(bad.save(*town.s, leader), InputError);
  CHECK(town.s->meta(RankingSettings::kMetaKey) == "{not json");
}

TEST_CASE("ranking JSON names villages, sections, bands and what is behind") {
  RankedTown town;
  auto f = YearFigures::compute(*town.s, 2020);
  auto d = build_dashboard(f);
  auto r = build_ranking(f, d, RankingSettings{}, OverdueReport{});
  auto j = json_object([&](JsonWriter& w) { write_json(w, r, d, f); })["ranking"];
  REQUIRE(j["villages"].size() == 2);
  CHECK(j["villages"][0]["code"] == "V1");
  CHECK(j["villages"][0]["rank"] == 1);
  CHECK(j["villages"][1]["behind"] == nlohmann::json::array({"lifted_households"}));
  CHECK(j["villages"][1]["sections"]["poverty"].get<double>() == doctest::Approx(0.2));
  CHECK(j["settings"]["bands"]["A"] == 90);
  CHECK(j["villages"][0]["band"] == std::string(to_string(r.units[0].band)));
}

TEST_CASE("ranking: months past their due date and not submitted lower 填报, so the late village ranks lower") {
  // Two villages with the same figures and targets; V1 submits January to June, V2 never submits.
  test::TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  auto t = test::make_small_town(*s);
  Actor a{"tester", "dev"};
  for (OrgId v : {t.v1, t.v2}) s->set_target(v, "new_members", 2020, 2, a);
  for (const char* code : {"V1", "V2"}) {
    // V1's values arrive submitted (as from a package), V2's stay drafts.
    const auto status = std::string(code) == "V1" ? std::optional(ValueStatus::Submitted) : std::nullopt;
    s->set_values({{code, "new_members", "2020", "1", status}}, a);
    for (int m = 1; m <= 6; ++m) s->set_values({{code, "visited_households", Period{2020, m}.str(), "10", status}}, a);
  }
  auto f = YearFigures::compute(*s, 2020);
  auto d = build_dashboard(f);

  // Without the late list they tie; on 10 July every month to June is past due and V2 owes all six.
  auto before = build_ranking(f, d, RankingSettings{}, OverdueReport{});
  CHECK(before.units[0].score == doctest::Approx(before.units[1].score));
  const auto overdue = build_overdue(f, "2020-07-10");
  REQUIRE(overdue.due_periods == 6);
  auto r = build_ranking(f, d, RankingSettings{}, overdue);
  REQUIRE(r.units.size() == 2);
  const RankedUnit& first = r.units[0];
  const RankedUnit& late = r.units[1];
  CHECK(d.units[first.unit].org.code == "V1");
  CHECK(d.units[late.unit].org.code == "V2");
  CHECK(first.late_periods == 0);
  CHECK(first.reporting == doctest::Approx(first.filled));
  CHECK(late.late_periods == 6);
  CHECK(late.due_periods == 6);
  CHECK(late.filled == doctest::Approx(first.filled));  // the same form filled …
  CHECK(late.reporting == doctest::Approx(0));          // … but nothing of it reported on time
  CHECK(late.score < first.score);
  CHECK(late.rank == 2);
  CHECK(late_periods_text(overdue, late.late_periods) == "6 个月未交");
  CHECK(late_periods_text(overdue, 0).empty());

  // Before June has ended, only January to May are due: V2 owes five of five.
  auto june = build_ranking(f, d, RankingSettings{}, build_overdue(f, "2020-06-20"));
  CHECK(june.units[1].late_periods == 5);
  CHECK(june.units[1].due_periods == 5);

  auto j = json_object([&](JsonWriter& w) { write_json(w, r, d, f); })["ranking"];
  CHECK(j["villages"][1]["late_periods"] == 6);
  CHECK(j["villages"][1]["due_periods"] == 6);
  CHECK(j["villages"][1]["reporting"].get<double>() == doctest::Approx(0));
  CHECK(j["villages"][1]["filled"].get<double>() == doctest::Approx(late.filled));
}

TEST_CASE("the streamed report parts read exactly as nlohmann's sorted dump(2) of the same data") {
  RankedTown town;
  auto f = YearFigures::compute(*town.s, 2020);
  auto d = build_dashboard(f);
  auto o = build_overdue(f, "2020-07-15");
  auto r = build_ranking(f, d, RankingSettings{}, o);
  // Each part alone in an object: streamed in alphabetical key order, its text is what a tree of
  // the same values dumps, byte for byte (a key written out of order would differ).
  const auto streamed = [](const std::function<void(JsonWriter&)>& write) {
    std::ostringstream out;
    JsonWriter w(out);
    w.object();
    write(w);
    w.end();
    return out.str();
  };
  for (const std::string& text :
       {streamed([&](JsonWriter& w) { write_json(w, d, f); }), streamed([&](JsonWriter& w) { write_json(w, o, f); }),
        streamed([&](JsonWriter& w) { write_json(w, r, d, f, "排名设置有误，已按默认值排名"); }),
        streamed([&](JsonWriter& w) { write_json(w, pending_reviews(*town.s), f.orgs()); })})
    CHECK(text == nlohmann::json::parse(text).dump(2));
}
