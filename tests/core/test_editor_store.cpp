// The editor's core: the town's template kept in its database with save points and the autosaved
// paragraph, the indicator picker's search (names, sections, pinyin initials), and the figure
// explanation shown when a figure is tapped.
#include <doctest/doctest.h>

#include <algorithm>

#include "demo/Demo.hpp"
#include "model/Figures.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "summary/editor/FigureInfo.hpp"
#include "summary/editor/IndicatorSearch.hpp"
#include "summary/editor/TemplateStore.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::editor;
using namespace jiceng::summary;

TEST_CASE("template store: working copy, save points, restore, pending text survive reopening") {
  const Actor admin{"周敏", "office", Role::Admin, {}};
  test::TempDir dir;
  const std::string db = dir.file("t.db");
  const Catalog& cat = Catalog::builtin();
  int64_t first = 0;
  {
    auto s = Store::open(db);
    TemplateStore ts(*s);
    CHECK_FALSE(ts.has_working());
    Template t = ts.load();  // the built-in default
    CHECK(t.to_text() == Template::builtin(cat).to_text());
    first = ts.add_save_point(t, SaveKind::Auto, "开始编辑", admin);
    t.set_text(2, "全镇共有党员{党员数}名。", cat);
    ts.save_working(t, admin);
    ts.save_pending(PendingEdit{3, "正在输入的一段话", {}});
  }
  {
    auto s = Store::open(db);  // as after the app was killed
    TemplateStore ts(*s);
    CHECK(ts.has_working());
    Template t = ts.load();
    CHECK(t.blocks()[2].text == "全镇共有党员{党员数}名。");
    auto p = ts.pending();
    REQUIRE(p);
    CHECK(p->block == 3);
    CHECK(p->text == "正在输入的一段话");
    auto points = ts.save_points();
    REQUIRE(points.size() == 1);
    CHECK(points[0].label == "开始编辑");
    CHECK(points[0].kind == SaveKind::Auto);
    CHECK(points[0].user == "周敏");

    Template back = ts.restore(first, admin);
    CHECK(back.to_text() == Template::builtin(cat).to_text());
    CHECK(ts.load().to_text() == back.to_text());
    CHECK_FALSE(ts.pending());
    points = ts.save_points();
    REQUIRE(points.size() == 2);  // the replaced copy was kept first
    CHECK(points[0].kind == SaveKind::Restore);
    CHECK(ts.save_point_text(points[0].id).find("全镇共有党员{党员数}名。") != std::string::npos);
    CHECK_THROWS_AS(ts.save_point_text(9999), InputError);
    // Template writes are not figure data: the store's revision stays.
    const uint64_t rev = s->revision();
    ts.save_working(back, admin);
    CHECK(s->revision() == rev);
    ts.reset_to_default(admin);  // a save point, the removal and its audit entry: one transaction
    CHECK_FALSE(ts.has_working());
    CHECK(s->revision() == rev);
    auto audit = s->history();
    CHECK(std::count_if(audit.begin(), audit.end(), [](auto& a) { return a.action == "summary_reset"; }) == 1);
    CHECK(std::count_if(audit.begin(), audit.end(), [](auto& a) { return a.action == "summary_version"; }) == 2);
    ts.save_working(back, admin);
  }
  {
    // A write-protected file: every template write is refused in Chinese, the file stays as it was.
    auto s = Store::open(db, Catalog::builtin(), Store::Access::ReadOnly);
    TemplateStore ts(*s);
    const std::string before = ts.working_text();
    const size_t points = ts.save_points().size();
    Template t = ts.load();
    t.set_text(2, "不应写入。", cat);
    CHECK_THROWS_WITH_AS(ts.save_working(t, admin), doctest::Contains("只读"), InputError);
    CHECK_THROWS_AS(ts.add_save_point(t, SaveKind::Manual, "存档", admin), InputError);
    CHECK_THROWS_AS(ts.save_pending(PendingEdit{1, "草稿", {}}), InputError);
    CHECK(ts.working_text() == before);
    CHECK(ts.save_points().size() == points);
  }
}

TEST_CASE("indicator search: by name, alias, section, id and pinyin initials") {
  IndicatorSearch s(Catalog::builtin());
  auto first = [&](const std::string& q) {
    auto hits = s.search(q);
    return hits.empty() ? std::string() : hits.front().indicator->name;
  };
  CHECK(first("发展党员数") == "发展党员数");
  CHECK(first("fzdys") == "发展党员数");  // 发展党员数
  CHECK(first("FZDYS") == "发展党员数");
  CHECK(first("new_members") == "发展党员数");
  CHECK(s.search("fzdy").size() >= 2);     // 发展党员数, 发展党员任务数, …
  CHECK(first("冷库") == "新建冷库数");
  // Two words: both must match (a section word narrows the list).
  for (const auto& h : s.search("脱贫 户")) CHECK(h.indicator->name.find("户") != std::string::npos);
  CHECK(s.search("没有这种指标zzz").empty());
  CHECK(s.search("").size() == Catalog::builtin().indicators().size());
  // Polyphonic characters match either reading: 行 (xing/hang) in 行政村数.
  CHECK(first("xzcs") == "行政村数");
  CHECK(first("hzcs") == "行政村数");
}

TEST_CASE("figure explanation: town value, each village's value and who typed it") {
  test::SmallTownDb t;
  Actor clerk{"王会计", "平板-1"};
  t.s->set_values({{"V1", "new_members", "2020", "3"}, {"V2", "dues", "2020-01", "1.5"},
                   {"V2", "dues", "2020-02", "2"}},
                  clerk);
  YearFigures f = YearFigures::compute(*t.s, 2020);
  auto x = explain_figure(*t.s, f, "发展党员数", "3", {"new_members"});
  REQUIRE(x.indicators.size() == 1);
  const IndicatorFigure& nm = x.indicators[0];
  CHECK(nm.indicator->id == "new_members");
  CHECK(*nm.town_value == 3);
  CHECK(nm.how == "各村（社区）、单位填报后相加");
  REQUIRE(nm.units.size() == 2);
  CHECK(nm.units[0].org == "东山村");
  CHECK(*nm.units[0].value == 3);
  CHECK(nm.units[0].source.find("王会计") != std::string::npos);
  CHECK(nm.units[0].source.find("平板-1") != std::string::npos);
  CHECK_FALSE(nm.units[1].value);
  CHECK(nm.units[1].source == "未填报");

  auto dues = explain_figure(*t.s, f, "收缴党费", "3.5", {"dues"});
  REQUIRE(dues.indicators.size() == 1);
  CHECK(dues.indicators[0].units[1].source.find("按月填报 2 个月") != std::string::npos);

  auto rate = explain_figure(*t.s, f, "基层党组织数", "4", {"party_orgs"});
  REQUIRE(rate.indicators.size() == 1);
  CHECK(rate.indicators[0].how.find("由公式计算") != std::string::npos);
}
