// 总结编辑: the annual summary's template edited section by section beside its live preview
// filled from the year's figures, the unresolved figures always in view, save points, the
// purchased X-template import with a review step, and export to every format. The panels live in
// SummaryOutline.cpp, SummaryText.cpp and SummaryDialogs.cpp; the state in SummaryEditor.hpp.
#include <imgui.h>

#include <algorithm>

#include "base/Strings.hpp"
#include "View.hpp"
#include "views/SignIn.hpp"
#include "views/SummaryEditor.hpp"
#include "views/Views.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

using namespace summary_editor;

class SummaryView final : public View {
 public:
  SummaryView() : View(ViewId::Summary) {}
  Editor& editor() { return e_; }

 private:
  void refresh(Context& ctx) override {
    // Another database: its own template. The same one: only the figures changed.
    const bool fresh = store_ != ctx.store || generation_ != ctx.generation;
    if (fresh) {
      store_ = ctx.store;
      generation_ = ctx.generation;
      e_.load(*ctx.store);
    }
    e_.figures = ctx.reports.get(*ctx.store, ctx.year)->figures;
    e_.rerender();
    if (fresh && e_.editing) e_.select_block(*e_.editing);  // recovered text: show its paragraph
    if (!e_.problem.empty()) throw InputError(e_.problem);
    for (const auto& b : e_.doc.blocks) ctx.need_text(b.text());
    if (e_.tpl)
      for (const auto& b : e_.tpl->blocks()) ctx.need_text(b.text);
    ctx.need_text(e_.notice);
  }

  // A paragraph being edited is written under the one who typed it (Editor::set_actor), also when
  // the summary is not the screen on show.
  void before_sign_out(Context& ctx) override {
    (void)ctx;
    e_.set_actor(nullptr);
  }

  void draw_content(Context& ctx) override {
    e_.set_actor(signed_in(ctx));
    e_.autosave(ImGui::GetTime());
    if (e_.pending_dirty) ++ctx.pending_edits;
    draw_toolbar(ctx);
    if (!e_.notice.empty()) ui::paragraph(e_.notice, ui::color::warn);
    if (e_.outline.empty()) {
      draw_dialogs(e_, ctx);
      return;
    }
    if (ctx.narrow) {
      // Tablet portrait: outline and unresolved list on top, paragraphs with the preview below each.
      // While a paragraph is typed in, the on-screen keyboard takes half the screen: the outline
      // steps aside and the unresolved list shrinks, so the text and its buttons stay in view.
      const float avail = ImGui::GetContentRegionAvail().y;
      if (!e_.editing) {
        ImGui::BeginChild("##outline", ImVec2(0, std::min(ui::em(ctx.tablet ? 15 : 12), avail * 0.3f)), true);
        draw_outline(e_, ctx);
        ui::drag_to_scroll();
        ImGui::EndChild();
      }
      // Always in view; one line when nothing is missing.
      const float lines = e_.doc.unresolved.empty() ? 2.4f : 6.5f;
      ImGui::BeginChild("##unresolved", ImVec2(0, std::min(ui::em(lines), avail * 0.2f)), true);
      draw_unresolved(e_, ctx);
      ui::drag_to_scroll();
      ImGui::EndChild();
      draw_section(e_, ctx);
    } else if (ImGui::BeginTable("##summary", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) {
      ImGui::TableSetupColumn("outline", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("section", ImGuiTableColumnFlags_WidthStretch, 3.2f);
      ImGui::TableNextColumn();
      const float h = ImGui::GetContentRegionAvail().y;
      ImGui::BeginChild("##outline", ImVec2(0, h * 0.62f), false);
      draw_outline(e_, ctx);
      ui::drag_to_scroll();
      ImGui::EndChild();
      ImGui::Separator();
      ImGui::BeginChild("##unresolved", ImVec2(0, 0), false);
      draw_unresolved(e_, ctx);
      ui::drag_to_scroll();
      ImGui::EndChild();
      ImGui::TableNextColumn();
      draw_section(e_, ctx);
      ImGui::EndTable();
    }
    draw_dialogs(e_, ctx);
  }

  void draw_toolbar(Context& ctx) {
    ui::heading(title());
    ui::mark("summary.title");
    const std::string source = e_.templates && e_.templates->has_working() ? tr("editor.source.town")
                                                                            : tr("editor.source.builtin");
    ui::muted(tr("editor.info", {{"source", source},
                                 {"sections", std::to_string(e_.outline.size())},
                                 {"figures", std::to_string(e_.doc.figure_count())},
                                 {"missing", std::to_string(e_.doc.unresolved.size())}}));
    // Like the other writing screens: signed out, it points to the top bar's sign-in; everybody who
    // may not edit reads, previews and exports, and is told why the editing controls are off.
    sign_in_prompt(ctx, tr("editor.sign_in_why"));
    e_.set_actor(signed_in(ctx));
    if (!e_.may_edit()) {
      const Actor* a = signed_in(ctx);
      ui::paragraph(a ? tr("editor.read_only.clerk", {{"user", a->user}, {"role", label(a->role)}})
                      : tr("editor.read_only.signed_out"),
                    ui::color::warn);
      ui::mark("summary.read_only");
    }
    const float bh = ui::em(ctx.tablet ? 2.2f : 1.7f);
    struct B { const char* key; const char* mark; Dialog d; bool writes; };
    const B buttons[] = {{"editor.button.save_point", "summary.savepoint", Dialog::SavePoint, true},
                         {"editor.button.history", "summary.history", Dialog::History, false},
                         {"editor.button.import", "summary.import", Dialog::Import, true},
                         {"editor.button.export", "summary.export", Dialog::Export, false}};
    float x = 0;
    const float avail = ImGui::GetContentRegionAvail().x;
    for (const B& b : buttons) {
      const std::string& text = tr(b.key);
      const float w = ImGui::CalcTextSize(text.c_str()).x + ui::em(1.5f);
      if (x > 0 && x + w < avail) ImGui::SameLine();
      else x = 0;
      ImGui::BeginDisabled(b.writes && !e_.may_edit());
      if (ImGui::Button(text.c_str(), ImVec2(w, bh)) && (!b.writes || e_.may_edit())) open_dialog(e_, b.d);
      ImGui::EndDisabled();
      ui::mark(b.mark);
      x += w + ImGui::GetStyle().ItemSpacing.x;
    }
    ImGui::Spacing();
  }

  Editor e_;
  const Store* store_ = nullptr;
  uint64_t generation_ = 0;
};

}  // namespace

Editor* summary_editor::editor_of(View& v) {
  auto* s = dynamic_cast<SummaryView*>(&v);
  return s ? &s->editor() : nullptr;
}

std::unique_ptr<View> make_summary_view() { return std::make_unique<SummaryView>(); }

}  // namespace jiceng::gui
