#include <doctest/doctest.h>

#include <sqlite3.h>

#include "base/Sql.hpp"
#include "store/Devices.hpp"
#include "store/Store.hpp"
#include "TempDir.hpp"

using namespace jiceng;

TEST_CASE("a version-1 database written by the first release is migrated with its data intact") {
  test::TempDir dir;
  const std::string path = dir.file("old.db");
  {
    // Write the file exactly as release 1 did: schema v1 and its rows, no year column.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sql::exec(db, test::old_schema(1));
    sql::exec(db, R"(
      INSERT INTO orgs(id, code, name, kind, parent_id) VALUES (1, 'T', '旧镇', 'town', NULL), (2, 'V1', '老村', 'village', 1),
        (3, 'B1', '老村党支部', 'branch', 2);
      INSERT INTO indicators(id, name, section, unit, kind) VALUES ('new_members', '发展党员数', 'organization', '名', 'count'),
        ('visited_households', '走访群众户数', 'organization', '户', 'count');
      INSERT INTO indicator_values VALUES (2, 'new_members', '2019', 5, 'approved', '2019-12-01T00:00:00Z', 'old', 'd1'),
        (2, 'visited_households', '2020-02', 33, 'draft', '2020-03-01T00:00:00Z', 'old', 'd1');
      INSERT INTO members(name, branch_id, stage) VALUES ('李赟', 3, 'full');
      INSERT INTO meta VALUES ('device_id', 'old-device');
    )");
    CHECK(sql::scalar_int(db, "PRAGMA user_version") == 1);
    sqlite3_close(db);
  }
  auto s = Store::open(path);
  CHECK(sql::scalar_int(s->handle(), "PRAGMA user_version") == Store::schema_version());
  auto v2019 = s->values(2019);
  REQUIRE(v2019.size() == 1);
  CHECK(v2019[0].value == 5);
  CHECK(v2019[0].status == ValueStatus::Approved);
  auto v2020 = s->values(2020);
  REQUIRE(v2020.size() == 1);
  CHECK(v2020[0].period == Period{2020, 2});
  auto members = s->members();
  REQUIRE(members.size() == 1);
  CHECK(members[0].name == "李赟");
  CHECK(!members[0].reserve_cadre);
  CHECK(s->device_id() == "old-device");
  // And the migrated file takes new writes.
  s->set_value({"V1", "new_members", "2020", "2"}, {});
  CHECK(s->years() == std::vector<int>{2019, 2020});
}

TEST_CASE("a database from a newer program is refused, not damaged") {
  test::TempDir dir;
  const std::string path = dir.file("future.db");
  { auto s = Store::open(path); }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sql::exec(db, "PRAGMA user_version = 99");
  sqlite3_close(db);
  try {
    Store::open(path);
    FAIL("a newer database must be refused");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("99") != std::string::npos);
  }
}

TEST_CASE("a version-7 database is migrated to 8 with its data, and takes device names") {
  test::TempDir dir;
  const std::string path = dir.file("v7.db");
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sql::exec(db, test::old_schema(7));
    sql::exec(db, R"(
      INSERT INTO orgs(id, code, name, kind, parent_id) VALUES (1, 'T', '旧镇', 'town', NULL), (2, 'V1', '老村', 'village', 1);
      INSERT INTO indicators(id, name, section, unit, kind) VALUES ('new_members', '发展党员数', 'organization', '名', 'count');
      INSERT INTO indicator_values(org_id, indicator_id, period, value, status, updated_at, updated_by, device, year)
        VALUES (2, 'new_members', '2020', 5, 'draft', '2020-03-01T00:00:00Z', '王娜', 'dev-5a1e64decf16', 2020);
      INSERT INTO meta VALUES ('device_id', 'dev-0ff1ce000000');
    )");
    CHECK(sql::scalar_int(db, "PRAGMA user_version") == 7);
    CHECK(sql::scalar_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'device_names'") == 0);
    sqlite3_close(db);
  }
  auto s = Store::open(path);
  CHECK(sql::scalar_int(s->handle(), "PRAGMA user_version") == Store::schema_version());
  auto v = s->values(2020);
  REQUIRE(v.size() == 1);
  CHECK(v[0].value == 5);
  CHECK(v[0].device == "dev-5a1e64decf16");
  CHECK(s->device_id() == "dev-0ff1ce000000");
  // The new table is there: the tablet seen in the values can be named.
  set_device_name(*s, "dev-5a1e64decf16", "王娜的平板", Actor{"管理员", "", Role::Admin, {}});
  CHECK(device_name(*s, "dev-5a1e64decf16") == "王娜的平板");
  CHECK(known_devices(*s).size() == 2);
}
