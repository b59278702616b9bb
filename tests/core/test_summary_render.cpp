// Filling templates from figures: the summary's functions, formats, heading numbers, the missing
// marker and the unresolved gate, and the three writers — on a hand-made town and the demo town.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>

#include "demo/Demo.hpp"
#include "demo/Synthetic.hpp"
#include "export/Export.hpp"
#include "model/Figures.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "summary/Renderer.hpp"
#include "summary/SummaryContext.hpp"
#include "summary/Writers.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::summary;

namespace {

struct Town {
  test::TempDir dir;
  std::unique_ptr<Store> s = Store::open(dir.file("t.db"));
  test::SmallTown t = test::make_small_town(*s);
  Town() {
    s->set_values({{"V1", "new_members", "2020", "3"}, {"V2", "new_members", "2020", "4"},
                   {"V1", "new_member_quota", "2020", "4"}, {"V2", "new_member_quota", "2020", "6"},
                   {"V1", "new_members", "2019", "2"}, {"V2", "new_members", "2019", "2"},
                   {"V1", "new_member_quota", "2019", "4"}, {"V2", "new_member_quota", "2019", "4"},
                   {"V1", "dues", "2020-01", "1.5"}, {"V1", "dues", "2020-02", "2"},
                   {"V1", "dues", "2019-05", "5"},
                   {"V1", "visited_households", "2020-03", "3265"},
                   {"V1", "cold_stores", "2020", "1"}},
                  {});
  }
  // The text a one-paragraph template renders to.
  std::string fill(const std::string& paragraph, bool with_previous = true) {
    Template t = Template::parse(paragraph, "t", s->catalog());
    YearFigures f = with_previous ? YearFigures::compute_with_previous(*s, 2020) : YearFigures::compute(*s, 2020);
    Document d = render(t, f, RenderOptions{true});
    REQUIRE(d.blocks.size() == 1);
    return d.blocks[0].text();
  }
};

}  // namespace

TEST_CASE("render: figures, rates and built-in words") {
  Town w;
  CHECK(w.fill("{镇名}{年份}年发展党员{发展党员数}名，完成率{比率(发展党员数, 发展党员任务数)}%，下一年是{下一年}。") ==
        "测试镇2020年发展党员7名，完成率70%，下一年是2021。");
  CHECK(w.fill("{new_members * 2}、{四舍五入(发展党员数 / 3, 1)}、{较大值(发展党员数, 10)}") == "14、2.3、10");
  CHECK(w.fill("完成率{发展党员任务完成率}%") == "完成率70%");
  CHECK(w.fill("走访{走访群众户数 | 余}户，{走访群众户数 | 多}户，{走访群众户数}户") == "走访3200余户，3200多户，3265户");
  CHECK(w.fill("党费{收缴党费}万元，{收缴党费 | 整数}万元，{收缴党费 | 百分比}") == "党费3.5万元，4万元，3.5%");
  CHECK(w.fill("{发展党员数 | 汉字}名") == "七名");
}

TEST_CASE("render: the change against last year is worded 增加, 减少 or 持平") {
  Town w;
  CHECK(w.fill("较上年{较上年(发展党员数)}") == "较上年增加3名");
  CHECK(w.fill("较上年{较上年(收缴党费)}") == "较上年减少1.5万元");
  CHECK(w.fill("较上年{较上年(发展党员任务数)}") == "较上年增加2名");
  CHECK(w.fill("完成率较上年{较上年(发展党员任务完成率)}") == "完成率较上年提高20个百分点");
  CHECK(w.fill("上年{上年(发展党员数)}名，增长{增长率(发展党员数)}%") == "上年4名，增长75%");
  CHECK(w.fill("较上年{较上年(发展党员数 - 发展党员数)}") == "较上年持平");
  CHECK(w.fill("{较上年(发展党员数, \"人\")}") == "增加3人");
  // Without last year's figures the change is missing, never 0.
  CHECK(w.fill("较上年{较上年(发展党员数)}", false) == "较上年【待补：上年发展党员数】");
}

TEST_CASE("render: sums, counts and names over villages with a condition") {
  Town w;
  w.s->set_value({"V2", "cold_stores", "2020", "0"}, {});
  CHECK(w.fill("{村名(新建冷库数 > 0)}建成冷库") == "东山村建成冷库");
  CHECK(w.fill("{村数(新建冷库数 > 0)}个村") == "1个村");
  CHECK(w.fill("{村名(发展党员数 >= 3)}") == "东山村和西河村");
  CHECK(w.fill("{村名(发展党员数 > 100)}") == "无");
  CHECK(w.fill("{各村合计(发展党员数, 发展党员任务数 > 4)}名") == "4名");
  CHECK(w.fill("{各村合计(发展党员数)}名") == "7名");
  CHECK(w.fill("{sum_villages(new_members, new_members < 4)}") == "3");
}

TEST_CASE("render: missing data shows a marker naming what is missing, by village where it matters") {
  Town w;
  CHECK(w.fill("{村名(新建冷库数 > 0)}") == "【待补：新建冷库数（西河村）】");
  CHECK(w.fill("捐款{党员捐款金额}万元") == "捐款【待补：党员捐款金额】万元");
  CHECK(w.fill("{目标(发展党员数)}") == "【待补：发展党员数年度目标】");
  w.s->set_target(w.t.town, "new_members", 2020, 10, {});
  CHECK(w.fill("{目标(发展党员数)}") == "10");
  CHECK(w.fill("{待补(\"村名\")}") == "【待补：村名】");
  CHECK(w.fill("{比率(发展党员数, 新建冷库数 - 1)}") == "【待补：除数为零】");
}

TEST_CASE("render: headings are numbered per level; notes are not printed") {
  Town w;
  Template t = Template::parse("【标题】{年份}年总结\n【注】给编辑者看的\n【一级】甲\n【二级】子\n【三级】孙\n【四级】曾孙\n【四级】曾孙二\n"
                               "【二级】子二\n【三级】孙\n【一级】乙\n【二级】子\n【落款】中共{镇名}委员会\n",
                               "t", w.s->catalog());
  Document d = render(t, YearFigures::compute(*w.s, 2020));
  std::vector<std::string> numbers;
  for (const auto& b : d.blocks) numbers.push_back(b.number);
  CHECK(numbers == std::vector<std::string>{"", "一、", "（一）", "1.", "（1）", "（2）", "（二）", "1.", "二、", "（一）", ""});
  CHECK(d.title() == "2020年总结");
  CHECK(d.blocks.back().text() == "中共测试镇委员会");
  CHECK(d.blocks[1].source == 2);  // the note is skipped but indices still point into the template
}

TEST_CASE("gate: a draft shows the marker, a final export refuses and names what is missing") {
  Town w;
  Template t = Template::parse("【标题】总结\n发展党员{发展党员数}名，捐款{党员捐款金额}万元，{村名(新建冷库数 > 0)}建成冷库。\n",
                               "t", w.s->catalog());
  YearFigures f = YearFigures::compute_with_previous(*w.s, 2020);
  Document draft = render(t, f, RenderOptions{true});
  REQUIRE(draft.unresolved.size() == 2);
  CHECK(draft.unresolved[0].names == std::vector<std::string>{"党员捐款金额"});
  CHECK(draft.unresolved[0].block == 1);
  CHECK(draft.unresolved[1].names == std::vector<std::string>{"新建冷库数（西河村）"});
  CHECK_NOTHROW(require_resolved(draft));
  std::string txt = exporter::export_bytes(t, f, exporter::Format::Text, true);
  CHECK(txt.find("【草稿】") == 0);
  CHECK(txt.find("捐款【待补：党员捐款金额】万元") != std::string::npos);
  try {
    exporter::export_bytes(t, f, exporter::Format::Html, false);
    FAIL("a final export with missing figures must be refused");
  } catch (const UnresolvedError& e) {
    CHECK(e.names() == std::vector<std::string>{"党员捐款金额", "新建冷库数（西河村）"});
    std::string msg = e.what();
    CHECK(msg.find("2 项") != std::string::npos);
    CHECK(msg.find("党员捐款金额") != std::string::npos);
    CHECK(msg.find("--draft") != std::string::npos);
  }
  // Filling the data lets the final export through.
  w.s->set_values({{"V1", "donation_amount", "2020", "1.2"}, {"V2", "cold_stores", "2020", "0"}}, {});
  YearFigures g = YearFigures::compute_with_previous(*w.s, 2020);
  std::string final_text = exporter::export_bytes(t, g, exporter::Format::Text, false);
  CHECK(final_text.find("捐款1.2万元，东山村建成冷库。") != std::string::npos);
  CHECK(final_text.find("草稿") == std::string::npos);
}

TEST_CASE("writers: text, Markdown and HTML from one document") {
  Town w;
  Template t = Template::parse("【标题】{年份}年<总结>\n【一级】甲*乙\n发展党员{发展党员数}名，捐款{党员捐款金额}万元。\n【落款】中共{镇名}委员会\n",
                               "t", w.s->catalog());
  Document d = render(t, YearFigures::compute(*w.s, 2020), RenderOptions{true});
  std::string txt = write_text(d);
  CHECK(txt.find("2020年<总结>\n\n\u3000\u3000一、甲*乙\n\u3000\u3000发展党员7名") != std::string::npos);
  CHECK(txt.find("\u3000中共测试镇委员会\n") != std::string::npos);
  std::string md = write_markdown(d);
  CHECK(md.find("# 2020年\\<总结\\>\n") != std::string::npos);
  CHECK(md.find("## 一、甲\\*乙\n") != std::string::npos);
  CHECK(md.find("**【待补：党员捐款金额】**") != std::string::npos);
  std::string html = write_html(d);
  CHECK(html.find("<html lang=\"zh-CN\">") != std::string::npos);
  CHECK(html.find("<h1 class=\"title\"><span class=\"fig\" data-placeholder=\"0\">2020</span>年&lt;总结&gt;</h1>") != std::string::npos);
  CHECK(html.find("<h2><span class=\"num\">一、</span>甲*乙</h2>") != std::string::npos);
  CHECK(html.find("<span class=\"missing\" data-placeholder=\"2\">【待补：党员捐款金额】</span>") != std::string::npos);
  CHECK(html.find("class=\"draft-mark\"") != std::string::npos);
  CHECK(html.find("font-family: \"FangSong_GB2312\"") != std::string::npos);
  std::string preview = write_html(d, HtmlOptions{true});
  CHECK(preview.find("class=\"fig hl\" data-placeholder=\"1\" title=\"发展党员数\"") != std::string::npos);
}

TEST_CASE("demo town: the 2020 summary is complete in every format and states the data") {
  test::TempDir dir;
  auto s = Store::open(dir.file("demo.db"));
  write_demo_town(*s);
  YearFigures f = YearFigures::compute_with_previous(*s, 2020);
  const Template& t = Template::builtin(s->catalog());
  Document d = render(t, f);
  CHECK(d.unresolved.empty());
  CHECK(d.title() == "青禾镇2020年基层党建工作总结");
  CHECK(d.figure_count() == t.placeholder_count());
  // Every single-figure placeholder states exactly the figure the data gives.
  std::vector<const Placeholder*> phs;
  for (const auto& b : t.blocks())
    if (b.kind != BlockKind::Note)
      for (const auto& seg : b.segments)
        if (seg.placeholder) phs.push_back(&*seg.placeholder);
  int compared = 0;
  for (const auto& b : d.blocks)
    for (const auto& r : b.runs) {
      if (r.kind != RunKind::Figure || !r.value) continue;
      const Placeholder& p = *phs.at(size_t(r.placeholder));
      if (p.expr.root().kind != ExprNode::Kind::Ident || find_builtin(p.expr.root().text)) continue;
      const Indicator* ind = s->catalog().find(p.expr.root().text);
      REQUIRE(ind);
      INFO(ind->id);
      auto v = f.town_value(ind->id);
      REQUIRE(v);
      CHECK(*r.value == doctest::Approx(*v));
      ++compared;
    }
  CHECK(compared > 80);
  for (exporter::Format fmt : {exporter::Format::Text, exporter::Format::Markdown, exporter::Format::Html}) {
    std::string out = exporter::export_bytes(t, f, fmt, false);
    // What a reader checks: the title, every heading and every stated figure are in the file.
    CHECK(out.find(d.title()) != std::string::npos);
    for (const auto& b : d.blocks) {
      if (b.kind == BlockKind::Heading && !b.runs.empty()) CHECK_MESSAGE(out.find(b.runs.front().text) != std::string::npos, b.text());
      for (const auto& r : b.runs)
        if (r.kind == RunKind::Figure) CHECK_MESSAGE(out.find(r.text) != std::string::npos, r.text);
    }
    CHECK(out.find("待补") == std::string::npos);
    CHECK(out.find("草稿") == std::string::npos);
    // No blank of a purchased template survives (the HTML's CSS names fonts like FZXiaoBiaoSong).
    std::string body = fmt == exporter::Format::Html ? out.substr(out.find("<main")) : out;
    CHECK(body.find('X') == std::string::npos);
  }
}

TEST_CASE("the default template renders over a county-scale synthetic town") {
  // Its speed is measured in jiceng-bench (docs/PERFORMANCE.md), not here.
  test::TempDir dir;
  auto s = Store::open(dir.file("county.db"));
  SyntheticSpec spec;
  spec.villages = 300;
  write_synthetic_town(*s, spec);
  YearFigures f = YearFigures::compute_with_previous(*s, 2020);
  const Document d = render(Template::builtin(s->catalog()), f, RenderOptions{true});
  CHECK(d.title().find("2020年") != std::string::npos);
  CHECK(d.figure_count() > 80);
  // Sums over 300 villages reach the text: the town's new members equal the villages' together.
  double villages = 0;
  for (OrgId v : f.reporting_units()) villages += f.value(v, "new_members").value_or(0);
  CHECK(f.town_value("new_members").value_or(-1) == doctest::Approx(villages));
  bool stated = false;
  for (const auto& b : d.blocks)
    for (const auto& r : b.runs)
      if (r.kind == RunKind::Figure && r.indicators == std::vector<std::string>{"new_members"} && r.value &&
          *r.value == doctest::Approx(villages) && write_html(d).find(r.text) != std::string::npos)
        stated = true;
  CHECK(stated);
}
