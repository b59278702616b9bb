// The X-template importer on the vendor-style documents in tests/data/xtemplates.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "demo/Demo.hpp"
#include "export/Export.hpp"
#include "model/Figures.hpp"
#include "model/Catalog.hpp"
#include "store/Store.hpp"
#include "summary/editor/ImportReview.hpp"
#include "summary/import/Importer.hpp"
#include "summary/Renderer.hpp"
#include "summary/Template.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::summary;

namespace {

std::string data(const std::string& name) { return std::string(JICENG_SOURCE_DIR) + "/tests/data/xtemplates/" + name; }

bool has_line(const ImportResult& r, const std::string& line) {
  for (const auto& l : r.removed_lines)
    if (l == line) return true;
  return false;
}

// The template text with the 待补(…) notes taken out: what remains must hold no blank.
std::string without_notes(std::string t) {
  for (size_t at; (at = t.find("待补(「")) != std::string::npos;) t.erase(at, t.find("」)", at) + 4 - at);
  return t;
}

}  // namespace

TEST_CASE("import: a town summary with banner, repeated stamps and every kind of figure") {
  ImportResult r = import_xtemplate(data("town_summary_a.txt"), Catalog::builtin());
  CHECK(r.removed_lines.size() == 5);
  CHECK(has_line(r, "仅供学习 禁止外传 用后删除"));
  CHECK(has_line(r, "笔杆子文库整理，咨询QQ 12345678"));
  CHECK(has_line(r, "★★★★★★★★★★★★★★★★"));
  REQUIRE(r.paragraphs.size() == 11);
  CHECK(r.paragraphs[0] == "20XX年基层党建工作总结");
  REQUIRE(r.placeholders.size() == 45);
  for (size_t i = 0; i < r.placeholders.size(); ++i) CHECK(r.placeholders[i].index == int(i));

  const auto& p = r.placeholders;
  CHECK(p[0].kind == BlankKind::Year);
  CHECK(p[0].indicator == "year");
  CHECK(p[4].indicator == "members");
  CHECK(p[4].unit == "名");
  CHECK(p[6].indicator == "commando_teams");
  CHECK(p[6].unit == "支");
  CHECK(p[8].kind == BlankKind::Percent);
  CHECK(p[8].indicator == "donation_rate");
  CHECK(p[9].kind == BlankKind::Money);
  CHECK(p[9].unit == "万元");
  CHECK(p[14].kind == BlankKind::Month);
  CHECK(p[14].indicator == "standard_month");
  CHECK(p[15].unit == "户");
  CHECK(p[15].expression == "走访群众户数 | 余");  // "XXXX余户"
  CHECK(p[18].indicator == "new_members");
  CHECK(p[19].indicator == "new_member_completion");
  CHECK(p[25].indicator == "lifted_households");
  CHECK(p[26].indicator == "lifted_persons");  // "脱贫XXX户XXX人"
  CHECK(p[27].indicator == "poor_households_remaining");
  CHECK(p[28].indicator == "poor_persons_remaining");
  CHECK(p[30].indicator == "inspection_aspects");
  CHECK(p[31].indicator == "inspection_problems");
  CHECK(p[37].kind == BlankKind::Village);
  CHECK(p[37].indicator == "cold_stores");
  CHECK(p[37].expression == "村名(新建冷库数 > 0)");
  CHECK(p[38].indicator == "cold_stores");
  CHECK(p[41].kind == BlankKind::Year);
  CHECK(p[41].indicator == "outlook_year");
  CHECK(p[42].indicator == "outlook_min_income");
  CHECK(p[43].indicator == "outlook_villages_above");
  for (const auto& x : p) {
    CHECK(x.confidence >= 0.0);
    CHECK(x.confidence <= 1.0);
    if (x.indicator.empty()) CHECK(x.confidence == 0.0);
  }

  // The template keeps the structure and reads back.
  CHECK(r.template_text.find("【标题】{年份}年基层党建工作总结\n") == 0);
  CHECK(r.template_text.find("【一级】聚焦疫情防控，突出党员先锋作用\n") != std::string::npos);
  CHECK(r.template_text.find("【二级】着力发展村级集体经济。\n") != std::string::npos);
  CHECK(r.template_text.find("走访群众{走访群众户数 | 余}户") != std::string::npos);
  CHECK(r.template_text.find("{村名(新建冷库数 > 0)}已建成冷库{新建冷库数}座") != std::string::npos);
  CHECK(without_notes(r.template_text).find('X') == std::string::npos);
  Template t = Template::parse(r.template_text, "imported", Catalog::builtin());
  CHECK(t.placeholder_count() == 45);
  CHECK(t.to_text() == r.template_text);
}

TEST_CASE("import: words removed for sensitivity, places and villages are text, never numbers") {
  ImportResult r = import_xtemplate(data("theme_and_poverty_b.txt"), Catalog::builtin());
  CHECK(r.removed_lines.size() == 3);
  CHECK(r.paragraphs.size() == 5);
  CHECK(r.paragraphs[0] == "XX镇20XX年度党建工作总结");
  REQUIRE(r.placeholders.size() == 35);
  const auto& p = r.placeholders;
  CHECK(p[0].kind == BlankKind::Text);
  CHECK(p[0].indicator == "town_name");  // "XX镇" is the town itself
  CHECK(p[1].kind == BlankKind::Year);
  CHECK(p[8].unit == "万人次");
  CHECK(p[8].indicator == "cleanup_labor");
  CHECK(p[8].expression == "人居环境整治投工 / 10000 | 约数");  // "X万多人次"
  CHECK(p[11].unit == "万方");
  CHECK(p[11].expression == "清运垃圾 | 约数");  // "X.X万余方" keeps its wording
  CHECK(p[16].kind == BlankKind::Village);
  CHECK(p[16].indicator.empty());  // which weak village is not a fact of the data
  CHECK(p[22].indicator == "weak_self_raised");
  CHECK(p[23].indicator == "weak_funds_above");
  CHECK(p[25].expression == "预计村集体增收 | 约数");
  for (int i : {31, 32, 33, 34}) {
    CHECK(p[size_t(i)].kind == BlankKind::Text);
    CHECK(p[size_t(i)].indicator.empty());
    CHECK(p[size_t(i)].expression.rfind("待补(", 0) == 0);
  }
  CHECK(r.template_text.find("坚决反对涉{待补(「空白32（文字）：坚决反对涉□涉□问题」)}涉") != std::string::npos);
  CHECK(r.template_text.find('X') == std::string::npos);  // not even inside the notes
  CHECK_NOTHROW(Template::parse(r.template_text, "imported", Catalog::builtin()));
}

TEST_CASE("import: GB18030 text with CRLF line ends") {
  ImportResult r = import_xtemplate(data("report_gb18030.txt"), Catalog::builtin());
  CHECK(r.removed_lines.size() == 2);
  REQUIRE(r.paragraphs.size() == 8);
  CHECK(r.paragraphs[0] == "XX镇20XX年抓基层党建工作情况汇报");
  CHECK(r.paragraphs[2] == "一、巩固脱贫成果");
  REQUIRE(r.placeholders.size() == 14);
  CHECK(r.placeholders[2].indicator == "villages");
  CHECK(r.placeholders[3].indicator == "lifted_households");
  CHECK(r.placeholders[4].indicator == "lifted_persons");
  CHECK(r.placeholders[6].indicator == "cold_stores");
  CHECK(r.placeholders[9].indicator == "weak_branches");
  CHECK(r.template_text.find("【一级】巩固脱贫成果\n") != std::string::npos);
}

TEST_CASE("import: UTF-8 with BOM, numbered items, ads in the middle, and the --json shape") {
  ImportResult r = import_xtemplate(data("outlook_bom_d.txt"), Catalog::builtin());
  CHECK(r.removed_lines.size() == 2);
  CHECK(has_line(r, "资料群号：87654321  欢迎加入交流"));
  REQUIRE(r.paragraphs.size() == 8);
  CHECK(r.paragraphs[0] == "20XX年党建工作述职报告");
  const auto& p = r.placeholders;
  REQUIRE(p.size() == 13);
  CHECK(p[2].indicator == "probationary_members");
  CHECK(p[3].indicator == "activists");
  CHECK(p[9].indicator == "outlook_year");  // "到20XX年" is a target
  CHECK(p[12].indicator == "outlook_min_income");
  CHECK(r.template_text.find("【三级】强化政治引领。\n") != std::string::npos);
  CHECK(r.template_text.find("【一级】下一步工作打算\n") != std::string::npos);

  auto j = nlohmann::ordered_json::parse(r.to_json());
  std::vector<std::string> keys;
  for (auto& [k, v] : j.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"removed_lines", "paragraphs", "placeholders", "template"});
  CHECK(j["paragraphs"] == 8);
  CHECK(j["removed_lines"].size() == 2);
  REQUIRE(j["placeholders"].size() == 13);
  auto first = j["placeholders"][0];
  std::vector<std::string> pkeys;
  for (auto& [k, v] : first.items()) pkeys.push_back(k);
  CHECK(pkeys == std::vector<std::string>{"index", "kind", "unit", "context", "indicator", "confidence"});
  CHECK(j["placeholders"][1]["kind"] == "number");
  CHECK(j["placeholders"][1]["unit"] == "名");
  CHECK(j["placeholders"][1]["indicator"] == "members");
  CHECK(j["placeholders"][1]["context"] == "全镇共有党员XXX名");
  CHECK(j["template"].get<std::string>() == r.template_text);
}

TEST_CASE("import: a blank that cannot be placed stays unbound with a null indicator") {
  SourceText src;
  src.paragraphs = {"2020年工作总结", "我们开展了X项很有特色的活动，群众反响良好。"};
  ImportResult r = import_xtemplate(src, Catalog::builtin());
  REQUIRE(r.placeholders.size() == 1);
  CHECK(r.placeholders[0].kind == BlankKind::Number);
  CHECK(r.placeholders[0].unit == "项");
  CHECK(r.placeholders[0].indicator.empty());
  CHECK(r.placeholders[0].confidence == 0.0);
  auto j = nlohmann::json::parse(r.to_json());
  CHECK(j["placeholders"][0]["indicator"].is_null());
  CHECK(r.template_text.find("{待补(「空白1（数字）：我们开展了□项很有特色的活动」)}") != std::string::npos);
}

TEST_CASE("import: ordinary words and Latin letters are not blanks; content with soft ad words stays") {
  SourceText src;
  src.paragraphs = {"某镇工作总结",
                    "组织党员下载学习强国APP，利用QQ群、微信群开展线上学习，订阅党报党刊。",
                    "深入联系群众，及时整理归档各类资料，确保台账规范完整、有据可查，经得起检查。",
                    "用Excel表格登记，3×4的展板共计X块。"};
  ImportResult r = import_xtemplate(src, Catalog::builtin());
  CHECK(r.removed_lines.empty());
  CHECK(r.paragraphs.size() == 4);
  REQUIRE(r.placeholders.size() == 1);  // only "X块": not the x of Excel, not 3×4
  CHECK(r.placeholders[0].unit == "块");
}

TEST_CASE("import: a file that is neither UTF-8 nor GB18030 is refused with a Chinese message") {
  std::string bad = "\x81\x30\x81";  // a truncated GB18030 four-byte sequence
  CHECK_THROWS_AS(read_text_source(bad, "bad.txt"), InputError);
  CHECK_THROWS_AS(import_xtemplate(std::string(JICENG_SOURCE_DIR) + "/tests/data/xtemplates/no_such_file.txt",
                                   Catalog::builtin()),
                  InputError);
}

// Meaning decides, not the nearest noun (summary/import/ImportMeaning.hpp): a 2021 town summary whose
// figures share words with the 2020 catalog but mean something else. Each of these blanks bound to
// the indicator named here would print a wrong figure in the town's document.
TEST_CASE("xtemplate 2021: no blank is bound to an indicator whose meaning differs; each says why") {
  for (const char* file : {"town_2021_c.txt", "town_2021_c_gb18030.txt"}) {
    CAPTURE(file);
    const ImportResult r = import_xtemplate(data(file), Catalog::builtin());
    // The vendor's lines go, wherever they stand and however they end; no content line is lost.
    CHECK(r.removed_lines == std::vector<std::string>{"原创文章，转载请注明出处。", "如有侵权请联系删除。"});
    CHECK(r.paragraphs.size() == 10);
    CHECK(r.paragraphs[0] == "XX镇2021年度基层党建工作总结");

    auto blank = [&](const std::string& context, const std::string& unit_or_before) -> const ImportedBlank& {
      for (const auto& p : r.placeholders) {
        const size_t at = p.context.find(unit_or_before);
        if (p.context.find(context) != std::string::npos && at != std::string::npos) {
          // The blank nearest after the words named: its own text follows them.
          const std::string after = p.context.substr(at + unit_or_before.size());
          if (after.rfind("X", 0) == 0) return p;
        }
      }
      FAIL("no blank after 「" << unit_or_before << "」 in 「" << context << "」");
      return r.placeholders.front();
    };
    struct Wrong {
      const char* context;
      const char* before;   // the words right before the blank
      const char* never;    // the indicator it must not be
    };
    const Wrong wrong[] = {
        {"党员参加党史学习教育", "、", "members"},                   // those who took part, not all members
        {"党员参与志愿服务", "组织", "response_members"},            // volunteering, not the epidemic response
        {"党员参与志愿服务", "组织", "members"},
        {"其中女党员", "其中女党员", "members"},                     // a part, after the total
        {"老党员XX名", "老党员", "members"},
        {"流动党员", "流动党员", "members"},
        {"走访慰问", "困难党员", "members"},                         // people visited
        {"万元以上的村", "收入", "collective_income"},               // a threshold, not an income
        {"万元以上的村", "以上的村达到", "outlook_villages_above"},  // this year's villages, not a target
        {"预计明年", "将达到", "collective_income"},                 // a forecast, not the actual
        {"剩余", "剩余", "lifted_households"},                       // what remains, not what was achieved
        {"剩余", "剩余", "poor_households_remaining"},
    };
    for (const Wrong& w : wrong) {
      CAPTURE(w.context);
      const ImportedBlank& b = blank(w.context, w.before);
      CHECK(b.indicator != w.never);
      if (b.indicator.empty()) CHECK_FALSE(b.caution.empty());  // the review says why it was set aside
    }
    // What does mean the catalog's quantity is still bound.
    CHECK(blank("全镇XX个基层党组织", "全镇").indicator == "party_orgs");
    CHECK(blank("全镇共有党员", "共有党员").indicator == "members");
    CHECK(blank("全年发展党员", "发展党员").indicator == "new_members");
    CHECK(blank("为群众办实事", "办实事").indicator == "problems_solved");
    CHECK(blank("均达到", "均达到").indicator == "outlook_min_income");  // a target under 下一步工作打算
    CHECK(blank("个村超过", "其中").indicator == "outlook_villages_above");
    // Two blanks of one sentence never bind to the same indicator.
    std::map<std::string, int> in_sentence;
    for (const auto& p : r.placeholders)
      if (p.context.find("全镇共有党员") != std::string::npos || p.context.find("党员XX名") != std::string::npos)
        if (!p.indicator.empty()) CHECK(++in_sentence[p.indicator] == 1);
    // The unbound ones stay in the template as 待补 with the reason, never as a figure.
    CHECK(without_notes(r.template_text).find('X') == std::string::npos);
    CHECK(r.template_text.find("这是预计或计划的数") != std::string::npos);
  }
}

TEST_CASE("xtemplate: every vendor notation of a blank is found, compound units kept, durations and names told apart") {
  SourceText src;
  src.paragraphs = {"XX镇2022年基层党建工作总结",
                    "全镇发展党员x名，走访群众Ｘ户，新建冷库×座，培训党员××人次，开展活动*场次，组织学习**批次，"
                    "发放资金□万元，新修道路＿＿公里，新建阵地____平方米。",
                    "全年开展主题党日X场次，入户走访X户次，收入增长X倍，第X季度完成整改，用X年时间完成，创办《X日报》专栏，"
                    "文件名为 file_name。"};
  const ImportResult r = import_xtemplate(src, Catalog::builtin());
  REQUIRE(r.placeholders.size() == 16);
  const auto& p = r.placeholders;
  const char* units[] = {"名", "户", "座", "人次", "场次", "批次", "万元", "公里", "平方米"};
  for (size_t i = 0; i < 9; ++i) {
    CAPTURE(i);
    CHECK(p[i + 1].unit == units[i]);
    CHECK(p[i + 1].kind == (i == 6 ? BlankKind::Money : BlankKind::Number));
  }
  CHECK(p[1].indicator == "new_members");
  CHECK(p[8].indicator == "new_roads");   // ＿＿公里
  CHECK(p[10].indicator == "party_days");  // X场次 counts 主题党日 like X次
  CHECK(p[11].unit == "户次");
  CHECK(p[11].indicator != "visited_households");  // visits are not households
  CHECK(p[12].unit == "倍");
  CHECK(p[12].kind == BlankKind::Number);
  CHECK(p[13].unit == "季度");
  CHECK(p[13].kind == BlankKind::Number);
  CHECK(p[14].kind == BlankKind::Number);  // 用X年时间: a duration, not a year
  CHECK(p[14].unit == "年");
  CHECK(p[15].kind == BlankKind::Text);    // 《X日报》: a name
  CHECK(without_notes(r.template_text).find("＿") == std::string::npos);
  CHECK(without_notes(r.template_text).find("□") == std::string::npos);
  CHECK(r.template_text.find("file_name") != std::string::npos);  // one underscore is not a blank
}

TEST_CASE("xtemplate: a vendor line is never the title, wherever it stands") {
  SourceText src;
  src.paragraphs = {"2021年度党建工作总结范文精品免费下载，关注公众号获取更多",
                    "XX镇2021年度党建工作总结",
                    "全年发展党员X名。",
                    "本文由文库整理，如有侵权请联系删除。",
                    "全镇共有党员XX名。",
                    "原创，转载请注明"};
  const ImportResult r = import_xtemplate(src, Catalog::builtin());
  CHECK(r.removed_lines.size() == 3);
  REQUIRE(r.paragraphs.size() == 3);
  CHECK(r.paragraphs[0] == "XX镇2021年度党建工作总结");
  CHECK(r.template_text.rfind("【标题】{镇名}2021年度党建工作总结", 0) == 0);
}

// The third way to resolve a blank: a value that is not data (a plan, a redacted place name),
// typed once in the review. With it the 2021 template has no 待补 left and renders as final.
TEST_CASE("import review: blanks that are not data get a fixed value; the template then renders without a blank") {
  const Catalog& cat = Catalog::builtin();
  editor::ImportReview review = editor::ImportReview::open(data("town_2021_c.txt"), cat);
  const auto& items = review.items();
  REQUIRE(items.front().blank.indicator.empty());  // what needs a person comes first
  std::optional<size_t> number, words;
  for (size_t k = 0; k < items.size(); ++k) {
    if (!items[k].blank.indicator.empty()) continue;
    const bool text = items[k].blank.kind == BlankKind::Text || items[k].blank.kind == BlankKind::Village;
    (text ? words : number) = k;
    // A village blank stands for the whole name ("XX村"), as the review's village buttons give it.
    review.set_fixed(k, !text ? "12" : items[k].blank.kind == BlankKind::Village ? "东山村" : "东山", cat);
    CHECK(items[k].confirmed);
  }
  REQUIRE(number);
  REQUIRE(words);
  // Refused, each with a Chinese sentence, and the value typed before stays.
  CHECK_THROWS_WITH_AS(review.set_fixed(*number, "十二", cat), doctest::Contains("不是一个数"), InputError);
  CHECK_THROWS_WITH_AS(review.set_fixed(*number, "12名", cat), doctest::Contains("不是一个数"), InputError);
  CHECK_THROWS_WITH_AS(review.set_fixed(*number, " ", cat), doctest::Contains("请先填写"), InputError);
  CHECK_THROWS_WITH_AS(review.set_fixed(*words, "东山」村", cat), doctest::Contains("不能有"), InputError);
  CHECK(items[*number].expression == "12");
  CHECK(items[*words].expression.rfind("「东山", 0) == 0);

  const Template t = review.build(cat);
  CHECK(t.to_text().find("待补") == std::string::npos);
  CHECK(t.to_text().find("举办专题读书班{12}期") != std::string::npos);
  test::TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  write_demo_town(*s);
  const Document doc = render(t, YearFigures::compute(*s, 2020));
  CHECK_NOTHROW(require_resolved(doc));
  const std::string text = exporter::export_bytes(t, YearFigures::compute(*s, 2020), exporter::Format::Text, false);
  CHECK(text.find("举办专题读书班12期") != std::string::npos);
  CHECK(text.find("收入最高的东山村") != std::string::npos);
  CHECK(text.find('X') == std::string::npos);
}

// Every numeric blank ends bound, proposed as a town indicator or fixed: after one "accept all"
// none is left, and a template imported again into the same town binds to what was accepted.
TEST_CASE("import review: proposed town indicators, accepted in one step, bind the next import too") {
  test::TempDir dir;
  auto s = Store::open(dir.file("town.db"));
  write_demo_town(*s);
  const Actor admin{"组织委员", "", Role::Admin, {}};
  ImportResult r = import_xtemplate(data("town_2021_c.txt"), s->catalog());
  std::map<std::string, const ImportedBlank*> by_name;
  for (const auto& p : r.placeholders) {
    const bool numeric = p.kind == BlankKind::Number || p.kind == BlankKind::Money || p.kind == BlankKind::Percent;
    CAPTURE(p.context);
    if (numeric) CHECK((!p.indicator.empty() || p.proposed));  // bound or proposed: never left alone
    if (p.proposed) {
      CHECK(p.indicator.empty());
      CHECK(by_name.emplace(p.proposed->name, &p).second);  // two blanks never share a proposal
    }
  }
  REQUIRE(by_name.count("老党员数"));
  CHECK(by_name.at("老党员数")->proposed->unit == "名");
  CHECK(by_name.at("老党员数")->proposed->kind == IndicatorKind::Count);
  CHECK(by_name.at("老党员数")->proposed->section_name == "加强党员队伍建设");
  CHECK(by_name.count("流动党员数"));
  CHECK(by_name.count("女党员数"));
  CHECK(by_name.count("参与志愿服务党员数"));  // "XXX多名党员参与志愿服务": not 党员数
  CHECK(by_name.count("剩余脱贫监测户数"));    // what remains, not what was achieved
  // A forecast and a threshold are the town's to type once, not summed over villages.
  CHECK(by_name.at("预计明年村集体经济收入")->proposed->level == Level::Town);
  CHECK(by_name.at("村集体经济收入标准线")->proposed->level == Level::Town);
  const auto j = nlohmann::json::parse(r.to_json());
  bool listed = false;
  for (const auto& p : j["placeholders"])
    if (p.contains("proposed") && p["proposed"]["name"] == "老党员数") listed = p["indicator"].is_null() && p["proposed"]["unit"] == "名";
  CHECK(listed);

  editor::ImportReview review = editor::ImportReview::from(r);
  CHECK(review.unresolved_numeric() == by_name.size());
  // Renamed before accepting; a name another indicator has with another unit is refused.
  size_t renamed = 0;
  while (!review.items()[renamed].blank.proposed || review.items()[renamed].blank.proposed->name != "老党员数") ++renamed;
  CHECK_THROWS_AS(review.rename_proposal(renamed, "村集体经济经营性收入", s->catalog()), InputError);
  review.rename_proposal(renamed, "七十岁以上老党员数", s->catalog());
  const Actor leader{"书记", "", Role::Leader, {}};
  CHECK_THROWS_AS(review.accept_proposals(*s, leader), InputError);  // admins only, and nothing changed
  CHECK(review.open_proposals() == by_name.size());
  CHECK(review.accept_proposals(*s, admin) == by_name.size());
  CHECK(review.open_proposals() == 0);
  CHECK(review.unresolved_numeric() == 0);
  REQUIRE(s->catalog().find("七十岁以上老党员数"));
  CHECK(s->catalog().find("七十岁以上老党员数")->town);
  CHECK(review.build(s->catalog()).to_text().find("{七十岁以上老党员数}") != std::string::npos);

  // The same template again: the accepted names bind, nothing is proposed twice.
  ImportResult again = import_xtemplate(data("town_2021_c.txt"), s->catalog());
  editor::ImportReview second = editor::ImportReview::from(again);
  const size_t defined = s->town_indicators().size();
  second.accept_proposals(*s, admin);
  CHECK(s->town_indicators().size() == defined);
  CHECK(second.unresolved_numeric() == 0);
}

// Templates of other years and levels, written here in the genre: a street office's 2022 summary
// (二十大), a village branch's 2023 summary (主题教育; also in GB18030), a party secretary's 述职.
// Every blank is found, every vendor line goes and no content line does, no blank is bound to an
// indicator that means something else, and after accepting the proposals no numeric blank is left.
TEST_CASE("xtemplates of other years and levels: every blank resolved, none bound to another meaning") {
  struct Case {
    const char* file;
    std::vector<std::string> removed;
    size_t paragraphs, blanks;
    std::map<int, std::string> bound;      // blank → the indicator it must have
    std::map<int, std::string> not_bound;  // blank → an indicator it must not have
    std::map<int, std::string> proposed;   // blank → the name of the town indicator proposed
    std::map<int, Level> level;            // blank → who types the proposed figure
  };
  const Case cases[] = {
      {"street_2022_d.txt",
       {"来源：某某文库 www.xxwk.com 会员专享 可编辑", "本文由文库用户上传，如有侵权请联系删除。"}, 9, 12,
       {{0, "town_name"}, {1, "town_name"}, {6, "members"}, {10, "outlook_year"}},
       {{4, "members"}, {7, "members"}},
       {{7, "在职党员数"}, {9, "新建党群服务中心面积"}, {11, "社区党组织书记和居委会主任一肩挑比例"}},
       {{7, Level::Village}, {11, Level::Town}}},
      {"village_branch_2023_e.txt", {"关注微信公众号“党建范文”获取更多资料"}, 8, 13,
       {{2, "members"}, {3, "probationary_members"}, {8, "collective_income"}},
       {{7, "inspection_problems"}, {11, "members"}, {12, "weak_activity_room"}},
       {{11, "三十五岁以下党员数"}, {12, "党员活动阵地面积标准线"}},
       {{12, Level::Town}}},
      {"village_branch_2023_e_gb18030.txt", {"关注微信公众号“党建范文”获取更多资料"}, 8, 13,
       {{2, "members"}, {3, "probationary_members"}}, {{11, "members"}}, {{11, "三十五岁以下党员数"}}, {}},
      {"secretary_report_f.txt", {"（下载后可自由编辑）"}, 9, 10,
       {{0, "town_name"}, {5, "weak_branches"}},
       {{8, "new_members"}},
       {{7, "平均年龄"}, {8, "计划新发展党员数"}},
       {{3, Level::Town}, {7, Level::Town}, {8, Level::Town}}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    ImportResult r = import_xtemplate(data(c.file), Catalog::builtin());
    CHECK(r.removed_lines == c.removed);
    CHECK(r.paragraphs.size() == c.paragraphs);
    REQUIRE(r.placeholders.size() == c.blanks);
    for (const auto& [k, id] : c.bound) CHECK_MESSAGE(r.placeholders[size_t(k)].indicator == id, "blank " << k);
    for (const auto& [k, id] : c.not_bound) CHECK_MESSAGE(r.placeholders[size_t(k)].indicator != id, "blank " << k);
    for (const auto& [k, name] : c.proposed) {
      REQUIRE_MESSAGE(r.placeholders[size_t(k)].proposed, "blank " << k);
      CHECK(r.placeholders[size_t(k)].proposed->name == name);
    }
    for (const auto& [k, level] : c.level) CHECK_MESSAGE(r.placeholders[size_t(k)].proposed->level == level, "blank " << k);
    // No X is left in the template outside the 待补 notes, and accepting resolves every number.
    CHECK(without_notes(r.template_text).find('X') == std::string::npos);
    test::TempDir dir;
    auto s = Store::open(dir.file("town.db"));
    write_demo_town(*s);
    editor::ImportReview review = editor::ImportReview::from(r);
    review.accept_proposals(*s, Actor{"组织委员", "", Role::Admin, {}});
    CHECK(review.unresolved_numeric() == 0);
    CHECK_NOTHROW(review.build(s->catalog()));
  }
}

// A line taken for the vendor's that is content after all: one tap keeps it, and what was settled stays.
TEST_CASE("import review: a removed line is kept on request; settled blanks stay settled") {
  const Catalog& cat = Catalog::builtin();
  editor::ImportReview review = editor::ImportReview::open(data("town_2021_c.txt"), cat);
  const auto& removed = review.result().removed_lines;
  REQUIRE(removed.size() == 2);
  const size_t paragraphs = review.result().paragraphs.size();
  size_t village = 0;
  while (review.items()[village].blank.kind != BlankKind::Village) ++village;
  review.set_fixed(village, "东山村", cat);
  REQUIRE(review.can_keep(1));
  const std::string line = removed[1];
  review.keep_line(1, cat);
  CHECK(review.result().removed_lines.size() == 1);
  CHECK(review.result().paragraphs.size() == paragraphs + 1);
  CHECK(std::find(review.result().paragraphs.begin(), review.result().paragraphs.end(), line) != review.result().paragraphs.end());
  bool still = false;
  for (const auto& it : review.items())
    if (it.blank.kind == BlankKind::Village) still = it.confirmed && it.expression == "「东山村」";
  CHECK(still);
  CHECK_FALSE(review.can_keep(5));
  // A review made from a result alone has no file to read again.
  CHECK_FALSE(editor::ImportReview::from(import_xtemplate(data("town_2021_c.txt"), cat)).can_keep(1));
}
