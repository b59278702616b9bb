#include <doctest/doctest.h>

#include <fstream>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "csv/MembersCsv.hpp"
#include "csv/OrgsCsv.hpp"
#include "demo/Demo.hpp"
#include "model/MemberStages.hpp"
#include "Rejection.hpp"
#include "SmallTown.hpp"
#include "store/Authentication.hpp"
#include "store/Store.hpp"
#include "store/Users.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using jiceng::test::rejection;

namespace {

struct Town : test::SmallTownDb {
  Actor admin{"管理员", "office"};
  Actor clerk{"王娜", "tablet-1", Role::Clerk, {t.v1}};
  Actor leader{"张书记", "tablet-2", Role::Leader, {}};
};

}  // namespace

TEST_CASE("a clerk enters data only for assigned organisations; a leader only reads and approves") {
  Town w;
  w.s->set_value({"V1", "new_members", "2020", "2"}, w.clerk);
  CHECK(rejection([&] { w.s->set_value({"V2", "new_members", "2020", "2"}, w.clerk); }).find("没有被分配") != std::string::npos);
  CHECK(rejection([&] { w.s->set_value({"V1", "new_members", "2020", "3"}, w.leader); }).find("领导") != std::string::npos);
  CHECK(rejection([&] { w.s->add_org({0, "V3", "新村", OrgKind::Village, w.t.town, 3}, w.clerk); }).find("没有权限") != std::string::npos);
  CHECK(w.s->value(w.t.v1, "new_members", {2020, 0})->value == 2);
}

TEST_CASE("draft → submitted by the clerk → approved by a leader; reopen needs a reason") {
  Town w;
  const Period y{2020, 0};
  w.s->set_values({{"V1", "new_members", "2020", "2"}, {"V1", "cold_stores", "2020", "1"}}, w.clerk);
  CHECK(w.s->period_status(w.t.v1, y) == ValueStatus::Draft);
  // A clerk may not approve, not even their own village.
  CHECK(!rejection([&] { w.s->approve(w.t.v1, y, w.clerk); }).empty());
  // Drafts cannot be approved.
  CHECK(rejection([&] { w.s->approve(w.t.v1, y, w.leader); }).find("草稿") != std::string::npos);
  w.s->submit(w.t.v1, y, w.clerk, true);  // two of the year's figures: the gaps confirmed
  CHECK(w.s->period_status(w.t.v1, y) == ValueStatus::Submitted);
  w.s->approve(w.t.v1, y, w.leader);
  CHECK(w.s->period_status(w.t.v1, y) == ValueStatus::Approved);
  CHECK(rejection([&] { w.s->reopen(w.t.v1, y, w.leader, "  "); }).find("原因") != std::string::npos);
  w.s->reopen(w.t.v1, y, w.leader, "捐款数与台账不符");
  CHECK(w.s->period_status(w.t.v1, y) == ValueStatus::Draft);
  auto h = w.s->history({w.t.v1, "new_members", "2020", 0});
  REQUIRE(h.size() == 4);  // typed, submitted, approved, reopened
  CHECK(h[0].reason == "捐款数与台账不符");
  CHECK(h[0].user == "张书记");
  CHECK(h[1].action == "set_status");
}

TEST_CASE("undo restores the previous value and is itself recorded") {
  Town w;
  const Period y{2020, 0};
  w.s->set_value({"V1", "cold_stores", "2020", "1"}, w.clerk);
  w.s->set_value({"V1", "cold_stores", "2020", "5"}, w.clerk);
  w.s->undo_last(w.t.v1, "cold_stores", y, w.clerk);
  CHECK(w.s->value(w.t.v1, "cold_stores", y)->value == 1);
  auto h = w.s->history({w.t.v1, "cold_stores", "", 0});
  CHECK(h[0].action == "undo");
  CHECK(h[0].old_value == 5);
  CHECK(h[0].new_value == 1);
  // Undoing the first entry removes the value altogether.
  w.s->undo_last(w.t.v1, "cold_stores", y, w.clerk);  // undo of the undo: back to 5
  CHECK(w.s->value(w.t.v1, "cold_stores", y)->value == 5);
  w.s->set_value({"V1", "street_lights", "2020", "8"}, w.clerk);
  w.s->undo_last(w.t.v1, "street_lights", y, w.clerk);
  CHECK(!w.s->value(w.t.v1, "street_lights", y));
}

TEST_CASE("undo goes through the writer: a restored value that breaks a cross-field rule is refused") {
  Town w;
  const Period march{2020, 3};
  w.s->set_value({"T", "town_meetings", "2020-03", "5"}, w.admin);
  w.s->set_value({"T", "town_meetings", "2020-03", "10"}, w.admin);
  w.s->set_value({"T", "site_visits", "2020-03", "8"}, w.admin);  // 8 ≤ 10 meetings
  const auto audit_before = w.s->history({}).size();
  // Undoing the meetings would bring back 5, below the 8 site visits: the rule's own message.
  const std::string refused = rejection([&] { w.s->undo_last(w.s->town()->id, "town_meetings", march, w.admin); });
  CHECK_MESSAGE(refused.find("（8）") != std::string::npos, refused);
  CHECK(w.s->value(w.s->town()->id, "town_meetings", march)->value == 10);
  CHECK(w.s->history({}).size() == audit_before);
  // Once the visits are corrected, the same undo goes in, audited as an undo and signed like any write.
  w.s->set_value({"T", "site_visits", "2020-03", "4"}, w.admin);
  w.s->undo_last(w.s->town()->id, "town_meetings", march, w.admin);
  CHECK(w.s->value(w.s->town()->id, "town_meetings", march)->value == 5);
  const auto h = w.s->history({w.s->town()->id, "town_meetings", "", 0});
  CHECK(h[0].action == "undo");
  CHECK(h[0].old_value == 10);
  CHECK(h[0].new_value == 5);
}

TEST_CASE("organisations: rename, move within the rules, delete only with the stronger confirmation") {
  Town w;
  w.s->rename_org(w.t.v2, "西河社区", w.admin);
  CHECK(w.s->org(w.t.v2)->name == "西河社区");
  // A branch may move under another village; a village may not go under a branch; nothing into itself.
  w.s->move_org(w.t.b1b, w.t.v2, w.admin);
  CHECK(w.s->org(w.t.b1b)->parent == w.t.v2);
  CHECK(rejection([&] { w.s->move_org(w.t.v1, w.t.b2, w.admin); }).find("不能放在") != std::string::npos);
  CHECK(!rejection([&] { w.s->move_org(w.t.gb1, w.t.b1a, w.admin); }).empty());
  Member m;
  m.name = "李赟";
  m.branch = w.t.b1a;
  m.stage = MemberStage::Full;
  m.probationary_on = "2018-07-01";
  m.full_on = "2019-07-01";
  w.s->add_member(m, w.admin);
  w.s->set_value({"V1", "cold_stores", "2020", "2"}, w.admin);
  auto impact = w.s->org_impact(w.t.v1);
  CHECK(impact.orgs == 3);  // the village, its 党总支 and the branch left under it
  CHECK(impact.members == 1);
  CHECK(impact.values == 1);
  CHECK(rejection([&] { w.s->delete_org(w.t.v1, false, w.admin); }).find("确认") != std::string::npos);
  CHECK(w.s->org(w.t.v1));
  w.s->delete_org(w.t.v1, true, w.admin, "并村");
  CHECK(!w.s->org(w.t.v1));
  CHECK(!w.s->org(w.t.b1a));
  CHECK(w.s->members().empty());
  auto h = w.s->history({std::nullopt, "", "", 1});
  CHECK(h[0].action == "delete_org");
  CHECK(h[0].reason == "并村");
  CHECK(h[0].detail.find("东山村") != std::string::npos);
}

TEST_CASE("the development pipeline: broken dates are errors, time-rule breaches warnings") {
  Member m;
  m.name = "赵辑";
  m.stage = MemberStage::Probationary;
  m.applied_on = "2018-03-01";
  m.talked_on = "2018-05-20";       // more than a month after applying
  m.activist_on = "2018-06-01";     // three months after applying
  m.candidate_on = "2019-03-01";    // under a year as activist
  m.probationary_on = "2019-09-01";
  auto issues = check_pipeline(m);
  auto has = [&](const char* field, bool error) {
    for (const auto& i : issues) if (i.field == field && i.error == error) return true;
    return false;
  };
  CHECK(has("talked_on", false));
  CHECK(has("activist_on", false));
  CHECK(has("candidate_on", false));
  CHECK(!has("probationary_on", true));
  m.candidate_on = "2017-01-01";  // before becoming an activist
  issues = check_pipeline(m);
  CHECK(has("candidate_on", true));
  m.candidate_on = "2019-02-30";
  issues = check_pipeline(m);
  CHECK(has("candidate_on", true));

  Town w;
  m.branch = w.t.b2;
  CHECK(rejection([&] { w.s->add_member(m, w.admin); }).find("2019-02-30") != std::string::npos);
  CHECK(w.s->members().empty());
}

TEST_CASE("users sign in with a PIN stored as a salted hash; the actor carries role and scope") {
  Town w;
  User u;
  u.login = "wangna";
  u.name = "王娜";
  u.role = Role::Clerk;
  u.orgs = {w.t.v1};
  add_user(*w.s, u, "2468", w.admin);
  CHECK(rejection([&] { add_user(*w.s, u, "2468", w.admin); }).find("wangna") != std::string::npos);
  CHECK(rejection([&] { u.login = "x"; add_user(*w.s, u, "12a4", w.admin); }).find("PIN") != std::string::npos);
  CHECK(rejection([&] { User v{0, "y", "y", Role::Admin, true, {}}; add_user(*w.s, v, "1234", w.clerk); }).find("没有权限") != std::string::npos);
  // The PIN is not stored in the clear, and two users with the same PIN get different hashes.
  add_user(*w.s, User{0, "lisi", "李四", Role::Leader, true, {}}, "2468", w.admin);
  sql::Stmt st(w.s->handle(), "SELECT pin_hash FROM users ORDER BY id");
  std::vector<std::string> hashes;
  while (st.step()) hashes.push_back(st.text(0));
  REQUIRE(hashes.size() == 2);
  CHECK(hashes[0].find("2468") == std::string::npos);
  CHECK(hashes[0] != hashes[1]);
  CHECK(rejection([&] { sign_in(*w.s, "wangna", "1111"); }).find("不正确") != std::string::npos);
  Actor a = sign_in(*w.s, "wangna", "2468");
  CHECK(a.user == "王娜");
  CHECK(a.role == Role::Clerk);
  CHECK(a.scope == std::vector<OrgId>{w.t.v1});
  w.s->set_value({"V1", "cold_stores", "2020", "1"}, a);
  CHECK(!rejection([&] { w.s->set_value({"V2", "cold_stores", "2020", "1"}, a); }).empty());
}

TEST_CASE("organisations and members import from CSV, all or nothing, errors with line and column") {
  test::TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  Actor admin;
  s->add_org({0, "T", "测试镇", OrgKind::Town, std::nullopt, 0}, admin);
  const std::string orgs = dir.file("orgs.csv");
  std::ofstream(orgs) << "\xEF\xBB\xBF组织代码,组织名称,类型,上级代码\nV1,东山村,行政村,T\nV1-1,东山村党支部,党支部,V1\nS1,中心学校,镇直单位,T\n";
  CHECK(import_orgs_csv(*s, orgs, admin) == 3);
  CHECK(s->find_org("东山村党支部")->parent == s->find_org("V1")->id);

  const std::string bad = dir.file("bad_orgs.csv");
  std::ofstream(bad) << "组织代码,组织名称,类型,上级代码\nV2,西河村,行政村,T\nV3,北岭村,大队,T\n";
  try {
    import_orgs_csv(*s, bad, admin);
    FAIL("expected a rejection");
  } catch (const InputError& e) {
    CHECK(e.where().line == 3);
    CHECK(e.where().field == "类型");
    CHECK(std::string(e.what()).find("大队") != std::string::npos);
  }
  CHECK(!s->find_org("V2"));  // the good row before it was not kept

  const std::string members = dir.file("members.csv");
  std::ofstream(members) << "姓名,性别,出生日期,所在支部,发展阶段,申请入党日期,谈话日期,确定积极分子日期,确定发展对象日期,接收预备党员日期,转正日期,后备干部\n"
                         << "刘娜,女,1990-05-02,V1-1,正式党员,2010-01-01,2010-01-20,2010-08-01,2011-09-01,2012-06-01,2013-06-01,是\n"
                         << "陈赟,男,1995-11-12,东山村党支部,入党积极分子,2019-03-01,2019-03-15,2019-10-01,,,,\n";
  CHECK(import_members_csv(*s, members, admin).added == 2);
  auto ms = s->members();
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].reserve_cadre);
  CHECK(ms[1].stage == MemberStage::Activist);

  const std::string bad_members = dir.file("bad_members.csv");
  std::ofstream(bad_members) << "姓名,所在支部,发展阶段,申请入党日期\n张三,V1-1,入党申请人,2020-01-01\n李四,V1-1,入党申请人,2020-13-01\n";
  try {
    import_members_csv(*s, bad_members, admin);
    FAIL("expected a rejection");
  } catch (const InputError& e) {
    CHECK(e.where().line == 3);
    CHECK(std::string(e.what()).find("2020-13-01") != std::string::npos);
  }
  CHECK(s->members().size() == 2);
}

TEST_CASE("the demo town has one user of each role, and their rights hold") {
  test::TempDir dir;
  auto s = Store::open(dir.file("demo.db"));
  write_demo_town(*s);
  auto users = list_users(*s);
  REQUIRE(users.size() == 3);
  Actor clerk = sign_in(*s, "clerk", "3456");
  Actor leader = sign_in(*s, "leader", "2345");
  Actor admin = sign_in(*s, "admin", "246810");
  CHECK(clerk.role == Role::Clerk);
  CHECK(leader.role == Role::Leader);
  CHECK(admin.role == Role::Admin);
  s->set_value({"V01", "cold_stores", "2020", "1"}, clerk);
  CHECK(!rejection([&] { s->set_value({"V02", "cold_stores", "2020", "1"}, clerk); }).empty());
  CHECK(!rejection([&] { s->set_value({"V01", "cold_stores", "2020", "2"}, leader); }).empty());
}
