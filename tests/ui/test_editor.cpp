// The summary editor driven headless as a person would: edit a paragraph and see the preview
// change, insert a placeholder from the picker, an expression error shown where it is, save points
// and restore, typed text surviving a killed app, the unresolved list jumping to its paragraph,
// figure details on tap, the tablet layout, the X-template import review and export; signed in as
// the demo town's admin, since only a leader or an admin changes the summary (test_users.cpp has
// the read-only side).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "Headless.hpp"
#include "platform/Fonts.hpp"
#include "summary/editor/TemplateStore.hpp"
#include "UiTestSupport.hpp"
#include "views/SummaryEditor.hpp"
#include "widgets/Widgets.hpp"

using namespace jiceng;
using namespace jiceng::gui;
using summary_editor::Editor;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) { return test_ui::fresh_dir("editor_" + name); }

HeadlessOptions options(const fs::path& dir, int w = 1280, int h = 800) {
  return test_ui::town_options(dir, ViewId::Summary, w, h);
}

Editor& editor_in(Headless& h) {
  Editor* e = summary_editor::editor_of(h.app().view(ViewId::Summary));
  REQUIRE(e);
  return *e;
}

std::string preview_text(const Editor& e, size_t block) {
  const int d = e.doc_of_block.at(block);
  return d < 0 ? std::string() : e.doc.blocks[size_t(d)].text();
}

// Opens the first 一级 section and starts editing its first paragraph; returns the block.
size_t edit_first_paragraph(Headless& h) {
  Editor& e = editor_in(h);
  REQUIRE(h.click("summary.section.1"));
  REQUIRE(e.selected == 1);
  const size_t p = e.outline[1].first + 1;
  REQUIRE(h.click("summary.block." + std::to_string(p)));
  h.frame();
  REQUIRE(e.editing);
  REQUIRE(*e.editing == p);
  REQUIRE(h.visible("summary.edit"));
  return p;
}

}  // namespace

TEST_CASE("editor: edit a paragraph, the preview follows, autosave keeps it when the app is killed") {
  auto dir = fresh_dir("edit");
  size_t p = 0;
  std::string typed;
  {
    Headless h(options(dir));
    test_ui::sign_in(h, "admin", "246810");  // the editor needs a leader or an admin
    Editor& e = editor_in(h);
    p = edit_first_paragraph(h);
    const std::string before = preview_text(e, p);
    h.type("各村党员全部到岗。");
    typed = e.buffer;
    CHECK(typed.size() > before.size());
    CHECK(typed.find("各村党员全部到岗。") == typed.size() - std::string("各村党员全部到岗。").size());  // at the end
    const std::string after = preview_text(e, p);
    CHECK(after != before);
    CHECK(after.find("各村党员全部到岗。") != std::string::npos);  // the live preview
    h.frames(80);  // more than a second of rest: autosaved
    editor::TemplateStore ts(h.app().store());
    auto pending = ts.pending();
    REQUIRE(pending);
    CHECK(pending->text == typed);
    // The Headless goes away without "完成": as if the app were killed.
  }
  {
    Headless h(options(dir));
    test_ui::sign_in(h, "admin", "246810");  // the editor needs a leader or an admin
    Editor& e = editor_in(h);
    REQUIRE(e.editing);
    CHECK(*e.editing == p);
    CHECK(e.buffer == typed);
    CHECK_FALSE(e.notice.empty());
    h.frame();
    REQUIRE(h.click("summary.edit.done"));
    CHECK_FALSE(e.editing);
    editor::TemplateStore ts(h.app().store());
    CHECK_FALSE(ts.pending());
    CHECK(ts.load().blocks()[p].text == typed);
    // The template as it was before the change is a save point.
    auto points = ts.save_points();
    REQUIRE(points.size() == 1);
    CHECK(points[0].kind == editor::SaveKind::Auto);
    CHECK(ts.save_point_text(points[0].id).find("各村党员全部到岗。") == std::string::npos);
  }
}

TEST_CASE("editor: insert a placeholder from the picker by pinyin initials; a bad one shows where and why") {
  Headless h(options(fresh_dir("insert")));
  test_ui::sign_in(h, "admin", "246810");  // the editor needs a leader or an admin
  Editor& e = editor_in(h);
  const size_t p = edit_first_paragraph(h);
  const auto figures_before = e.doc.figure_count();
  REQUIRE(h.click("summary.edit.insert"));
  h.frame();
  REQUIRE(h.visible("picker.search"));
  h.type("fzdys");
  h.frame();
  REQUIRE(h.visible("picker.item.new_members"));
  REQUIRE(h.click("picker.item.new_members"));
  h.frame();
  CHECK(e.buffer.find("{发展党员数}") != std::string::npos);
  CHECK(e.doc.figure_count() == figures_before + 1);
  const summary::Block& b = e.doc.blocks[size_t(e.doc_of_block[p])];
  bool found = false;
  for (const auto& r : b.runs)
    if (r.kind == summary::RunKind::Figure && r.expression == "发展党员数") {
      found = true;
      CHECK(r.value == e.figures->town_value("new_members"));
    }
  CHECK(found);

  // The field has the keyboard again, the cursor after the placeholder: a bad name is refused.
  h.type("{没有这个指标}");
  CHECK_FALSE(e.error.empty());
  CHECK(e.error.find("没有这个指标") != std::string::npos);
  CHECK(e.error_pos > 0);
  CHECK(h.visible("summary.edit.error"));
  CHECK(preview_text(e, p).find("没有这个指标") == std::string::npos);  // the preview keeps the last good text
  REQUIRE(h.click("summary.edit.cancel"));
  CHECK_FALSE(e.editing);
  CHECK(e.doc.figure_count() == figures_before);

  // An expression typed into the picker: an unknown name is shown where it is, and cannot be inserted.
  REQUIRE(h.click("summary.block." + std::to_string(p)));
  REQUIRE(h.click("summary.edit.insert"));
  h.frame();
  h.type("比率(发展党员数, 发展党员人数量)");
  h.frame();
  REQUIRE(h.visible("picker.error"));
  CHECK(e.picker_error_pos == 10);  // 发展党员人数量 starts at the 11th character
  CHECK(e.picker_error.find("发展党员人数量") != std::string::npos);
  REQUIRE(h.click("picker.expression"));  // disabled: nothing happens
  CHECK(e.buffer.find("发展党员人数量") == std::string::npos);
  REQUIRE(h.click("picker.cancel"));
  REQUIRE(h.click("summary.edit.insert"));
  h.frame();
  h.type("比率(发展党员数, 发展党员任务数) | 一位小数");
  h.frame();
  CHECK(e.picker_error.empty());
  REQUIRE(h.click("picker.expression"));
  CHECK(e.buffer.find("{比率(发展党员数, 发展党员任务数) | 一位小数}") != std::string::npos);
  CHECK(e.error.empty());
  CHECK(e.doc.figure_count() == figures_before + 1);
}

TEST_CASE("editor: save points and restore") {
  Headless h(options(fresh_dir("restore")));
  test_ui::sign_in(h, "admin", "246810");  // the editor needs a leader or an admin
  Editor& e = editor_in(h);
  REQUIRE(h.click("summary.savepoint"));
  h.frame();
  REQUIRE(h.visible("savepoint.label"));
  h.type("第一版");
  REQUIRE(h.click("savepoint.save"));
  editor::TemplateStore ts(h.app().store());
  auto points = ts.save_points();
  REQUIRE(points.size() == 1);
  CHECK(points[0].label == "第一版");
  const std::string first = ts.save_point_text(points[0].id);

  const size_t p = edit_first_paragraph(h);
  h.type("临时改动。");
  REQUIRE(h.click("summary.edit.done"));
  CHECK(ts.load().blocks()[p].text.find("临时改动。") != std::string::npos);
  CHECK(preview_text(e, p).find("临时改动。") != std::string::npos);

  REQUIRE(h.click("summary.history"));
  h.frame();
  REQUIRE(h.click("history.restore." + std::to_string(points[0].id)));
  CHECK(e.tpl->to_text() == first);
  CHECK(ts.load().to_text() == first);
  CHECK(preview_text(e, p).find("临时改动。") == std::string::npos);
  // What was replaced is kept: restoring can itself be undone.
  CHECK(ts.save_points().front().kind == editor::SaveKind::Restore);
}

TEST_CASE("editor: the unresolved list jumps to its paragraph; a figure tapped shows its villages") {
  Headless h(options(fresh_dir("unresolved")));
  test_ui::sign_in(h, "admin", "246810");  // the editor needs a leader or an admin
  Editor& e = editor_in(h);
  CHECK(h.visible("summary.unresolved.none"));
  const size_t p = edit_first_paragraph(h);
  h.type("{待补(\"测试空白\")}");
  REQUIRE(h.click("summary.edit.done"));
  REQUIRE(e.doc.unresolved.size() == 1);
  REQUIRE(h.click("summary.section.0"));
  CHECK(e.selected == 0);
  REQUIRE(h.visible("summary.unresolved.0"));
  REQUIRE(h.click("summary.unresolved.0"));
  CHECK(e.selected == 1);
  h.frame();
  CHECK(h.visible("summary.preview." + std::to_string(p)));

  // A paragraph that is only a figure: tap it for the indicator, each village's value, the source.
  e.tpl->set_text(p, "{发展党员数}", h.app().store().catalog());
  e.changed(true);
  h.frames(2);
  auto r = ui::find_mark("summary.preview." + std::to_string(p));
  REQUIRE(r);
  h.click_at(r->min.x + 2 * h.fonts().body_px() + 4, r->min.y + h.fonts().body_px() * 0.5f);
  h.frame();
  REQUIRE(e.info);
  REQUIRE(e.info->indicators.size() == 1);
  CHECK(e.info->indicators[0].indicator->id == "new_members");
  CHECK(e.info->indicators[0].units.size() >= 10);
  CHECK(h.visible("info.close"));
  REQUIRE(h.click("info.close"));
}

TEST_CASE("editor: tablet portrait shows the preview below the text; a tap edits") {
  auto o = options(fresh_dir("tablet"), 800, 1280);
  o.tablet = true;
  Headless h(o);
  test_ui::sign_in(h, "admin", "246810");  // the editor needs a leader or an admin
  Editor& e = editor_in(h);
  h.frames(2);
  REQUIRE(h.app().context().narrow);
  REQUIRE(h.click("summary.section.1"));
  const size_t p = e.outline[1].first;  // the heading: in view without scrolling
  auto text = ui::find_mark("summary.block." + std::to_string(p));
  auto preview = ui::find_mark("summary.preview." + std::to_string(p));
  REQUIRE(text);
  REQUIRE(preview);
  CHECK(preview->min.y >= text->max.y - 1);
  CHECK(h.visible("summary.unresolved.none"));  // always in view
  // A finger's tap on the text edits it although a press on text also starts drag-to-scroll.
  REQUIRE(h.click("summary.block." + std::to_string(p)));
  h.frame();
  REQUIRE(e.editing);
  CHECK(*e.editing == p);
}

TEST_CASE("editor: on a tablet, one tap on 插入数字… while typing opens the picker, though the keyboard closes under the finger") {
  // Portrait; the on-screen keyboard shrinks the window to 700 px while a heading is typed in;
  // the tap ends the typing, the keyboard goes and the window grows to 1280 before the lift.
  auto o = options(fresh_dir("tablet_insert"), 800, 1280);
  o.tablet = true;
  Headless h(o);
  test_ui::sign_in(h, "admin", "246810");
  Editor& e = editor_in(h);
  REQUIRE(h.click("summary.section.1"));
  REQUIRE(h.click("summary.block." + std::to_string(e.outline[1].first)));  // the heading: in view
  REQUIRE(e.editing);
  REQUIRE(h.click("summary.edit"));
  REQUIRE(ImGui::GetIO().WantTextInput);
  // The keyboard comes up and takes half the screen: typing goes on (the boxes above give way).
  h.resize(800, 700);
  h.type("各村");
  h.frames(2);
  REQUIRE(ImGui::GetIO().WantTextInput);
  auto r = ui::find_mark("summary.edit.insert");
  REQUIRE(r);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = r->center();
  h.frame();
  io.MouseDown[0] = true;
  h.frame();
  h.resize(800, 1280);
  h.frame();
  io.MouseDown[0] = false;
  h.frames(3);
  CHECK(h.visible("picker.search"));
  CHECK(e.buffer.find("各村") != std::string::npos);
}

TEST_CASE("editor: import a purchased X-template through the review, then export it") {
  auto dir = fresh_dir("import");
  const fs::path src = dir / "purchased.txt";
  {
    std::ofstream f(src);
    f << "某某文库整理 仅供学习 禁止外传 用后删除\n"
         "XX镇2020年基层党建工作总结\n"
         "一、聚焦基层组织建设\n"
         "全镇共发展党员X名，走访群众X余户，党员总数X名。\n"
         "举办专题读书班X期。\n";
  }
  Headless h(options(dir));
  test_ui::sign_in(h, "admin", "246810");  // the editor needs a leader or an admin
  Editor& e = editor_in(h);
  REQUIRE(h.click("summary.import"));
  REQUIRE(h.click("import.path"));
  h.type(src.string());
  REQUIRE(h.click("import.read"));
  REQUIRE(e.review);
  const size_t blanks = e.review->items().size();
  REQUIRE(blanks >= 4);
  CHECK(e.review->result().removed_lines.size() == 1);
  // The list starts with what most needs a person: the least sure proposal comes before the surest.
  CHECK(e.review->items().front().blank.confidence <= e.review->items().back().blank.confidence);
  // Bind the blank 发展党员X名 by hand through the search above the list.
  size_t k = 0;
  while (k < blanks && e.review->items()[k].blank.context.find("发展党员") == std::string::npos) ++k;
  REQUIRE(k < blanks);
  REQUIRE(h.click("import.change." + std::to_string(k)));
  REQUIRE(h.click("picker.search"));
  h.type("fzdys");
  h.frame();
  REQUIRE(h.click("picker.item.new_members"));
  CHECK(e.review->items()[k].expression.rfind("发展党员数", 0) == 0);
  CHECK(e.review->items()[k].confirmed);
  size_t plan = 0;
  while (plan < e.review->items().size() && e.review->items()[plan].blank.context.find("读书班") == std::string::npos) ++plan;
  REQUIRE(plan < e.review->items().size());
  size_t other = 0;
  while (other == k || other == plan) ++other;
  REQUIRE(h.click("import.confirm." + std::to_string(other)));
  CHECK(e.review->confirmed() == 2);
  // A figure that is not data (读书班X期): its value typed once.
  CHECK(e.review->items()[plan].blank.indicator.empty());
  REQUIRE(h.click("import.fixed." + std::to_string(plan)));
  REQUIRE(h.click("import.fixed.input"));
  h.type("3");
  REQUIRE(h.click("import.fixed.ok"));
  CHECK(e.review->items()[plan].expression == "3");
  CHECK(e.review->confirmed() == 3);
  REQUIRE(h.click("import.apply"));
  REQUIRE(e.tpl);
  CHECK(e.doc.title() == "青禾镇2020年基层党建工作总结");
  CHECK(e.tpl->to_text().find("{发展党员数") != std::string::npos);
  CHECK(e.tpl->to_text().find("举办专题读书班{3}期") != std::string::npos);
  editor::TemplateStore ts(h.app().store());
  CHECK(ts.save_points().front().kind == editor::SaveKind::Import);
  CHECK(ts.load().to_text() == e.tpl->to_text());

  REQUIRE(h.click("summary.export"));
  REQUIRE(h.click("export.format.docx"));
  REQUIRE(h.click("export.draft"));
  CHECK(e.export_draft);
  CHECK(e.export_path.size() > 5);
  CHECK(e.export_path.substr(e.export_path.size() - 5) == ".docx");
  REQUIRE(h.click("export.go"));
  CHECK_FALSE(e.message_error);
  CHECK(fs::exists(fs::u8path(e.export_path)));
}
