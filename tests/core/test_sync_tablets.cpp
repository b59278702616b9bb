// Three tablets copied from one town database edit overlapping data; the town office imports
// their packages. Conflicts land exactly where both sides changed a figure, nothing typed is
// lost, importing again is a no-op, and bad packages are refused without a write.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "sync/Conflicts.hpp"
#include "sync/Export.hpp"
#include "sync/Import.hpp"
#include "SyncFixtures.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::sync;
using jiceng::test::snapshot;

namespace {

const Actor kOffice{"组织委员", "", Role::Admin, {}};

std::optional<double> value_of(Store& s, const char* org, const char* ind, const char* period) {
  auto v = s.value(s.require_org(org).id, ind, *Period::parse(period));
  return v ? std::optional(v->value) : std::nullopt;
}

void set(Store& s, const Actor& a, const char* org, const char* ind, const char* period, const char* value) {
  s.set_value({org, ind, period, value}, a);
}

Member member_named(Store& s, const std::string& name) {
  for (const auto& m : s.members())
    if (m.name == name) return m;
  FAIL("no member " << name);
  return {};
}

std::string import_refusal(Store& s, const std::string& path) { return test::import_refusal(s, path, kOffice); }

// The town of every test: two villages with figures and two members, then three tablet copies.
struct Field {
  test::TempDir dir;
  std::unique_ptr<Store> town;
  test::SmallTown t{};
  Field() {
    town = Store::open(dir.file("town.db"));
    t = test::make_small_town(*town);
    set(*town, kOffice, "V1", "new_members", "2020", "3");
    set(*town, kOffice, "V1", "visited_households", "2020-01", "10");
    set(*town, kOffice, "V1", "village_projects", "2020", "2");
    set(*town, kOffice, "V2", "new_members", "2020", "5");
    set(*town, kOffice, "V2", "cold_stores", "2020", "1");
    town->add_member({0, "张三", "男", "1980-05-01", t.b2, MemberStage::Full, "", "", "", "", "", "2005-07-01"}, kOffice);
    town->add_member({0, "李四", "女", "1990-03-02", t.b1a, MemberStage::Full, "", "", "", "", "", "2015-07-01"}, kOffice);
    for (const char* tab : {"tabA.db", "tabB.db", "tabC.db"}) clone_for_device(*town, dir.file(tab));
  }
  std::unique_ptr<Store> tablet(const char* name) { return Store::open(dir.file(name)); }
  std::string export_from(Store& s, const char* org, const char* file, bool everything = false) {
    export_package(s, {{org}, kDefaultDestination, everything, Actor{"采集员", "", Role::Admin, {}}}, dir.file(file));
    return dir.file(file);
  }
};

}  // namespace

TEST_CASE("three tablets: conflicts exactly where both sides changed, nothing lost, re-import a no-op") {
  Field f;
  Store& town = *f.town;
  const Actor clerk_a{"王娜", "", Role::Clerk, {f.t.v1}};
  const Actor clerk_b{"赵强", "", Role::Clerk, {f.t.v2}};
  const Actor clerk_c{"孙丽", "", Role::Clerk, {f.t.v1}};

  // Tablet A (东山村): three changes, one new figure, one new member.
  auto a = f.tablet("tabA.db");
  CHECK(a->device_id() != town.device_id());
  set(*a, clerk_a, "V1", "new_members", "2020", "4");
  set(*a, clerk_a, "V1", "visited_households", "2020-01", "12");
  set(*a, clerk_a, "V1", "village_projects", "2020", "3");
  set(*a, clerk_a, "V1", "commando_teams", "2020", "1");
  a->add_member({0, "王五", "男", "1985-01-01", f.t.b1a, MemberStage::Full, "", "", "", "", "", "2010-07-01"}, clerk_a);
  // Tablet C (a second tablet in 东山村): the same month differently, the same projects equally.
  auto c = f.tablet("tabC.db");
  set(*c, clerk_c, "V1", "visited_households", "2020-01", "15");
  set(*c, clerk_c, "V1", "village_projects", "2020", "3");
  set(*c, clerk_c, "V1", "suggestions", "2020-02", "6");
  // Tablet B (西河村): a figure the office also changes, a removal, a new figure, a member edit.
  auto b = f.tablet("tabB.db");
  set(*b, clerk_b, "V2", "new_members", "2020", "7");
  b->undo_last(f.t.v2, "cold_stores", Period{2020, 0}, clerk_b);
  set(*b, clerk_b, "V2", "village_projects", "2020", "4");
  Member zhang_b = member_named(*b, "张三");
  zhang_b.birth_date = "1980-06-01";
  b->update_member(zhang_b, clerk_b, "核对户口本");
  // Meanwhile at the office.
  set(town, kOffice, "V2", "new_members", "2020", "6");
  Member zhang_t = member_named(town, "张三");
  zhang_t.gender = "女";
  town.update_member(zhang_t, kOffice, "更正性别");

  const std::string pa = f.export_from(*a, "V1", "a.jcpkg");
  const std::string pb = f.export_from(*b, "V2", "b.jcpkg");
  const std::string pc = f.export_from(*c, "东山村", "c.jcpkg");

  ImportResult ra = import_package_file(town, pa, kOffice);
  CHECK(ra.added == 1);
  CHECK(ra.updated == 3);
  CHECK(ra.conflicts == 0);
  CHECK(ra.members_added == 1);
  CHECK(ra.audit_added > 0);
  ImportResult rb = import_package_file(town, pb, kOffice);
  CHECK(rb.added == 1);
  CHECK(rb.removed == 1);
  CHECK(rb.conflicts == 2);
  CHECK(rb.member_conflicts == 1);
  ImportResult rc = import_package_file(town, pc, kOffice);
  CHECK(rc.added == 1);
  CHECK(rc.unchanged == 1);
  CHECK(rc.conflicts == 1);

  // The merged town.
  CHECK(value_of(town, "V1", "new_members", "2020") == 4);
  CHECK(value_of(town, "V1", "visited_households", "2020-01") == 12);  // A's, C's waits in a conflict
  CHECK(value_of(town, "V1", "village_projects", "2020") == 3);
  CHECK(value_of(town, "V1", "commando_teams", "2020") == 1);
  CHECK(value_of(town, "V1", "suggestions", "2020-02") == 6);
  CHECK(value_of(town, "V2", "new_members", "2020") == 6);  // the office's, B's waits in a conflict
  CHECK(!value_of(town, "V2", "cold_stores", "2020"));
  CHECK(value_of(town, "V2", "village_projects", "2020") == 4);
  CHECK(member_named(town, "王五").branch == f.t.b1a);
  CHECK(member_named(town, "张三").gender == "女");

  // Exactly three conflicts, each where two sides changed the same thing.
  auto open = conflicts(town);
  REQUIRE(open.size() == 3);
  std::map<std::string, Conflict> by_key;
  for (const auto& x : open) by_key[x.kind == ConflictKind::Member ? x.member_name : x.org_name + x.indicator + x.period] = x;
  REQUIRE(by_key.count("西河村new_members2020"));
  REQUIRE(by_key.count("东山村visited_households2020-01"));
  REQUIRE(by_key.count("张三"));
  const Conflict& nm = by_key["西河村new_members2020"];
  CHECK(nm.base == 5);
  CHECK(nm.local == 6);
  CHECK(nm.remote == 7);
  CHECK(nm.remote_by == "赵强");
  CHECK(nm.remote_device == b->device_id());
  const Conflict& vh = by_key["东山村visited_households2020-01"];
  CHECK(vh.base == 10);
  CHECK(vh.local == 12);
  CHECK(vh.remote == 15);
  CHECK(vh.remote_device == c->device_id());
  CHECK(by_key["张三"].remote_record.find("1980-06-01") != std::string::npos);
  CHECK(by_key["张三"].local_record.find("\"女\"") != std::string::npos);

  // Both sides stay in the history of the contested month.
  auto h = town.history({f.t.v1, "visited_households", "2020-01", 0});
  auto has = [&](const std::string& device, double v) {
    for (const auto& e : h)
      if (e.action == "set_value" && e.device == device && e.new_value == v) return true;
    return false;
  };
  CHECK(has(a->device_id(), 12));
  CHECK(has(c->device_id(), 15));
  CHECK(std::any_of(h.begin(), h.end(), [](const AuditEntry& e) { return e.action == "sync_conflict"; }));

  // Nothing typed on any tablet is lost: each value is the town's now or the sender's side of an open conflict.
  for (Store* tab : {a.get(), b.get(), c.get()})
    for (const auto& v : tab->values(2020)) {
      if (v.device != tab->device_id()) continue;  // copied from the town, not typed there
      auto here = town.value(v.org, v.indicator, v.period);
      bool kept = here && here->value == v.value;
      for (const auto& x : open) kept = kept || (x.org == v.org && x.indicator == v.indicator && x.period == v.period.str() && x.remote == v.value);
      CHECK_MESSAGE(kept, v.indicator << " " << v.period.str());
    }

  // Importing any of them again changes nothing at all.
  const std::string before = snapshot(town);
  for (const auto& p : {pa, pb, pc}) CHECK(import_package_file(town, p, kOffice).already_imported);
  CHECK(snapshot(town) == before);

  // A clerk of 东山村 may not decide 西河村's conflict; nothing is written.
  CHECK_THROWS_AS(resolve_conflict(town, nm.id, Choice::Remote, {}, clerk_a), InputError);
  CHECK(snapshot(town) == before);
  // A typed value is checked like any input.
  CHECK_THROWS_AS(resolve_conflict(town, vh.id, Choice::Typed, "十二", kOffice), InputError);
  CHECK(snapshot(town) == before);

  resolve_conflict(town, nm.id, Choice::Remote, {}, kOffice);
  resolve_conflict(town, vh.id, Choice::Typed, "14", kOffice, "电话核实");
  resolve_conflict(town, by_key["张三"].id, Choice::Local, {}, kOffice);
  CHECK(open_conflict_count(town) == 0);
  CHECK(value_of(town, "V2", "new_members", "2020") == 7);
  CHECK(value_of(town, "V1", "visited_households", "2020-01") == 14);
  CHECK(member_named(town, "张三").gender == "女");
  CHECK_THROWS_WITH_AS(resolve_conflict(town, nm.id, Choice::Local, {}, kOffice), doctest::Contains("已经处理过"), InputError);
  auto decided = conflict(town, vh.id);
  CHECK(decided->resolution == "typed");
  CHECK(decided->resolved_value == 14);
  CHECK(decided->reason == "电话核实");
  auto hv = town.history({f.t.v1, "visited_households", "2020-01", 0});
  CHECK(hv.front().action == "resolve_conflict");
  CHECK(hv.front().old_value == 12);
  CHECK(hv.front().new_value == 14);

  // The tablets export again: nothing new since the last export, and a full resend raises no
  // decided conflict again.
  const std::string before2 = snapshot(town);
  auto again = import_package_file(town, f.export_from(*b, "V2", "b2.jcpkg"), kOffice);
  CHECK(again.added + again.updated + again.removed + again.conflicts == 0);
  auto full_b = import_package_file(town, f.export_from(*b, "V2", "b3.jcpkg", true), kOffice);
  CHECK(full_b.conflicts == 0);
  auto full_c = import_package_file(town, f.export_from(*c, "V1", "c2.jcpkg", true), kOffice);
  CHECK(full_c.conflicts == 0);
  CHECK(value_of(town, "V1", "visited_households", "2020-01") == 14);
  CHECK(open_conflict_count(town) == 0);
  CHECK(snapshot(town) != before2);  // the imports themselves are recorded
}

TEST_CASE("a later package from the same tablet replaces its own open conflict") {
  Field f;
  Store& town = *f.town;
  auto a = f.tablet("tabA.db");
  set(*a, kOffice, "V1", "new_members", "2020", "8");
  set(town, kOffice, "V1", "new_members", "2020", "6");
  CHECK(import_package_file(town, f.export_from(*a, "V1", "a1.jcpkg"), kOffice).conflicts == 1);
  set(*a, kOffice, "V1", "new_members", "2020", "9");
  CHECK(import_package_file(town, f.export_from(*a, "V1", "a2.jcpkg"), kOffice).conflicts == 1);
  auto open = conflicts(town);
  REQUIRE(open.size() == 1);
  CHECK(open[0].remote == 9);
  CHECK(open[0].base == 8);
  auto all = conflicts(town, true);
  REQUIRE(all.size() == 2);
  CHECK(all[0].resolution == "superseded");
}

TEST_CASE("the office's decision flows back to a tablet that moves on from it") {
  Field f;
  Store& town = *f.town;
  auto a = f.tablet("tabA.db");
  set(*a, kOffice, "V1", "new_members", "2020", "8");
  set(town, kOffice, "V1", "new_members", "2020", "6");
  import_package_file(town, f.export_from(*a, "V1", "a1.jcpkg"), kOffice);
  resolve_conflict(town, conflicts(town).at(0).id, Choice::Typed, "7", kOffice);
  // The office sends 东山村 back to the tablet: its history holds the tablet's 8, so 7 is newer.
  export_package(town, {{"V1"}, "tabA", false, kOffice}, f.dir.file("down.jcpkg"));
  auto r = import_package_file(*a, f.dir.file("down.jcpkg"), kOffice);
  CHECK(r.conflicts == 0);
  CHECK(r.updated >= 1);
  CHECK(value_of(*a, "V1", "new_members", "2020") == 7);
}

TEST_CASE("a plain file copy (no clone) still merges without false conflicts") {
  Field f;
  Store& town = *f.town;
  f.town.reset();  // checkpoint the WAL so the copy holds everything
  std::filesystem::copy_file(f.dir.file("town.db"), f.dir.file("raw.db"));
  f.town = Store::open(f.dir.file("town.db"));
  Store& office = *f.town;
  (void)town;
  auto a = f.tablet("tabA.db");
  set(*a, kOffice, "V1", "visited_households", "2020-01", "12");
  import_package_file(office, f.export_from(*a, "V1", "a.jcpkg"), kOffice);
  auto raw = f.tablet("raw.db");
  set(*raw, kOffice, "V1", "new_members", "2020", "9");  // only this copy changed it
  auto r = import_package_file(office, f.export_from(*raw, "V1", "raw.jcpkg"), kOffice);
  CHECK(r.conflicts == 0);  // its stale 10 for January is known history, not a conflict
  CHECK(value_of(office, "V1", "new_members", "2020") == 9);
  CHECK(value_of(office, "V1", "visited_households", "2020-01") == 12);
}

TEST_CASE("corrupted, truncated, newer and foreign packages are refused and write nothing") {
  Field f;
  Store& town = *f.town;
  auto a = f.tablet("tabA.db");
  set(*a, kOffice, "V1", "new_members", "2020", "4");
  const std::string good_path = f.export_from(*a, "V1", "a.jcpkg");
  std::ifstream in(good_path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string good = ss.str();
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream o(f.dir.file(name), std::ios::binary);
    o << text;
    return f.dir.file(name);
  };
  const std::string before = snapshot(town);

  std::string tampered = good;
  tampered[tampered.size() - 40] = tampered[tampered.size() - 40] == 'a' ? 'b' : 'a';
  CHECK(import_refusal(town, write("t.jcpkg", tampered)).find("校验不符") != std::string::npos);
  CHECK(import_refusal(town, write("cut.jcpkg", good.substr(0, good.size() / 2))).find("不完整") != std::string::npos);
  std::string newer = good;
  newer.replace(newer.find("\"version\":3"), 11, "\"version\":7");
  CHECK(import_refusal(town, write("new.jcpkg", newer)).find("新版本") != std::string::npos);

  // Another town with the very same codes: its identity differs, so it is refused.
  auto other = Store::open(f.dir.file("other.db"));
  test::make_small_town(*other);
  other->rename_org(other->town()->id, "邻镇", kOffice);
  set(*other, kOffice, "V1", "new_members", "2020", "40");
  const std::string foreign = f.export_from(*other, "V1", "other.jcpkg");
  const std::string msg = import_refusal(town, foreign);
  CHECK(msg.find("邻镇") != std::string::npos);
  CHECK(msg.find("测试镇") != std::string::npos);

  // A value that breaks the catalog's rules inside a well-formed package: all or nothing.
  set(*a, kOffice, "V1", "commando_teams", "2020", "2");
  std::string bad = f.export_from(*a, "V1", "bad.jcpkg");
  {
    const DeviceKey key = own_device_key(*a);
    auto rp = read_package(bad, &key);
    rp.package.values.back().now.value = -5;
    write_package(rp.package, key, bad, receivers(*a));  // signed again: the rules, not the signature, refuse it
  }
  CHECK(import_refusal(town, bad).find("bad.jcpkg") != std::string::npos);

  // A value a form would never take, signed by the tablet: a town-level figure filed under a
  // village, a yearly figure given a month. The store's own rule (entry_refusal) refuses it.
  for (const auto& [indicator, period, says] : {std::tuple{"town_meetings", "2020", "由镇党委统一填报"},
                                                std::tuple{"commando_teams", "2020-05", "按年填报"}}) {
    const DeviceKey key = own_device_key(*a);
    auto rp = read_package(f.export_from(*a, "V1", "fresh.jcpkg", true), &key);
    REQUIRE_FALSE(rp.package.values.empty());
    rp.package.values.back().indicator = indicator;
    rp.package.values.back().period = period;
    rp.package.values.back().now.value = 2;
    const std::string odd = f.dir.file(std::string(indicator) + ".jcpkg");
    write_package(rp.package, key, odd, receivers(*a));
    const std::string msg = import_refusal(town, odd);
    CHECK_MESSAGE(msg.find(says) != std::string::npos, msg);
    CHECK(msg.find(indicator + std::string(".jcpkg")) != std::string::npos);
  }

  // A member whose stage date is no date ("yesterday"), signed by the tablet: the store's member
  // rules refuse the package, naming the file and the field.
  {
    Member m = member_named(*a, "李四");  // of 东山村
    m.full_on = "2016-07-01";
    a->update_member(m, kOffice, "更正转正日期");
    const std::string dated = f.export_from(*a, "V1", "dated.jcpkg");
    const DeviceKey key = own_device_key(*a);
    auto rp = read_package(dated, &key);
    REQUIRE_FALSE(rp.package.members.empty());
    std::string& record = rp.package.members.front().record;
    record.replace(record.find("2016-07-01"), 10, "yesterday");
    write_package(rp.package, key, dated, receivers(*a));
    const std::string msg = import_refusal(town, dated);
    CHECK(msg.find("dated.jcpkg") != std::string::npos);
    CHECK(msg.find("yesterday") != std::string::npos);
  }

  CHECK(snapshot(town) == before);
  CHECK(import_package_file(town, good_path, kOffice).updated == 1);  // the good one still goes in
}

TEST_CASE("an empty database takes a town package and becomes that town's copy") {
  Field f;
  // Sealed for the office's tablets: a new database is none of them.
  export_package(*f.town, {{}, "tablet", true, kOffice}, f.dir.file("sealed.jcpkg"));
  auto fresh = Store::open(f.dir.file("fresh.db"));
  CHECK(import_refusal(*fresh, f.dir.file("sealed.jcpkg")).find("其中没有本机") != std::string::npos);
  CHECK(fresh->is_empty());
  // An open package: the town and its figures, members counted but not named.
  export_package(*f.town, {{}, "new tablet", true, kOffice, true}, f.dir.file("all.jcpkg"));
  auto r = import_package_file(*fresh, f.dir.file("all.jcpkg"), kOffice);
  CHECK(r.adopted);
  CHECK(r.orgs_added == 7);
  CHECK(r.members_added == 2);
  CHECK(fresh->meta("town_id") == f.town->meta("town_id"));
  CHECK(value_of(*fresh, "V2", "cold_stores", "2020") == 1);
  REQUIRE(fresh->members().size() == 2);
  for (const auto& m : fresh->members()) {
    CHECK(m.name.empty());
    CHECK(m.birth_date.empty());
  }
}

TEST_CASE("tablets: a figure that breaks a cross-field rule against the office's figures becomes a conflict, not a write") {
  Field f;
  set(*f.town, kOffice, "V1", "registered_poor_households", "2020", "10");
  clone_for_device(*f.town, f.dir.file("tabD.db"));
  const Actor clerk{"采集员", "", Role::Admin, {}};
  {
    // Tablet A: 8 of the 10 households lifted (right on the tablet); and a consistent pair of new
    // figures for V2 (both sides of a rule in one package).
    auto a = f.tablet("tabD.db");
    set(*a, clerk, "V1", "lifted_households", "2020", "8");
    set(*a, clerk, "V2", "registered_poor_households", "2020", "20");
    set(*a, clerk, "V2", "lifted_households", "2020", "15");
    f.export_from(*a, "V1", "a1.jcpkg");
    f.export_from(*a, "V2", "a2.jcpkg");
  }
  // Meanwhile the office corrects V1's poor households down to 5.
  set(*f.town, kOffice, "V1", "registered_poor_households", "2020", "5");
  auto values_now = [&] {
    std::string out;
    for (const auto& v : f.town->values(2020)) out += std::to_string(v.org) + v.indicator + std::to_string(v.value) + ";";
    return out;
  };
  const std::string before = values_now();

  const ImportResult r = import_package_file(*f.town, f.dir.file("a1.jcpkg"), kOffice);
  CHECK(r.rule_conflicts == 1);
  CHECK(r.conflicts == 1);
  CHECK(r.added == 0);
  CHECK_FALSE(value_of(*f.town, "V1", "lifted_households", "2020"));  // 8 > 5 never written
  CHECK(values_now() == before);
  auto open = conflicts(*f.town);
  REQUIRE(open.size() == 1);
  CHECK(open[0].indicator == "lifted_households");
  CHECK(open[0].remote == 8);
  CHECK(open[0].rule.find("贫困户") != std::string::npos);
  // Taking the tablet's figure is checked again, and refused while the rule is still broken.
  CHECK_THROWS_AS(resolve_conflict(*f.town, open[0].id, Choice::Remote, "", kOffice), InputError);
  CHECK(conflicts(*f.town).size() == 1);
  // Once the office's figure is put right, the tablet's figure can be taken.
  set(*f.town, kOffice, "V1", "registered_poor_households", "2020", "9");
  resolve_conflict(*f.town, open[0].id, Choice::Remote, "", kOffice);
  CHECK(value_of(*f.town, "V1", "lifted_households", "2020") == 8);

  // Both sides of a rule new in one package: each is checked against the other, and both arrive.
  const ImportResult r2 = import_package_file(*f.town, f.dir.file("a2.jcpkg"), kOffice);
  CHECK(r2.rule_conflicts == 0);
  CHECK(value_of(*f.town, "V2", "registered_poor_households", "2020") == 20);
  CHECK(value_of(*f.town, "V2", "lifted_households", "2020") == 15);
  // Importing again is a no-op.
  CHECK(import_package_file(*f.town, f.dir.file("a1.jcpkg"), kOffice).already_imported);
}

TEST_CASE("tablets: a figure that breaks a rule against a computed figure is put back and becomes a conflict") {
  Field f;
  const Actor clerk{"采集员", "", Role::Admin, {}};
  clone_for_device(*f.town, f.dir.file("tabD.db"));
  {
    // On the tablet V1 has one member (李四): one 响应 member is right there. A second package adds
    // a member and raises the figure to two: both arrive together.
    auto a = f.tablet("tabD.db");
    set(*a, clerk, "V1", "response_members", "2020", "1");
    f.export_from(*a, "V1", "a1.jcpkg");
    a->add_member({0, "王五", "男", "1985-01-01", f.t.b1a, MemberStage::Full, "", "", "", "", "", "2010-07-01"}, clerk);
    set(*a, clerk, "V1", "response_members", "2020", "2");
    f.export_from(*a, "V1", "a2.jcpkg");
  }
  // Meanwhile the office finds 李四 was filed under the wrong town and deletes her: V1 has no
  // members here, though the town keeps a roster (张三, in V2).
  f.town->delete_member(member_named(*f.town, "李四").id, kOffice, "不属本镇");
  const ImportResult r = import_package_file(*f.town, f.dir.file("a1.jcpkg"), kOffice);
  CHECK(r.rule_conflicts == 1);
  CHECK(r.conflicts == 1);
  CHECK(r.added == 0);
  CHECK_FALSE(value_of(*f.town, "V1", "response_members", "2020"));  // 1 > 0 members: put back (none)
  auto open = conflicts(*f.town);
  REQUIRE(open.size() == 1);
  CHECK(open[0].indicator == "response_members");
  CHECK(open[0].remote == 1);
  CHECK(open[0].rule.find("党员") != std::string::npos);

  // The second package brings 王五 with the figure 2. The member arrives; the figure, put back
  // here after the first package, changed on both sides: a conflict for a person, not a write.
  const ImportResult r2 = import_package_file(*f.town, f.dir.file("a2.jcpkg"), kOffice);
  CHECK(r2.members_added == 1);
  CHECK(r2.conflicts == 1);
  CHECK_FALSE(value_of(*f.town, "V1", "response_members", "2020"));

  // A tablet whose figure keeps the rule with the members its package brings: written.
  clone_for_device(*f.town, f.dir.file("tabE.db"));
  {
    auto e = f.tablet("tabE.db");
    e->add_member({0, "赵六", "女", "1992-02-02", f.t.b1a, MemberStage::Full, "", "", "", "", "", "2018-07-01"}, clerk);
    set(*e, clerk, "V1", "response_members", "2020", "2");
    f.export_from(*e, "V1", "e1.jcpkg");
  }
  const ImportResult r3 = import_package_file(*f.town, f.dir.file("e1.jcpkg"), kOffice);
  CHECK(r3.rule_conflicts == 0);
  CHECK(r3.members_added == 1);
  CHECK(value_of(*f.town, "V1", "response_members", "2020") == 2);
}

TEST_CASE("tablets: a value that kept its rule only against a value put back is put back too") {
  Field f;
  const Actor clerk{"采集员", "", Role::Admin, {}};
  // A town indicator ruled against 参与疫情防控党员数, itself ruled against the roster's 党员数.
  const std::string id = f.town->define_indicator(
      R"({"name": "党员志愿者数", "section": "emergency", "unit": "名", "kind": "count", "rules": [{"le": "response_members"}]})",
      kOffice);
  set(*f.town, kOffice, "V1", "response_members", "2020", "1");  // V1 has one member, 李四
  clone_for_device(*f.town, f.dir.file("tabD.db"));
  {
    auto a = f.tablet("tabD.db");
    a->add_member({0, "王五", "男", "1985-01-01", f.t.b1a, MemberStage::Full, "", "", "", "", "", "2010-07-01"}, clerk);
    set(*a, clerk, "V1", "response_members", "2020", "2");
    set(*a, clerk, "V1", id.c_str(), "2020", "2");  // keeps its rule against the tablet's 2
    f.export_from(*a, "V1", "a1.jcpkg");
  }
  // Meanwhile the office deletes 李四: after the package V1 has one member (王五, who comes with
  // it), so 2 responders break the roster's rule and go back to 1; then 2 volunteers break theirs.
  f.town->delete_member(member_named(*f.town, "李四").id, kOffice, "不属本镇");
  const ImportResult r = import_package_file(*f.town, f.dir.file("a1.jcpkg"), kOffice);
  CHECK(r.members_added == 1);
  CHECK(r.rule_conflicts == 2);
  CHECK(value_of(*f.town, "V1", "response_members", "2020") == 1);  // put back
  CHECK_FALSE(value_of(*f.town, "V1", id.c_str(), "2020"));            // 2 > 1: put back (none)
  auto open = conflicts(*f.town);
  REQUIRE(open.size() == 2);
  CHECK(open[0].indicator == "response_members");
  CHECK(open[1].indicator == id);
}
