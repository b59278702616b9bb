// Account management (core/Users.hpp, docs/USERS.md): the first admin of a new town, the PIN and
// login rules, the last-admin rule, a clerk's villages, disabled accounts, and the audit entries
// every change leaves (never the PIN).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "Rejection.hpp"
#include "SmallTown.hpp"
#include "Store.hpp"
#include "Users.hpp"
#include "editor/TemplateStore.hpp"

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
  CHECK(rejection([] { check_new_pin("", ""); }).find("请输入 PIN 码") != std::string::npos);
  CHECK(rejection([] { check_new_pin("123", "123"); }).find("4 到 8 位数字") != std::string::npos);
  CHECK(rejection([] { check_new_pin("123456789", "123456789"); }).find("4 到 8 位数字") != std::string::npos);
  CHECK(rejection([] { check_new_pin("12a4", "12a4"); }).find("4 到 8 位数字") != std::string::npos);
  CHECK(rejection([] { check_new_pin("1111", "1111"); }).find("同一个数字") != std::string::npos);
  CHECK(rejection([] { check_new_pin("1234", "1234"); }).find("连续") != std::string::npos);
  CHECK(rejection([] { check_new_pin("9876", "9876"); }).find("连续") != std::string::npos);
  CHECK(rejection([] { check_new_pin("2580", "2581"); }).find("不一致") != std::string::npos);
  CHECK(rejection([] { check_new_pin("2580", "2580"); }).empty());
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
  CHECK(rejection([&] { create_first_admin(s, person("zhoumin", " ", Role::Admin), "2580", "2580"); }).find("姓名") != std::string::npos);
  CHECK(rejection([&] { create_first_admin(s, person("zhoumin", "周敏", Role::Admin), "2580", "2850"); }).find("不一致") != std::string::npos);
  CHECK(list_users(s).empty());
  // Whatever role was asked, the first account is the admin.
  const int64_t id = create_first_admin(s, person(" zhoumin ", " 周敏 ", Role::Clerk), "2580", "2580");
  const User admin = *user_by_id(s, id);
  CHECK(admin.login == "zhoumin");
  CHECK(admin.name == "周敏");
  CHECK(admin.role == Role::Admin);
  CHECK(has_active_admin(s));
  CHECK_FALSE(needs_first_admin(s));
  CHECK(rejection([&] { create_first_admin(s, person("other", "他人", Role::Admin), "2580", "2580"); }).find("已有管理员") != std::string::npos);
  // The entry names the new admin; the PIN is nowhere in the history.
  const auto made = entries(s, "add_user");
  REQUIRE(made.size() == 1);
  CHECK(made[0].user == "周敏");
  CHECK(made[0].detail.find("first_admin") != std::string::npos);
  CHECK(made[0].detail.find("2580") == std::string::npos);
  const Actor a = sign_in(s, "zhoumin", "2580");
  CHECK(a.role == Role::Admin);
}

TEST_CASE("an admin adds a clerk for two villages; the clerk enters data for those only") {
  test::SmallTownDb d;
  Store& s = *d.s;
  create_first_admin(s, person("zhoumin", "周敏", Role::Admin), "2580", "2580");
  const Actor admin = sign_in(s, "zhoumin", "2580");
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
  const int64_t first = create_first_admin(s, person("zhoumin", "周敏", Role::Admin), "2580", "2580");
  const Actor admin = sign_in(s, "zhoumin", "2580");
  CHECK(rejection([&] { set_user_active(s, first, false, admin); }).find("唯一启用的管理员") != std::string::npos);
  CHECK(rejection([&] { set_user_role(s, first, Role::Leader, admin); }).find("不能改为其他角色") != std::string::npos);
  CHECK(user_by_id(s, first)->active);
  // With a second admin, the first may step down; then the second is the last one.
  const int64_t second = add_user(s, person("lisi", "李四", Role::Admin), "3691", admin);
  set_user_role(s, first, Role::Leader, admin);
  CHECK(user_by_id(s, first)->role == Role::Leader);
  const Actor lisi = sign_in(s, "lisi", "3691");
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
