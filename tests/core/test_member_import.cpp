// Member CSV import in two steps (issue 13, item 5): the plan writes nothing and sorts rows into
// new / changed / unchanged / errors; apply writes one transaction with audit entries; the same file
// imported twice changes nothing; garbage never crashes the plan.
#include <doctest/doctest.h>

#include <random>

#include "base/Error.hpp"
#include "csv/MembersCsv.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"

using namespace jiceng;

namespace {

const std::string kHeader =
    "姓名,性别,出生日期,所在支部,发展阶段,申请入党日期,谈话日期,确定积极分子日期,确定发展对象日期,接收预备党员日期,转正日期,后备干部\n";
const std::string kRows =
    "刘娜,女,1990-05-02,V1-Z-1,正式党员,2010-01-01,2010-01-20,2010-08-01,2011-09-01,2012-06-01,2013-06-01,是\n"
    "陈赟,男,1995-11-12,西河村党支部,入党积极分子,2019-03-01,2019-03-15,2019-10-01,,,,\n"
    "王强,男,1988-02-03,V2-1,入党申请人,2020-04-01,,,,,,否\n";

size_t audit_count(const Store& s) { return s.history({std::nullopt, "", "", 100000}).size(); }

struct Fixture : test::SmallTownDb {
  Actor admin{"管理员", "office"};
  MemberImportPlan plan(const std::string& text) { return plan_members_import(*s, text, "党员.csv", admin); }
};

}  // namespace

TEST_CASE("member import: the plan writes nothing; apply writes the new members with audit entries") {
  Fixture f;
  const size_t audits = audit_count(*f.s);
  auto plan = f.plan("\xEF\xBB\xBF" + kHeader + kRows);
  CHECK(plan.file_error.empty());
  REQUIRE(plan.rows.size() == 3);
  CHECK(plan.count(ImportRowKind::New) == 3);
  CHECK(plan.errors() == 0);
  CHECK(plan.can_apply());
  CHECK(plan.rows[0].line == 2);
  CHECK(plan.summary() == "党员.csv 共 3 行：新增 3 人，修改 0 人，未变 0 人，错误 0 处");
  CHECK(f.s->members().empty());  // nothing written by the plan
  CHECK(audit_count(*f.s) == audits);

  auto done = apply_members_import(*f.s, plan, f.admin);
  CHECK(done.added == 3);
  CHECK(done.summary == "已从 党员.csv 导入：新增 3 人，修改 0 人，未变 0 人");
  CHECK(f.s->members().size() == 3);
  CHECK(audit_count(*f.s) == audits + 4);  // one per member, one for the import
  auto last = f.s->history({std::nullopt, "", "", 2});
  CHECK(last.at(0).action == "import_members");
  CHECK(last.at(0).detail.find("\"added\":3") != std::string::npos);
  CHECK(last.at(1).action == "add_member");
}

TEST_CASE("member import: the same file twice changes nothing and says so") {
  Fixture f;
  apply_members_import(*f.s, f.plan(kHeader + kRows), f.admin);
  const auto before = f.s->members();
  const size_t audits = audit_count(*f.s);
  auto again = f.plan(kHeader + kRows);
  CHECK(again.count(ImportRowKind::Unchanged) == 3);
  CHECK_FALSE(again.can_apply());
  CHECK(again.summary() == "全部 3 人已存在，未作更改");
  auto done = apply_members_import(*f.s, again, f.admin);
  CHECK(done.added + done.updated == 0);
  CHECK(done.summary == "全部 3 人已存在，未作更改");
  CHECK(f.s->members() == before);
  CHECK(audit_count(*f.s) == audits);
}

TEST_CASE("member import: a changed row updates the member it matches, naming the fields, audited") {
  Fixture f;
  apply_members_import(*f.s, f.plan(kHeader + kRows), f.admin);
  // 陈赟 became 发展对象; 王强 is new to 后备干部; a new person 赵敏.
  const std::string changed =
      kHeader +
      "刘娜,女,1990-05-02,V1-Z-1,正式党员,2010-01-01,2010-01-20,2010-08-01,2011-09-01,2012-06-01,2013-06-01,是\n"
      "陈赟,男,1995-11-12,V2-1,发展对象,2019-03-01,2019-03-15,2019-10-01,2020-11-01,,,\n"
      "王强,男,1988-02-03,V2-1,入党申请人,2020-04-01,,,,,,是\n"
      "赵敏,女,2000-01-01,V2-1,入党申请人,2021-04-01,,,,,,\n";
  auto plan = f.plan(changed);
  REQUIRE(plan.rows.size() == 4);
  CHECK(plan.rows[0].kind == ImportRowKind::Unchanged);
  CHECK(plan.rows[1].kind == ImportRowKind::Changed);
  CHECK(plan.rows[1].changed == std::vector<std::string>{"发展阶段", "确定发展对象日期"});
  CHECK(plan.rows[2].kind == ImportRowKind::Changed);
  CHECK(plan.rows[2].changed == std::vector<std::string>{"后备干部"});
  CHECK(plan.rows[3].kind == ImportRowKind::New);
  const int64_t chen = plan.rows[1].before->id;
  auto done = apply_members_import(*f.s, plan, f.admin);
  CHECK(done.added == 1);
  CHECK(done.updated == 2);
  CHECK(done.unchanged == 1);
  CHECK(f.s->members().size() == 4);
  CHECK(f.s->member(chen)->stage == MemberStage::Candidate);
  auto entry = f.s->history({std::nullopt, "", "", 3}).at(2);  // after it: the import, 赵敏's addition
  CHECK(entry.action == "update_member");
  CHECK(entry.reason == "从 党员.csv 导入");
}

TEST_CASE("member import: the 编号 column matches by number; a column the file lacks keeps the field") {
  Fixture f;
  apply_members_import(*f.s, f.plan(kHeader + kRows), f.admin);
  const auto ms = f.s->members();
  const int64_t liu = ms[0].id;
  // A renamed member found by number; no 出生日期 or 后备干部 column: those stay as stored.
  auto plan = f.plan("编号,姓名,所在支部,发展阶段\n" + std::to_string(liu) + ",刘娜娜,V1-Z-1,正式党员\n,王强,V2-1,入党申请人\n");
  REQUIRE(plan.rows.size() == 2);
  CHECK(plan.rows[0].kind == ImportRowKind::Changed);
  CHECK(plan.rows[0].changed == std::vector<std::string>{"姓名"});
  CHECK(plan.rows[1].kind == ImportRowKind::Unchanged);  // no number: branch + name (no birth column)
  apply_members_import(*f.s, plan, f.admin);
  CHECK(f.s->member(liu)->name == "刘娜娜");
  CHECK(f.s->member(liu)->birth_date == "1990-05-02");
  CHECK(f.s->member(liu)->reserve_cadre);
  auto bad = f.plan("编号,姓名,所在支部,发展阶段\n99999,某人,V2-1,入党申请人\nabc,某人,V2-1,入党申请人\n");
  REQUIRE(bad.rows.size() == 2);
  CHECK(bad.rows[0].kind == ImportRowKind::Error);
  CHECK(bad.rows[0].field == "编号");
  CHECK(bad.rows[1].field == "编号");
}

TEST_CASE("member import: errors carry line and column; apply refuses a plan with errors and writes nothing") {
  Fixture f;
  const std::string text = kHeader +
                           "刘娜,女,1990-05-02,V1-Z-1,正式党员,2010-01-01,2010-01-20,2010-08-01,2011-09-01,2012-06-01,2013-06-01,是\n"
                           "陈赟,男,1995-11-12,无此支部,入党积极分子,2019-03-01,2019-03-15,2019-10-01,,,,\n"
                           "王强,男,1988-02-03,V2-1,入党申请人,2020-04-01,2019-01-01,,,,,否\n"  // talk before applying
                           "刘娜,女,1990-05-02,V1-Z-1,正式党员,2010-01-01,2010-01-20,2010-08-01,2011-09-01,2012-06-01,2013-06-01,是\n"
                           "短行,男\n"
                           "孙丽,女,1990-01-01,V2-1,组长,,,,,,,\n"
                           "周红,女,1990-01-01,东山村,入党申请人,2020-01-01,,,,,,\n";  // a village, not a branch
  auto plan = f.plan(text);
  REQUIRE(plan.rows.size() == 7);
  CHECK(plan.count(ImportRowKind::Error) == 6);
  CHECK(plan.rows[1].field == "所在支部");
  CHECK(plan.rows[2].field == "谈话日期");
  CHECK(plan.rows[2].message.find("谈话日期早于申请入党日期") != std::string::npos);
  CHECK(plan.error_text(plan.rows[2]) == "文件 党员.csv 第 4 行 字段「谈话日期」：" + plan.rows[2].message);
  CHECK(plan.rows[3].message.find("第 2 行") != std::string::npos);  // the same person twice in the file
  CHECK(plan.rows[4].line == 6);
  CHECK(plan.rows[5].field == "发展阶段");
  CHECK(plan.rows[6].field == "所在支部");
  CHECK_FALSE(plan.can_apply());
  try {
    apply_members_import(*f.s, plan, f.admin);
    FAIL("expected a refusal");
  } catch (const InputError& e) {
    CHECK(e.where().line == 3);
  }
  CHECK(f.s->members().empty());
}

TEST_CASE("member import: a whole-file problem is one error, not a crash") {
  Fixture f;
  CHECK(f.plan("").file_error.find("空") != std::string::npos);
  CHECK(f.plan("姓名,所在支部\n张三,V2-1\n").file_error.find("发展阶段") != std::string::npos);
  CHECK(f.plan("姓名,所在支部,发展阶段\n\"张三,V2-1\n").file_error.find("引号") != std::string::npos);
  CHECK(f.plan(std::string("姓名,所在支部,发展阶段\n\xff\xfe,V2-1,x\n")).file_error.find("UTF-8") != std::string::npos);
  auto missing = plan_members_import_file(*f.s, f.dir.file("没有这个文件.csv"), f.admin);
  CHECK_FALSE(missing.file_error.empty());
  CHECK(missing.errors() == 1);
  CHECK_THROWS_AS(apply_members_import(*f.s, missing, f.admin), InputError);
}

TEST_CASE("member import: the roster changing after the preview refuses the apply") {
  Fixture f;
  auto plan = f.plan(kHeader + kRows);
  apply_members_import(*f.s, plan, f.admin);
  // The same (now stale) plan again, as a second tap on 导入 would do: refused, nothing doubled.
  CHECK_THROWS_AS(apply_members_import(*f.s, plan, f.admin), InputError);
  CHECK(f.s->members().size() == 3);
}

TEST_CASE("member import: a clerk's rows outside her villages and a leader's rows are errors") {
  Fixture f;
  Actor clerk{"王娜", "tablet-1", Role::Clerk, {f.t.v1}};
  auto plan = plan_members_import(*f.s, kHeader + kRows, "党员.csv", clerk);
  REQUIRE(plan.rows.size() == 3);
  CHECK(plan.rows[0].kind == ImportRowKind::New);  // 东山村's branch: hers
  CHECK(plan.rows[1].kind == ImportRowKind::Error);
  Actor leader{"张书记", "tablet-2", Role::Leader, {}};
  CHECK(plan_members_import(*f.s, kHeader + kRows, "党员.csv", leader).count(ImportRowKind::Error) == 3);
}

TEST_CASE("member import: random garbage and mangled files never crash the plan") {
  Fixture f;
  std::mt19937 rng(20261201);
  const std::vector<std::string> pieces = {
      "姓名", "所在支部", "发展阶段", "编号", "出生日期", "后备干部", ",", ",", ",", "\n", "\r\n", "\"", "\"\"",
      "V2-1", "V1-Z-1", "东山村", "正式党员", "入党申请人", "2020-01-01", "2020-13-45", "是", "否", "1",
      "99999999999999999999", "-1", "0", " ", "\xEF\xBB\xBF", "\xe4\xb8", "\xff", std::string(1, '\0'), "张三"};
  for (int round = 0; round < 400; ++round) {
    std::string text;
    if (round % 4 == 0) {
      const size_t n = rng() % 200;
      for (size_t i = 0; i < n; ++i) text += char(rng() % 256);  // raw bytes
    } else {
      if (round % 2) text = "姓名,所在支部,发展阶段,编号,出生日期,后备干部\n";
      const size_t n = rng() % 60;
      for (size_t i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    }
    CAPTURE(round);
    MemberImportPlan plan;
    REQUIRE_NOTHROW(plan = f.plan(text));
    CHECK_FALSE(plan.summary().empty());
    for (const auto& row : plan.rows)
      if (row.kind == ImportRowKind::Error) CHECK_FALSE(row.message.empty());
    if (plan.can_apply()) REQUIRE_NOTHROW(apply_members_import(*f.s, plan, f.admin));
  }
}
