// jiceng-cli members import: --dry-run previews and writes nothing; the import writes once; the same
// file again changes nothing and says so; a file with errors is refused with line and column.
#include <doctest/doctest.h>

#include <fstream>

#include "RunCli.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using test::run_cli;
using test::run_cli_admin;
using test::shell_quote;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

int roster_size(const std::string& q, const std::string& err) {
  // The roster count as the dashboard's JSON has it is indirect; count the audit entries instead.
  auto r = run_cli("history " + q + " --limit 100000 --json", err);
  REQUIRE(r.code == 0);
  size_t n = 0;
  for (size_t at = r.out.find("add_member"); at != std::string::npos; at = r.out.find("add_member", at + 1)) ++n;
  return int(n);
}

}  // namespace

TEST_CASE("members import: dry run, import, the same file again, a bad file") {
  test::TempDir dir;
  const std::string db = dir.file("town.db"), q = shell_quote(db), err = dir.file("err.txt");
  REQUIRE(run_cli("demo " + q).code == 0);
  const std::string csv = dir.file("党员.csv");
  std::ofstream(csv) << "\xEF\xBB\xBF姓名,性别,出生日期,所在支部,发展阶段,申请入党日期\n"
                     << "甲导入,女,1990-05-02,V01-1,入党申请人,2020-01-01\n"
                     << "乙导入,男,1991-06-03,V01-1,入党申请人,2020-02-01\n";
  const int before = roster_size(q, err);

  auto dry = run_cli_admin("members import " + q + " " + shell_quote(csv) + " --dry-run", err);
  CHECK(dry.code == 0);
  CHECK(has(dry.out, "新增 2 人"));
  CHECK(has(dry.out, "第 2 行 新增 甲导入（"));
  CHECK_FALSE(has(dry.out, "（V01-1）"));  // the branch by its name, though the file gives the code
  CHECK(roster_size(q, err) == before);  // nothing written

  auto done = run_cli_admin("members import " + q + " " + shell_quote(csv), err);
  CHECK(done.code == 0);
  CHECK(has(done.out, "已从 党员.csv 导入：新增 2 人"));
  CHECK(roster_size(q, err) == before + 2);

  auto again = run_cli_admin("members import " + q + " " + shell_quote(csv), err);
  CHECK(again.code == 0);
  CHECK(has(again.out, "全部 2 人已存在，未作更改"));
  CHECK(roster_size(q, err) == before + 2);

  const std::string bad = dir.file("bad.csv");
  std::ofstream(bad) << "姓名,所在支部,发展阶段,申请入党日期,谈话日期\n丙导入,V01-1,入党积极分子,2020-03-01,2019-01-01\n";
  auto refused = run_cli_admin("members import " + q + " " + shell_quote(bad), err);
  CHECK(refused.code == 3);
  CHECK(has(refused.err, "第 2 行"));
  CHECK(has(refused.err, "谈话日期早于申请入党日期"));
  CHECK(roster_size(q, err) == before + 2);
}
