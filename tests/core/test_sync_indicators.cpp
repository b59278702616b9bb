// The town's own indicators travel with packages: a tablet learns an indicator the office defined
// after it was cloned, its values come back, and two different definitions behind one id are kept
// apart for a person instead of one silently replacing the other.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "sync/Export.hpp"
#include "sync/Import.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::sync;
using nlohmann::json;

namespace {

const Actor kOffice{"组织委员", "", Role::Admin, {}};

// Definitions are ordered by when they were written (seconds): each step of a test is a minute later.
struct Clock {
  int minute = 0;
  void tick() {
    char at[32];
    std::snprintf(at, sizeof at, "2020-12-01T08:%02d:00Z", ++minute);
    setenv("JICENG_NOW", at, 1);
  }
  Clock() { tick(); }
  ~Clock() { unsetenv("JICENG_NOW"); }
};

struct OfficeAndTablet {
  test::TempDir dir;
  std::unique_ptr<Store> office, tablet;
  OfficeAndTablet() {
    office = Store::open(dir.file("town.db"));
    test::make_small_town(*office);
    clone_for_device(*office, dir.file("tab.db"), kDefaultDestination, kOffice);
    tablet = Store::open(dir.file("tab.db"));
  }
  std::string send(Store& from, const std::string& name) {
    export_package(from, {{}, kDefaultDestination, false, kOffice}, dir.file(name));
    return dir.file(name);
  }
};

}  // namespace

TEST_CASE("an indicator the office defines after cloning reaches the tablet, and the tablet's values of it come back") {
  Clock clock;
  OfficeAndTablet t;
  const std::string sec = t.office->add_section("党史学习教育", kOffice);
  const std::string id = t.office->define_indicator(
      json{{"name", "老党员数"}, {"section", sec}, {"unit", "名"}, {"kind", "count"}}.dump(), kOffice);
  REQUIRE_FALSE(t.tablet->catalog().find(id));

  ImportResult r = import_package_file(*t.tablet, t.send(*t.office, "office.jcpkg"), kOffice);
  CHECK(r.indicators_received == 1);
  CHECK(r.indicator_conflicts.empty());
  REQUIRE(t.tablet->catalog().find("老党员数"));
  CHECK(t.tablet->catalog().find("老党员数")->id == id);
  CHECK(t.tablet->catalog().section(sec)->name == "党史学习教育");

  t.tablet->set_value({"V1", "老党员数", "2020", "6"}, kOffice);
  ImportResult back = import_package_file(*t.office, t.send(*t.tablet, "tab.jcpkg"), kOffice);
  CHECK(back.indicators_received == 0);  // the office knows its own definition
  CHECK(t.office->value(t.office->require_org("V1").id, id, Period{2020, 0})->value == 6);

  // A later change at the office (a retirement) travels too.
  clock.tick();
  t.office->retire_indicator(id, true, kOffice, "不再统计");
  import_package_file(*t.tablet, t.send(*t.office, "office2.jcpkg"), kOffice);
  CHECK(t.tablet->catalog().at(id).retired);
}

TEST_CASE("two different definitions with one id: the receiver keeps its own and says so; its values are untouched") {
  Clock clock;
  OfficeAndTablet t;
  const std::string id = t.office->define_indicator(
      R"({"name": "流动党员数", "section": "organization", "unit": "名", "kind": "count"})", kOffice);
  import_package_file(*t.tablet, t.send(*t.office, "office.jcpkg"), kOffice);
  t.tablet->set_value({"V1", id, "2020", "4"}, kOffice);
  // The office later makes the same id mean something else (it has no values there yet).
  clock.tick();
  json other = {{"id", id}, {"name", "流动党员联系率"}, {"section", "organization"}, {"unit", "%"}, {"kind", "percent"}};
  t.office->define_indicator(other.dump(), kOffice);

  ImportResult r = import_package_file(*t.tablet, t.send(*t.office, "office2.jcpkg"), kOffice);
  REQUIRE(r.indicator_conflicts.size() == 1);
  CHECK(r.indicator_conflicts[0].find("流动党员数") != std::string::npos);
  CHECK(r.indicator_conflicts[0].find("设置 → 指标") != std::string::npos);
  CHECK(t.tablet->catalog().at(id).name == "流动党员数");
  CHECK(t.tablet->catalog().at(id).unit == "名");
  CHECK(t.tablet->value(t.tablet->require_org("V1").id, id, Period{2020, 0})->value == 4);
}
