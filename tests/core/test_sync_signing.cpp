// Who sent a package is proven: the office takes packages only from tablets whose keys it knows
// (cloned from it, or registered by an admin who compared fingerprints), refuses forged, unsigned
// and foreign-keyed ones without a write, and a new database started from a package trusts the
// sender its user chose.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Text.hpp"
#include "SmallTown.hpp"
#include "store/DeviceKeys.hpp"
#include "store/Devices.hpp"
#include "store/Store.hpp"
#include "sync/Export.hpp"
#include "sync/Import.hpp"
#include "SyncFixtures.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::sync;
using jiceng::test::payload_of;
using jiceng::test::snapshot;

using jiceng::test::slurp;
using jiceng::test::spit;

namespace {

const Actor kOffice{"组织委员", "", Role::Admin, {}};

std::string refusal(Store& s, const std::string& path) { return test::import_refusal(s, path, kOffice); }

struct Town {
  test::TempDir dir;
  std::unique_ptr<Store> office;
  Town() {
    office = Store::open(dir.file("town.db"));
    test::make_small_town(*office);
    office->set_value({"V1", "new_members", "2020", "3"}, kOffice);
  }
  // A tablet's package: one changed figure of 东山村 (V1).
  std::string tablet_package(Store& tablet, const char* value, const char* file) {
    tablet.set_value({"V1", "new_members", "2020", value}, kOffice);
    export_package(tablet, {{"V1"}, kDefaultDestination, false, kOffice}, dir.file(file));
    return dir.file(file);
  }
};

}  // namespace

TEST_CASE("a cloned tablet and the office know each other's keys and exchange at once") {
  Town t;
  clone_for_device(*t.office, t.dir.file("tab.db"));
  auto tab = Store::open(t.dir.file("tab.db"));
  const DeviceKey office_key = own_device_key(*t.office);
  const DeviceKey tab_key = own_device_key(*tab);
  CHECK(tab_key.public_key != office_key.public_key);  // the copy signs as itself
  CHECK(tab_key.device == tab->device_id());
  CHECK(key_status(*t.office, tab->device_id(), tab_key.public_key) == KeyStatus::Registered);
  CHECK(key_status(*tab, t.office->device_id(), office_key.public_key) == KeyStatus::Registered);

  const std::string pkg = t.tablet_package(*tab, "4", "a.jcpkg");
  CHECK(import_package_file(*t.office, pkg, kOffice).updated == 1);
  export_package(*t.office, {{}, "tablet", false, kOffice}, t.dir.file("back.jcpkg"));
  CHECK_NOTHROW(import_package_file(*tab, t.dir.file("back.jcpkg"), kOffice));
  // 设置 ▸ 关于 lists the registered tablet even before it sent anything.
  bool listed = false;
  for (const auto& d : known_devices(*t.office)) listed |= d.id == tab->device_id();
  CHECK(listed);
}

TEST_CASE("a package from a device the office never registered waits for an admin's fingerprint check") {
  Town t;
  // A copy made by hand (a file copied off the office's disk), then given a device id of its own.
  sql::Stmt(t.office->handle(), "VACUUM INTO ?").bind(1, t.dir.file("stranger.db")).run();
  auto stranger = Store::open(t.dir.file("stranger.db"));
  stranger->set_meta("device_id", "dev-stranger");
  const std::string pkg = t.tablet_package(*stranger, "9", "s.jcpkg");
  const auto before = snapshot(*t.office);
  const std::string msg = refusal(*t.office, pkg);
  CHECK(msg.find("还没有在本机登记") != std::string::npos);
  const DeviceKey key = own_device_key(*stranger);
  CHECK(msg.find(key_fingerprint(key.public_key)) != std::string::npos);  // to compare aloud
  CHECK(snapshot(*t.office) == before);

  // Only an admin registers a device.
  const Actor leader{"领导", "", Role::Leader, {}};
  CHECK_THROWS_AS(t.office->transaction([&] { register_device_key(*t.office, "dev-stranger", key.public_key, "admin", leader); }),
                  InputError);
  t.office->transaction([&] { register_device_key(*t.office, "dev-stranger", key.public_key, "admin", kOffice); });
  CHECK(import_package_file(*t.office, pkg, kOffice).updated == 1);
  const auto history = t.office->history({});
  bool audited = false;
  for (const auto& e : history) audited |= e.action == "register_device_key" && e.user == kOffice.user;
  CHECK(audited);
}

TEST_CASE("a forged package is refused: another key under a registered tablet's name, or unsigned") {
  Town t;
  clone_for_device(*t.office, t.dir.file("tab.db"));
  auto tab = Store::open(t.dir.file("tab.db"));
  const std::string good = t.tablet_package(*tab, "4", "a.jcpkg");
  std::string payload = payload_of(good, *t.office);  // a forger who could read it
  // The forger raises the figure, recomputes the checksum and signs with a key of their own.
  const std::string figure = "\"new_members\",\"2020\",4";
  REQUIRE(payload.find(figure) != std::string::npos);
  payload.replace(payload.find(figure), figure.size(), "\"new_members\",\"2020\",40");
  const std::string sha = sha256_hex(payload);
  const DeviceKey forger = new_device_key(tab->device_id());
  const std::string forged = "{\"bytes\":" + std::to_string(payload.size()) + ",\"format\":\"jiceng-package\",\"key\":\"" +
                             forger.public_key + "\",\"sha256\":\"" + sha + "\",\"signature\":\"" +
                             sign(forger, signature_text(tab->device_id(), sha)) + "\",\"version\":2}\n" + payload;
  spit(t.dir.file("forged.jcpkg"), forged);
  const auto before = snapshot(*t.office);
  CHECK(refusal(*t.office, t.dir.file("forged.jcpkg")).find("不一致") != std::string::npos);
  // The same payload as version 1 (no signature at all): read, never imported.
  spit(t.dir.file("old.jcpkg"), "{\"bytes\":" + std::to_string(payload.size()) + ",\"format\":\"jiceng-package\",\"sha256\":\"" +
                                    sha + "\",\"version\":1}\n" + payload);
  CHECK(read_package(t.dir.file("old.jcpkg")).key.empty());
  CHECK(refusal(*t.office, t.dir.file("old.jcpkg")).find("没有发送设备的签名") != std::string::npos);
  CHECK(snapshot(*t.office) == before);
  CHECK(import_package_file(*t.office, good, kOffice).updated == 1);  // the real one still goes in
}

TEST_CASE("a database started from a package trusts the sender its user chose, and only that one") {
  Town t;
  export_package(*t.office, {{}, "tablet", true, kOffice}, t.dir.file("all.jcpkg"));
  auto fresh = Store::open(t.dir.file("fresh.db"));
  CHECK(import_package_file(*fresh, t.dir.file("all.jcpkg"), kOffice).adopted);
  const auto keys = registered_keys(*fresh);
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].device == t.office->device_id());
  CHECK(keys[0].how == "adopted");
}

TEST_CASE("a lost tablet is revoked: its packages are refused, nothing is sealed for it, an admin may trust it again") {
  Town t;
  clone_for_device(*t.office, t.dir.file("tab.db"));
  auto tab = Store::open(t.dir.file("tab.db"));
  const std::string device = tab->device_id();
  const std::string pkg = t.tablet_package(*tab, "4", "a.jcpkg");
  const Actor leader{"领导", "", Role::Leader, {}};
  CHECK_THROWS_AS(revoke_device_key(*t.office, device, leader), InputError);
  CHECK_THROWS_AS(revoke_device_key(*t.office, "dev-never-seen", kOffice), InputError);
  REQUIRE(receivers(*t.office).size() == 1);

  revoke_device_key(*t.office, device, kOffice);
  CHECK(key_status(*t.office, device, own_device_key(*tab).public_key) == KeyStatus::Revoked);
  CHECK(receivers(*t.office).empty());  // the office's next package is open, without names
  const auto before = snapshot(*t.office);
  const std::string msg = refusal(*t.office, pkg);
  CHECK(msg.find("已被管理员停用") != std::string::npos);
  CHECK(snapshot(*t.office) == before);
  bool audited = false;
  for (const auto& e : t.office->history({})) audited |= e.action == "revoke_device_key" && e.user == kOffice.user;
  CHECK(audited);

  // Found again: an admin registers its key anew, and its package goes in.
  t.office->transaction([&] { register_device_key(*t.office, device, own_device_key(*tab).public_key, "admin", kOffice); });
  CHECK(import_package_file(*t.office, pkg, kOffice).updated == 1);
}
