// The selected section's paragraphs: each one's template text (placeholders tinted) beside its
// live preview (below it when narrow) — figures highlighted, missing ones marked. Tapping a text
// edits it; tapping a figure shows where it comes from.
#include <imgui.h>
#include <imgui_internal.h>

#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "views/SummaryEditor.hpp"
#include "widgets/RichText.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui::summary_editor {
namespace {

using summary::BlockKind;
using summary::RunKind;

constexpr ImU32 kPlaceholder = IM_COL32(30, 90, 170, 255);
constexpr ImU32 kPlaceholderSoft = IM_COL32(30, 90, 170, 30);

// Byte offset of character `n` in s.
size_t byte_of_char(const std::string& s, int n) {
  size_t i = 0;
  for (int k = 0; k < n && i < s.size(); ++k) i += utf8_seq_len(static_cast<unsigned char>(s[i]));
  return std::min(i, s.size());
}

const std::string& kind_label(const summary::TemplateBlock& b) {
  switch (b.kind) {
    case BlockKind::Title: return tr("editor.kind.title");
    case BlockKind::Heading: return tr("editor.kind.heading" + std::to_string(b.level));
    case BlockKind::Signature: return tr("editor.kind.signature");
    case BlockKind::Note: return tr("editor.kind.note");
    default: return tr("editor.kind.paragraph");
  }
}

void draw_template_text(Editor& e, size_t i) {
  const summary::TemplateBlock& b = e.tpl->blocks()[i];
  std::vector<ui::Span> spans;
  for (const auto& seg : b.segments) {
    if (!seg.placeholder) {
      spans.push_back({seg.text});
      continue;
    }
    spans.push_back({"{", kPlaceholder, kPlaceholderSoft});
    spans.push_back({seg.placeholder->source, kPlaceholder, kPlaceholderSoft});
    spans.push_back({"}", kPlaceholder, kPlaceholderSoft});
  }
  if (b.kind == BlockKind::Note) spans.push_back({b.text, ui::color::muted});
  if (b.text.empty()) spans.push_back({tr("editor.block.empty"), ui::color::muted});
  const float indent = b.kind == BlockKind::Paragraph ? ui::em(2) : 0;
  ui::rich_text("text", spans, indent);
  // A tap (press and release without dragging: a drag scrolls on a tablet, and holds the mouse
  // while it does) starts editing.
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && ImGui::IsMouseReleased(0) &&
      !ImGui::IsMouseDragPastThreshold(0))
    e.begin_edit(i);
  ui::mark("summary.block." + std::to_string(i));
}

void draw_editing(Editor& e, Context& ctx, size_t i) {
  const ui::EditResult r = ui::wrapped_input("##edit", e.buffer, e.input, 3);
  ui::mark("summary.edit");
  if (r == ui::EditResult::Changed) e.buffer_changed(ImGui::GetTime());
  if (r == ui::EditResult::Done) e.commit_edit();
  if (!e.error.empty()) {
    // Where: a few characters either side with the offending one marked; why: the message.
    const size_t from = byte_of_char(e.buffer, std::max(0, e.error_pos - 12));
    const size_t at = byte_of_char(e.buffer, e.error_pos);
    const size_t next = at < e.buffer.size() ? at + utf8_seq_len(static_cast<unsigned char>(e.buffer[at])) : at;
    const size_t to = byte_of_char(e.buffer, e.error_pos + 13);
    const std::string_view buf(e.buffer);
    std::vector<ui::Span> spans{{from > 0 ? "…" : ""},
                                {buf.substr(from, at - from)},
                                {next > at ? buf.substr(at, next - at) : std::string_view("▲"), IM_COL32_WHITE, ui::color::accent},
                                {buf.substr(next, to > next ? to - next : 0)},
                                {to < buf.size() ? "…" : ""}};
    ui::rich_text("where", spans);
    ui::paragraph(e.error, ui::color::accent);
    ui::mark("summary.edit.error");
  }
  const float h = ui::em(ctx.tablet ? 2.2f : 1.6f);
  if (ImGui::Button(tr("editor.edit.insert").c_str(), ImVec2(0, h))) {
    e.import_target.reset();
    open_dialog(e, Dialog::Picker);
  }
  ui::mark("summary.edit.insert");
  ImGui::SameLine();
  if (ImGui::Button(tr("editor.edit.done").c_str(), ImVec2(0, h))) {
    e.commit_edit();
    if (e.error.empty()) e.editing.reset();
  }
  ui::mark("summary.edit.done");
  ImGui::SameLine();
  if (ImGui::Button(tr("editor.edit.cancel").c_str(), ImVec2(0, h))) e.cancel_edit();
  ui::mark("summary.edit.cancel");
  ImGui::SameLine();
  if (ImGui::Button(tr("editor.edit.delete").c_str(), ImVec2(0, h))) {
    e.before_change();
    e.editing.reset();
    e.tpl->remove_section(i);  // a non-heading block goes alone; a heading through the outline
    e.templates->clear_pending();
    e.changed(true);
  }
  ui::mark("summary.edit.delete");
}

void draw_preview(Editor& e, Context& ctx, size_t i) {
  const int d = i < e.doc_of_block.size() ? e.doc_of_block[i] : -1;
  if (d < 0) {
    ui::muted(tr("editor.preview.not_printed"));
    return;
  }
  const summary::Block& b = e.doc.blocks[size_t(d)];
  std::vector<ui::Span> spans;
  std::vector<int> run_of;
  if (!b.number.empty()) {
    spans.push_back({b.number});
    run_of.push_back(-1);
  }
  for (size_t k = 0; k < b.runs.size(); ++k) {
    const summary::Run& r = b.runs[k];
    ui::Span s{r.text};
    if (r.kind == RunKind::Figure) {
      s.color = ui::color::accent;
      s.background = ui::color::accent_soft;
    } else if (r.kind == RunKind::Missing) {
      s.color = IM_COL32_WHITE;
      s.background = ui::color::warn;
    }
    spans.push_back(s);
    run_of.push_back(int(k));
  }
  const bool big = b.kind == BlockKind::Title || (b.kind == BlockKind::Heading && b.level == 1);
  if (big) ctx.need_heading_text(b.text());  // the heading font holds only what headings show
  if (big && ui::theme().heading) ImGui::PushFont(ui::theme().heading);
  const int tapped = ui::rich_text("preview", spans, b.kind == BlockKind::Paragraph ? ui::em(2) : 0);
  if (big && ui::theme().heading) ImGui::PopFont();
  ui::mark("summary.preview." + std::to_string(i));
  if (tapped >= 0 && run_of[size_t(tapped)] >= 0) {
    const summary::Run& r = b.runs[size_t(run_of[size_t(tapped)])];
    if (r.kind != RunKind::Text) {
      e.info = editor::explain_figure(*e.store, *e.figures, r.expression, r.text, r.indicators);
      for (const auto& ind : e.info->indicators)
        for (const auto& u : ind.units) ctx.need_text(u.org + u.source);
      open_dialog(e, Dialog::FigureInfo);
    }
  }
}

}  // namespace

void draw_section(Editor& e, Context& ctx) {
  if (!e.tpl || e.selected >= e.outline.size()) return;
  const OutlineEntry o = e.outline[e.selected];
  ImGui::BeginChild("##section", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  const bool two = !ctx.narrow;
  for (size_t i = o.first; i < o.end && i < e.tpl->blocks().size(); ++i) {
    ImGui::PushID(int(i));
    if (e.scroll_to && *e.scroll_to == i) {
      ImGui::SetScrollHereY(0.1f);
      e.scroll_to.reset();
    }
    ui::muted(kind_label(e.tpl->blocks()[i]));
    if (two && ImGui::BeginTable("##row", 2, ImGuiTableFlags_BordersInnerV)) {
      ImGui::TableNextColumn();
      if (e.editing && *e.editing == i) draw_editing(e, ctx, i);
      else draw_template_text(e, i);
      ImGui::TableNextColumn();
      if (i < e.tpl->blocks().size()) draw_preview(e, ctx, i);
      ImGui::EndTable();
    } else if (!two) {
      if (e.editing && *e.editing == i) draw_editing(e, ctx, i);
      else draw_template_text(e, i);
      if (i < e.tpl->blocks().size()) {
        ui::muted(tr("editor.preview.label"));
        ImGui::Indent(ui::em(0.5f));
        draw_preview(e, ctx, i);
        ImGui::Unindent(ui::em(0.5f));
      }
    }
    ImGui::PopID();
    ImGui::Separator();
    if (e.outline.empty() || e.selected >= e.outline.size()) break;  // the section went away
  }
  ImGui::BeginDisabled(!e.may_edit());
  const bool add = ImGui::Button(tr("editor.edit.add_paragraph").c_str(), ImVec2(0, ui::em(ctx.tablet ? 2.2f : 1.6f)));
  ImGui::EndDisabled();
  if (add && e.may_edit()) {
    e.commit_edit();
    e.before_change();
    const size_t at = e.outline[e.selected].end;
    e.tpl->insert(at, BlockKind::Paragraph, 0, "", e.store->catalog());
    e.changed(true);
    e.begin_edit(at);
  }
  ui::mark("summary.add_paragraph");
  ui::drag_to_scroll();
  ImGui::EndChild();
}

}  // namespace jiceng::gui::summary_editor
