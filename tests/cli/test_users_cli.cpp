// jiceng-cli user list|add|set|disable on a town made without the app: the first admin (the town
// has no account to sign in with yet), then everything signed in as that admin; new PINs from
// JICENG_NEW_PIN or piped in; the refusals in Chinese with exit code 3 (nothing written).
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "RunCli.hpp"
#include "SmallTown.hpp"
#include "store/Authentication.hpp"
#include "store/Store.hpp"
#include "store/Users.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using test::run_cli;
using test::shell_quote;

namespace {

struct BlankTown {
  test::TempDir dir;
  std::string db = dir.file("town.db");
  std::string q = shell_quote(db);
  BlankTown() {
    auto s = Store::open(db);
    test::make_small_town(*s);
  }
  std::string err() const { return dir.file("err.txt"); }
  // As the admin made first, with an account's new PIN (user add, --reset-pin) in JICENG_NEW_PIN.
  test::CliResult admin(const std::string& args, const std::string& new_pin = {}) const {
    std::string env = "JICENG_PIN=258036";
    if (!new_pin.empty()) env += " JICENG_NEW_PIN=" + new_pin;
    return run_cli(args + " --user zhoumin", err(), env);
  }
  std::string file(const std::string& name, const std::string& text) const {
    const std::string path = dir.file(name);
    std::ofstream(path) << text;
    return shell_quote(path);
  }
};

}  // namespace

TEST_CASE("cli user: a town made without the app gets its admin, then a clerk for two villages") {
  BlankTown t;
  auto empty = run_cli("user list " + t.q, t.err());
  CHECK(empty.code == 0);
  CHECK(empty.out.find("还没有用户") != std::string::npos);

  // No account yet: the first admin is made without signing in, under the name given.
  auto admin = run_cli("user add " + t.q + " --login zhoumin --name 周敏 --role 管理员 --user 县组织部", t.err(),
                       "JICENG_NEW_PIN=258036");
  REQUIRE(admin.code == 0);
  CHECK(admin.out.find("已添加用户「周敏」（管理员）") != std::string::npos);

  // The PIN from a pipe (kept out of the shell's history and the process list).
  auto clerk = t.admin("user add " + t.q + " --login wangna --name 王娜 --role clerk --org V1 --org 西河村 < " +
                      t.file("pin.txt", "4826\n"));
  REQUIRE(clerk.code == 0);
  CHECK(clerk.out.find("负责：东山村、西河村") != std::string::npos);

  {
    auto s = Store::open(t.db);
    const Actor a = sign_in(*s, "wangna", "4826");
    CHECK(a.role == Role::Clerk);
    CHECK(a.scope.size() == 2);
    // The audit names who ran the command; the PIN is not in it.
    bool named = false;
    for (const auto& e : s->history()) {
      CHECK(e.detail.find("4826") == std::string::npos);
      if (e.action == "add_user" && e.user == "县组织部") named = true;
    }
    CHECK(named);
  }

  auto list = run_cli("user list " + t.q, t.err());
  CHECK(list.out.find("wangna\t王娜\t采集员\t启用\t东山村、西河村") != std::string::npos);
  auto json = nlohmann::json::parse(run_cli("user list " + t.q + " --json", t.err()).out);
  REQUIRE(json.size() == 2);
  CHECK(json[1]["orgs"] == nlohmann::json::array({"V1", "V2"}));

  // Without signing in, nothing more: the town has an admin now.
  CHECK(run_cli("user disable " + t.q + " wangna", t.err()).code == 3);
  auto narrowed = t.admin("user set " + t.q + " wangna --org V1 --reset-pin", "5173");
  REQUIRE(narrowed.code == 0);
  CHECK(narrowed.out.find("负责的组织、PIN 码") != std::string::npos);
  auto disabled = t.admin("user disable " + t.q + " wangna");
  CHECK(disabled.code == 0);
  CHECK(disabled.out.find("已停用用户「王娜」") != std::string::npos);
  auto history = run_cli("history " + t.q, t.err());
  CHECK(history.out.find("停用用户") != std::string::npos);
  CHECK(history.out.find("周敏") != std::string::npos);  // the signed-in admin's name
  CHECK(t.admin("user set " + t.q + " wangna --enable").out.find("重新启用") != std::string::npos);
}

TEST_CASE("cli user: refusals say what is wrong in Chinese and write nothing") {
  BlankTown t;
  auto short_pin = run_cli("user add " + t.q + " --login zhoumin --name 周敏 --role admin", t.err(), "JICENG_NEW_PIN=2580");
  CHECK(short_pin.code == 3);
  CHECK(short_pin.err.find("至少 6 位") != std::string::npos);
  REQUIRE(run_cli("user add " + t.q + " --login zhoumin --name 周敏 --role admin", t.err(), "JICENG_NEW_PIN=258036").code == 0);
  auto seq = t.admin("user add " + t.q + " --login lisi --name 李四 --role 领导", "1234");
  CHECK(seq.code == 3);
  CHECK(seq.err.find("连续") != std::string::npos);
  auto role = t.admin("user add " + t.q + " --login lisi --name 李四 --role 书记", "3691");
  CHECK(role.code == 2);
  CHECK(role.err.find("不认识的角色「书记」") != std::string::npos);
  auto no_org = t.admin("user add " + t.q + " --login wangna --name 王娜 --role 采集员", "4826");
  CHECK(no_org.code == 3);
  CHECK(no_org.err.find("至少要分配") != std::string::npos);
  auto last = t.admin("user disable " + t.q + " zhoumin");
  CHECK(last.code == 3);
  CHECK(last.err.find("唯一启用的管理员") != std::string::npos);
  auto demote = t.admin("user set " + t.q + " zhoumin --role 采集员 --org V1");
  CHECK(demote.code == 3);
  auto nobody = t.admin("user set " + t.q + " nobody --name 某人");
  CHECK(nobody.code == 3);
  CHECK(nobody.err.find("没有登录名为「nobody」的用户") != std::string::npos);
  auto empty_pin = t.admin("user add " + t.q + " --login lisi --name 李四 --role 领导 < /dev/null");
  CHECK(empty_pin.code == 3);
  CHECK(empty_pin.err.find("没有读到新的 PIN 码") != std::string::npos);
  // A leader promoted to admin needs a six-digit PIN set with it.
  REQUIRE(t.admin("user add " + t.q + " --login lisi --name 李四 --role 领导", "3691").code == 0);
  auto promote = t.admin("user set " + t.q + " lisi --role 管理员");
  CHECK(promote.code == 3);
  CHECK(promote.err.find("不足 6 位") != std::string::npos);
  CHECK(t.admin("user set " + t.q + " lisi --role 管理员 --reset-pin", "369147").code == 0);
  auto s = Store::open(t.db);
  CHECK(find_user(*s, "lisi")->role == Role::Admin);
  CHECK(list_users(*s).size() == 2);
  CHECK(find_user(*s, "zhoumin")->role == Role::Admin);
}
