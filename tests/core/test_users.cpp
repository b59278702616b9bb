// Account management (core/store/Users.hpp, docs/USERS.md): the first admin of a new town, the PIN and
// login rules, the last-admin rule, a clerk's villages, disabled accounts, and the audit entries
// every change leaves (never the PIN).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "Rejection.hpp"
#include "SmallTown.hpp"
#include "store/Authentication.hpp"
#include "store/Store.hpp"
#include "store/Users.hpp"
#include "summary/editor/TemplateStore.hpp"

using namespace jiceng;
using jiceng::test::rejection;

namespace {

std::vector<AuditEntry> entries(const Store& s, const std::string& action) {
  std::vector<AuditEntry> out;
  for (const auto& e : s.history())
    if (e.action == action) out.push_back(e);
  return out;
}

User person(const std::string& login, const std::string& name, Role role, std::vector<OrgId> orgs = {}) {
  User u;
  u.login = login;
  u.name = name;
  u.role = role;
  u.orgs = std::move(orgs);
  return u;
}

}  // namespace

TEST_CASE("PIN rules: digits, length, no repeated digit, no straight run, typed the same twice") {
  CHECK(rejection([] { check_new_pin("", "", Role::Clerk); }).find("请输入 PIN 码") != std::string::npos);
  CHECK(rejection([] { check_new_pin("123", "123", Role::Clerk); }).find("4 到 8 位数字") != std::string::npos);
  CHECK(rejection([] { check_new_pin("123456789", "123456789", Role::Clerk); }).find("4 到 8 位数字") != std::string::npos);
  CHECK(rejection([] { check_new_pin("12a4", "12a4", Role::Clerk); }).find("4 到 8 位数字") != std::string::npos);
  CHECK(rejection([] { check_new_pin("1111", "1111", Role::Clerk); }).find("同一个数字") != std::string::npos);
  CHECK(rejection([] { check_new_pin("1234", "1234", Role::Clerk); }).find("连续") != std::string::npos);
  CHECK(rejection([] { check_new_pin("9876", "9876", Role::Clerk); }).find("连续") != std::string::npos);
  CHECK(rejection([] { check_new_pin("2580", "2581", Role::Clerk); }).find("不一致") != std::string::npos);
  CHECK(rejection([] { check_new_pin("2580", "2580", Role::Clerk); }).empty());
  // An admin's PIN opens every account: six digits at least.
  CHECK(rejection([] { check_new_pin("2580", "2580", Role::Admin); }).find("至少 6 位") != std::string::npos);
  CHECK(rejection([] { check_new_pin("258036", "258036", Role::Admin); }).empty());
  CHECK(rejection([] { check_login("wang na"); }).find("只能用英文字母") != std::string::npos);
  CHECK(rejection([] { check_login("王娜"); }).find("只能用英文字母") != std::string::npos);
  CHECK(rejection([] { check_login("wang.na_2"); }).empty());
}

TEST_CASE("a new town has no admin; its first admin is made once, then only an admin adds users") {
  test::SmallTownDb d;
  Store& s = *d.s;
  CHECK_FALSE(has_active_admin(s));
  CHECK(needs_first_admin(s));
  // The form's mistakes are refused with what to fix, and nothing is written.
  CHECK(rejection([&] { create_first_admin(s, person("zhoumin", " ", Role::Admin), "258036", "258036"); }).find("姓名") != std::string::npos);
  CHECK(rejection([&] { create_first_admin(s, person("zhoumin", "周敏", Role::Admin), "258036", "258063"); }).find("不一致") != std::string::npos);
  CHECK(list_users(s).empty());
  // Whatever role was asked, the first account is the admin.
  const int64_t id = create_first_admin(s, person(" zhoumin ", " 周敏 ", Role::Clerk), "258036", "258036");
  const User admin = *user_by_id(s, id);
  CHECK(admin.login == "zhoumin");
  CHECK(admin.name == "周敏");
  CHECK(admin.role == Role::Admin);
  CHECK(has_active_admin(s));
  CHECK_FALSE(needs_first_admin(s));
  CHECK(rejection([&] { create_first_admin(s, person("other", "他人", Role::Admin), "258036", "258036"); }).find("已有管理员") != std::string::npos);
  // The entry names the new admin; the PIN is nowhere in the history.
  const auto made = entries(s, "add_user");
  REQUIRE(made.size() == 1);
  CHECK(made[0].user == "周敏");
  CHECK(made[0].detail.find("first_admin") != std::string::npos);
  CHECK(made[0].detail.find("258036") == std::string::npos);
  const Actor a = sign_in(s, "zhoumin", "258036");
  CHECK(a.role == Role::Admin);
}

TEST_CASE("an admin adds a clerk for two villages; the clerk enters data for those only") {
  test::SmallTownDb d;
  Store& s = *d.s;
  create_first_admin(s, person("zhoumin", "周敏", Role::Admin), "258036", "258036");
  const Actor admin = sign_in(s, "zhoumin", "258036");
  // A clerk needs a village; a leader or clerk may not add users.
  CHECK(rejection([&] { add_user(s, person("wangna", "王娜", Role::Clerk), "4826", admin); }).find("至少要分配") != std::string::npos);
  add_user(s, person("wangna", "王娜", Role::Clerk, {d.t.v1, d.t.v2}), "4826", admin);
  add_user(s, person("zhangjg", "张建国", Role::Leader), "7395", admin);
  const Actor leader = sign_in(s, "zhangjg", "7395");
  CHECK(rejection([&] { add_user(s, person("x", "某人", Role::Admin), "7395", leader); }).find("没有权限") != std::string::npos);
  CHECK(rejection([&] { add_user(s, person("wangna", "王娜二", Role::Clerk, {d.t.v1}), "4826", admin); }).find("已被使用") != std::string::npos);

  const Actor clerk = sign_in(s, "wangna", "4826");
  CHECK(clerk.scope == std::vector<OrgId>{d.t.v1, d.t.v2});
  s.set_value({"V1", "cold_stores", "2020", "1"}, clerk);
  s.set_value({"V2", "cold_stores", "2020", "2"}, clerk);
  // Narrowed to one village: signed in again, the other is refused.
  set_user_orgs(s, find_user(s, "wangna")->id, {d.t.v1}, admin);
  const Actor narrowed = sign_in(s, "wangna", "4826");
  CHECK(rejection([&] { s.set_value({"V2", "cold_stores", "2020", "3"}, narrowed); }).find("没有被分配") != std::string::npos);
  const auto orgs = entries(s, "set_user_orgs");
  REQUIRE(orgs.size() == 1);
  CHECK(orgs[0].user == "周敏");
  const auto d0 = nlohmann::json::parse(orgs[0].detail);
  CHECK(d0["login"] == "wangna");
  CHECK(d0["orgs"].size() == 1);
  CHECK(d0["old_orgs"].size() == 2);
}

TEST_CASE("nobody disables or demotes the last active admin; a disabled account cannot sign in") {
  test::SmallTownDb d;
  Store& s = *d.s;
  const int64_t first = create_first_admin(s, person("zhoumin", "周敏", Role::Admin), "258036", "258036");
  const Actor admin = sign_in(s, "zhoumin", "258036");
  CHECK(rejection([&] { set_user_active(s, first, false, admin); }).find("唯一启用的管理员") != std::string::npos);
  CHECK(rejection([&] { set_user_role(s, first, Role::Leader, admin); }).find("不能改为其他角色") != std::string::npos);
  CHECK(user_by_id(s, first)->active);
  // With a second admin, the first may step down; then the second is the last one.
  const int64_t second = add_user(s, person("lisi", "李四", Role::Admin), "369147", admin);
  set_user_role(s, first, Role::Leader, admin);
  CHECK(user_by_id(s, first)->role == Role::Leader);
  const Actor lisi = sign_in(s, "lisi", "369147");
  CHECK(rejection([&] { set_user_active(s, second, false, lisi); }).find("唯一启用的管理员") != std::string::npos);
  // A disabled user is told so only after the right PIN, and keeps their history.
  const int64_t clerk = add_user(s, person("wangna", "王娜", Role::Clerk, {d.t.v1}), "4826", lisi);
  set_user_active(s, clerk, false, lisi);
  CHECK(rejection([&] { sign_in(s, "wangna", "4826"); }).find("已停用") != std::string::npos);
  CHECK(rejection([&] { sign_in(s, "wangna", "0000"); }).find("不正确") != std::string::npos);
  set_user_active(s, clerk, true, lisi);
  CHECK(sign_in(s, "wangna", "4826").user == "王娜");
  // A PIN reset: the old one stops working; the entry says whose, not what.
  set_user_pin(s, clerk, "5173", lisi);
  CHECK(rejection([&] { sign_in(s, "wangna", "4826"); }).find("不正确") != std::string::npos);
  CHECK(sign_in(s, "wangna", "5173").role == Role::Clerk);
  const auto pins = entries(s, "set_pin");
  REQUIRE(pins.size() == 1);
  CHECK(pins[0].user == "李四");
  CHECK(pins[0].detail.find("wangna") != std::string::npos);
  CHECK(pins[0].detail.find("5173") == std::string::npos);
  CHECK(entries(s, "set_role").size() == 1);
  CHECK(entries(s, "disable_user").size() == 1);
  CHECK(entries(s, "enable_user").size() == 1);
  // A refused change writes nothing: no entry, no change.
  const size_t before = s.history().size();
  User nameless = *user_by_id(s, clerk);
  nameless.name = "　";  // a full-width space is no name either
  CHECK(rejection([&] { update_user(s, nameless, lisi); }).find("请填写姓名") != std::string::npos);
  CHECK(s.history().size() == before);
}

TEST_CASE("a tablet's town taken in from a package is not offered the first-admin step") {
  test::SmallTownDb d;
  Store& s = *d.s;
  s.transaction([&] { s.record_audit({0, {}, "system", {}, "import_package", std::nullopt, {}, {}, {}, {}, {}, "{}"}); });
  CHECK_FALSE(has_active_admin(s));
  CHECK_FALSE(needs_first_admin(s));
}

TEST_CASE("the summary template: only a leader or an admin changes it; each version records who") {
  test::SmallTownDb d;
  Store& s = *d.s;
  editor::TemplateStore ts(s);
  const Actor clerk{"王娜", "tablet", Role::Clerk, {d.t.v1}};
  const Actor leader{"张建国", "office", Role::Leader, {}};
  summary::Template t = ts.load();
  CHECK(rejection([&] { ts.add_save_point(t, editor::SaveKind::Manual, "初稿", clerk); }).find("不能修改年度总结") != std::string::npos);
  CHECK(rejection([&] { ts.save_working(t, clerk); }).find("需领导或管理员") != std::string::npos);
  CHECK(ts.save_points().empty());
  const int64_t id = ts.add_save_point(t, editor::SaveKind::Manual, "初稿", leader);
  CHECK(rejection([&] { ts.restore(id, clerk); }).find("不能修改") != std::string::npos);
  ts.restore(id, leader);
  const auto points = ts.save_points();
  REQUIRE(points.size() == 2);
  for (const auto& p : points) CHECK(p.user == "张建国");
  const auto versions = entries(s, "summary_version");
  REQUIRE(versions.size() == 2);  // the version saved, and the copy kept before the restore
  CHECK(versions[0].user == "张建国");
}

TEST_CASE("an account becomes admin only with a six-digit PIN already set") {
  test::SmallTownDb d;
  Store& s = *d.s;
  create_first_admin(s, person("zhoumin", "周敏", Role::Admin), "258036", "258036");
  const Actor admin = sign_in(s, "zhoumin", "258036");
  const int64_t leader = add_user(s, person("zhangjg", "张建国", Role::Leader), "7395", admin);
  CHECK(rejection([&] { add_user(s, person("lisi", "李四", Role::Admin), "3691", admin); }).find("至少 6 位") != std::string::npos);
  CHECK(rejection([&] { set_user_role(s, leader, Role::Admin, admin); }).find("不足 6 位") != std::string::npos);
  CHECK(user_by_id(s, leader)->role == Role::Leader);
  set_user_pin(s, leader, "739514", admin);
  set_user_role(s, leader, Role::Admin, admin);
  CHECK(sign_in(s, "zhangjg", "739514").role == Role::Admin);
  // An admin's own PIN is never set shorter.
  CHECK(rejection([&] { set_user_pin(s, leader, "7395", admin); }).find("至少 6 位") != std::string::npos);
}

TEST_CASE("wrong PINs: free tries, then a wait that doubles, then a lock; each one audited; the admin lifts it") {
  test::SmallTownDb d;
  Store& s = *d.s;
  create_first_admin(s, person("zhoumin", "周敏", Role::Admin), "258036", "258036");
  const Actor admin = sign_in(s, "zhoumin", "258036");
  add_user(s, person("wangna", "王娜", Role::Clerk, {d.t.v1}), "4826", admin);
  auto t = SignInClock::now();
  auto at = [&](int seconds) { return t + std::chrono::seconds(seconds); };
  for (int i = 1; i < kFreeTries; ++i) CHECK(rejection([&] { sign_in(s, "wangna", "0000", at(i)); }).find("不正确") != std::string::npos);
  // The third wrong PIN in a row: wait 10 s before the next try, whatever PIN it brings.
  CHECK(rejection([&] { sign_in(s, "wangna", "0000", at(3)); }).find("10 秒后再试") != std::string::npos);
  CHECK(rejection([&] { sign_in(s, "wangna", "4826", at(5)); }).find("秒后再试") != std::string::npos);
  // After the wait the right PIN works and the count starts again.
  CHECK(sign_in(s, "wangna", "4826", at(14)).user == "王娜");
  int clock = 20;
  for (int i = 0; i < kFreeTries; ++i) rejection([&] { sign_in(s, "wangna", "1111", at(clock += 1)); });
  CHECK(rejection([&] { sign_in(s, "wangna", "1111", at(clock += 10)); }).find("20 秒后再试") != std::string::npos);
  CHECK(rejection([&] { sign_in(s, "wangna", "1111", at(clock += 20)); }).find("40 秒后再试") != std::string::npos);
  // The sixth: locked for 15 minutes, even with the right PIN.
  CHECK(rejection([&] { sign_in(s, "wangna", "1111", at(clock += 40)); }).find("已锁定") != std::string::npos);
  CHECK(rejection([&] { sign_in(s, "wangna", "4826", at(clock += 60)); }).find("14 分钟后再试") != std::string::npos);
  CHECK(entries(s, "sign_in_failed").size() == 3 + 5);  // the try that came too soon is not one
  const auto locked = entries(s, "sign_in_locked");
  REQUIRE(locked.size() == 1);
  CHECK(locked[0].detail.find("wangna") != std::string::npos);
  CHECK(locked[0].detail.find("1111") == std::string::npos);  // never the PIN tried
  CHECK(locked[0].user == "（未登录）");
  // The admin sets a new PIN: the lock is lifted at once.
  set_user_pin(s, find_user(s, "wangna")->id, "5173", admin);
  CHECK(sign_in(s, "wangna", "5173", at(clock += 1)).user == "王娜");
  // A login nobody has is slowed the same way (no telling which logins exist).
  for (int i = 0; i < kFreeTries; ++i) rejection([&] { sign_in(s, "nobody", "1357", at(clock += 1)); });
  CHECK(rejection([&] { sign_in(s, "nobody", "1357", at(clock += 1)); }).find("秒后再试") != std::string::npos);
}
