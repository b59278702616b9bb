// 总结编辑: the summary's outline (the default template's headings) beside a live preview of the
// chosen section filled from the year's figures — figures highlighted, missing ones marked — and
// the count still unresolved. The section editor and exports build on this frame. Without a
// template the outline is the catalog's sections with their figures.
#include <imgui.h>

#include <algorithm>

#include "Assets.hpp"
#include "Error.hpp"
#include "Figures.hpp"
#include "Strings.hpp"
#include "summary/Renderer.hpp"
#include "views/Views.hpp"
#include "widgets/RichText.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

struct OutlineEntry {
  std::string label;   // "一、聚焦…"
  int level = 1;
  size_t first = 0;    // first block of the section (the heading itself)
  size_t end = 0;      // one past its last block
};

struct SummaryModel {
  bool from_template = false;
  std::string problem;  // why the template could not be used
  summary::Document doc;
  std::vector<OutlineEntry> outline;
  size_t placeholders = 0;
};

class SummaryView final : public View {
 public:
  SummaryView() : View(ViewId::Summary) {}

 private:
  void refresh(Context& ctx) override {
    m_ = SummaryModel{};
    const YearFigures fig = YearFigures::compute_with_previous(*ctx.store, ctx.year);
    if (has_asset("templates/default.tpl")) {
      try {
        const auto& t = summary::Template::builtin(ctx.store->catalog());
        m_.doc = summary::render(t, fig, summary::RenderOptions{true});
        m_.placeholders = t.placeholder_count();
        m_.from_template = true;
      } catch (const InputError& e) {
        m_.problem = e.describe();
      } catch (const ExprError& e) {
        m_.problem = e.what();
      }
    }
    if (!m_.from_template) build_from_catalog(fig);
    for (const auto& b : m_.doc.blocks) {
      ctx.need_text(b.text());
      if ((b.kind == summary::BlockKind::Heading && b.level == 1) || b.kind == summary::BlockKind::Title)
        ctx.need_heading_text(b.text());
    }
    ctx.need_text(m_.problem);
    // Sections: each heading up to the next heading of the same or a higher level.
    const auto& blocks = m_.doc.blocks;
    // The title and opening paragraph come before the first heading: one entry of their own.
    size_t first_heading = 0;
    while (first_heading < blocks.size() && blocks[first_heading].kind != summary::BlockKind::Heading) ++first_heading;
    if (first_heading > 0) {
      const std::string title = m_.doc.title();
      m_.outline.push_back(OutlineEntry{title.empty() ? tr("app.summary.opening") : title, 1, 0, first_heading});
    }
    for (size_t i = 0; i < blocks.size(); ++i) {
      if (blocks[i].kind != summary::BlockKind::Heading) continue;
      size_t end = i + 1;
      while (end < blocks.size() &&
             !(blocks[end].kind == summary::BlockKind::Heading && blocks[end].level <= blocks[i].level))
        ++end;
      m_.outline.push_back(OutlineEntry{blocks[i].text(), blocks[i].level, i, end});
    }
    if (selected_ >= m_.outline.size()) selected_ = 0;
  }

  // No template: one section per catalog section, one line per figure with the town's value.
  void build_from_catalog(const YearFigures& fig) {
    const Catalog& cat = fig.catalog();
    m_.doc.year = fig.year();
    for (const auto& sec : cat.sections()) {
      summary::Block h;
      h.kind = summary::BlockKind::Heading;
      h.level = 1;
      h.runs.push_back({summary::RunKind::Text, sec.name, -1, {}, {}, {}});
      m_.doc.blocks.push_back(h);
      for (const auto& ind : cat.indicators()) {
        if (ind.section != sec.id) continue;
        summary::Block p;
        p.runs.push_back({summary::RunKind::Text, ind.name + tr("app.summary.colon"), -1, {}, {}, {}});
        if (auto v = fig.town_value(ind.id))
          p.runs.push_back({summary::RunKind::Figure, format_number(*v, ind.decimals) + ind.unit, -1, {}, {ind.id}, {}});
        else
          p.runs.push_back({summary::RunKind::Missing, tr("app.summary.missing", {{"name", ind.name}}), -1, {}, {ind.id}, {ind.name}});
        m_.doc.blocks.push_back(p);
      }
    }
  }

  void draw_content(Context& ctx) override {
    ui::heading(title());
    const std::string source = m_.from_template ? tr("app.summary.source_template") : tr("app.summary.source_catalog");
    ui::muted(tr("app.summary.info", {{"source", source},
                                      {"sections", std::to_string(m_.outline.size())},
                                      {"figures", std::to_string(m_.doc.figure_count())},
                                      {"missing", std::to_string(m_.doc.unresolved.size())}}));
    if (!m_.problem.empty()) ui::muted(m_.problem);
    if (m_.outline.empty()) return;
    if (ctx.narrow) {
      ImGui::BeginChild("##outline", ImVec2(0, ui::em(ctx.tablet ? 12 : 10)), true);
      draw_outline();
      ui::drag_to_scroll();
      ImGui::EndChild();
      draw_preview();
      return;
    }
    if (ImGui::BeginTable("##summary", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) {
      ImGui::TableSetupColumn("outline", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("preview", ImGuiTableColumnFlags_WidthStretch, 2.0f);
      ImGui::TableNextColumn();
      ImGui::BeginChild("##outline", ImVec2(0, ImGui::GetContentRegionAvail().y), false);
      draw_outline();
      ui::drag_to_scroll();
      ImGui::EndChild();
      ImGui::TableNextColumn();
      draw_preview();
      ImGui::EndTable();
    }
  }

  void draw_outline() {
    for (size_t i = 0; i < m_.outline.size(); ++i) {
      const auto& e = m_.outline[i];
      ImGui::PushID(int(i));
      ImGui::Indent(ui::em(float(e.level - 1)));
      if (ImGui::Selectable(e.label.c_str(), selected_ == i)) selected_ = i;
      ui::mark("summary.section." + std::to_string(i));
      ImGui::Unindent(ui::em(float(e.level - 1)));
      ImGui::PopID();
    }
  }

  void draw_preview() {
    const OutlineEntry& e = m_.outline[selected_];
    ImGui::BeginChild("##preview", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    for (size_t b = e.first; b < e.end; ++b) {
      const summary::Block& block = m_.doc.blocks[b];
      if (block.kind == summary::BlockKind::Note) continue;
      std::vector<ui::Span> spans;
      std::string number = block.number;
      if (!number.empty()) spans.push_back({number});
      for (const auto& r : block.runs) {
        ui::Span s{r.text};
        if (r.kind == summary::RunKind::Figure) {
          s.color = ui::color::accent;
          s.background = ui::color::accent_soft;
        } else if (r.kind == summary::RunKind::Missing) {
          s.color = IM_COL32_WHITE;
          s.background = ui::color::warn;
        }
        spans.push_back(s);
      }
      ImGui::PushID(int(b));
      const bool heading = (block.kind == summary::BlockKind::Heading && block.level == 1) ||
                           block.kind == summary::BlockKind::Title;
      if (heading && ui::theme().heading) ImGui::PushFont(ui::theme().heading);
      // Body paragraphs start with a two-character indent, as in the printed summary.
      const float indent = block.kind == summary::BlockKind::Paragraph ? ui::em(2) : 0;
      ui::rich_text("para", spans, indent);
      if (heading && ui::theme().heading) ImGui::PopFont();
      ImGui::PopID();
      ImGui::Spacing();
    }
    ui::drag_to_scroll();
    ImGui::EndChild();
  }

  SummaryModel m_;
  size_t selected_ = 0;
};

}  // namespace

std::unique_ptr<View> make_summary_view() { return std::make_unique<SummaryView>(); }

}  // namespace jiceng::gui
