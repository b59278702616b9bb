// jiceng-cli user list|add|set|disable on a town made without the app: the first admin, a clerk
// for two villages with the PIN piped in, the refusals in Chinese with exit code 3 (nothing
// written), and the audit entries under the CLI's own name.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "RunCli.hpp"
#include "SmallTown.hpp"
#include "Store.hpp"
#include "TempDir.hpp"
#include "Users.hpp"

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

  auto admin = run_cli("user add " + t.q + " --login zhoumin --name 周敏 --role 管理员 --pin 2580 --user 县组织部", t.err());
  REQUIRE(admin.code == 0);
  CHECK(admin.out.find("已添加用户「周敏」（管理员）") != std::string::npos);

  // The PIN from a pipe (kept out of the shell's history and the process list).
  auto clerk = run_cli("user add " + t.q + " --login wangna --name 王娜 --role clerk --org V1 --org 西河村 < " +
                           t.file("pin.txt", "4826\n"),
                       t.err());
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

  auto narrowed = run_cli("user set " + t.q + " wangna --org V1 --pin 5173", t.err());
  REQUIRE(narrowed.code == 0);
  CHECK(narrowed.out.find("负责的组织、PIN 码") != std::string::npos);
  auto disabled = run_cli("user disable " + t.q + " wangna", t.err());
  CHECK(disabled.code == 0);
  CHECK(disabled.out.find("已停用用户「王娜」") != std::string::npos);
  auto history = run_cli("history " + t.q, t.err());
  CHECK(history.out.find("停用用户") != std::string::npos);
  CHECK(history.out.find("cli") != std::string::npos);  // no --user: the CLI's own name
  CHECK(run_cli("user set " + t.q + " wangna --enable", t.err()).out.find("重新启用") != std::string::npos);
}

TEST_CASE("cli user: refusals say what is wrong in Chinese and write nothing") {
  BlankTown t;
  REQUIRE(run_cli("user add " + t.q + " --login zhoumin --name 周敏 --role admin --pin 2580", t.err()).code == 0);
  auto seq = run_cli("user add " + t.q + " --login lisi --name 李四 --role 领导 --pin 1234", t.err());
  CHECK(seq.code == 3);
  CHECK(seq.err.find("连续") != std::string::npos);
  auto role = run_cli("user add " + t.q + " --login lisi --name 李四 --role 书记 --pin 3691", t.err());
  CHECK(role.code == 2);
  CHECK(role.err.find("不认识的角色「书记」") != std::string::npos);
  auto no_org = run_cli("user add " + t.q + " --login wangna --name 王娜 --role 采集员 --pin 4826", t.err());
  CHECK(no_org.code == 3);
  CHECK(no_org.err.find("至少要分配") != std::string::npos);
  auto last = run_cli("user disable " + t.q + " zhoumin", t.err());
  CHECK(last.code == 3);
  CHECK(last.err.find("唯一启用的管理员") != std::string::npos);
  auto demote = run_cli("user set " + t.q + " zhoumin --role 采集员 --org V1", t.err());
  CHECK(demote.code == 3);
  auto nobody = run_cli("user set " + t.q + " nobody --name 某人", t.err());
  CHECK(nobody.code == 3);
  CHECK(nobody.err.find("没有登录名为「nobody」的用户") != std::string::npos);
  auto empty_pin = run_cli("user add " + t.q + " --login lisi --name 李四 --role 领导 < /dev/null", t.err());
  CHECK(empty_pin.code == 2);
  CHECK(empty_pin.err.find("没有读到 PIN 码") != std::string::npos);
  auto s = Store::open(t.db);
  CHECK(list_users(*s).size() == 1);
  CHECK(find_user(*s, "zhoumin")->role == Role::Admin);
}
