// End-to-end: the real jiceng-cli exchanging packages and rolling up a county, as an office
// clerk would type it. Needs the jiceng-cli binary of the same build (built with the default target).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "RunCli.hpp"
#include "TempDir.hpp"

using jiceng::test::run_cli;
using jiceng::test::run_cli_admin;
using jiceng::test::shell_quote;
using nlohmann::json;

namespace {

struct Office {
  jiceng::test::TempDir dir;
  std::string town = dir.file("town.db");
  Office() {
    REQUIRE_MESSAGE(std::filesystem::exists(std::string(JICENG_BIN_DIR) + "/jiceng-cli"), "build jiceng-cli first");
    REQUIRE(run_cli("demo " + shell_quote(town)).code == 0);
  }
  std::string q(const std::string& name) const { return shell_quote(dir.file(name)); }
};

}  // namespace

TEST_CASE("cli package: clone, export, import with counts, re-import, conflicts, resolve") {
  Office o;
  const std::string T = shell_quote(o.town);
  // Setting up a tablet is an admin's: its key is trusted from then on.
  CHECK(run_cli("package clone " + T + " --out " + o.q("tab.db") + " --user leader", o.dir.file("err.txt"),
                "JICENG_PIN=2345").code == 3);
  CHECK_FALSE(std::filesystem::exists(o.dir.file("tab.db")));
  auto clone = run_cli_admin("package clone " + T + " --out " + o.q("tab.db"));
  REQUIRE(clone.code == 0);
  CHECK(clone.out.find("设备号") != std::string::npos);
  REQUIRE(run_cli_admin("set " + o.q("tab.db") + " --org 青石村 --indicator 走访群众户数 --period 2020-11 --value 77").code == 0);
  REQUIRE(run_cli_admin("set " + o.q("tab.db") + " --org 青石村 --indicator 新建冷库数 --period 2020 --value 3").code == 0);
  REQUIRE(run_cli_admin("set " + T + " --org 青石村 --indicator 走访群众户数 --period 2020-11 --value 80").code == 0);

  auto ex = run_cli("package export " + o.q("tab.db") + " --org 青石村 --out " + o.q("v1.jcpkg"));
  REQUIRE(ex.code == 0);
  CHECK(ex.out.find("2 个数值") != std::string::npos);
  // Sealed for the office: only its database opens it; without, the header alone is shown.
  auto sealed = run_cli("package info " + o.q("v1.jcpkg") + " --json");
  REQUIRE(sealed.code == 0);
  CHECK(json::parse(sealed.out)["sealed"] == true);
  CHECK(json::parse(sealed.out).count("values") == 0);
  auto info = run_cli("package info " + o.q("v1.jcpkg") + " --db " + T + " --json");
  REQUIRE(info.code == 0);
  CHECK(json::parse(info.out)["values"] == 2);
  CHECK(json::parse(info.out)["town"]["name"] == "青禾镇");

  auto im = run_cli_admin("package import " + T + " " + o.q("v1.jcpkg") + " --json");
  REQUIRE(im.code == 0);
  json totals = json::parse(im.out)["totals"];
  CHECK(totals["conflicts"] == 1);
  CHECK(totals["added"].get<int>() + totals["updated"].get<int>() == 1);
  CHECK(totals["rejected"] == 0);
  auto again = run_cli_admin("package import " + T + " " + o.q("v1.jcpkg"));
  CHECK(again.code == 0);
  CHECK(again.out.find("已经导入过") != std::string::npos);

  auto list = run_cli("package conflicts " + T + " --json");
  REQUIRE(list.code == 0);
  json conflicts = json::parse(list.out);
  REQUIRE(conflicts.size() == 1);
  CHECK(conflicts[0]["local"] == 80);
  CHECK(conflicts[0]["remote"] == 77);
  CHECK(conflicts[0]["base"].is_number());
  const std::string id = conflicts[0]["id"].dump();
  CHECK(run_cli_admin("package resolve " + T + " " + id).code == 2);  // neither --keep nor --value
  auto res = run_cli_admin("package resolve " + T + " " + id + " --value 79 --reason 电话核实");
  REQUIRE(res.code == 0);
  CHECK(res.out.find("79") != std::string::npos);
  CHECK(run_cli("package conflicts " + T).out.find("没有待处理的冲突") != std::string::npos);

  // A tampered package among good ones: refused alone, exit code 3, the others go in.
  REQUIRE(run_cli_admin("set " + o.q("tab.db") + " --org 柳河村 --indicator 新建冷库数 --period 2020 --value 4").code == 0);
  REQUIRE(run_cli("package export " + o.q("tab.db") + " --org 柳河村 --out " + o.q("v2.jcpkg")).code == 0);
  std::stringstream ss;
  ss << std::ifstream(o.dir.file("v1.jcpkg"), std::ios::binary).rdbuf();
  std::string bad = ss.str();
  bad[bad.size() - 30] ^= 1;
  std::ofstream(o.dir.file("bad.jcpkg"), std::ios::binary) << bad;
  auto mixed = run_cli_admin("package import " + T + " " + o.q("bad.jcpkg") + " " + o.q("v2.jcpkg"), o.dir.file("err.txt"));
  CHECK(mixed.code == 3);
  CHECK(mixed.err.find("校验不符") != std::string::npos);
  CHECK(mixed.out.find("拒绝 1") != std::string::npos);
  CHECK(run_cli("history " + T + " --org 柳河村 --indicator 新建冷库数 --period 2020 --limit 1").out.find("→ 4") != std::string::npos);
}

TEST_CASE("cli devices: a tablet the office did not clone is paired by its fingerprint, then its packages go in") {
  Office o;
  const std::string T = shell_quote(o.town);
  // A tablet set up from another tablet's file: the office never saw its key, and it knows only
  // that tablet's. Sealed, its package would not open at the office at all ("其中没有本机"); it
  // sends open (no names) to be paired.
  REQUIRE(run_cli_admin("package clone " + T + " --out " + o.q("tab.db")).code == 0);
  REQUIRE(run_cli_admin("package clone " + o.q("tab.db") + " --out " + o.q("other.db")).code == 0);
  REQUIRE(run_cli_admin("set " + o.q("other.db") + " --org 青石村 --indicator 新建冷库数 --period 2020 --value 6").code == 0);
  REQUIRE(run_cli("package export " + o.q("other.db") + " --org 青石村 --out " + o.q("sealed.jcpkg")).code == 0);
  CHECK(run_cli_admin("package import " + T + " " + o.q("sealed.jcpkg"), o.dir.file("err.txt")).err.find("其中没有本机") !=
        std::string::npos);
  REQUIRE(run_cli("package export " + o.q("other.db") + " --org 青石村 --open --to 镇党建办 --out " + o.q("p.jcpkg")).code == 0);

  auto refused = run_cli_admin("package import " + T + " " + o.q("p.jcpkg"), o.dir.file("err.txt"));
  CHECK(refused.code == 3);
  CHECK(refused.err.find("还没有在本机登记") != std::string::npos);
  // The fingerprint the refusal names is the one the tablet shows for itself.
  auto tablet = run_cli("devices list " + o.q("other.db") + " --json");
  REQUIRE(tablet.code == 0);
  const std::string fingerprint = json::parse(tablet.out)["self"]["fingerprint"];
  CHECK(fingerprint.size() == 19);
  CHECK(refused.err.find(fingerprint) != std::string::npos);
  auto info = run_cli("package info " + o.q("p.jcpkg") + " --json");
  CHECK(json::parse(info.out)["fingerprint"] == fingerprint);

  // Registering is an admin's act, with the PIN.
  CHECK(run_cli("devices trust " + T + " " + o.q("p.jcpkg") + " --user leader", o.dir.file("err.txt"),
                "JICENG_PIN=2345").code == 3);
  auto trust = run_cli_admin("devices trust " + T + " " + o.q("p.jcpkg"));
  REQUIRE(trust.code == 0);
  CHECK(trust.out.find(fingerprint) != std::string::npos);
  auto office = json::parse(run_cli("devices list " + T + " --json").out);
  bool listed = false;
  for (const auto& d : office["registered"]) listed |= d["fingerprint"] == fingerprint && d["how"] == "admin";
  CHECK(listed);
  CHECK(run_cli_admin("package import " + T + " " + o.q("p.jcpkg")).code == 0);
  CHECK(run_cli("history " + T + " --org 青石村 --indicator 新建冷库数 --period 2020 --limit 1").out.find("→ 6") != std::string::npos);
}

TEST_CASE("cli county: add towns, list them, dashboard side by side with the county total") {
  Office o;
  REQUIRE(run_cli("demo " + o.q("town2.db")).code == 0);  // the same demo, but another town id
  auto dup = run_cli("county add " + o.q("county.db") + " " + shell_quote(o.town) + " " + o.q("town2.db"));
  CHECK(dup.code == 3);  // same name and code from two databases: the county refuses to count it twice
  CHECK(dup.err.find("同名同代码") != std::string::npos);
  auto add = run_cli("county add " + o.q("county.db") + " " + shell_quote(o.town));
  REQUIRE(add.code == 0);
  CHECK(add.out.find("青禾镇") != std::string::npos);
  auto towns = run_cli("county towns " + o.q("county.db") + " --json");
  REQUIRE(towns.code == 0);
  CHECK(json::parse(towns.out).size() == 1);
  auto dash = run_cli("county dashboard " + o.q("county.db") + " --year 2020 --json");
  REQUIRE(dash.code == 0);
  json d = json::parse(dash.out);
  CHECK(d["towns"][0]["name"] == "青禾镇");
  for (const auto& row : d["indicators"])
    if (row["id"] == "villages") CHECK(row["total"]["value"] == 13);
  auto text = run_cli("county dashboard " + o.q("county.db") + " --year 2020");
  CHECK(text.out.find("全县") != std::string::npos);
  CHECK(run_cli("county dashboard " + shell_quote(o.town) + " --year 2020").code == 3);  // a town is not a county
}
