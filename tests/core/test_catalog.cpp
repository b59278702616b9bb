#include <doctest/doctest.h>

#include <set>
#include <string>

#include "base/Error.hpp"
#include "model/Catalog.hpp"
#include "model/Expr.hpp"

using namespace jiceng;

namespace {

// A minimal valid catalog; `extra` is appended to its indicator list.
std::string catalog_with(const std::string& extra) {
  return R"({"version":1,"sections":[{"id":"s","name":"分组"}],"indicators":[
    {"id":"found","name":"发现问题数","section":"s","unit":"个","kind":"count"},
    {"id":"fixed","name":"整改问题数","section":"s","unit":"个","kind":"count","rules":[{"le":"found"}]})" +
         extra + "]}";
}

// The message of the InputError that parsing `text` throws ("" when it does not throw).
std::string parse_error(const std::string& text) {
  try {
    Catalog::parse(text, "test.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("builtin catalog loads with every figure of DOMAIN.md §3") {
  const Catalog& c = Catalog::builtin();
  CHECK(c.indicators().size() >= 85);
  CHECK(c.sections().size() == 7);
  // Names a summary writer looks for, one or more per section of DOMAIN.md §3.
  for (const char* name : {"行政村数", "党总支数", "党支部数", "党员数", "党员突击队", "党员捐款率", "党员捐款金额",
                           "党建工作会议次数", "排查问题线索数", "党支部标准化达标率", "标准化达标月份", "走访群众户数",
                           "收集意见建议数", "解决实际问题数", "发展党员数", "发展党员任务数", "发展党员任务完成率",
                           "培训人数", "收缴党费", "培养后备干部数", "县级招录后备干部数", "脱贫户数", "贫困发生率",
                           "巡察问题整改数", "扶贫小额信贷", "危房改造户数", "新修道路", "安装路灯", "清运垃圾",
                           "改厕户数", "整合资金", "新建活动室面积", "规划建设大棚", "村党组织书记培训轮次",
                           "领导班子检视问题数", "集体经济目标年份", "每村集体经济经营性收入目标"}) {
    INFO(name);
    CHECK(c.find(name) != nullptr);
  }
  // Aliases the template importer relies on.
  CHECK(c.find("新发展党员")->id == "new_members");
  CHECK(c.find("发展新党员")->id == "new_members");
  CHECK(c.find("党费")->id == "dues");
}

TEST_CASE("builtin catalog: ids unique, units, defaults and derived figures") {
  const Catalog& c = Catalog::builtin();
  std::set<std::string> ids;
  int targets = 0;
  for (const auto& ind : c.indicators()) {
    INFO(ind.id);
    CHECK(ids.insert(ind.id).second);
    CHECK(!ind.name.empty());
    CHECK(!ind.unit.empty());
    CHECK(c.section(ind.section) != nullptr);
    CHECK(c.index_of(ind.id) < c.indicators().size());
    if (ind.kind == IndicatorKind::Percent) CHECK(ind.unit == "%");
    if (ind.kind == IndicatorKind::Count) CHECK((ind.integer && ind.min == 0.0));
    if (ind.has_target) ++targets;
  }
  CHECK(targets >= 15);

  CHECK(c.at("villages").aggregate == Aggregate::OrgCount);
  CHECK(c.at("villages").org_kind == "village");
  CHECK(c.at("general_branches").org_kind == "general_branch");
  CHECK(c.at("members").aggregate == Aggregate::Roster);
  CHECK(c.at("members").roster == "members");
  CHECK(c.at("new_member_completion").formula == "new_members / new_member_quota * 100");
  CHECK(!c.at("new_member_completion").max);  // completion may exceed 100 %
  CHECK(c.at("donation_rate").max == 100.0);
  CHECK(c.at("dues").kind == IndicatorKind::Money);
  CHECK(c.at("dues").decimals == 2);
  CHECK(!c.at("dues").integer);
  CHECK(c.at("dues").frequency == Frequency::Monthly);
  CHECK(c.at("reserve_cadres").rollup == Rollup::Last);
  CHECK(c.at("standard_month").min == 1.0);
  CHECK(c.at("standard_month").max == 12.0);
  CHECK(c.at("town_meetings").level == Level::Town);
  CHECK(c.at("poor_households_remaining").direction == Direction::Down);
  REQUIRE(c.at("inspection_rectified").rules.size() == 1);
  CHECK(c.at("inspection_rectified").rules[0].op == "le");
  CHECK(c.at("inspection_rectified").rules[0].other == "inspection_problems");
  CHECK(c.find("no_such_thing") == nullptr);
  CHECK(c.index_of("no_such_thing") == std::string::npos);
  CHECK_THROWS_AS(c.at("no_such_thing"), InputError);
  CHECK(to_string(IndicatorKind::PersonTimes) == "person_times");
  CHECK(to_string(Aggregate::OrgCount) == "org_count");
}

TEST_CASE("builtin catalog: formulas resolve and come after their inputs") {
  const Catalog& c = Catalog::builtin();
  std::set<size_t> derived_seen;
  for (size_t i : c.evaluation_order()) {
    const Indicator& ind = c.indicators()[i];
    INFO(ind.id);
    CHECK(ind.derived());
    if (ind.aggregate == Aggregate::Formula) {
      for (const auto& in : Expr::parse(ind.formula).identifiers()) {
        const Indicator* input = c.find(in);
        REQUIRE(input != nullptr);
        CHECK(input->id == in);
        if (input->derived()) CHECK(derived_seen.count(c.index_of(in)) == 1);
      }
    }
    derived_seen.insert(i);
  }
  size_t derived = 0;
  for (const auto& ind : c.indicators()) derived += ind.derived();
  CHECK(c.evaluation_order().size() == derived);
}

TEST_CASE("catalog defaults follow the kind") {
  Catalog c = Catalog::parse(catalog_with(R"(,
    {"id":"rate","name":"比率","section":"s","unit":"%","kind":"percent","aggregate":"formula","formula":"fixed / found * 100"},
    {"id":"fund","name":"资金","section":"s","unit":"万元","kind":"money","frequency":"monthly","rollup":"last","target":true},
    {"id":"m","name":"月份","section":"s","unit":"月","kind":"month","level":"town","aggregate":"max"})"),
                             "test.json");
  const Indicator& found = c.at("found");
  CHECK(found.level == Level::Village);
  CHECK(found.aggregate == Aggregate::Sum);
  CHECK(found.frequency == Frequency::Yearly);
  CHECK(found.rollup == Rollup::Sum);
  CHECK(found.direction == Direction::Up);
  CHECK(!found.has_target);
  CHECK(found.integer);
  CHECK(found.decimals == 0);
  CHECK(found.min == 0.0);
  CHECK(!found.max);
  CHECK(c.at("rate").decimals == 1);
  CHECK(c.at("rate").max == 100.0);
  CHECK(c.at("fund").decimals == 2);
  CHECK(c.at("fund").has_target);
  CHECK(c.at("fund").rollup == Rollup::Last);
  CHECK(c.at("m").level == Level::Town);
  CHECK(c.at("m").max == 12.0);
  CHECK(c.find("整改问题数")->id == "fixed");
  REQUIRE(c.evaluation_order().size() == 1);
  CHECK(c.indicators()[c.evaluation_order()[0]].id == "rate");
}

TEST_CASE("broken catalogs are rejected with a Chinese message naming the indicator") {
  SUBCASE("unknown kind") {
    auto msg = parse_error(catalog_with(R"(,{"id":"bad_kind","name":"坏","section":"s","unit":"个","kind":"banana"})"));
    CHECK(msg.find("bad_kind") != std::string::npos);
    CHECK(msg.find("kind") != std::string::npos);
    CHECK(msg.find("无效") != std::string::npos);
  }
  SUBCASE("duplicate id") {
    auto msg = parse_error(catalog_with(R"(,{"id":"found","name":"另一个","section":"s","unit":"个","kind":"count"})"));
    CHECK(msg.find("found") != std::string::npos);
    CHECK(msg.find("重复") != std::string::npos);
  }
  SUBCASE("duplicate name or alias") {
    auto msg = parse_error(catalog_with(R"(,{"id":"x","name":"甲","section":"s","unit":"个","kind":"count","aliases":["发现问题数"]})"));
    CHECK(msg.find("发现问题数") != std::string::npos);
    CHECK(msg.find("found") != std::string::npos);
  }
  SUBCASE("formula naming an unknown indicator") {
    auto msg = parse_error(catalog_with(
        R"(,{"id":"rate","name":"比率","section":"s","unit":"%","kind":"percent","aggregate":"formula","formula":"fixed / lost * 100"})"));
    CHECK(msg.find("rate") != std::string::npos);
    CHECK(msg.find("lost") != std::string::npos);
    CHECK(msg.find("未知指标") != std::string::npos);
  }
  SUBCASE("formula cycle") {
    auto msg = parse_error(catalog_with(R"(,
      {"id":"a","name":"甲","section":"s","unit":"个","kind":"count","aggregate":"formula","formula":"b + 1"},
      {"id":"b","name":"乙","section":"s","unit":"个","kind":"count","aggregate":"formula","formula":"found + a"})"));
    CHECK(msg.find("循环引用") != std::string::npos);
    CHECK(msg.find("a → b → a") != std::string::npos);
  }
  SUBCASE("formula with a comparison or a function") {
    auto msg = parse_error(catalog_with(
        R"(,{"id":"f","name":"甲","section":"s","unit":"个","kind":"count","aggregate":"formula","formula":"sum(found) > 1"})"));
    CHECK(msg.find("f") != std::string::npos);
    CHECK(msg.find("+ - * /") != std::string::npos);
  }
  SUBCASE("formula that does not parse") {
    auto msg = parse_error(catalog_with(
        R"(,{"id":"f","name":"甲","section":"s","unit":"个","kind":"count","aggregate":"formula","formula":"found +"})"));
    CHECK(msg.find("公式") != std::string::npos);
  }
  SUBCASE("rule naming an unknown indicator") {
    auto msg = parse_error(catalog_with(R"(,{"id":"r","name":"甲","section":"s","unit":"个","kind":"count","rules":[{"le":"ghost"}]})"));
    CHECK(msg.find("r") != std::string::npos);
    CHECK(msg.find("ghost") != std::string::npos);
  }
  SUBCASE("malformed rule") {
    auto msg = parse_error(catalog_with(R"(,{"id":"r","name":"甲","section":"s","unit":"个","kind":"count","rules":[{"lte":"found"}]})"));
    CHECK(msg.find("校验规则") != std::string::npos);
  }
  SUBCASE("unknown field and unknown section") {
    CHECK(parse_error(catalog_with(R"(,{"id":"u","name":"甲","section":"s","unit":"个","kind":"count","colour":"red"})"))
              .find("colour") != std::string::npos);
    CHECK(parse_error(catalog_with(R"(,{"id":"u","name":"甲","section":"nope","unit":"个","kind":"count"})"))
              .find("nope") != std::string::npos);
  }
  SUBCASE("aggregate without its field, or a field without its aggregate") {
    CHECK(parse_error(catalog_with(R"(,{"id":"q","name":"甲","section":"s","unit":"名","kind":"count","aggregate":"roster"})"))
              .find("roster") != std::string::npos);
    CHECK(parse_error(catalog_with(R"(,{"id":"q","name":"甲","section":"s","unit":"名","kind":"count","formula":"found"})"))
              .find("formula") != std::string::npos);
  }
  SUBCASE("inconsistent bounds and decimals") {
    CHECK(parse_error(catalog_with(R"(,{"id":"q","name":"甲","section":"s","unit":"个","kind":"count","min":5,"max":1})"))
              .find("q") != std::string::npos);
    CHECK(parse_error(catalog_with(R"(,{"id":"q","name":"甲","section":"s","unit":"个","kind":"count","decimals":2})"))
              .find("decimals") != std::string::npos);
  }
  SUBCASE("bad id, bad JSON, bad version") {
    CHECK(parse_error(catalog_with(R"(,{"id":"Bad Id","name":"甲","section":"s","unit":"个","kind":"count"})")).find("Bad Id") !=
          std::string::npos);
    CHECK(!parse_error("{\"version\":1,").empty());
    CHECK(parse_error(R"({"version":2,"sections":[],"indicators":[]})").find("版本") != std::string::npos);
  }
}

TEST_CASE("catalog errors carry the file, the indicator's line and the field") {
  std::string text = catalog_with("\n,{\"id\":\"late\",\"name\":\"甲\",\"section\":\"s\",\"unit\":\"个\",\"kind\":\"blob\"}");
  try {
    Catalog::parse(text, "my.json");
    FAIL("should throw");
  } catch (const InputError& e) {
    CHECK(e.where().file == "my.json");
    CHECK(e.where().line == 4);
    CHECK(e.where().field == "kind");
  }
  // A duplicate id points at its second entry, not at a rule that names it.
  try {
    Catalog::parse(catalog_with("\n,{\"id\": \"found\",\"name\":\"甲\",\"section\":\"s\",\"unit\":\"个\",\"kind\":\"count\"}"),
                   "my.json");
    FAIL("should throw");
  } catch (const InputError& e) {
    CHECK(e.where().line == 4);
  }
}
