// End-to-end: the real jiceng-cli on real database files, as a clerk or a script would use it.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "model/Catalog.hpp"
#include "RunCli.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using test::run_cli;
using test::run_cli_admin;
using test::run_cli_as;
using test::shell_quote;

namespace {

struct DemoDb {
  test::TempDir dir;
  std::string db = dir.file("town.db");
  std::string q = shell_quote(db);
  DemoDb() { REQUIRE(run_cli("demo " + q).code == 0); }
  std::string err() const { return dir.file("err.txt"); }
};

}  // namespace

TEST_CASE("demo refuses to overwrite without --force") {
  DemoDb d;
  auto again = run_cli("demo " + d.q, d.err());
  CHECK(again.code == 3);
  CHECK(again.err.find("--force") != std::string::npos);
  CHECK(run_cli("demo " + d.q + " --force", d.err()).code == 0);
}

TEST_CASE("dashboard --json shows every catalog indicator with plausible values") {
  DemoDb d;
  auto r = run_cli("dashboard " + d.q + " --year 2020 --json", d.err());
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  const auto& inds = j["indicators"];
  REQUIRE(inds.size() == Catalog::builtin().indicators().size());
  int behind = 0;
  for (const auto& i : inds) {
    INFO(i["id"].get<std::string>());
    REQUIRE(!i["value"].is_null());  // the demo town fills every figure
    double v = i["value"];
    CHECK(v >= 0);
    if (i["unit"] == "%") CHECK(v <= 100);
    if (!i["progress"].is_null()) {
      CHECK(i["progress"].get<double>() >= 0);
      CHECK(i["progress"].get<double>() <= 1);
    }
    behind += i["status"] == "behind";
  }
  CHECK(j["villages"].size() >= 12);
  CHECK(j["not_submitted"].size() >= 1);
  CHECK(j["as_of_month"] == 11);
  // The text form speaks Chinese.
  auto text = run_cli("dashboard " + d.q + " --year 2020", d.err());
  CHECK(text.code == 0);
  CHECK(text.out.find("发展党员数") != std::string::npos);
  // Without --year: the latest year with data (the demo's 2020), as the app opens; the demo's
  // late villages of a year long ended are not "逾期 6 年".
  auto latest = run_cli("dashboard " + d.q, d.err());
  CHECK(latest.code == 0);
  CHECK(latest.out == text.out);
  CHECK(latest.out.find("年度结束时仍未提交") != std::string::npos);
  CHECK(latest.out.find("年余") == std::string::npos);
}

TEST_CASE("set writes a value with its audit entry under the signed-in account's name; history shows it") {
  DemoDb d;
  auto before = nlohmann::json::parse(run_cli("dashboard " + d.q + " --year 2020 --json", d.err()).out);
  auto r = run_cli_admin("set " + d.q + " --org V01 --indicator cold_stores --period 2020 --value 7 --reason 核对后更正", d.err());
  REQUIRE(r.code == 0);
  CHECK(r.out.find("已保存") != std::string::npos);
  auto h = nlohmann::json::parse(run_cli("history " + d.q + " --org V01 --indicator cold_stores --json", d.err()).out);
  REQUIRE(!h.empty());
  CHECK(h[0]["user"] == "周敏");  // the account's name, not what was typed
  CHECK(h[0]["reason"] == "核对后更正");
  CHECK(h[0]["new_value"] == 7);
  auto after = nlohmann::json::parse(run_cli("dashboard " + d.q + " --year 2020 --json", d.err()).out);
  auto town = [](const nlohmann::json& j, const char* id) {
    for (const auto& i : j["indicators"]) if (i["id"] == id) return i["value"].get<double>();
    return -1.0;
  };
  CHECK(town(after, "cold_stores") == town(before, "cold_stores") - h[0]["old_value"].get<double>() + 7);
}

TEST_CASE("set refuses an implausible value (exit 3, the warning in Chinese) unless --confirm, then audits the confirmation") {
  DemoDb d;
  // 青石村's 党费 is tens of 元 a month, typed in 元 (its entry unit); 500000 元 is 50 万元.
  const std::string args = " --org V01 --indicator dues --period 2020-12 --value 500000";
  auto history = [&] {
    return nlohmann::json::parse(run_cli("history " + d.q + " --org V01 --indicator dues --period 2020-12 --json", d.err()).out);
  };
  const size_t entries = history().size();
  auto refused = run_cli_as("clerk", "3456", "set " + d.q + args, d.err());
  CHECK(refused.code == 3);
  CHECK(refused.err.find("500000 元是去年同期") != std::string::npos);  // in the unit typed
  CHECK(refused.err.find("请确认数值和单位是否正确") != std::string::npos);
  CHECK(refused.err.find("--confirm") != std::string::npos);
  CHECK(history().size() == entries);  // nothing written, nothing audited

  auto confirmed = run_cli_as("clerk", "3456", "set " + d.q + args + " --confirm", d.err());
  REQUIRE(confirmed.code == 0);
  CHECK(confirmed.out.find("已保存") != std::string::npos);
  auto h = history();
  REQUIRE(h.size() == entries + 1);
  CHECK(h[0]["new_value"] == 50);
  CHECK(h[0]["user"] == "王娜");
  CHECK(h[0]["detail"]["plausibility"]["confirmed"] == true);
  const std::string warning = h[0]["detail"]["plausibility"]["warning"];
  CHECK(refused.err.find(warning) != std::string::npos);  // the very sentence the clerk was shown

  // A plausible value needs no --confirm and carries no plausibility detail; typed in 元, kept in 万元.
  auto plain = run_cli_admin("set " + d.q + " --org V01 --indicator dues --period 2020-12 --value 47.5", d.err());
  REQUIRE(plain.code == 0);
  CHECK(plain.out.find("= 47.5元") != std::string::npos);
  CHECK_FALSE(history()[0]["detail"].contains("plausibility"));
  CHECK(history()[0]["new_value"] == doctest::Approx(0.00475));
  // More places than 元 keeps (分) is refused, not rounded.
  CHECK(run_cli_admin("set " + d.q + " --org V01 --indicator dues --period 2020-12 --value 47.555", d.err()).code == 3);
}

TEST_CASE("GBK bytes from a Chinese Windows terminal are stored as the Chinese they are; history and export keep working") {
  DemoDb d;
  // 核对 in GBK, as such a terminal passes it; and a package file named in GBK.
  auto r = run_cli_admin("set " + d.q + " --org V01 --indicator cold_stores --period 2020 --value 7 --reason $(printf '\\272\\313\\266\\324')", d.err());
  REQUIRE(r.code == 0);
  auto h = run_cli("history " + d.q + " --org V01 --indicator cold_stores --json", d.err());
  REQUIRE(h.code == 0);
  auto j = nlohmann::json::parse(h.out);
  REQUIRE(!j.empty());
  CHECK(j[0]["user"] == "周敏");
  CHECK(j[0]["reason"] == "核对");
  const std::string pkg = d.dir.file("") + "$(printf '\\315\\365').json";
  CHECK(run_cli("package export " + d.q + " --out \"" + pkg + "\"", d.err()).code == 0);
  auto again = run_cli("history " + d.q + " --json", d.err());
  CHECK(again.code == 0);
  CHECK(again.out.find("王.json") != std::string::npos);
}

TEST_CASE("bad input exits 3 with a Chinese message and writes nothing") {
  DemoDb d;
  auto audit_count = [&] { return nlohmann::json::parse(run_cli("history " + d.q + " --json", d.err()).out).size(); };
  const size_t before = audit_count();
  struct Case { std::string args, expect; };
  for (const auto& c : {Case{"--org V01 --indicator new_members --period 2020 --value -1", "不能为负数"},
                        Case{"--org V01 --indicator new_members --period 2020 --value 十", "应为数字"},
                        Case{"--org 不存在村 --indicator new_members --period 2020 --value 1", "不存在村"},
                        Case{"--org V01 --indicator nope --period 2020 --value 1", "nope"},
                        Case{"--org V01 --indicator new_members --period 20-1 --value 1", "期间"}}) {
    auto r = run_cli_admin("set " + d.q + " " + c.args, d.err());
    INFO(c.args);
    CHECK(r.code == 3);
    CHECK(r.err.find(c.expect) != std::string::npos);
    CHECK(r.err.find("未写入") != std::string::npos);
  }
  CHECK(audit_count() == before);
}

TEST_CASE("writes sign in: --user and JICENG_PIN, the account's role and villages; reads stay open; wrong PINs back off") {
  DemoDb d;
  const std::string set = "set " + d.q + " --org V01 --indicator cold_stores --period 2020 --value 6";
  auto history = [&] { return nlohmann::json::parse(run_cli("history " + d.q + " --json", d.err()).out); };
  const size_t before = history().size();
  // No --user: refused, saying how to sign in; nothing written.
  auto anon = run_cli(set, d.err());
  CHECK(anon.code == 3);
  CHECK(anon.err.find("--user") != std::string::npos);
  CHECK(anon.err.find("JICENG_PIN") != std::string::npos);
  // A login without a PIN from a pipe: refused, and the PIN is never taken from the command line.
  auto no_pin = run_cli(set + " --user admin < /dev/null", d.err());
  CHECK(no_pin.code == 3);
  CHECK(no_pin.err.find("JICENG_PIN") != std::string::npos);
  CHECK(run_cli(set + " --user admin --pin 246810", d.err()).code == 2);  // no such option
  // A wrong PIN, and a name that is no account.
  CHECK(run_cli_as("admin", "999999", set, d.err()).err.find("不正确") != std::string::npos);
  CHECK(run_cli_as("测试员", "1357", set, d.err()).code == 3);
  CHECK(history().size() == before + 2);  // the two failed sign-ins, audited; no value
  CHECK(history()[0]["action"] == "sign_in_failed");
  // The clerk writes for her villages only; a leader may not type figures for a village.
  CHECK(run_cli_as("clerk", "3456", set, d.err()).code == 0);
  auto outside = run_cli_as("clerk", "3456", "set " + d.q + " --org V02 --indicator cold_stores --period 2020 --value 6", d.err());
  CHECK(outside.code == 3);
  CHECK(outside.err.find("没有被分配") != std::string::npos);
  CHECK(history()[0]["user"] == "王娜");
  // A package import is the office's: refused for a clerk.
  CHECK(run_cli_as("clerk", "3456", "package import " + d.q + " " + shell_quote(d.dir.file("none.jcpkg")), d.err()).code == 3);
  // Reads need nobody.
  CHECK(run_cli("dashboard " + d.q + " --year 2020 --json", d.err()).code == 0);
  // Three wrong PINs in a row: the fourth try must wait, even with the right PIN.
  for (int i = 0; i < 3; ++i) run_cli_as("leader", "1111", set, d.err());
  auto wait = run_cli_as("leader", "2345", set, d.err());
  CHECK(wait.code == 3);
  CHECK(wait.err.find("秒后再试") != std::string::npos);
}

TEST_CASE("a database another program is writing: a write waits, then exits 3 in Chinese; reads go on") {
  DemoDb d;
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(d.db.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO meta VALUES('held', 'by another program');", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  auto r = run_cli_admin("set " + d.q + " --org V01 --indicator cold_stores --period 2020 --value 6", d.err());
  CHECK(r.code == 3);
  CHECK(r.err.find("正被另一个程序使用") != std::string::npos);
  CHECK(r.err.find("database is locked") == std::string::npos);
  CHECK(run_cli("dashboard " + d.q + " --year 2020 --json", d.err()).code == 0);
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  CHECK(run_cli_admin("set " + d.q + " --org V01 --indicator cold_stores --period 2020 --value 6", d.err()).code == 0);
}

TEST_CASE("verify: a whole, signed audit trail exits 0; one changed behind the program's back is named by chain and signature, exit 3") {
  DemoDb d;
  auto whole = run_cli("verify " + d.q, d.err());
  CHECK(whole.code == 0);
  CHECK(whole.out.find("修改记录完整") != std::string::npos);
  CHECK(whole.out.find("0 条写于签名功能启用之前") != std::string::npos);  // the demo town's every entry is signed
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(d.db.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "UPDATE audit SET user = '某人' WHERE id = 77", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  auto broken = run_cli("verify " + d.q, d.err());
  CHECK(broken.code == 3);
  CHECK(broken.err.find("第 77 号记录") != std::string::npos);
  CHECK(broken.err.find("签名不符：第 77 号记录") != std::string::npos);
  auto j = nlohmann::json::parse(run_cli("verify " + d.q + " --json", d.err()).out);
  CHECK(j["whole"] == false);
  CHECK(j["first_broken"]["id"] == 77);
  CHECK(j["first_bad_signature"]["id"] == 77);
}

TEST_CASE("usage errors exit 2") {
  DemoDb d;
  CHECK(run_cli("", d.err()).code == 2);
  CHECK(run_cli("nosuchcommand", d.err()).code == 2);
  auto r = run_cli("summary " + d.q + " --out " + d.dir.file("s.docx"), d.err());  // an official document names its year
  CHECK(r.code == 2);
  CHECK(r.err.find("--year") != std::string::npos);
  CHECK(run_cli("dashboard " + d.q + " --year 2020 --jsn", d.err()).code == 2);
}

TEST_CASE("a database file that is not SQLite is refused") {
  test::TempDir dir;
  const std::string f = dir.file("报表.db");
  std::ofstream(f) << "姓名,数值\n张三,1\n";
  auto r = run_cli("dashboard " + shell_quote(f) + " --year 2020", dir.file("e"));
  CHECK(r.code == 3);
  CHECK(r.err.find("报表.db") != std::string::npos);
  CHECK(r.err.find("不是 SQLite") != std::string::npos);
}

TEST_CASE("CSV export then import round-trips through the CLI; a bad CSV is refused with its line") {
  DemoDb d;
  const std::string csv = d.dir.file("2020.csv");
  REQUIRE(run_cli("export " + d.q + " --year 2020 --out " + shell_quote(csv), d.err()).code == 0);
  auto r = run_cli_admin("import " + d.q + " " + shell_quote(csv), d.err());
  CHECK(r.code == 0);
  CHECK(r.out.find("0 个数值有变化") != std::string::npos);
  // A fresh copy of the demo town, values edited, then the original file imported back: equal again.
  const std::string csv2 = d.dir.file("again.csv");
  run_cli_admin("set " + d.q + " --org V01 --indicator cold_stores --period 2020 --value 9", d.err());
  REQUIRE(run_cli_admin("import " + d.q + " " + shell_quote(csv), d.err()).code == 0);
  REQUIRE(run_cli("export " + d.q + " --year 2020 --out " + shell_quote(csv2), d.err()).code == 0);
  std::ifstream a(csv), b(csv2);
  std::string sa((std::istreambuf_iterator<char>(a)), {}), sb((std::istreambuf_iterator<char>(b)), {});
  CHECK(sa == sb);
  // Malformed line 3.
  const std::string bad = d.dir.file("bad.csv");
  std::ofstream(bad) << "组织代码,组织名称,指标代码,指标名称,期间,数值,状态\n"
                     << "V01,x,cold_stores,x,2020,2,\n"
                     << "V01,x,cold_stores,2020,2\n";
  auto rb = run_cli_admin("import " + d.q + " " + shell_quote(bad), d.err());
  CHECK(rb.code == 3);
  CHECK(rb.err.find("第 3 行") != std::string::npos);
  CHECK(rb.err.find("bad.csv") != std::string::npos);
}

TEST_CASE("a refused command creates nothing: an empty file stays empty, a first county roll-up that fails leaves no file") {
  test::TempDir dir;
  const std::string err = dir.file("err.txt");
  const std::string empty = dir.file("empty.db");
  std::ofstream(empty).close();
  for (const std::string& cmd : {"dashboard " + shell_quote(empty) + " --year 2020",
                                 "set " + shell_quote(empty) + " --org 桃源村 --indicator new_members --period 2020 --value 3"}) {
    INFO(cmd);
    auto r = run_cli(cmd, err);
    CHECK(r.code == 3);
    CHECK(r.err.find("文件是空的") != std::string::npos);
    CHECK(std::filesystem::file_size(empty) == 0);
    CHECK(!std::filesystem::exists(empty + "-wal"));
  }
  const std::string county = dir.file("county.db");
  const std::string junk = dir.file("not-a-town.db");
  std::ofstream(junk) << "这不是数据库";
  auto r = run_cli("county add " + shell_quote(county) + " " + shell_quote(junk), err);
  CHECK(r.code == 3);
  CHECK(!std::filesystem::exists(county));
  CHECK(!std::filesystem::exists(county + "-wal"));
}

TEST_CASE("template import --db --accept: proposals become the town's indicators; the template checks; nothing is left 待补 but the village") {
  DemoDb d;
  const std::string src = shell_quote(std::string(JICENG_SOURCE_DIR) + "/tests/data/xtemplates/town_2021_c.txt");
  // Without --db: the proposals are listed, nothing is written.
  auto dry = run_cli("template import " + src + " --json", d.err());
  REQUIRE(dry.code == 0);
  auto j = nlohmann::json::parse(dry.out);
  int proposed = 0;
  for (const auto& p : j["placeholders"])
    if (p.contains("proposed")) {
      ++proposed;
      CHECK(p["indicator"].is_null());
      CHECK(p["proposed"]["name"].is_string());
      CHECK(p["proposed"]["unit"].is_string());
      CHECK(p["proposed"]["kind"].is_string());
    }
  CHECK(proposed >= 10);
  // --accept needs --db, and a signed-in admin.
  CHECK(run_cli("template import " + src + " --accept", d.err()).code == 2);
  CHECK(run_cli_as("clerk", "3456", "template import " + src + " --db " + d.q + " --accept", d.err()).code == 3);

  const std::string tpl = d.dir.file("t2021.tpl");
  auto done = run_cli_admin("template import " + src + " --db " + d.q + " --accept --out " + shell_quote(tpl), d.err());
  REQUIRE(done.code == 0);
  CHECK(done.out.find("已采纳建议") != std::string::npos);
  std::ifstream f(tpl);
  const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  CHECK(text.find("{老党员数}") != std::string::npos);
  size_t blanks = 0;
  for (size_t at = 0; (at = text.find("待补(", at)) != std::string::npos; ++at) ++blanks;
  CHECK(blanks == 1);  // the redacted village's name, typed once in the app's review
  CHECK(run_cli("template check " + shell_quote(tpl) + " --db " + d.q, d.err()).code == 0);
  CHECK(run_cli("template check " + shell_quote(tpl), d.err()).code == 3);  // the built-in catalog alone lacks them
  // The same template again binds to them: nothing new is proposed.
  auto again = nlohmann::json::parse(run_cli("template import " + src + " --db " + d.q + " --json", d.err()).out);
  for (const auto& p : again["placeholders"]) CHECK_FALSE(p.contains("proposed"));
}

TEST_CASE("indicator define|list|retire|delete: the town's own indicators with every catalog key, admins only, refusals name the file") {
  DemoDb d;
  const std::string def = d.dir.file("def.json");
  {
    std::ofstream f(def);
    f << R"({"name": "老党员数", "section": "organization", "unit": "名", "kind": "count", "rules": [{"le": "members"}]})";
  }
  CHECK(run_cli_as("clerk", "3456", "indicator define " + d.q + " " + shell_quote(def), d.err()).code == 3);
  auto made = run_cli_admin("indicator define " + d.q + " " + shell_quote(def), d.err());
  REQUIRE(made.code == 0);
  auto list = nlohmann::json::parse(run_cli("indicator list " + d.q + " --json", d.err()).out);
  REQUIRE(list["indicators"].size() == 1);
  const std::string id = list["indicators"][0]["id"];
  CHECK(list["indicators"][0]["definition"]["rules"][0]["le"] == "members");
  // The rule holds on every write: more old members than members is refused.
  CHECK(run_cli_admin("set " + d.q + " --org V01 --indicator 老党员数 --period 2020 --value 100000", d.err()).code == 3);
  CHECK(run_cli_admin("set " + d.q + " --org V01 --indicator 老党员数 --period 2020 --value 3", d.err()).code == 0);
  const std::string bad = d.dir.file("bad.json");
  {
    std::ofstream f(bad);
    f << R"({"name": "x y", "section": "organization", "unit": "名", "kind": "count"})";
  }
  auto refused = run_cli_admin("indicator define " + d.q + " " + shell_quote(bad), d.err());
  CHECK(refused.code == 3);
  CHECK(refused.err.find("bad.json") != std::string::npos);
  CHECK(run_cli_admin("indicator delete " + d.q + " " + id, d.err()).code == 3);  // it has a value: retire it
  REQUIRE(run_cli_admin("indicator retire " + d.q + " " + id, d.err()).code == 0);
  list = nlohmann::json::parse(run_cli("indicator list " + d.q + " --json", d.err()).out);
  CHECK(list["indicators"][0]["state"] == "retired");
  CHECK(run_cli_admin("set " + d.q + " --org V01 --indicator 老党员数 --period 2020 --value 4", d.err()).code == 3);
}

TEST_CASE("synth writes a town of any size over several years, which the dashboard reads; bad sizes are refused") {
  test::TempDir dir;
  const std::string db = dir.file("county.db"), q = shell_quote(db), err = dir.file("err.txt");
  auto made = run_cli("synth " + q + " --villages 30 --years 2019-2020", err);
  REQUIRE(made.code == 0);
  CHECK(made.out.find("30 个村") != std::string::npos);
  CHECK(made.out.find("2019–2020 年") != std::string::npos);
  std::map<int, nlohmann::json> years;
  for (int y : {2019, 2020}) {
    auto r = run_cli("dashboard " + q + " --year " + std::to_string(y) + " --json", err);
    REQUIRE(r.code == 0);
    years[y] = nlohmann::json::parse(r.out);
    CHECK(years[y]["villages"].size() == 30);
    int filled = 0;
    for (const auto& i : years[y]["indicators"]) filled += !i["value"].is_null();
    CHECK(filled > 20);
  }
  int differ = 0;  // each year has figures of its own
  for (size_t k = 0; k < years[2019]["indicators"].size(); ++k)
    differ += years[2019]["indicators"][k]["value"] != years[2020]["indicators"][k]["value"];
  CHECK(differ > 10);

  const auto size = std::filesystem::file_size(db);
  auto again = run_cli("synth " + q + " --villages 5", err);
  CHECK(again.code == 3);
  CHECK(again.err.find("--force") != std::string::npos);
  CHECK(std::filesystem::file_size(db) == size);
  for (const char* bad : {"--villages 0", "--villages 50001", "--villages 五", "--villages 3 --years 2020-2019",
                          "--villages 3 --years 2020,2019", "--villages 3 --years 1999", "--villages 3 --years 2020-2040",
                          "--villages 3 --months 13"}) {
    INFO(bad);
    auto r = run_cli("synth " + shell_quote(dir.file("bad.db")) + " " + bad, err);
    CHECK(r.code == 2);
    CHECK(r.err.find("--") != std::string::npos);  // names the option
    CHECK_FALSE(std::filesystem::exists(dir.file("bad.db")));
  }
  auto annual = run_cli("synth " + shell_quote(dir.file("province.db")) + " --villages 12 --annual", err);
  REQUIRE(annual.code == 0);
  auto r = run_cli("history " + shell_quote(dir.file("province.db")) + " --period 2020-03 --json", err);
  REQUIRE(r.code == 0);
  CHECK(nlohmann::json::parse(r.out).empty());  // yearly figures only
}
