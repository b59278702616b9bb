// `check`: unresolved figures and consistency, each finding saying where it came from.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "demo/Demo.hpp"
#include "model/Figures.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "summary/Checks.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::summary;

namespace {

std::vector<const Finding*> of_kind(const CheckReport& r, FindingKind k) {
  std::vector<const Finding*> out;
  for (const auto& f : r.findings)
    if (f.kind == k) out.push_back(&f);
  return out;
}

}  // namespace

TEST_CASE("check: the demo town's 2020 data and default template pass") {
  test::TempDir dir;
  auto s = Store::open(dir.file("demo.db"));
  write_demo_town(*s);
  YearFigures f = YearFigures::compute_with_previous(*s, 2020);
  CheckReport r = check_summary(*s, f, Template::builtin(s->catalog()));
  for (const auto& x : r.findings) MESSAGE(x.message);
  CHECK(r.ok());
  CHECK(r.values_checked > 1000);
  CHECK(r.figures_checked == Template::builtin(s->catalog()).placeholder_count());
  auto j = nlohmann::json::parse(r.to_json());
  CHECK(j["ok"] == true);
  CHECK(j["year"] == 2020);
  CHECK(j["findings"].empty());
}

TEST_CASE("check: unresolved figures, restated figures and numbers typed into the template") {
  test::TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  test::make_small_town(*s);
  s->set_values({{"V1", "new_members", "2020", "3"}, {"V2", "new_members", "2020", "4"},
                 {"V1", "dues", "2020-01", "1.26"}, {"V1", "dues", "2020-02", "2.5"}},
                {});
  Template t = Template::parse(
      "【标题】总结\n"
      "全年发展党员{发展党员数}名，收缴党费{收缴党费}万元。\n"
      "党费合计{收缴党费 | 整数}万元，约{收缴党费 | 约数}万元，捐款{党员捐款金额}万元。\n"
      "其中新发展党员9名，收缴党费3.76万元，组建突击队5支。\n",
      "t.tpl", s->catalog());
  CheckReport r = check_summary(*s, YearFigures::compute(*s, 2020), t);
  CHECK(!r.ok());

  auto unresolved = of_kind(r, FindingKind::Unresolved);
  REQUIRE(unresolved.size() == 1);
  CHECK(unresolved[0]->message.find("党员捐款金额") != std::string::npos);
  CHECK(unresolved[0]->where.find("模板第 3 行") != std::string::npos);

  auto restated = of_kind(r, FindingKind::Restated);  // 3.76 and 4; the 约数 wording is not a restatement
  REQUIRE(restated.size() == 1);
  CHECK(restated[0]->indicator == "dues");
  CHECK(restated[0]->message.find("3.76") != std::string::npos);
  CHECK(restated[0]->message.find("4") != std::string::npos);

  auto literal = of_kind(r, FindingKind::Literal);  // "9名" disagrees; "3.76万元" agrees; 突击队 has no data
  REQUIRE(literal.size() == 1);
  CHECK(literal[0]->indicator == "new_members");
  CHECK(literal[0]->message.find("9名") != std::string::npos);
  CHECK(literal[0]->message.find("7名") != std::string::npos);
  CHECK(literal[0]->where.find("模板第 4 行") != std::string::npos);
}

TEST_CASE("check: a yearly value that disagrees with its months, and a rule broken after the roster changed") {
  test::TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  test::SmallTown town = test::make_small_town(*s);
  Actor clerk{"张三", "平板-01"};
  s->set_values({{"V1", "visited_households", "2020-01", "10"}, {"V1", "visited_households", "2020-02", "15"},
                 {"V1", "visited_households", "2020", "30"},
                 // Typed before the roster was kept: nothing to compare with yet.
                 {"V1", "donor_members", "2020", "5"}},
                clerk);
  Member m;
  m.name = "李娜";
  m.branch = town.b1a;
  m.stage = MemberStage::Full;
  s->add_members({m, m}, clerk);  // two members in 东山村: five donors are now impossible

  CheckReport r = check_summary(*s, YearFigures::compute(*s, 2020),
                                Template::parse("【标题】总结\n", "t.tpl", s->catalog()));
  auto months = of_kind(r, FindingKind::MonthSum);
  REQUIRE(months.size() == 1);
  CHECK(months[0]->org == "东山村");
  CHECK(months[0]->message.find("30") != std::string::npos);
  CHECK(months[0]->message.find("25") != std::string::npos);
  CHECK(months[0]->where.find("张三") != std::string::npos);
  CHECK(months[0]->where.find("平板-01") != std::string::npos);

  auto rules = of_kind(r, FindingKind::Rule);
  REQUIRE(rules.size() >= 1);
  const Finding* donors = nullptr;
  for (auto* f : rules) if (f->indicator == "donor_members") donors = f;
  REQUIRE(donors);
  CHECK(donors->org == "东山村");
  CHECK(donors->message.find("捐款党员数") != std::string::npos);
  CHECK(donors->where.find("东山村 2020") != std::string::npos);
  CHECK(donors->where.find("张三") != std::string::npos);
  // The donation rate computed from it breaks the percent rule too, and says it is computed.
  const Finding* rate = nullptr;
  for (auto* f : rules) if (f->indicator == "donation_rate" && f->org == "东山村") rate = f;
  REQUIRE(rate);
  CHECK(rate->where.find("donor_members / members * 100") != std::string::npos);

  auto j = nlohmann::json::parse(r.to_json());
  CHECK(j["ok"] == false);
  CHECK(j["findings"].size() == r.findings.size());
  CHECK(j["findings"][0].contains("where"));
}
