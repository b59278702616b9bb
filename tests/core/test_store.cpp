#include <doctest/doctest.h>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Text.hpp"
#include "model/Catalog.hpp"
#include "model/Figures.hpp"
#include "Rejection.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using jiceng::test::rejection;
using jiceng::test::TempDir;

namespace {

int64_t count(Store& s, const char* table) {
  return sql::scalar_int(s.handle(), std::string("SELECT count(*) FROM ") + table);
}

}  // namespace

TEST_CASE("a new database has the current schema, WAL and foreign keys") {
  TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  CHECK(sql::scalar_int(s->handle(), "PRAGMA user_version") == Store::schema_version());
  sql::Stmt mode(s->handle(), "PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.text(0) == "wal");
  CHECK(sql::scalar_int(s->handle(), "PRAGMA foreign_keys") == 1);
  CHECK(!s->device_id().empty());
  CHECK(s->is_empty());
  // The catalog is mirrored so values have a foreign key to it.
  CHECK(count(*s, "indicators") == int64_t(s->catalog().indicators().size()));
}

TEST_CASE("opening a database that is already current writes nothing") {
  // Every start opens the town; in the browser each write is also a copy to IndexedDB.
  TempDir dir;
  const std::string path = dir.file("town.db");
  {
    auto s = Store::open(path);
    test::make_small_town(*s);
  }
  const std::string before = read_file(path);
  for (int i = 0; i < 2; ++i) {
    auto s = Store::open(path, Catalog::builtin(), Store::Access::Existing);
    CHECK(s->find_org("V1").has_value());
  }
  CHECK(read_file(path) == before);
  CHECK_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST_CASE("organisations form a tree listed parent first") {
  TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  auto t = test::make_small_town(*s);
  auto orgs = s->orgs();
  REQUIRE(orgs.size() == 7);
  CHECK(orgs[0].id == t.town);
  CHECK(orgs[1].id == t.v1);
  CHECK(orgs[2].id == t.gb1);
  CHECK(orgs[3].id == t.b1a);
  CHECK(s->find_org("西河村")->id == t.v2);
  CHECK(s->find_org("V2")->id == t.v2);
  CHECK(!s->find_org("不存在村"));
  CHECK(rejection([&] { s->add_org({0, "V1", "重复村", OrgKind::Village, t.town, 3}, {}); }).find("V1") != std::string::npos);
  // Siblings by their sort number, then code, whatever order they were added in; each right
  // after its parent's subtree is done.
  const Actor admin{"管理员", "", Role::Admin, {}};
  const OrgId v9 = s->add_org({0, "V9", "九村", OrgKind::Village, t.town, 0}, admin);
  const OrgId v0 = s->add_org({0, "V0", "零村", OrgKind::Village, t.town, 0}, admin);
  const OrgId b9 = s->add_org({0, "B9", "九村支部", OrgKind::Branch, v9, 0}, admin);
  std::vector<std::string> codes;
  for (const auto& o : s->orgs()) codes.push_back(o.code);
  const auto at = [&](const char* code) { return std::find(codes.begin(), codes.end(), code) - codes.begin(); };
  CHECK(at("V0") < at("V9"));
  CHECK(at("V9") + 1 == at("B9"));
  CHECK(at("V9") < at("V1"));  // sort 0 before the small town's own villages (sort 1, 2)
  CHECK(codes.size() == 10);
  (void)v0;
  (void)b9;
}

TEST_CASE("a value is written with its audit entry and keeps its status when retyped") {
  TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  auto t = test::make_small_town(*s);
  Actor clerk{"王娜", "tablet-7"};
  s->set_value({"V1", "new_members", "2020", "3", ValueStatus::Submitted}, clerk, "首次填报");
  s->set_value({"东山村", "发展党员数", "2020", "4"}, clerk, "补录一名");
  auto v = s->value(t.v1, "new_members", Period{2020, 0});
  REQUIRE(v);
  CHECK(v->value == 4);
  CHECK(v->status == ValueStatus::Submitted);
  CHECK(v->updated_by == "王娜");
  CHECK(v->device == "tablet-7");
  auto h = s->history({t.v1, "new_members", "", 0});
  REQUIRE(h.size() == 2);
  CHECK(h[0].old_value == 3);
  CHECK(h[0].new_value == 4);
  CHECK(h[0].reason == "补录一名");
  CHECK(h[0].user == "王娜");
  CHECK(h[1].old_value == std::nullopt);
  // Typing the same value again changes nothing and leaves no entry.
  CHECK(s->set_values({{"V1", "new_members", "2020", "4"}}, clerk) == 0);
  CHECK(s->history({t.v1, "new_members", "", 0}).size() == 2);
}

TEST_CASE("the years a town has are those with values or targets, each once, in order") {
  TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  auto t = test::make_small_town(*s);
  const Actor admin{"管理员", "", Role::Admin, {}};
  CHECK(s->years().empty());
  s->set_value({"V1", "new_members", "2021", "3"}, admin);
  s->set_value({"V1", "visited_households", "2018-03", "10"}, admin);
  s->set_value({"V2", "visited_households", "2018-04", "12"}, admin);
  s->set_target(t.v1, "new_members", 2019, 5, admin);  // a year with a target and no value yet
  s->set_target(t.v2, "new_members", 2021, 4, admin);
  CHECK(s->years() == std::vector<int>{2018, 2019, 2021});
}

TEST_CASE("bad values are refused in Chinese, saying what and where, and nothing is written") {
  TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  test::make_small_town(*s);
  s->set_value({"V1", "new_members", "2020", "1"}, {});
  // A town-level figure cannot be typed for a village.
  CHECK(rejection([&] { s->set_value({"V1", "inspection_problems", "2020", "5"}, {}); }).find("镇党委") != std::string::npos);
  const auto before_values = count(*s, "indicator_values");
  const auto before_audit = count(*s, "audit");
  // Negative count.
  CHECK(rejection([&] { s->set_value({"V1", "new_members", "2020", "-2"}, {}); }).find("不能为负数") != std::string::npos);
  // Not a number.
  CHECK(rejection([&] { s->set_value({"V1", "new_members", "2020", "三"}, {}); }).find("应为数字") != std::string::npos);
  // Not an integer.
  CHECK(rejection([&] { s->set_value({"V1", "new_members", "2020", "2.5"}, {}); }).find("整数") != std::string::npos);
  // Beyond any town's figure (10^23 was once stored, and inexactly).
  const std::string huge = rejection([&] { s->set_value({"V1", "new_members", "2020", "1e23"}, {}); });
  CHECK(huge.find("超过了 10000000") != std::string::npos);
  CHECK(huge.find("发展党员数") != std::string::npos);
  // Unknown organisation and indicator.
  CHECK(rejection([&] { s->set_value({"V9", "new_members", "2020", "1"}, {}); }).find("V9") != std::string::npos);
  CHECK(rejection([&] { s->set_value({"V1", "no_such", "2020", "1"}, {}); }).find("no_such") != std::string::npos);
  // A computed figure cannot be typed.
  CHECK(rejection([&] { s->set_value({"V1", "new_member_completion", "2020", "50"}, {}); }).find("计算") != std::string::npos);
  // Bad period; a monthly period for a yearly figure.
  CHECK(rejection([&] { s->set_value({"V1", "new_members", "2020-13", "1"}, {}); }).find("2020-13") != std::string::npos);
  CHECK(rejection([&] { s->set_value({"V1", "new_members", "2020-03", "1"}, {}); }).find("按年") != std::string::npos);
  // A batch with one bad row writes nothing at all, and names the row.
  std::string msg = rejection([&] {
    s->set_values({{"V1", "new_members", "2020", "1"}, {"V2", "new_members", "2020", "x", {}, {"a.csv", 3, ""}}}, {});
  });
  CHECK(msg.find("a.csv") != std::string::npos);
  CHECK(msg.find("第 3 行") != std::string::npos);
  CHECK(count(*s, "indicator_values") == before_values);
  CHECK(count(*s, "audit") == before_audit);
}

TEST_CASE("a whole-number figure is stored whole, so the screen, the database and every export agree") {
  TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  test::make_small_town(*s);
  s->set_value({"V1", "new_members", "2020", "4.0000000001"}, {});
  CHECK(s->value(s->find_org("V1")->id, "new_members", {2020, 0})->value == 4.0);
  s->set_target(s->find_org("V1")->id, "new_members", 2020, 5.0000000002, {});
  const auto targets = s->targets(2020);
  REQUIRE(targets.size() == 1);
  CHECK(targets[0].value == 5.0);
}

TEST_CASE("percent above 100 is refused") {
  // The builtin catalog computes every rate, so a catalog with a typed percent stands in for a
  // town's own extension of the catalog.
  const std::string json = R"({"version": 1, "sections": [{"id": "s", "name": "测试"}], "indicators": [
    {"id": "satisfaction", "name": "群众满意度", "section": "s", "unit": "%", "kind": "percent"}]})";
  Catalog cat = Catalog::parse(json, "test-catalog.json");
  TempDir dir;
  auto s = Store::open(dir.file("town.db"), cat);
  test::make_small_town(*s);
  std::string msg = rejection([&] { s->set_value({"V1", "satisfaction", "2020", "101"}, {}); });
  CHECK(msg.find("不能超过 100") != std::string::npos);
  CHECK(msg.find("群众满意度") != std::string::npos);
  s->set_value({"V1", "satisfaction", "2020", "99.5"}, {});
  CHECK(s->value(s->find_org("V1")->id, "satisfaction", {2020, 0})->value == 99.5);
}

TEST_CASE("rectified above found is refused, from either side") {
  TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  test::make_small_town(*s);
  // 巡察问题整改数 ≤ 巡察反馈问题数, at town level.
  s->set_value({"T", "inspection_problems", "2020", "10"}, {});
  std::string msg = rejection([&] { s->set_value({"T", "inspection_rectified", "2020", "12"}, {}); });
  CHECK(msg.find("巡察问题整改数") != std::string::npos);
  CHECK(msg.find("巡察反馈问题数") != std::string::npos);
  // Lowering "found" below the stored "rectified" is caught from the other side too.
  s->set_value({"T", "inspection_rectified", "2020", "9"}, {});
  CHECK(!rejection([&] { s->set_value({"T", "inspection_problems", "2020", "8"}, {}); }).empty());
  // Both in one batch: the rule sees the batch's own values.
  CHECK(!rejection([&] {
    s->set_values({{"T", "inspection_problems", "2020", "20"}, {"T", "inspection_rectified", "2020", "21"}}, {});
  }).empty());
  CHECK(s->value(s->town()->id, "inspection_problems", {2020, 0})->value == 10);
}

TEST_CASE("a rule against a computed figure compares with the computed value") {
  TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  auto t = test::make_small_town(*s);
  Member m;
  m.name = "张三";
  m.branch = t.b2;
  m.stage = MemberStage::Full;
  s->add_members({m, m}, {});
  // 西河村 has two members: three donors cannot be.
  std::string msg = rejection([&] { s->set_value({"V2", "donor_members", "2020", "3"}, {}); });
  CHECK(msg.find("捐款党员数") != std::string::npos);
  CHECK(msg.find("党员数") != std::string::npos);
  s->set_value({"V2", "donor_members", "2020", "2"}, {});
}

TEST_CASE("a file that is not SQLite, or another program's SQLite, is refused with its name") {
  TempDir dir;
  const std::string text = dir.file("notes.db");
  std::ofstream(text) << "这不是数据库，只是一段文字。\n";
  std::string msg = rejection([&] { Store::open(text); });
  CHECK(msg.find("notes.db") != std::string::npos);
  CHECK(msg.find("不是 SQLite") != std::string::npos);

  const std::string other = dir.file("other.db");
  sqlite3* db = nullptr;
  sqlite3_open(other.c_str(), &db);
  sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  CHECK(rejection([&] { Store::open(other); }).find("不是基层党建数据库") != std::string::npos);
}

TEST_CASE("status changes are recorded per value") {
  TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  auto t = test::make_small_town(*s);
  s->set_values({{"V1", "new_members", "2020", "2"}, {"V1", "visited_households", "2020-03", "40"}}, {});
  s->submit(t.v1, {2020, 0}, {"clerk"}, true);  // one figure of many: the gaps confirmed
  s->submit(t.v1, {2020, 3}, {"clerk"}, true);
  CHECK(s->value(t.v1, "new_members", {2020, 0})->status == ValueStatus::Submitted);
  CHECK(s->value(t.v1, "visited_households", {2020, 3})->status == ValueStatus::Submitted);
  auto h = s->history({t.v1, "", "", 0});
  CHECK(h[0].action == "set_status");
  CHECK(h[1].action == "set_status");
  CHECK(h[0].detail.find("draft") != std::string::npos);
}

TEST_CASE("a write the database refuses is told as not saved, an input error as itself") {
  TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  auto other = Store::open(dir.file("t.db"));
  std::string told;
  other->transaction([&] {
    other->set_meta("lock", "1");  // another program holds the write lock past the busy timeout
    try {
      s->set_meta("x", "1");
    } catch (const std::exception& e) {
      told = failure_text(e);
    }
  });
  CHECK(told.find("没有保存") == 0);
  CHECK(told.find("另一个程序") != std::string::npos);  // why, in Chinese, not SQLite's "database is locked"
  CHECK(told.find("locked") == std::string::npos);
  CHECK(s->meta("x").empty());
  const InputError input("数值应为整数", Location{"a.csv", 3, "数值"});
  CHECK(failure_text(input) == "数值应为整数");
  CHECK(failure_text(input, true) == input.describe());
}

TEST_CASE("a database that cannot grow (a full disk) refuses the write in Chinese and keeps what it had") {
  TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  s->set_meta("kept", "1");
  // SQLite's own ceiling stands in for a full disk: the same SQLITE_FULL, no real disk filled.
  sql::exec(s->handle(), "PRAGMA max_page_count = " + std::to_string(sql::scalar_int(s->handle(), "PRAGMA page_count")));
  std::string told;
  try {
    s->set_meta("big", std::string(1 << 20, 'x'));
  } catch (const std::exception& e) {
    told = failure_text(e);
  }
  CHECK(told.find("没有保存") == 0);
  CHECK(told.find("磁盘空间不足") != std::string::npos);
  CHECK(s->meta("big").empty());
  CHECK(s->meta("kept") == "1");
}

TEST_CASE("a database opened read-only is read like any other and refuses every write in Chinese, byte for byte unchanged") {
  TempDir dir;
  const std::string path = dir.file("town.db");
  {
    auto s = Store::open(path);
    test::make_small_town(*s);
    s->set_values({{"V1", "new_members", "2020", "3"}}, {});
  }
  const std::string before = read_file(path);
  auto ro = Store::open(path, Catalog::builtin(), Store::Access::ReadOnly);
  CHECK(ro->read_only());
  CHECK(ro->orgs().size() == 7);
  REQUIRE(ro->find_org("V1"));
  CHECK(ro->value(ro->find_org("V1")->id, "new_members", *Period::parse("2020"))->value == 3);
  const std::string why = rejection([&] { ro->set_values({{"V1", "new_members", "2020", "4"}}, {}); });
  CHECK(why.find("只读") != std::string::npos);
  CHECK(why.find("town.db") != std::string::npos);
  ro.reset();
  CHECK(read_file(path) == before);

  // A read-only file one version behind (v15 added only indexes) is read as it is, untouched;
  // one from before that must be migrated first, and says so.
  {
    auto w = Store::open(path);
    sql::exec(w->handle(), "DROP INDEX values_by_year; CREATE INDEX values_by_year ON indicator_values(year, org_id);"
                           "PRAGMA user_version = 14");
  }
  const std::string v14 = read_file(path);
  {
    auto old = Store::open(path, Catalog::builtin(), Store::Access::ReadOnly);
    CHECK(YearFigures::compute(*old, 2020).value(old->find_org("V1")->id, "new_members") == 3);
  }
  CHECK(read_file(path) == v14);
  {
    auto w = Store::open(path, Catalog::builtin(), Store::Access::Existing);  // migrated to the current version
    sql::exec(w->handle(), "PRAGMA user_version = 13");
  }
  CHECK(rejection([&] { Store::open(path, Catalog::builtin(), Store::Access::ReadOnly); }).find("旧版本") != std::string::npos);

  // An empty file is not a town: refused before anything is written, whichever way it is opened.
  const std::string empty = dir.file("empty.db");
  std::ofstream(empty).close();
  for (auto access : {Store::Access::Existing, Store::Access::ReadOnly}) {
    CHECK(rejection([&] { Store::open(empty, Catalog::builtin(), access); }).find("文件是空的") != std::string::npos);
    CHECK(std::filesystem::file_size(empty) == 0);
  }
  CHECK(rejection([&] { Store::open(dir.file("absent.db"), Catalog::builtin(), Store::Access::Existing); })
            .find("找不到") != std::string::npos);
  CHECK(!std::filesystem::exists(dir.file("absent.db")));
}
