// Long text typed into a paragraph of the summary editor, as a person types it: in chunks over
// many frames, past the capacity of the string ImGui edits, on a tablet (portrait, preview below
// the text) and on a desktop screen, with pauses long enough for autosave in between, and pasted
// at once; then 完成 saves it into the paragraph. ImGui's std::string field asserts when the
// string it is editing is replaced under it mid-edit (imgui_stdlib.cpp: data->Buf == str->c_str()).
#include <doctest/doctest.h>
#include <imgui.h>

#include <string>
#include <vector>

#include "Headless.hpp"
#include "summary/editor/TemplateStore.hpp"
#include "UiTestSupport.hpp"
#include "views/SummaryEditor.hpp"
#include "widgets/Widgets.hpp"

using namespace jiceng;
using namespace jiceng::gui;
using summary_editor::Editor;

namespace {

Editor& editor_in(Headless& h) {
  Editor* e = summary_editor::editor_of(h.app().view(ViewId::Summary));
  REQUIRE(e);
  return *e;
}

// Signs in as the demo admin, opens the first 一级 section and taps its first paragraph.
size_t start_editing(Headless& h) {
  test_ui::sign_in(h, "admin", "246810");  // only a leader or an admin edits the summary
  Editor& e = editor_in(h);
  h.frames(2);
  REQUIRE(h.click("summary.section.1"));
  REQUIRE(e.selected == 1);
  const size_t p = e.outline[1].first + 1;
  REQUIRE(e.tpl->blocks()[p].kind == summary::BlockKind::Paragraph);
  REQUIRE(h.click("summary.block." + std::to_string(p)));
  h.frame();
  REQUIRE(e.editing);
  REQUIRE(*e.editing == p);
  REQUIRE(h.visible("summary.edit"));
  return p;
}

// A long sentence, cut into chunks of `chunk` characters (UTF-8, three bytes each here).
std::vector<std::string> chunks_of(const std::string& s, size_t chunk) {
  std::vector<std::string> out;
  size_t i = 0, n = 0, from = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (++n == chunk) {
      out.push_back(s.substr(from, i - from));
      from = i;
      n = 0;
    }
  }
  if (from < s.size()) out.push_back(s.substr(from));
  return out;
}

std::string long_sentence(int repeat) {
  const std::string part =
      "全镇各村党支部认真落实三会一课制度，组织党员深入田间地头宣讲政策，帮助群众解决生产生活中的实际困难，";
  std::string s;
  for (int k = 0; k < repeat; ++k) s += part;
  return s + "取得了明显成效。";
}

// The field grows with the text and pushes 完成 below the screen: scroll the section down with the
// mouse wheel over the field (which keeps the keyboard) until 完成 is in view, then tap it.
void press_done(Headless& h) {
  h.frame();
  for (int k = 0; k < 60 && !h.visible("summary.edit.done"); ++k) {
    auto field = ui::find_mark("summary.edit");
    REQUIRE(field);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = field->center();
    io.MouseWheel = -2;
    h.frame();
  }
  REQUIRE(h.click("summary.edit.done"));
}

// Types `sentence` in chunks, one chunk a frame with a frame between, then presses 完成 and
// checks that the paragraph holds it, in the editor and in the database.
void type_and_commit(Headless& h, size_t p, const std::string& sentence, size_t chunk, int rest_every = 0) {
  Editor& e = editor_in(h);
  const std::string before = e.buffer;
  int k = 0;
  for (const auto& c : chunks_of(sentence, chunk)) {
    h.type(c);
    h.frame();
    REQUIRE(e.editing);
    if (rest_every > 0 && ++k % rest_every == 0) h.frames(80);  // autosaved while still editing
  }
  CHECK(e.buffer == before + sentence);
  CHECK(e.error.empty());
  press_done(h);
  CHECK_FALSE(e.editing);
  editor::TemplateStore ts(h.app().store());
  CHECK(ts.load().blocks()[p].text == before + sentence);
  CHECK(e.tpl->blocks()[p].text == before + sentence);
  CHECK_FALSE(ts.pending());
}

void run_all(int w, int h_px, bool tablet, const std::string& name) {
  auto o = test_ui::town_options(test_ui::fresh_dir("editor_typing_" + name), ViewId::Summary, w, h_px);
  o.tablet = tablet;
  Headless h(o);
  const size_t p = start_editing(h);
  CHECK(h.app().context().narrow == (w < 1000));
  SUBCASE("typed in chunks") { type_and_commit(h, p, long_sentence(5), 7); }
  SUBCASE("typed a character a frame") { type_and_commit(h, p, long_sentence(3), 1); }
  SUBCASE("pasted at once") { type_and_commit(h, p, long_sentence(8), 100000); }
  SUBCASE("typed with rests long enough for autosave") { type_and_commit(h, p, long_sentence(5), 12, 3); }
  SUBCASE("a save point made mid-edit, then typing on") {
    Editor& e = editor_in(h);
    for (const auto& c : chunks_of(long_sentence(2), 9)) h.type(c);
    e.before_change();  // the automatic save point, while the field still has the keyboard
    h.frame();
    REQUIRE(e.editing);
    const std::string first = e.buffer;
    for (const auto& c : chunks_of(long_sentence(3), 9)) h.type(c);
    CHECK(e.buffer == first + long_sentence(3));
    press_done(h);
    CHECK_FALSE(e.editing);
    editor::TemplateStore ts(h.app().store());
    CHECK(ts.load().blocks()[p].text == first + long_sentence(3));
  }
}

}  // namespace

TEST_CASE("editor typing: a long sentence typed into a paragraph on a tablet (800x1280) is saved") {
  run_all(800, 1280, true, "portrait");
}

TEST_CASE("editor typing: a long sentence typed into a paragraph on a desktop screen (1280x800) is saved") {
  run_all(1280, 800, false, "landscape");
}
