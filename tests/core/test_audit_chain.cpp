// The audit trail's hash chain (core/store/AuditChain.hpp): every way of writing an entry keeps it whole;
// an entry changed, removed or slipped in afterwards is named; an older file is chained by the
// migration.
#include <doctest/doctest.h>

#include "base/Sql.hpp"
#include "demo/Demo.hpp"
#include "SmallTown.hpp"
#include "store/AuditChain.hpp"
#include "store/Store.hpp"
#include "sync/Export.hpp"
#include "sync/Import.hpp"
#include "SyncFixtures.hpp"
#include "TempDir.hpp"

using namespace jiceng;

namespace {
const Actor kOffice{"组织委员", "", Role::Admin, {}};
}

TEST_CASE("audit chain: values, record changes and an imported package keep it whole") {
  test::TempDir dir;
  auto town = Store::open(dir.file("town.db"));
  test::make_small_town(*town);
  town->set_values({{"V1", "new_members", "2020", "3"}, {"V2", "new_members", "2020", "5"}}, kOffice);
  sync::clone_for_device(*town, dir.file("tab.db"));
  {
    auto tab = Store::open(dir.file("tab.db"));
    tab->set_value({"V1", "cold_stores", "2020", "2"}, Actor{"王娜", "", Role::Admin, {}});
    sync::export_package(*tab, {{"V1"}, sync::kDefaultDestination, false, kOffice}, dir.file("p.jcpkg"));
  }
  town->set_value({"V2", "cold_stores", "2020", "1"}, kOffice);
  sync::import_package_file(*town, dir.file("p.jcpkg"), kOffice);
  const ChainCheck c = verify_audit_chain(*town);
  CHECK(c.entries > 5);
  CHECK_FALSE(c.first_broken);
}

TEST_CASE("audit chain: an entry changed, removed or slipped in is named, the first one") {
  test::TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  write_demo_town(*s);
  REQUIRE_FALSE(verify_audit_chain(*s).first_broken);
  sqlite3* db = s->handle();
  // An entry that typed a figure, somewhere in the middle of the trail.
  const int64_t v = sql::scalar_int(db, "SELECT id FROM audit WHERE action = 'set_value' AND id > 100 ORDER BY id LIMIT 1");
  const std::string at = " WHERE id = " + std::to_string(v);
  auto first_broken = [&] {
    auto c = verify_audit_chain(*s);
    return c.first_broken ? c.first_broken->id : int64_t(0);
  };
  SUBCASE("a figure changed") {
    sql::exec(db, "UPDATE audit SET new_value = new_value + 1" + at);
    CHECK(first_broken() == v);
  }
  SUBCASE("who changed it") {
    sql::exec(db, "UPDATE audit SET user = '管理员'" + at);
    CHECK(first_broken() == v);
  }
  SUBCASE("an entry removed: the next one no longer follows") {
    sql::exec(db, "DELETE FROM audit" + at);
    CHECK(first_broken() == v + 1);
  }
  SUBCASE("an entry slipped in with a hash of its own making") {
    sql::exec(db, "INSERT INTO audit(id, at, user, device, action, hash) VALUES (100000, '2020-01-01T00:00:00Z', "
                  "'某人', 'dev', 'set_value', 'abc')");
    CHECK(first_broken() == 100000);
  }
  SUBCASE("a change with its own hash recomputed breaks the next entry") {
    sql::Stmt st(db, "SELECT hash FROM audit WHERE id = ?");
    st.bind(1, v - 1);
    REQUIRE(st.step());
    const std::string before = st.text(0);
    AuditEntry forged;
    for (const auto& x : s->history())
      if (x.id == v) forged = x;
    REQUIRE(forged.id == v);
    forged.reason = "改过";
    sql::Stmt(db, "UPDATE audit SET reason = ?, hash = ? WHERE id = ?")
        .bind(1, forged.reason).bind(2, audit_hash(before, forged)).bind(3, v).run();
    CHECK(first_broken() == v + 1);
  }
}

TEST_CASE("audit chain: a file from before the chain is chained by the migration") {
  test::TempDir dir;
  const std::string path = dir.file("old.db");
  {
    auto s = Store::open(path);
    test::make_small_town(*s);
    s->set_value({"V1", "new_members", "2020", "3"}, kOffice);
    sql::exec(s->handle(), "UPDATE audit SET hash = ''; PRAGMA user_version = 9");
  }
  auto s = Store::open(path);
  CHECK(sql::scalar_int(s->handle(), "PRAGMA user_version") == Store::schema_version());
  CHECK(sql::scalar_int(s->handle(), "SELECT count(*) FROM audit WHERE hash = ''") == 0);
  CHECK_FALSE(verify_audit_chain(*s).first_broken);
}
