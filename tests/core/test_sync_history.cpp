// Who may send and take in packages (checked in core, not only on the screen), and 收发记录: the
// packages this device sent and took in, with what they held, newest first.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "sync/Export.hpp"
#include "sync/History.hpp"
#include "sync/Import.hpp"
#include "SyncFixtures.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::sync;

namespace {

const Actor kOffice{"组织委员", "", Role::Admin, {}};

std::string refusal(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const InputError& e) {
    return e.describe();
  }
  return {};
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a clerk exports only their own organisations; leaders and admins export any, or the town") {
  test::SmallTownDb db;
  Store& s = *db.s;
  s.set_value({"V1", "new_members", "2020", "3"}, kOffice);
  s.set_value({"V2", "new_members", "2020", "5"}, kOffice);
  const Actor clerk{"王娜", "", Role::Clerk, {db.t.v1}};
  const std::string before = test::snapshot(s);
  // Another village, or the whole town: refused, nothing written, no file.
  CHECK(has(refusal([&] { export_package(s, {{"V2"}, "town", false, clerk}, db.dir.file("x.json")); }), "西河村"));
  CHECK(has(refusal([&] { export_package(s, {{}, "town", false, clerk}, db.dir.file("x.json")); }), "全镇"));
  CHECK(test::snapshot(s) == before);
  CHECK_FALSE(std::filesystem::exists(db.dir.file("x.json")));
  // Their village, or a branch under it: fine.
  CHECK(export_package(s, {{"东山村"}, "town", false, clerk}, db.dir.file("v1.json")).values == 1);
  CHECK_NOTHROW(export_package(s, {{"V1-Z-1"}, "town", true, clerk}, db.dir.file("b.json")));
  const Actor leader{"张建国", "", Role::Leader, {}};
  CHECK(export_package(s, {{}, "county", true, leader}, db.dir.file("all.json")).values == 2);
}

TEST_CASE("a clerk may not take packages in; a leader may; refused before any file is read") {
  test::TempDir dir;
  auto town = Store::open(dir.file("town.db"));
  auto t = test::make_small_town(*town);
  clone_for_device(*town, dir.file("tab.db"));
  auto tab = Store::open(dir.file("tab.db"));
  tab->set_value({"V1", "new_members", "2020", "4"}, kOffice);
  export_package(*tab, {{"V1"}, "town", false, kOffice}, dir.file("p.json"));
  const std::string before = test::snapshot(*town);
  const Actor clerk{"王娜", "", Role::Clerk, {t.v1}};
  CHECK(has(refusal([&] { import_package_file(*town, dir.file("p.json"), clerk); }), "管理员或领导"));
  CHECK(has(refusal([&] { PackageImporter(*town, clerk).import_files({dir.file("p.json")}); }), "王娜"));
  CHECK(test::snapshot(*town) == before);
  const Actor leader{"张建国", "", Role::Leader, {}};
  auto out = PackageImporter(*town, leader).import_files({dir.file("p.json")});
  REQUIRE(out.size() == 1);
  REQUIRE(out[0].result);
  CHECK(out[0].result->updated + out[0].result->added == 1);
}

TEST_CASE("收发记录: packages sent and taken in, with what they held, newest first; a copy starts its own") {
  test::TempDir dir;
  auto town = Store::open(dir.file("town.db"));
  test::make_small_town(*town);
  town->set_value({"V1", "new_members", "2020", "3"}, kOffice);
  clone_for_device(*town, dir.file("tab.db"));
  auto tab = Store::open(dir.file("tab.db"));
  CHECK(exchange_history(*tab).empty());

  setenv("JICENG_NOW", "2020-11-28T01:00:00Z", 1);
  tab->set_value({"V1", "new_members", "2020", "4"}, kOffice);
  tab->set_value({"V1", "visited_households", "2020-11", "12"}, kOffice);
  export_package(*tab, {{"V1"}, "town", false, Actor{"王娜", "", Role::Admin, {}}}, dir.file("to-town.json"));
  setenv("JICENG_NOW", "2020-11-28T02:00:00Z", 1);
  PackageImporter(*town, kOffice).import_files({dir.file("to-town.json")});
  setenv("JICENG_NOW", "2020-11-28T03:00:00Z", 1);
  export_package(*town, {{}, "county", true, kOffice}, dir.file("to-county.json"));
  unsetenv("JICENG_NOW");

  auto sent = exchange_history(*tab);
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].sent);
  CHECK(sent[0].peer == "town");
  CHECK(sent[0].by == "王娜");
  CHECK(sent[0].file == "to-town.json");
  CHECK(sent[0].orgs == std::vector<std::string>{"东山村"});
  CHECK(sent[0].values == 2);
  CHECK_FALSE(sent[0].everything);
  REQUIRE(last_sent(*tab, "town"));
  CHECK(last_sent(*tab, "town")->package_id == sent[0].package_id);
  CHECK_FALSE(last_sent(*tab, "county"));

  auto h = exchange_history(*town);
  REQUIRE(h.size() == 2);
  CHECK(h[0].sent);  // newest first: the county package, then the tablet's
  CHECK(h[0].peer == "county");
  CHECK(h[0].everything);
  CHECK(h[0].orgs == std::vector<std::string>{"测试镇"});
  CHECK(h[0].values == 2);
  CHECK_FALSE(h[1].sent);
  CHECK(h[1].peer == tab->device_id());
  CHECK(h[1].sender == "王娜");
  CHECK(h[1].sent_at == "2020-11-28T01:00:00Z");
  CHECK(h[1].by == "组织委员");
  CHECK(h[1].file == "to-town.json");
  CHECK(h[1].updated == 1);
  CHECK(h[1].added == 1);
  CHECK(h[1].package_id == sent[0].package_id);
  CHECK(exchange_history(*town, 1).size() == 1);

  // A new copy of the town does not inherit the town's history. The tablet's package was sealed
  // for the office (and the tablet itself), so the new copy cannot even open it.
  clone_for_device(*town, dir.file("tab2.db"));
  auto tab2 = Store::open(dir.file("tab2.db"));
  CHECK(exchange_history(*tab2).empty());
  CHECK_THROWS_WITH_AS(import_package_file(*tab2, dir.file("to-town.json"), kOffice), doctest::Contains("其中没有本机"),
                       InputError);
}

TEST_CASE("a version-5 database keeps its sent and received packages in the history after migrating") {
  test::TempDir dir;
  const std::string path = dir.file("v5.db");
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sql::exec(db, test::old_schema(5));
    sql::exec(db, R"(
      INSERT OR REPLACE INTO meta VALUES ('device_id', 'dev-here'), ('town_id', 'abc');
      INSERT INTO orgs(id, code, name, kind, parent_id) VALUES (1, 'T', '旧镇', 'town', NULL), (2, 'V1', '老村', 'village', 1);
      INSERT INTO audit(at, user, device, action, detail) VALUES
        ('2020-10-01T08:00:00Z', '周敏', 'dev-here', 'export_package',
         '{"package":"p1","destination":"town","everything":false,"values":7,"removed":1,"members":2,"audit":9,"file":"a.json"}'),
        ('2020-09-01T08:00:00Z', '别人', 'dev-office', 'export_package',
         '{"package":"p0","destination":"county","everything":true,"values":70,"removed":0,"members":0,"audit":0,"file":"old.json"}'),
        ('2020-10-02T08:00:00Z', '周敏', 'dev-here', 'import_package',
         '{"package":"p2","file":"/media/usb/b.json","added":3,"updated":1,"removed":0,"unchanged":4,"conflicts":1}');
      INSERT INTO sync_imports(package_id, sha256, device, imported_at, imported_by, counts) VALUES
        ('p2', 'x', 'dev-tablet', '2020-10-02T08:00:00Z', '周敏',
         '{"package":"p2","file":"/media/usb/b.json","added":3,"updated":1,"removed":0,"unchanged":4,"conflicts":1}');
    )");
    sqlite3_close(db);
  }
  auto s = Store::open(path);
  CHECK(Store::schema_version() >= 6);
  auto h = exchange_history(*s);
  REQUIRE(h.size() == 2);  // the export another device made (in a copied history) is not this one's
  CHECK_FALSE(h[0].sent);
  CHECK(h[0].file == "b.json");
  CHECK(h[0].peer == "dev-tablet");
  CHECK(h[0].added == 3);
  CHECK(h[0].conflicts == 1);
  CHECK(h[1].sent);
  CHECK(h[1].package_id == "p1");
  CHECK(h[1].values == 7);
  CHECK(h[1].removed == 1);
  CHECK(h[1].file == "a.json");
}
