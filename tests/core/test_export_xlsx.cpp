// The .xlsx progress table: rows from the targets, completion rates, formulas stored with their
// results, a native column chart of the rates, a draft title, and the unit sheet.
#include <doctest/doctest.h>

#include <pugixml.hpp>

#include "demo/Demo.hpp"
#include "export/Xlsx.hpp"
#include "export/Zip.hpp"
#include "model/Figures.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::exporter;

namespace {

std::string part(const std::vector<ZipEntry>& parts, const std::string& name) {
  for (const auto& p : parts)
    if (p.name == name) return p.data;
  FAIL("no part " << name);
  return {};
}

}  // namespace

TEST_CASE("xlsx: progress rows from the town's targets and the units' own") {
  test::SmallTownDb t;
  Actor a;
  t.s->set_target(t.t.town, "new_members", 2020, 10, a);
  t.s->set_target(t.t.v1, "new_members", 2020, 4, a);
  t.s->set_target(t.t.v2, "new_members", 2020, 6, a);
  t.s->set_target(t.t.town, "dues", 2020, 8, a);
  t.s->set_values({{"V1", "new_members", "2020", "3"}, {"V2", "new_members", "2020", "5"}}, {});
  YearFigures f = YearFigures::compute(*t.s, 2020);
  ProgressTable table = progress_table(f);
  CHECK(table.title == "测试镇2020年基层党建重点任务完成情况");
  REQUIRE(table.town.size() == 2);
  const ProgressRow& nm = table.town[0];
  CHECK(nm.indicator == "new_members");
  CHECK(nm.task == "发展党员数（名）");
  CHECK(nm.responsible == "东山村、西河村");
  CHECK(*nm.target == 10);
  CHECK(*nm.value == 8);
  CHECK(*nm.rate() == doctest::Approx(0.8));
  const ProgressRow& dues = table.town[1];
  CHECK(dues.responsible == "测试镇");  // a town target nobody else shares
  CHECK_FALSE(dues.value);
  CHECK_FALSE(dues.rate());
  REQUIRE(table.units.size() == 2);
  CHECK(table.units[0].responsible == "东山村");
  CHECK(*table.units[0].rate() == doctest::Approx(0.75));

  auto parts = unzip_bytes(write_xlsx(table, true));
  pugi::xml_document sheet;
  const std::string s1 = part(parts, "xl/worksheets/sheet1.xml");
  REQUIRE(sheet.load_buffer(s1.data(), s1.size()));
  // F4: the rate formula with its cached result 0.8; F5: the formula with an empty result.
  pugi::xml_node f4 = sheet.select_node("//c[@r='F4']").node();
  CHECK(std::string(f4.child("f").text().get()).find("E4/D4") != std::string::npos);
  CHECK(f4.child("v").text().as_double() == doctest::Approx(0.8));
  pugi::xml_node f5 = sheet.select_node("//c[@r='F5']").node();
  CHECK(std::string(f5.attribute("t").value()) == "str");
  CHECK(std::string(f5.child("v").text().get()).empty());
  // The draft title says so (shared strings hold the text).
  CHECK(part(parts, "xl/sharedStrings.xml").find("（草稿）") != std::string::npos);
  // A native column chart over the rate column.
  pugi::xml_document chart;
  const std::string c1 = part(parts, "xl/charts/chart1.xml");
  REQUIRE(chart.load_buffer(c1.data(), c1.size()));
  CHECK(std::string(chart.select_node("//c:barChart/c:barDir").node().attribute("val").value()) == "col");
  CHECK(std::string(chart.select_node("//c:ser/c:val//c:f").node().text().get()).find("$F$4:$F$5") != std::string::npos);
}

TEST_CASE("xlsx: the demo town's table") {
  test::TempDir dir;
  auto s = Store::open(dir.file("demo.db"));
  write_demo_town(*s);
  YearFigures f = YearFigures::compute(*s, 2020);
  ProgressTable table = progress_table(f);
  CHECK(table.town.size() >= 10);
  CHECK(table.as_of == "数据截至2020年11月");
  for (const auto& r : table.town) {
    CAPTURE(r.task);
    CHECK(r.target);
    if (r.value && *r.target > 0) CHECK(*r.rate() == doctest::Approx(*r.value / *r.target));
  }
  auto parts = unzip_bytes(write_xlsx(table, false));
  CHECK(part(parts, "xl/sharedStrings.xml").find("（草稿）") == std::string::npos);
  CHECK(part(parts, "xl/workbook.xml").find("分单位进度") != std::string::npos);
}
