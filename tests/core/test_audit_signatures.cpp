// Each audit entry is signed by the device that wrote it (core/store/AuditSigning.hpp): the office can
// prove which tablet typed a figure, an entry changed afterwards no longer verifies even with its
// chain rewritten, and a package carrying such an entry is refused without a write.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "base/Sql.hpp"
#include "demo/Demo.hpp"
#include "SmallTown.hpp"
#include "store/AuditChain.hpp"
#include "store/AuditSigning.hpp"
#include "store/DeviceKeys.hpp"
#include "store/Store.hpp"
#include "sync/Export.hpp"
#include "sync/Import.hpp"
#include "sync/Package.hpp"
#include "SyncFixtures.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::sync;
using jiceng::test::payload_of;
using jiceng::test::snapshot;
using jiceng::test::spit;
using sql::Stmt;

namespace {

const Actor kOffice{"组织委员", "", Role::Admin, {}};
const Actor kClerk{"王娜", "", Role::Admin, {}};

// A town office and a tablet cloned from it; the tablet typed a figure of 东山村.
struct Pair {
  test::TempDir dir;
  std::unique_ptr<Store> office, tablet;
  Pair() {
    office = Store::open(dir.file("town.db"));
    test::make_small_town(*office);
    office->set_value({"V1", "new_members", "2020", "3"}, kOffice);
    clone_for_device(*office, dir.file("tab.db"), kDefaultDestination, kOffice);
    tablet = Store::open(dir.file("tab.db"));
    tablet->set_value({"V1", "cold_stores", "2020", "2"}, kClerk);
  }
  std::string send() {
    export_package(*tablet, {{"V1"}, kDefaultDestination, false, kOffice}, dir.file("p.jcpkg"));
    return dir.file("p.jcpkg");
  }
  // The id of the tablet's entry that typed the cold stores.
  int64_t typed(Store& s) const {
    return sql::scalar_int(s.handle(), "SELECT id FROM audit WHERE indicator_id = 'cold_stores' AND action = 'set_value'");
  }
};

// Entries the small town's fixture wrote in the name of a made-up device: unsigned, like a file's
// entries from before signing.
int64_t fixture_entries(const Store& s) {
  return sql::scalar_int(s.handle(), "SELECT count(*) FROM audit WHERE device = 'test-device'");
}

int64_t first_bad(const Store& s) {
  const SignatureCheck c = verify_audit_signatures(s);
  return c.first_bad ? c.first_bad->id : 0;
}

}  // namespace

TEST_CASE("audit signatures: every entry the program writes is signed by its device and verifies") {
  test::TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  write_demo_town(*s);
  const int64_t entries = sql::scalar_int(s->handle(), "SELECT count(*) FROM audit");
  REQUIRE(entries > 100);
  CHECK(sql::scalar_int(s->handle(), "SELECT count(*) FROM audit WHERE length(signature) = 128") == entries);
  const SignatureCheck c = verify_audit_signatures(*s);
  CHECK(c.verified == entries);
  CHECK(c.unknown == 0);
  CHECK(c.legacy == 0);
  CHECK_FALSE(c.first_bad);
}

TEST_CASE("audit signatures: an entry changed behind the program's back is named even when the chain is rewritten") {
  test::TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  write_demo_town(*s);
  sqlite3* db = s->handle();
  int64_t v = sql::scalar_int(db, "SELECT id FROM audit WHERE action = 'set_value' AND id > 100 ORDER BY id LIMIT 1");
  const std::string at = " WHERE id = " + std::to_string(v);
  SUBCASE("a figure changed") { sql::exec(db, "UPDATE audit SET new_value = new_value + 1" + at); }
  SUBCASE("who typed it") { sql::exec(db, "UPDATE audit SET user = '管理员'" + at); }
  SUBCASE("a signature copied from another entry") {
    sql::exec(db, "UPDATE audit SET signature = (SELECT signature FROM audit WHERE id = 1)" + at);
  }
  SUBCASE("the signature removed") { sql::exec(db, "UPDATE audit SET signature = ''" + at); }
  SUBCASE("an entry slipped in without a signature, in this device's name") {
    sql::exec(db, "INSERT INTO audit(at, user, device, action, org_id, indicator_id, period, new_value) "
                  "SELECT at, user, device, action, org_id, indicator_id, period, 99 FROM audit" + at);
    v = sql::scalar_int(db, "SELECT max(id) FROM audit");
  }
  rechain_audit(db);  // someone who knows the chain rewrote it
  CHECK_FALSE(verify_audit_chain(*s).first_broken);
  CHECK(first_bad(*s) == v);
}

TEST_CASE("audit signatures: a tablet's entries arrive at the office with their signatures, and verify there") {
  Pair p;
  import_package_file(*p.office, p.send(), kOffice);
  const int64_t id = p.typed(*p.office);
  REQUIRE(id > 0);
  Stmt q(p.office->handle(), "SELECT device, length(signature) FROM audit WHERE id = ?");
  q.bind(1, id);
  REQUIRE(q.step());
  CHECK(q.text(0) == p.tablet->device_id());
  CHECK(q.int64(1) == 128);
  const SignatureCheck c = verify_audit_signatures(*p.office);
  CHECK_FALSE(c.first_bad);
  CHECK(c.unknown == 0);
  CHECK(c.legacy == fixture_entries(*p.office));
  CHECK(c.verified == sql::scalar_int(p.office->handle(), "SELECT count(*) FROM audit") - c.legacy);

  // Years later the office's file is edited and its chain rewritten: the tablet's signature names the entry.
  sql::exec(p.office->handle(), "UPDATE audit SET new_value = 20 WHERE id = " + std::to_string(id));
  rechain_audit(p.office->handle());
  CHECK(first_bad(*p.office) == id);
}

TEST_CASE("audit signatures: a package whose entry was changed in the tablet's file is refused, nothing written") {
  Pair p;
  const std::string before = snapshot(*p.office);
  std::string expect;
  SUBCASE("a figure of the history changed before the export") {
    sql::exec(p.tablet->handle(), "UPDATE audit SET new_value = 20 WHERE id = " + std::to_string(p.typed(*p.tablet)));
    expect = "签名不符";
  }
  SUBCASE("an entry in the office's name slipped into the tablet's file") {
    sql::exec(p.tablet->handle(),
              "INSERT INTO audit(at, user, device, action, org_id, indicator_id, period, new_value, signature) "
              "SELECT at, '组织委员', '" + p.office->device_id() + "', action, org_id, indicator_id, period, 7, '' "
              "FROM audit WHERE id = " + std::to_string(p.typed(*p.tablet)));
    expect = "没有那台设备的签名";
  }
  SUBCASE("an entry in the tablet's own name without a signature") {
    sql::exec(p.tablet->handle(),
              "INSERT INTO audit(at, user, device, action, org_id, indicator_id, period, new_value, signature) "
              "SELECT at, user, device, action, org_id, indicator_id, period, 7, '' "
              "FROM audit WHERE id = " + std::to_string(p.typed(*p.tablet)));
    expect = "没有那台设备的签名";
  }
  rechain_audit(p.tablet->handle());
  const std::string msg = test::import_refusal(*p.office, p.send(), kOffice);
  CHECK_MESSAGE(msg.find(expect) != std::string::npos, msg);
  CHECK(msg.find("p.jcpkg") != std::string::npos);
  CHECK(snapshot(*p.office) == before);
}

TEST_CASE("audit signatures: a package from before signing is taken, its entries counted as older") {
  Pair p;
  // The payload as an older sender wrote it: no signature column.
  auto payload = nlohmann::json::parse(payload_of(p.send(), *p.office));
  auto& audit = payload["audit"];
  REQUIRE(audit["columns"].back() == "signature");
  audit["columns"].erase(audit["columns"].size() - 1);
  for (auto& row : audit["rows"]) row.erase(row.size() - 1);
  const DeviceKey tablet_key = *stored_device_key(*p.tablet);
  const DeviceKey office_key{p.office->device_id(), stored_device_key(*p.office)->public_key, {}};
  spit(p.dir.file("old.jcpkg"), package_file(payload.dump(), p.tablet->device_id(), tablet_key, {office_key}));
  const ImportResult r = import_package_file(*p.office, p.dir.file("old.jcpkg"), kOffice);
  CHECK(r.audit_added >= 1);
  const SignatureCheck c = verify_audit_signatures(*p.office);
  CHECK_FALSE(c.first_bad);
  CHECK(c.legacy == r.audit_added + fixture_entries(*p.office));
}

TEST_CASE("audit signatures: upgrading an older file signs its own entries; another device's stay as they were") {
  test::TempDir dir;
  const std::string path = dir.file("town.db");
  {
    auto s = Store::open(path);
    test::make_small_town(*s);
    s->set_value({"V1", "new_members", "2020", "3"}, kOffice);
    sqlite3* db = s->handle();
    // A file at schema v11: no signatures, and one entry another device wrote.
    sql::exec(db, "INSERT INTO audit(at, user, device, action, org_id, indicator_id, period, new_value) "
                  "SELECT at, '王娜', 'dev-0123456789ab', action, org_id, indicator_id, period, 4 FROM audit "
                  "WHERE action = 'set_value'");
    sql::exec(db, "ALTER TABLE audit DROP COLUMN signature; PRAGMA user_version = 11");
    rechain_audit(db);
  }
  auto s = Store::open(path);
  CHECK(sql::scalar_int(s->handle(), "PRAGMA user_version") == Store::schema_version());
  const SignatureCheck c = verify_audit_signatures(*s);
  CHECK_FALSE(c.first_bad);
  CHECK(c.legacy == 1 + fixture_entries(*s));
  CHECK(c.verified == sql::scalar_int(s->handle(), "SELECT count(*) FROM audit") - c.legacy);
  CHECK(c.verified > 0);
  CHECK_FALSE(verify_audit_chain(*s).first_broken);
}
