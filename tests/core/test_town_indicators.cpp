// A town defines its own indicators beside the built-in catalog (Store::define_indicator): they
// are typed, checked, rolled up and audited like built-in ones, survive reopening, can be retired
// but not deleted once used, and never take or reuse an id.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "base/Sql.hpp"
#include "model/Figures.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using nlohmann::json;

namespace {

const Actor kAdmin{"组织委员", "", Role::Admin, {}};
const Actor kLeader{"镇党委书记", "", Role::Leader, {}};

const char* kOldMembers = R"({"name": "老党员数", "section": "organization", "unit": "名", "kind": "count",
                              "aliases": ["老党员"], "rules": [{"le": "members"}]})";

}  // namespace

TEST_CASE("a town indicator is typed, checked, rolled up to the town and survives reopening") {
  test::TempDir dir;
  std::string id;
  {
    auto s = Store::open(dir.file("t.db"));
    test::make_small_town(*s);
    id = s->define_indicator(kOldMembers, kAdmin);
    CHECK(id.rfind("t_", 0) == 0);
    const Indicator* ind = s->catalog().find("老党员数");
    REQUIRE(ind);
    CHECK(ind->id == id);
    CHECK(ind->town);
    CHECK(s->catalog().find("老党员") == ind);
    // Built-in indicators are untouched.
    CHECK(s->catalog().find("members"));
    CHECK(s->catalog().indicators().size() == Catalog::builtin().indicators().size() + 1);

    s->set_value({"V1", id, "2020", "5"}, kAdmin);
    s->set_value({"V2", "老党员数", "2020", "7"}, kAdmin);
    // Bounds of its kind: a count is a whole number, not negative.
    CHECK_THROWS_AS(s->set_value({"V1", id, "2020", "2.5"}, kAdmin), InputError);
    CHECK_THROWS_AS(s->set_value({"V1", id, "2020", "-1"}, kAdmin), InputError);
    YearFigures f = YearFigures::compute(*s, 2020);
    CHECK(f.town_value(id) == doctest::Approx(12));

    auto h = s->history({{}, id, {}, 0});
    REQUIRE(h.size() >= 3);
    CHECK(h.back().action == "define_indicator");
    CHECK(h.back().user == "组织委员");
  }
  auto s = Store::open(dir.file("t.db"), Catalog::builtin(), Store::Access::Existing);
  REQUIRE(s->catalog().find(id));
  CHECK(s->value(s->require_org("V1").id, id, Period{2020, 0})->value == 5);
}

TEST_CASE("a town indicator's cross-field rule is enforced like a built-in one") {
  test::TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  test::make_small_town(*s);
  std::string members = s->define_indicator(
      R"({"name": "在册流动党员数", "section": "organization", "unit": "名", "kind": "count"})", kAdmin);
  std::string contacted = s->define_indicator(json{{"name", "已联系流动党员数"}, {"section", "organization"}, {"unit", "名"},
                                                   {"kind", "count"}, {"rules", {{{"le", members}}}}}.dump(),
                                              kAdmin);
  s->set_value({"V1", members, "2020", "4"}, kAdmin);
  try {
    s->set_value({"V1", contacted, "2020", "6"}, kAdmin);
    FAIL("6 contacted of 4 was accepted");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("已联系流动党员数") != std::string::npos);
  }
  s->set_value({"V1", contacted, "2020", "4"}, kAdmin);
}

TEST_CASE("only an admin defines, and a bad definition is refused in Chinese with nothing written") {
  test::TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  test::make_small_town(*s);
  const auto audit_before = sql::scalar_int(s->handle(), "SELECT count(*) FROM audit");
  const size_t size_before = s->catalog().indicators().size();
  CHECK_THROWS_AS(s->define_indicator(kOldMembers, kLeader), InputError);
  // A built-in name, a built-in id, an unknown section, a rule naming nothing, not JSON at all.
  for (const std::string bad : {
           R"({"name": "发展党员数", "section": "organization", "unit": "名", "kind": "count"})",
           R"({"id": "new_members", "name": "新名", "section": "organization", "unit": "名", "kind": "count"})",
           R"({"name": "新名", "section": "nowhere", "unit": "名", "kind": "count"})",
           R"({"name": "新名", "section": "organization", "unit": "名", "kind": "count", "rules": [{"le": "t_none"}]})",
           R"({"name": "新名", "section": "organization", "unit": "名", "kind": "weight", "typo": 1})",
           "老党员数", "[]", ""}) {
    CAPTURE(bad);
    try {
      s->define_indicator(bad, kAdmin);
      FAIL("accepted");
    } catch (const InputError& e) {
      CHECK(std::string(e.what()).find_first_of("指的自") != std::string::npos);  // a Chinese sentence
    }
  }
  CHECK(sql::scalar_int(s->handle(), "SELECT count(*) FROM audit") == audit_before);
  CHECK(sql::scalar_int(s->handle(), "SELECT count(*) FROM town_indicators") == 0);
  CHECK(s->catalog().indicators().size() == size_before);
}

TEST_CASE("a used town indicator keeps its meaning: it is retired, never deleted, and its id never reused") {
  test::TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  test::make_small_town(*s);
  std::string id = s->define_indicator(kOldMembers, kAdmin);
  s->set_value({"V1", id, "2020", "5"}, kAdmin);

  json changed = json::parse(kOldMembers);
  changed["id"] = id;
  changed["note"] = "年满 70 周岁的党员";  // help text may change
  CHECK(s->define_indicator(changed.dump(), kAdmin) == id);
  CHECK(s->catalog().at(id).note == "年满 70 周岁的党员");
  changed["unit"] = "人";  // what a stored value means may not
  CHECK_THROWS_AS(s->define_indicator(changed.dump(), kAdmin), InputError);
  CHECK(s->catalog().at(id).unit == "名");

  CHECK_THROWS_AS(s->delete_indicator(id, kAdmin), InputError);
  s->retire_indicator(id, true, kAdmin, "2021 年不再统计");
  CHECK(s->catalog().at(id).retired);
  CHECK(s->value(s->require_org("V1").id, id, Period{2020, 0})->value == 5);  // values stay

  // An unused one is deleted, and its id stays reserved.
  std::string spare = s->define_indicator(R"({"name": "试点村数", "section": "organization", "unit": "个", "kind": "count"})", kAdmin);
  s->delete_indicator(spare, kAdmin, "建错了");
  CHECK_FALSE(s->catalog().find(spare));
  json again = {{"id", spare}, {"name", "试点村数"}, {"section", "organization"}, {"unit", "个"}, {"kind", "count"}};
  CHECK_THROWS_AS(s->define_indicator(again.dump(), kAdmin), InputError);
  CHECK(s->history({{}, spare, {}, 0}).front().action == "delete_indicator");
}

TEST_CASE("a town section holds the town's indicators; a rolled-back definition leaves no trace in the catalog") {
  test::TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  test::make_small_town(*s);
  std::string sec = s->add_section("党史学习教育", kAdmin);
  CHECK(s->add_section("党史学习教育", kAdmin) == sec);
  CHECK(s->catalog().section(sec)->name == "党史学习教育");
  std::string id = s->define_indicator(
      json{{"name", "党史学习教育专题党课场次"}, {"section", sec}, {"unit", "场次"}, {"kind", "count"}, {"target", true}}.dump(),
      kAdmin);
  CHECK(s->catalog().at(id).section == sec);
  s->set_target(s->town()->id, id, 2021, 40, kAdmin);

  const size_t size_before = s->catalog().indicators().size();
  CHECK_THROWS(s->transaction([&] {
    s->define_indicator(R"({"name": "回滚的指标", "section": "organization", "unit": "个", "kind": "count"})", kAdmin);
    throw std::runtime_error("the caller failed later");
  }));
  CHECK(s->catalog().indicators().size() == size_before);
  CHECK_FALSE(s->catalog().find("回滚的指标"));
}
