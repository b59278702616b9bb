#include <doctest/doctest.h>

#include <fstream>

#include "base/Error.hpp"
#include "base/Text.hpp"
#include "csv/ValuesCsv.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "TempDir.hpp"

using namespace jiceng;

namespace {

std::string write(const test::TempDir& d, const std::string& name, const std::string& text) {
  std::string p = d.file(name);
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

const std::string kHeader = "组织代码,组织名称,指标代码,指标名称,期间,数值,状态\n";

std::string rejection(Store& s, const std::string& path) {
  try {
    import_values_csv(s, path, Actor{"import", {}});
  } catch (const InputError& e) {
    return e.describe();
  }
  return {};
}

}  // namespace

TEST_CASE("CSV fields: quotes, commas and line breaks inside quotes") {
  auto rows = parse_csv("a,\"b,c\",\"d\"\"e\"\n\"多\n行\",x,\n", "t.csv");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].fields == std::vector<std::string>{"a", "b,c", "d\"e"});
  CHECK(rows[1].fields == std::vector<std::string>{"多\n行", "x", ""});
  CHECK(rows[1].line == 2);
  CHECK(csv_field("a,b") == "\"a,b\"");
}

TEST_CASE("export then import round-trips exactly") {
  test::TempDir d;
  auto a = Store::open(d.file("a.db"));
  test::make_small_town(*a);
  a->set_values({{"V1", "new_members", "2020", "3", ValueStatus::Approved},
                 {"V2", "dues", "2020-03", "0.35", ValueStatus::Submitted},
                 {"V2", "dues", "2020-04", "0.1", ValueStatus::Draft},
                 {"T", "inspection_problems", "2020", "12"}},
                {});
  const std::string csv = export_values_csv(*a, 2020);
  CHECK(csv.substr(0, 3) == "\xEF\xBB\xBF");
  CHECK(csv.find("西河村") != std::string::npos);
  CHECK(csv.find("已审核") != std::string::npos);
  const std::string path = write(d, "out.csv", csv);
  // Into the same database: nothing changes.
  CHECK(import_values_csv(*a, path, Actor{"import", {}}) == 0);
  // Into a second town with the same organisations: the same file comes back out.
  auto b = Store::open(d.file("b.db"));
  test::make_small_town(*b);
  CHECK(import_values_csv(*b, path, Actor{"import", {}}) == 4);
  CHECK(export_values_csv(*b, 2020) == csv);
}

TEST_CASE("CSV import rejects bad rows with file, line and field, and writes nothing") {
  test::TempDir d;
  auto s = Store::open(d.file("t.db"));
  test::make_small_town(*s);
  auto msg = rejection(*s, write(d, "neg.csv", kHeader + "V1,东山村,new_members,发展党员数,2020,3,\nV2,西河村,new_members,发展党员数,2020,-1,\n"));
  CHECK(msg.find("neg.csv") != std::string::npos);
  CHECK(msg.find("第 3 行") != std::string::npos);
  CHECK(msg.find("不能为负数") != std::string::npos);
  CHECK(s->values(2020).empty());  // the good first row was not written either

  msg = rejection(*s, write(d, "cols.csv", kHeader + "V1,东山村,new_members,发展党员数,2020\n"));
  CHECK(msg.find("第 2 行") != std::string::npos);
  CHECK(msg.find("5 列") != std::string::npos);

  msg = rejection(*s, write(d, "quote.csv", kHeader + "V1,\"东山村,new_members,发展党员数,2020,3,\n"));
  CHECK(msg.find("引号") != std::string::npos);

  msg = rejection(*s, write(d, "gbk.csv", kHeader + "V1,\xB6\xAB\xC9\xBD,new_members,x,2020,3,\n"));
  CHECK(msg.find("UTF-8") != std::string::npos);
  CHECK(msg.find("第 2 行") != std::string::npos);

  msg = rejection(*s, write(d, "status.csv", kHeader + "V1,东山村,new_members,发展党员数,2020,3,完成了\n"));
  CHECK(msg.find("完成了") != std::string::npos);

  msg = rejection(*s, write(d, "header.csv", "名称,数值\n东山村,3\n"));
  CHECK(msg.find("组织代码") != std::string::npos);
  CHECK(s->values(2020).empty());
}

TEST_CASE("text a spreadsheet would run as a formula is neutralised in the CSV, and comes back as typed") {
  CHECK(csv_field("=1+1") == "'=1+1");
  CHECK(csv_field("-3") == "'-3");
  CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_field("党员") == "党员");
  CHECK(csv_text("'=1+1") == "=1+1");
  CHECK(csv_text("'普通") == "'普通");  // an apostrophe before ordinary text is the user's own

  test::TempDir d;
  auto a = Store::open(d.file("a.db"));
  auto t = test::make_small_town(*a);
  const std::string evil = "=HYPERLINK(\"http://x.example\",\"点我\")";
  a->rename_org(t.v1, evil, {"tester", {}});
  a->set_values({{"V1", "new_members", "2020", "3"}}, {});
  const std::string csv = export_values_csv(*a, 2020);
  // Every field that holds the name starts with the apostrophe, so Excel shows it as text.
  CHECK(csv.find(",\"'=HYPERLINK(\"\"http://x.example\"\",\"\"点我\"\")\",") != std::string::npos);
  CHECK(csv.find(",=HYPERLINK") == std::string::npos);
  CHECK(csv.find(",\"=HYPERLINK") == std::string::npos);
  // The file still imports into a town with the same organisations.
  auto b = Store::open(d.file("b.db"));
  auto tb = test::make_small_town(*b);
  b->rename_org(tb.v1, evil, {"tester", {}});
  CHECK(import_values_csv(*b, write(d, "out.csv", csv), Actor{"import", {}}) == 1);
  CHECK(export_values_csv(*b, 2020) == csv);
}
