#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <set>
#include <tuple>

#include "base/Error.hpp"
#include "demo/Demo.hpp"
#include "report/Dashboard.hpp"
#include "model/Figures.hpp"
#include "store/Authentication.hpp"
#include "store/Store.hpp"
#include "store/Users.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using jiceng::test::TempDir;

namespace {

// One demo database shared by the read-only checks (writing it takes a moment).
Store& demo_store() {
  static TempDir dir;
  static std::unique_ptr<Store> store = [] {
    auto s = Store::open(dir.file("demo.db"));
    write_demo_town(*s);
    return s;
  }();
  return *store;
}

OrgId org_id(const Store& s, const char* code) { return s.find_org(code).value().id; }

std::chrono::sys_days day(const std::string& iso) {
  REQUIRE(iso.size() == 10);
  using namespace std::chrono;
  return sys_days{year{std::stoi(iso.substr(0, 4))} / month{unsigned(std::stoi(iso.substr(5, 2)))} /
                  std::chrono::day{unsigned(std::stoi(iso.substr(8, 2)))}};
}

// Everything the demo wrote that must not depend on the run: values, targets, roster, orgs.
using Snapshot = std::tuple<std::vector<std::tuple<std::string, std::string, std::string, double, std::string>>,
                            std::vector<std::tuple<std::string, std::string, double>>,
                            std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string>>>;

Snapshot snapshot(const Store& s) {
  Snapshot snap;
  std::map<OrgId, std::string> code;
  for (const auto& o : s.orgs()) code[o.id] = o.code;
  for (int y : {2019, 2020})
    for (const auto& v : s.values(y))
      std::get<0>(snap).emplace_back(code[v.org], v.indicator, v.period.str(), v.value, std::string(to_string(v.status)));
  for (const auto& t : s.targets(2020)) std::get<1>(snap).emplace_back(code[t.org], t.indicator, t.value);
  for (const auto& m : s.members())
    std::get<2>(snap).emplace_back(m.name, code[m.branch], m.birth_date, m.applied_on, m.probationary_on);
  std::sort(std::get<0>(snap).begin(), std::get<0>(snap).end());
  std::sort(std::get<1>(snap).begin(), std::get<1>(snap).end());
  return snap;
}

}  // namespace

TEST_CASE("demo town: organisation tree and roster") {
  Store& s = demo_store();
  CHECK(s.meta("town_name") == "青禾镇");
  CHECK(s.meta("demo") == "1");
  CHECK(s.meta("weak_branch_org.2020") == "V06");
  std::map<OrgKind, int> kinds;
  bool rare_place = false;
  for (const auto& o : s.orgs()) {
    ++kinds[o.kind];
    rare_place = rare_place || o.name.find("埝") != std::string::npos;
  }
  CHECK(kinds[OrgKind::Town] == 1);
  CHECK(kinds[OrgKind::Village] + kinds[OrgKind::Community] >= 12);
  CHECK(kinds[OrgKind::Unit] == 3);
  CHECK(kinds[OrgKind::GeneralBranch] == 2);
  CHECK(kinds[OrgKind::Branch] >= 12);
  CHECK(rare_place);

  YearFigures f = YearFigures::compute(s, 2020);
  CHECK(f.town_value("villages") == 13.0);
  CHECK(f.town_value("communities") == 1.0);
  CHECK(f.town_value("general_branches") == 2.0);
  CHECK(f.town_value("branches") == 20.0);
  CHECK(f.town_value("members") == 415.0);
  CHECK(f.value(org_id(s, "V02"), "branches") == 3.0);
  CHECK(f.value(org_id(s, "V01"), "members") == 32.0);
  // The typed count of members developed agrees with the roster.
  CHECK(f.town_value("new_members") == f.town_value("probationary_members"));
  CHECK(*f.town_value("activists") > 0);
  CHECK(*f.town_value("applicants") > 0);
  CHECK(*f.town_value("candidates") > 0);
}

TEST_CASE("demo roster: names and stage dates respect the rules of joining") {
  const auto members = demo_store().members();
  CHECK(members.size() >= 400);
  std::set<std::string> names;
  bool yun = false, na = false;
  int reserve = 0;
  using std::chrono::days;
  const auto today = day("2020-11-30");
  for (const auto& m : members) {
    INFO(m.name);
    CHECK(names.insert(m.name).second);
    CHECK((m.gender == "男" || m.gender == "女"));
    yun = yun || m.name.find("赟") != std::string::npos;
    na = na || m.name.find("娜") != std::string::npos;
    reserve += m.reserve_cadre;
    const auto applied = day(m.applied_on);
    CHECK(applied <= today);
    CHECK(day(m.birth_date) + days{18 * 365} <= applied);
    if (!m.talked_on.empty()) CHECK((day(m.talked_on) - applied).count() <= 31);
    if (m.stage >= MemberStage::Activist) CHECK((day(m.activist_on) - applied).count() >= 180);
    if (m.stage >= MemberStage::Candidate) CHECK((day(m.candidate_on) - day(m.activist_on)).count() > 365);
    if (m.stage >= MemberStage::Probationary) CHECK(day(m.probationary_on) > day(m.candidate_on));
    if (m.stage == MemberStage::Probationary) CHECK((today - day(m.probationary_on)).count() < 366);
    if (m.stage == MemberStage::Full) {
      const auto served = (day(m.full_on) - day(m.probationary_on)).count();
      CHECK((served == 365 || served == 366));
    }
  }
  CHECK(yun);
  CHECK(na);
  CHECK(reserve >= 10);
}

TEST_CASE("demo figures: every indicator has a 2020 town figure, plausible for a rural town") {
  Store& s = demo_store();
  YearFigures f = YearFigures::compute(s, 2020);
  for (const auto& ind : s.catalog().indicators()) {
    INFO(ind.id);
    CHECK(f.town_value(ind.id).has_value());
  }
  YearFigures prev = YearFigures::compute(s, 2019);
  for (const auto& ind : s.catalog().indicators()) {
    if (ind.typed()) {
      INFO(ind.id);
      CHECK(prev.town_value(ind.id).has_value());
    }
  }
  CHECK(f.last_month() == 11);
  const double population = *f.town_value("rural_population");
  CHECK((population > 15000 && population < 20000));
  CHECK((*f.town_value("new_members") >= 10 && *f.town_value("new_members") <= 25));
  CHECK((*f.town_value("dues") > 1 && *f.town_value("dues") < 10));
  CHECK(*f.town_value("new_roads") < 60);
  CHECK(*f.town_value("new_member_completion") < 100);
  CHECK(*f.town_value("donation_rate") <= 100);
  CHECK(*f.town_value("standardization_rate") == doctest::Approx(100));
  CHECK(f.town_value("standard_month") == 9.0);
  CHECK(*f.town_value("poverty_incidence") < *prev.town_value("poverty_incidence"));
  CHECK(*f.town_value("poverty_incidence") < 1);
  CHECK(f.town_value("cold_stores") == 2.0);
  CHECK(f.town_value("response_members") <= f.town_value("members"));
  CHECK(prev.town_value("response_members") == 0.0);  // no pandemic in 2019
  // Monthly flows roll up, the stock of reserve cadres is November's.
  double visited = 0;
  for (OrgId u : f.reporting_units())
    for (int m = 1; m <= 11; ++m) visited += f.month_value(u, "visited_households", m).value_or(0);
  CHECK(visited == doctest::Approx(*f.town_value("visited_households")));
  CHECK(f.value(org_id(s, "V06"), "reserve_cadres") == 2.0);
  CHECK(f.month_value(org_id(s, "V06"), "reserve_cadres", 1) == 0.0);
}

TEST_CASE("demo figures tell a story: targets, laggards, statuses") {
  Store& s = demo_store();
  YearFigures f = YearFigures::compute(s, 2020);
  int town_targets = 0;
  for (const auto& ind : s.catalog().indicators())
    if (ind.has_target && f.town_target(ind.id)) ++town_targets;
  CHECK(town_targets >= 15);
  CHECK(f.town_target("new_members") == 20.0);

  Dashboard d = build_dashboard(f);
  std::set<std::string> behind, not_submitted, nothing_submitted;
  for (const auto& u : d.units) {
    INFO(u.org.code);
    CHECK(u.progress.has_value());
    if (*u.progress < 0.8) behind.insert(u.org.code);
    if (!u.submitted) not_submitted.insert(u.org.code);
    CHECK(u.filled == u.expected);  // nobody left a gap, even the village that has not submitted
  }
  CHECK(behind == std::set<std::string>{"V07", "V11", "V13"});
  CHECK(not_submitted == std::set<std::string>{"V03", "V10"});  // V03 is still typing November

  std::map<OrgId, std::set<ValueStatus>> statuses;
  for (const auto& v : s.values(2020)) statuses[v.org].insert(v.status);
  CHECK(statuses[org_id(s, "V10")] == std::set<ValueStatus>{ValueStatus::Draft});
  CHECK(statuses[org_id(s, "V03")].count(ValueStatus::Draft) == 1);
  CHECK(statuses[org_id(s, "V01")].count(ValueStatus::Approved) == 1);
  CHECK(statuses[org_id(s, "V01")].count(ValueStatus::Submitted) == 1);
  int units_without_submission = 0;
  for (const auto& [org, st] : statuses) units_without_submission += st == std::set<ValueStatus>{ValueStatus::Draft};
  CHECK(units_without_submission == 1);
  for (const auto& v : s.values(2019)) CHECK(v.status == ValueStatus::Approved);
}

TEST_CASE("demo town is deterministic and only goes into an empty database") {
  TempDir dir;
  auto a = Store::open(dir.file("a.db"));
  auto b = Store::open(dir.file("b.db"));
  write_demo_town(*a);
  write_demo_town(*b);
  Snapshot sa = snapshot(*a), sb = snapshot(*b);
  CHECK(std::get<0>(sa).size() > 5000);
  CHECK(std::get<0>(sa) == std::get<0>(sb));
  CHECK(std::get<1>(sa) == std::get<1>(sb));
  CHECK(std::get<2>(sa) == std::get<2>(sb));

  const auto revision = a->revision();
  CHECK_THROWS_AS(write_demo_town(*a), InputError);
  CHECK(a->revision() == revision);
  CHECK(snapshot(*a) == sa);
}

TEST_CASE("demo accounts: the PINs in the README sign in, a wrong PIN does not") {
  // The demo's PIN hashes are stored in assets/demo/users.json, made once: they must match.
  Store& s = demo_store();
  CHECK(sign_in(s, "admin", "246810").role == Role::Admin);
  CHECK(sign_in(s, "leader", "2345").role == Role::Leader);
  const Actor clerk = sign_in(s, "clerk", "3456");
  CHECK(clerk.role == Role::Clerk);
  CHECK(clerk.user == "王娜");
  CHECK_THROWS_AS(sign_in(s, "clerk", "3457"), InputError);
}
