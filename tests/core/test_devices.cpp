// Device names: set by an admin with an audit entry, shown instead of the id (a short id when
// unnamed), carried in a package's header and learnt by the town office when it has none.
#include <doctest/doctest.h>

#include "base/Error.hpp"
#include "SmallTown.hpp"
#include "store/Devices.hpp"
#include "store/Store.hpp"
#include "sync/Export.hpp"
#include "sync/Import.hpp"
#include "sync/Package.hpp"
#include "TempDir.hpp"

using namespace jiceng;

namespace {
const Actor kAdmin{"组织委员", "", Role::Admin, {}};
}

TEST_CASE("an admin names a device; histories show the name, else a short id") {
  test::TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  const std::string self = s->device_id();
  CHECK(device_label(device_names(*s), "dev-5a1e64decf16") == "5a1e64");
  CHECK(device_label(device_names(*s), self) == short_device_id(self));

  set_device_name(*s, self, "  镇党办电脑 ", kAdmin);
  CHECK(device_name(*s, self) == "镇党办电脑");
  CHECK(device_label(device_names(*s), self) == "镇党办电脑");
  set_device_name(*s, "dev-5a1e64decf16", "王娜的平板", kAdmin);
  auto h = s->history({std::nullopt, "", "", 1});
  REQUIRE(h.size() == 1);
  CHECK(h[0].action == "device_name");
  CHECK(h[0].user == "组织委员");
  CHECK(h[0].detail.find("王娜的平板") != std::string::npos);

  // Known devices: this one first, named ones next.
  auto known = known_devices(*s);
  REQUIRE(known.size() == 2);
  CHECK(known[0].self);
  CHECK(known[0].name == "镇党办电脑");
  CHECK(known[1].id == "dev-5a1e64decf16");
  CHECK(known[1].name == "王娜的平板");

  // Cleared: back to the short id.
  set_device_name(*s, "dev-5a1e64decf16", "", kAdmin);
  CHECK(device_label(device_names(*s), "dev-5a1e64decf16") == "5a1e64");
}

TEST_CASE("only an admin names devices, and a name must fit a history's column") {
  test::TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  const auto before = s->history().size();
  CHECK_THROWS_AS(set_device_name(*s, s->device_id(), "平板", Actor{"王娜", "", Role::Clerk, {}}), InputError);
  CHECK_THROWS_AS(set_device_name(*s, s->device_id(), std::string(21, 'x'), kAdmin), InputError);
  CHECK(device_name(*s, s->device_id()).empty());
  CHECK(s->history().size() == before);
}

TEST_CASE("a package carries its tablet's name; the office learns it unless it named the tablet itself") {
  test::TempDir dir;
  auto town = Store::open(dir.file("town.db"));
  auto t = test::make_small_town(*town);
  sync::clone_for_device(*town, dir.file("tab.db"));
  auto tab = Store::open(dir.file("tab.db"));
  set_device_name(*tab, tab->device_id(), "王娜的平板", kAdmin);
  tab->set_value({"V1", "new_members", "2020", "4"}, Actor{"王娜", "", Role::Clerk, {t.v1}});
  const Actor clerk{"王娜", "", Role::Admin, {}};
  sync::export_package(*tab, {{"V1"}, sync::kDefaultDestination, false, clerk}, dir.file("a.jcpkg"));
  const auto office_key = own_device_key(*town);
  CHECK(sync::read_package(dir.file("a.jcpkg"), &office_key).package.device_name == "王娜的平板");

  sync::import_package_file(*town, dir.file("a.jcpkg"), kAdmin);
  CHECK(device_name(*town, tab->device_id()) == "王娜的平板");

  // A name the office set wins over the tablet's own.
  set_device_name(*town, tab->device_id(), "东山村平板", kAdmin);
  tab->set_value({"V1", "new_members", "2020", "5"}, Actor{"王娜", "", Role::Clerk, {t.v1}});
  sync::export_package(*tab, {{"V1"}, sync::kDefaultDestination, false, clerk}, dir.file("b.jcpkg"));
  sync::import_package_file(*town, dir.file("b.jcpkg"), kAdmin);
  CHECK(device_name(*town, tab->device_id()) == "东山村平板");
}
