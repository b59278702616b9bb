// Personal data travels only to its receivers: a package from a paired device is sealed for the
// devices registered there, a package anyone could read (no receiver known, or for the county)
// carries no member's name, gender or birth date, and a receiver keeps the names it has.
#include <doctest/doctest.h>

#include <filesystem>

#include "base/Error.hpp"
#include "SmallTown.hpp"
#include "store/DeviceKeys.hpp"
#include "store/Store.hpp"
#include "sync/County.hpp"
#include "sync/Export.hpp"
#include "sync/Import.hpp"
#include "sync/Members.hpp"
#include "SyncFixtures.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::sync;
using jiceng::test::payload_of;
using jiceng::test::slurp;
using jiceng::test::snapshot;
using jiceng::test::spit;

namespace {

const Actor kOffice{"组织委员", "", Role::Admin, {}};

std::string refusal(Store& s, const std::string& path) { return test::import_refusal(s, path, kOffice); }

// A town office with one named member in 东山村 and a tablet cloned from it.
struct Paired {
  test::TempDir dir;
  std::unique_ptr<Store> office;
  std::unique_ptr<Store> tablet;
  test::SmallTown t;
  int64_t member = 0;
  Paired() {
    office = Store::open(dir.file("town.db"));
    t = test::make_small_town(*office);
    member = office->add_member(
        {0, "欧阳娜娜", "女", "1988-04-12", t.b1a, MemberStage::Probationary, "", "", "", "", "2020-03-01", ""}, kOffice);
    clone_for_device(*office, dir.file("tab.db"), kDefaultDestination, kOffice);
    tablet = Store::open(dir.file("tab.db"));
  }
  std::string send(Store& from, const char* file, bool open = false, const char* to = kDefaultDestination) {
    export_package(from, {{"V1"}, to, false, kOffice, open}, dir.file(file));
    return dir.file(file);
  }
  Member member_at(Store& s) {
    for (const auto& m : s.members())
      if (m.branch == t.b1a) return m;
    FAIL("no member in 东山村第一党支部");
    return {};
  }
  // The member becomes a full member on `s` (a change the figures count).
  Member make_full(Store& s) {
    Member m = member_at(s);
    m.stage = MemberStage::Full;
    m.full_on = "2021-03-01";
    s.update_member(m, kOffice, "转正");
    return m;
  }
};

}  // namespace

TEST_CASE("a tablet's package is sealed for the office: no name, figure or town in the file, and only the office opens it") {
  Paired p;
  p.make_full(*p.tablet);
  p.tablet->set_value({"V1", "new_members", "2020", "4817"}, kOffice);
  const std::string file = p.send(*p.tablet, "a.jcpkg");

  const std::string bytes = slurp(file);
  for (const char* clear : {"欧阳娜娜", "1988-04-12", "4817", "东山村", "测试镇", "new_members"})
    CHECK_MESSAGE(bytes.find(clear) == std::string::npos, clear);
  const ReadPackage header = read_package(file);
  CHECK(header.sealed);
  CHECK(header.version == 3);
  CHECK(header.package.device == p.tablet->device_id());
  REQUIRE(header.recipients.size() == 2);  // the office, and the tablet itself
  CHECK(header.recipients[0].device == p.office->device_id());

  // Another database of the town (a second tablet) is not a recipient: refused, nothing written.
  clone_for_device(*p.office, p.dir.file("tab2.db"), kDefaultDestination, kOffice);
  auto other = Store::open(p.dir.file("tab2.db"));
  const std::string before = snapshot(*other);
  const std::string msg = refusal(*other, file);
  CHECK(msg.find("其中没有本机") != std::string::npos);
  CHECK(msg.find("a.jcpkg") != std::string::npos);
  CHECK(snapshot(*other) == before);

  // The office opens it: the member's new stage and the figure arrive, the name stays.
  const ImportResult r = import_package_file(*p.office, file, kOffice);
  CHECK(r.members_updated == 1);
  CHECK(r.added == 1);
  const Member there = p.member_at(*p.office);
  CHECK(there.stage == MemberStage::Full);
  CHECK(there.name == "欧阳娜娜");
  // The sender opens what it sent, too.
  const DeviceKey own = own_device_key(*p.tablet);
  CHECK(read_package(file, &own).package.values.size() == 1);
}

TEST_CASE("a sealed package changed in any part is refused without a write") {
  Paired p;
  p.tablet->set_value({"V1", "new_members", "2020", "4"}, kOffice);
  const std::string file = p.send(*p.tablet, "a.jcpkg");
  const std::string good = slurp(file);
  const std::string before = snapshot(*p.office);

  // A byte of the body flipped (checksum) …
  std::string flipped = good;
  flipped[flipped.size() - 5] ^= 1;
  spit(p.dir.file("flip.jcpkg"), flipped);
  CHECK(refusal(*p.office, p.dir.file("flip.jcpkg")).find("校验不符") != std::string::npos);

  // … the office's sealed key replaced by the tablet's own (the recipients are signed too).
  const size_t first = good.find("\"sealed\":\"") + 10;
  const size_t second = good.find("\"sealed\":\"", first) + 10;
  REQUIRE(second > first);
  std::string swapped = good;
  swapped.replace(first, kSealedKeyHexSize, good.substr(second, kSealedKeyHexSize));
  spit(p.dir.file("swap.jcpkg"), swapped);
  CHECK(refusal(*p.office, p.dir.file("swap.jcpkg")).find("签名不符") != std::string::npos);

  // … or the list of recipients made something else than a list of sealed keys.
  std::string damaged = good;
  damaged.replace(first, 4, "zzzz");
  spit(p.dir.file("bad.jcpkg"), damaged);
  CHECK(refusal(*p.office, p.dir.file("bad.jcpkg")).find("recipients") != std::string::npos);

  CHECK(snapshot(*p.office) == before);
  CHECK(import_package_file(*p.office, file, kOffice).added == 1);  // the real one still goes in
}

TEST_CASE("an open package carries members without names, and the receiver keeps its own") {
  Paired p;
  // The tablet sends open (as if it knew no receiver): the stage goes, the name does not.
  Member m = p.make_full(*p.tablet);
  const std::string open = p.send(*p.tablet, "open.jcpkg", true);
  const std::string bytes = slurp(open);
  CHECK(bytes.find("欧阳娜娜") == std::string::npos);  // neither in the record nor in the history's detail
  CHECK(bytes.find("1988-04-12") == std::string::npos);
  CHECK(bytes.find("\"personal\":false") != std::string::npos);
  CHECK(bytes.find("2021-03-01") != std::string::npos);  // what the figures count still travels
  CHECK(read_package(open).recipients.empty());

  ImportResult r = import_package_file(*p.office, open, kOffice);
  CHECK(r.members_updated == 1);
  CHECK(r.member_conflicts == 0);
  Member there = p.member_at(*p.office);
  CHECK(there.stage == MemberStage::Full);
  CHECK(there.name == "欧阳娜娜");
  CHECK(there.birth_date == "1988-04-12");

  // The next package is sealed and personal: the tablet corrects the name; its base (what it sent
  // last) lacked personal fields, which the office fills from its own — no false conflict.
  m.name = "欧阳娜";
  p.tablet->update_member(m, kOffice, "改正姓名");
  r = import_package_file(*p.office, p.send(*p.tablet, "sealed.jcpkg"), kOffice);
  CHECK(r.members_updated == 1);
  CHECK(r.member_conflicts == 0);
  CHECK(p.member_at(*p.office).name == "欧阳娜");
}

TEST_CASE("a database that knows no other device sends open, without personal fields") {
  test::TempDir dir;
  auto s = Store::open(dir.file("new-town.db"));
  const auto t = test::make_small_town(*s);
  s->add_member({0, "欧阳娜娜", "女", "1988-04-12", t.b2, MemberStage::Full, "", "", "", "", "", "2010-07-01"}, kOffice);
  CHECK(receivers(*s).empty());
  const ExportSummary sum = export_package(*s, {{}, kDefaultDestination, true, kOffice}, dir.file("p.jcpkg"));
  CHECK(sum.sealed_for.empty());
  CHECK(sealing_text(*s, sum).find("未加密") != std::string::npos);
  CHECK(sum.members == 1);
  CHECK(slurp(dir.file("p.jcpkg")).find("欧阳娜娜") == std::string::npos);
  // Nothing can write names into an open package.
  Package named = build_package(*s, {{}, kDefaultDestination, true, kOffice});
  named.personal = true;
  CHECK_THROWS_AS(package_text(named, own_device_key(*s)), std::logic_error);
}

TEST_CASE("the county gets an open package of counts; a sealed one is refused with the command to use") {
  Paired p;
  p.office->set_value({"V1", "new_members", "2020", "3"}, kOffice);
  export_package(*p.office, {{}, kDefaultDestination, true, kOffice}, p.dir.file("sealed.jcpkg"));
  const ExportSummary sum = export_package(*p.office, {{}, kCountyDestination, true, kOffice}, p.dir.file("county.jcpkg"));
  CHECK(sum.sealed_for.empty());
  CHECK(slurp(p.dir.file("county.jcpkg")).find("欧阳娜娜") == std::string::npos);

  auto county = Store::open(p.dir.file("county.db"));
  const std::string before = snapshot(*county);
  try {
    roll_up(*county, p.dir.file("sealed.jcpkg"), kOffice);
    FAIL("a sealed package rolled up");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("--to county") != std::string::npos);
  }
  CHECK(snapshot(*county) == before);
  const RollupResult r = roll_up(*county, p.dir.file("county.jcpkg"), kOffice);
  CHECK(r.town.name == "测试镇");
  CHECK(r.figures > 0);
}

TEST_CASE("member records and history details lose exactly the personal fields") {
  const std::string full =
      R"({"activist_on":"","applied_on":"","birth_date":"1988-04-12","branch":"B","candidate_on":"","full_on":"",)"
      R"("gender":"女","name":"欧阳娜娜","probationary_on":"2020-03-01","reserve_cadre":false,"stage":"probationary","talked_on":""})";
  const std::string bare = without_personal(full);
  CHECK(bare.find("欧阳") == std::string::npos);
  CHECK(bare.find("\"stage\":\"probationary\"") != std::string::npos);
  CHECK(with_personal(bare, full) == full);  // filled back from the receiver's own record
  CHECK(with_personal(full, "") == full);    // a full record is left alone
  const std::string fresh = with_personal(bare, "");
  CHECK(fresh.find("\"name\":\"\"") != std::string::npos);

  const std::string detail = R"({"member_id":7,"old":{"birth_date":"1988-04-12","name":"欧阳娜娜","stage":"full"},)"
                             R"("new":{"birth_date":"1988-04-12","name":"欧阳娜","stage":"full"}})";
  const std::string scrubbed = without_personal_detail(detail);
  CHECK(scrubbed.find("欧阳") == std::string::npos);
  CHECK(scrubbed.find("1988") == std::string::npos);
  CHECK(scrubbed.find("\"stage\":\"full\"") != std::string::npos);
  // An organisation's name is no one's personal data.
  CHECK(without_personal_detail(R"({"code":"V1","name":"东山村","members":3})").find("东山村") != std::string::npos);
  CHECK(without_personal_detail("not json") == "not json");
}

TEST_CASE("a name corrected at the office survives the tablet's next sealed package after an open one") {
  Paired p;
  p.make_full(*p.tablet);
  CHECK(import_package_file(*p.office, p.send(*p.tablet, "open.jcpkg", true), kOffice).members_updated == 1);
  Member there = p.member_at(*p.office);
  there.name = "欧阳娜";
  p.office->update_member(there, kOffice, "改正姓名");
  // Nothing changed on the tablet since: its sealed package has no member in it, so it cannot
  // undo the office's correction.
  const ImportResult r = import_package_file(*p.office, p.send(*p.tablet, "sealed.jcpkg"), kOffice);
  CHECK(r.members_updated == 0);
  CHECK(r.member_conflicts == 0);
  CHECK(p.member_at(*p.office).name == "欧阳娜");
}

TEST_CASE("a member that arrived without a name does not blank the sender's name when it goes back") {
  Paired p;
  // A new member on the tablet reaches the office by an open package: counted, not named.
  p.tablet->add_member({0, "司马光", "男", "1990-01-02", p.t.b2, MemberStage::Applicant, "2020-05-01", "", "", "", "", ""},
                       kOffice);
  export_package(*p.tablet, {{"V2"}, kDefaultDestination, false, kOffice, true}, p.dir.file("v2.jcpkg"));
  CHECK(import_package_file(*p.office, p.dir.file("v2.jcpkg"), kOffice).members_added == 1);
  // The office sends 西河村 back, sealed: the nameless record goes without personal fields, and
  // the tablet keeps 司马光 — no conflict, no blank name.
  export_package(*p.office, {{"V2"}, "tablet", true, kOffice}, p.dir.file("back.jcpkg"));
  const ImportResult r = import_package_file(*p.tablet, p.dir.file("back.jcpkg"), kOffice);
  CHECK(r.member_conflicts == 0);
  bool named = false;
  for (const auto& m : p.tablet->members()) named |= m.name == "司马光";
  CHECK(named);
}

TEST_CASE("a tablet seals for the office alone: revoking one tablet at the office leaves no other tablet sealing for it") {
  Paired p;  // tablet A is cloned first
  clone_for_device(*p.office, p.dir.file("tabB.db"), kDefaultDestination, kOffice);
  auto b = Store::open(p.dir.file("tabB.db"));
  const auto keys = receivers(*b);
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].device == p.office->device_id());
  revoke_device_key(*p.office, p.tablet->device_id(), kOffice);
  b->set_value({"V1", "new_members", "2020", "2"}, kOffice);
  const ExportSummary s = export_package(*b, {{"V1"}, kDefaultDestination, false, kOffice}, p.dir.file("b.jcpkg"));
  CHECK(s.sealed_for == std::vector<std::string>{p.office->device_id()});
  CHECK(refusal(*p.tablet, p.dir.file("b.jcpkg")).find("其中没有本机") != std::string::npos);
}
