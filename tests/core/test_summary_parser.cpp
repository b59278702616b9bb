// The template syntax: placeholders, formats, markers, errors with position and reason, editing.
#include <doctest/doctest.h>

#include <set>

#include "base/Error.hpp"
#include "model/Catalog.hpp"
#include "summary/SummaryContext.hpp"
#include "summary/Template.hpp"

using namespace jiceng;
using namespace jiceng::summary;

namespace {

const Catalog& cat() { return Catalog::builtin(); }

// The error a bad text gives: its character position and message.
std::pair<int, std::string> error_of(std::string_view text) {
  try {
    parse_segments(text, cat());
  } catch (const ExprError& e) {
    return {e.position, e.what()};
  }
  return {-1, ""};
}

}  // namespace

TEST_CASE("parser: literal text and placeholders with formats") {
  auto s = parse_segments("全年发展党员{发展党员数}名，走访{ 走访群众户数 | 余 }户，完成率{rate(new_members, new_member_quota)|百分比}。", cat());
  REQUIRE(s.size() == 7);
  CHECK(s[0].text == "全年发展党员");
  REQUIRE(s[1].placeholder);
  CHECK(s[1].placeholder->expression == "发展党员数");
  CHECK(s[1].placeholder->format == FormatKind::Auto);
  CHECK(s[1].placeholder->column == 6);
  CHECK(s[3].placeholder->expression == "走访群众户数");
  CHECK(s[3].placeholder->format == FormatKind::ApproxYu);
  CHECK(s[5].placeholder->format == FormatKind::Percent);
  CHECK(s[5].placeholder->expr.root().kind == ExprNode::Kind::Call);
  CHECK(s[6].text == "。");
}

TEST_CASE("parser: full-width braces and bar, doubled braces for literal ones, strings holding braces") {
  auto s = parse_segments("｛发展党员数｜整数｝名{{注}}{待补(\"有}括号\")}", cat());
  REQUIRE(s.size() == 3);
  CHECK(s[0].placeholder->format == FormatKind::Integer);
  CHECK(s[1].text == "名{注}");
  CHECK(s[2].placeholder->expression == "待补(\"有}括号\")");
}

TEST_CASE("parser: errors name the character and the reason in Chinese") {
  auto [p1, m1] = error_of("发展党员{发展党员数名");
  CHECK(p1 == 4);
  CHECK(m1.find("没有对应的") != std::string::npos);

  auto [p2, m2] = error_of("共计}个");
  CHECK(p2 == 2);
  CHECK(m2.find("多了一个") != std::string::npos);

  auto [p3, m3] = error_of("达到{发展党员数 | 百分}");
  CHECK(p3 == 11);  // at the format's name
  CHECK(m3.find("百分") != std::string::npos);
  CHECK(m3.find("百分比") != std::string::npos);  // lists what exists

  auto [p4, m4] = error_of("全年{发展党员人数量}名");  // not an indicator name
  CHECK(p4 == 3);
  CHECK(m4.find("发展党员人数量") != std::string::npos);

  auto [p5, m5] = error_of("完成{比率(发展党员数)}");  // one argument short
  CHECK(p5 == 3);
  CHECK(m5.find("比率") != std::string::npos);

  auto [p6, m6] = error_of("增长{发展党员数 + }");
  CHECK(p6 == 10);
  CHECK(m6.find("占位符") != std::string::npos);

  auto [p7, m7] = error_of("{}");
  CHECK(p7 == 0);
  CHECK(m7.find("空") != std::string::npos);

  auto [p8, m8] = error_of("{a | 整数 | 余}");
  CHECK(p8 == 8);  // the second bar
  CHECK(!m8.empty());

  auto [p9, m9] = error_of("{目标(3)}");
  CHECK(p9 == 1);
  CHECK(m9.find("指标") != std::string::npos);
}

TEST_CASE("parser: a template file with markers; errors give the file, line and character") {
  std::string text =
      "【注】说明文字\n"
      "【标题】{年份}年基层党建工作总结\n"
      "\n"
      "  开头段落{党员数}名。\n"
      "【一级】第一部分\n"
      "【二级】  小节\n"
      "【正文】【重要】以【开头的段落\n"
      "【落款】中共{镇名}委员会\n";
  Template t = Template::parse(text, "a.tpl", cat());
  REQUIRE(t.blocks().size() == 7);
  CHECK(t.blocks()[0].kind == BlockKind::Note);
  CHECK(t.blocks()[1].kind == BlockKind::Title);
  CHECK(t.blocks()[2].kind == BlockKind::Paragraph);
  CHECK(t.blocks()[2].line == 4);
  CHECK(t.blocks()[3].kind == BlockKind::Heading);
  CHECK(t.blocks()[3].level == 1);
  CHECK(t.blocks()[4].level == 2);
  CHECK(t.blocks()[4].text == "小节");
  CHECK(t.blocks()[5].text == "【重要】以【开头的段落");
  CHECK(t.blocks()[6].kind == BlockKind::Signature);
  CHECK(t.placeholder_count() == 3);
  // Round trip through the text form.
  Template again = Template::parse(t.to_text(), "b.tpl", cat());
  CHECK(again.to_text() == t.to_text());

  try {
    Template::parse("【标题】总结\n【一级】  聚焦{发展党员人数量 }\n", "bad.tpl", cat());
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(e.where().file == "bad.tpl");
    CHECK(e.where().line == 2);
    std::string msg = e.describe();
    CHECK(msg.find("bad.tpl") != std::string::npos);
    CHECK(msg.find("第 10 个字符") != std::string::npos);  // 【一级】 + two spaces + 聚焦 + { → the name
    CHECK(msg.find("发展党员人数量") != std::string::npos);
  }
  CHECK_THROWS_AS(Template::parse("【一级】\n", "x.tpl", cat()), InputError);
  // 8 000 nested brackets in a placeholder overflowed the stack; now it is an error on its line.
  try {
    Template::parse("【标题】总结\n{" + std::string(8000, '(') + "1" + std::string(8000, ')') + "}\n", "deep.tpl", cat());
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(e.where().line == 2);
    CHECK(e.describe().find("表达式太长") != std::string::npos);
  }
}

TEST_CASE("parser: sections can be inserted, moved and removed as units") {
  Template t = Template::parse("【标题】T\n【一级】A\na1\n【二级】A1\na11\n【一级】B\nb1\n【落款】S\n", "t", cat());
  // A ends before B; A1 ends at B.
  CHECK(t.section_end(1) == 5);
  CHECK(t.section_end(3) == 5);
  CHECK(t.section_end(5) == 7);  // the signature closes the last section
  t.move_section(5, 1);          // B before A
  CHECK(t.blocks()[1].text == "B");
  CHECK(t.blocks()[3].text == "A");
  CHECK(t.blocks()[5].text == "A1");
  CHECK_THROWS_AS(t.move_section(3, 5), InputError);  // into itself
  t.remove_section(3);
  CHECK(t.blocks().size() == 4);
  CHECK(t.blocks()[3].kind == BlockKind::Signature);
  t.insert(3, BlockKind::Heading, 1, "新的一节{党员数}", cat());
  CHECK(t.blocks()[3].segments.size() == 2);
  CHECK_THROWS_AS(t.set_text(3, "坏的{", cat()), ExprError);
  CHECK(t.blocks()[3].text == "新的一节{党员数}");  // unchanged after the error
  t.set_level(3, 2);
  CHECK(t.blocks()[3].level == 2);
}

TEST_CASE("default template: parses, and binds every figure DOMAIN.md §3 names") {
  const Template& t = Template::builtin();
  std::set<std::string> used;
  for (const auto& b : t.blocks())
    for (const auto& s : b.segments)
      if (s.placeholder)
        for (const auto& id : expression_indicators(s.placeholder->expr, cat())) used.insert(id);
  // DOMAIN.md §3 line by line.
  const char* section3[] = {
      "villages", "general_branches", "branches", "members",
      "response_members", "commando_teams", "donor_members", "donation_rate", "donation_amount",
      "town_meetings", "site_visits", "campaign_clues", "standardization_rate", "standard_month",
      "visited_households", "suggestions", "problems_solved", "new_members", "new_member_quota",
      "new_member_completion", "training_classes", "trainees", "dues", "reserve_cadres", "reserve_cadres_recruited",
      "lifted_households", "lifted_persons", "poor_households_remaining", "poor_persons_remaining",
      "poverty_incidence", "inspection_aspects", "inspection_problems", "inspection_rectified",
      "household_project_funds", "supported_households", "village_projects", "household_projects", "cold_stores",
      "micro_loans", "houses_renovated", "education_aid_students", "health_aid_times", "outside_jobs",
      "welfare_posts", "disability_subsidy", "new_roads", "street_lights", "cleanup_labor", "manure_removed",
      "ruined_walls", "rubbish_removed", "cleaning_posts", "toilets_rebuilt",
      "weak_group_leaders", "weak_reserve_added", "weak_funds_pooled", "weak_activity_room", "weak_service_station",
      "weak_self_raised", "weak_funds_above", "weak_greenhouses", "weak_income_gain",
      "secretary_training_rounds", "opinions_raised", "problems_found_team", "problems_found_members",
      "problems_found_orgs", "outlook_year", "outlook_min_income", "outlook_villages_above", "outlook_higher_income",
  };
  for (const char* id : section3) {
    INFO(id);
    CHECK(used.count(id) == 1);
  }
  // The outline: five work sections, then 下一步 with four plans.
  int level1 = 0, level2_after_last = 0;
  for (const auto& b : t.blocks()) {
    if (b.kind == BlockKind::Heading && b.level == 1) { ++level1; level2_after_last = 0; }
    if (b.kind == BlockKind::Heading && b.level == 2) ++level2_after_last;
  }
  CHECK(level1 == 6);
  CHECK(level2_after_last == 4);
  // A village named by a fact, the change against last year, and approximate wording.
  CHECK(t.to_text().find("{村名(新建冷库数 > 0)}") != std::string::npos);
  CHECK(t.to_text().find("{较上年(发展党员数)}") != std::string::npos);
  CHECK(t.to_text().find("| 余}") != std::string::npos);
}
