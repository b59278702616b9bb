// A county of three towns: rolled up from their databases (and one from a whole-town package),
// shown side by side with county totals; town identities never mix.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "demo/Synthetic.hpp"
#include "model/Figures.hpp"
#include "store/Store.hpp"
#include "sync/County.hpp"
#include "sync/Export.hpp"
#include "SyncFixtures.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::sync;

namespace {

const Actor kAdmin{"县委组织部", "", Role::Admin, {}};

// A synthetic town with its own name, a roster (so member counts and rates exist) and a year.
void make_town(const std::string& path, const char* name, int villages, uint32_t seed) {
  auto s = Store::open(path);
  const SyntheticSpec spec{villages, 2020, true, 11, seed};
  write_synthetic_orgs(*s, spec);
  s->rename_org(s->town()->id, name, kAdmin);
  std::vector<Member> roster;
  int n = 0;
  for (const auto& o : s->orgs())
    if (o.kind == OrgKind::Branch)
      for (int k = 0; k < 5 + int(seed % 4); ++k)
        roster.push_back({0, "党员" + std::to_string(++n), "男", "1980-01-01", o.id, MemberStage::Full, "", "", "", "",
                          "", "2000-07-01"});
  s->add_members(roster, kAdmin);
  s->set_values(synthetic_values(*s, spec), kAdmin);
}

const CountyRow& row(const CountyDashboard& d, const char* id) {
  for (const auto& r : d.rows)
    if (r.indicator->id == id) return r;
  FAIL("no row " << id);
  return d.rows.front();
}

std::string refusal(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const InputError& e) {
    return e.describe();
  }
  return {};
}

}  // namespace

TEST_CASE("a county of three towns rolls up side by side with county totals") {
  test::TempDir dir;
  const char* names[] = {"甲镇", "乙镇", "丙镇"};
  std::vector<std::string> files;
  for (int i = 0; i < 3; ++i) {
    files.push_back(dir.file("town" + std::to_string(i) + ".db"));
    make_town(files.back(), names[i], 3 + i, 100 + i);
  }
  // 丙镇 sends a package of the whole town instead of its database.
  {
    auto c = Store::open(files[2]);
    export_package(*c, {{}, "county", true, kAdmin}, dir.file("bing.jcpkg"));
  }
  std::vector<YearFigures> own;
  std::vector<std::unique_ptr<Store>> towns;
  for (const auto& f : files) towns.push_back(Store::open(f));
  for (auto& t : towns) own.push_back(YearFigures::compute(*t, 2020));
  const std::string source_before = test::snapshot(*towns[0]);

  auto county = Store::open(dir.file("county.db"));
  roll_up(*county, files[0], kAdmin);
  roll_up(*county, files[1], kAdmin);
  auto r3 = roll_up(*county, dir.file("bing.jcpkg"), kAdmin);
  CHECK(r3.town.name == "丙镇");
  CHECK(is_county(*county));
  REQUIRE(county_towns(*county).size() == 3);
  // All three synthetic towns share the code "T": only their ids tell them apart, and they do.
  CHECK(county_towns(*county)[0].code == county_towns(*county)[2].code);

  const CountyDashboard d = county_dashboard(*county, 2020);
  REQUIRE(d.towns.size() == 3);
  for (int i = 0; i < 3; ++i) CHECK(d.towns[size_t(i)].town.name == names[i]);
  CHECK(d.towns[0].units == 3);
  CHECK(d.towns[2].units == 5);

  // Every town's column is exactly what that town's own computation says (the package too).
  for (const auto& r : d.rows)
    for (size_t i = 0; i < 3; ++i) {
      auto mine = own[i].town_value(r.indicator->id);
      CHECK_MESSAGE(r.towns[i].value == mine, r.indicator->id << " in " << names[i]);
      CHECK_MESSAGE(r.towns[i].target == own[i].town_target(r.indicator->id), r.indicator->id);
    }
  // Sums, maxima and rates recomputed from the totals.
  auto sum = [&](const char* id) {
    double s = 0;
    for (auto& f : own) s += f.town_value(id).value_or(0);
    return s;
  };
  CHECK(row(d, "visited_households").total.value == sum("visited_households"));
  CHECK(row(d, "members").total.value == sum("members"));
  CHECK(row(d, "villages").total.value == 12);
  double targets = 0;
  for (auto& f : own) targets += f.town_target("new_members").value_or(0);
  CHECK(row(d, "new_members").total.target == targets);
  const auto& rate = row(d, "donation_rate").total.value;
  REQUIRE(rate);
  CHECK(std::abs(*rate - sum("donor_members") / sum("members") * 100) < 1e-9);
  double latest = 0;
  for (auto& f : own) latest = std::max(latest, f.town_value("standard_month").value_or(0));
  CHECK(row(d, "standard_month").total.value == latest);

  // Rolling a town up again replaces it; the package and the database of 丙镇 agree exactly.
  const std::string before = to_json(d)["indicators"].dump();
  auto again = roll_up(*county, files[2], kAdmin);
  CHECK(again.replaced);
  CHECK(county_towns(*county).size() == 3);
  CHECK(to_json(county_dashboard(*county, 2020))["indicators"].dump() == before);
  CHECK(!row(d, "outlook_min_income").total.value);  // thresholds that differ have no county total

  // A different database that claims to be 甲镇 with the same code is refused, writing nothing.
  make_town(dir.file("imposter.db"), "甲镇", 2, 7);
  const std::string snap = test::snapshot(*county);
  CHECK(refusal([&] { roll_up(*county, dir.file("imposter.db"), kAdmin); }).find("甲镇") != std::string::npos);
  // Part of a town is not a town.
  export_package(*towns[1], {{"V00001"}, "county", true, kAdmin}, dir.file("part.jcpkg"));
  CHECK(refusal([&] { roll_up(*county, dir.file("part.jcpkg"), kAdmin); }).find("部分") != std::string::npos);
  // Neither is a county, nor a file that is neither.
  CHECK(!refusal([&] { roll_up(*county, dir.file("county.db"), kAdmin); }).empty());
  { std::ofstream(dir.file("notes.txt")) << "不是数据库"; }
  CHECK(refusal([&] { roll_up(*county, dir.file("notes.txt"), kAdmin); }).find("既不是") != std::string::npos);
  CHECK(test::snapshot(*county) == snap);
  // A town database cannot become a county.
  CHECK(refusal([&] { roll_up(*towns[0], files[1], kAdmin); }).find("乡镇数据库") != std::string::npos);

  remove_town(*county, "乙镇", kAdmin);
  CHECK(county_dashboard(*county, 2020).towns.size() == 2);
  // The source files were only read.
  CHECK(test::snapshot(*towns[0]) == source_before);
}

TEST_CASE("county: a town's own indicator is a row of its own; one shared by id is summed; a clash is left out and said") {
  test::TempDir dir;
  make_town(dir.file("a.db"), "甲镇", 3, 100);
  make_town(dir.file("b.db"), "乙镇", 3, 101);
  auto a = Store::open(dir.file("a.db"));
  auto b = Store::open(dir.file("b.db"));
  auto first_unit = [](Store& s) {
    for (const auto& o : s.orgs())
      if (o.kind == OrgKind::Village) return o.code;
    return std::string();
  };
  // Both towns got "流动党员数" from the county (same id, same definition); 甲镇 also has its own.
  const std::string shared = R"({"id": "t_shared01", "name": "流动党员数", "section": "organization", "unit": "名", "kind": "count"})";
  a->define_indicator(shared, kAdmin);
  b->define_indicator(shared, kAdmin);
  const std::string own = a->define_indicator(R"({"name": "老党员数", "section": "organization", "unit": "名", "kind": "count"})", kAdmin);
  a->set_value({first_unit(*a), "t_shared01", "2020", "4"}, kAdmin);
  a->set_value({first_unit(*a), own, "2020", "9"}, kAdmin);
  b->set_value({first_unit(*b), "t_shared01", "2020", "6"}, kAdmin);
  a.reset();
  b.reset();

  auto county = Store::open(dir.file("county.db"));
  auto ra = roll_up(*county, dir.file("a.db"), kAdmin);
  CHECK(ra.indicators_received == 2);
  CHECK(ra.notes.empty());
  roll_up(*county, dir.file("b.db"), kAdmin);
  const CountyDashboard d = county_dashboard(*county, 2020);
  CHECK(row(d, "t_shared01").total.value == 10);
  CHECK(row(d, "t_shared01").towns[0].value == 4);
  CHECK(row(d, "t_shared01").towns[1].value == 6);
  CHECK(row(d, own.c_str()).towns[0].value == 9);
  CHECK_FALSE(row(d, own.c_str()).towns[1].value);

  // A third town uses the same id for another figure: left out, and the roll-up says so.
  make_town(dir.file("c.db"), "丙镇", 3, 102);
  {
    auto c = Store::open(dir.file("c.db"));
    setenv("JICENG_NOW", "2099-01-01T00:00:00Z", 1);  // written later than the county's, so it is not simply older
    c->define_indicator(R"({"id": "t_shared01", "name": "流动党员联系率", "section": "organization", "unit": "%", "kind": "percent"})", kAdmin);
    unsetenv("JICENG_NOW");
    c->set_value({first_unit(*c), "t_shared01", "2020", "50"}, kAdmin);
  }
  auto rc = roll_up(*county, dir.file("c.db"), kAdmin);
  REQUIRE(rc.notes.size() == 1);
  CHECK(rc.notes[0].find("流动党员数") != std::string::npos);
  const CountyDashboard d2 = county_dashboard(*county, 2020);
  CHECK(row(d2, "t_shared01").total.value == 10);
  CHECK_FALSE(row(d2, "t_shared01").towns[2].value);
}
