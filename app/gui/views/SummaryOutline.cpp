// The outline of the summary (sections at four heading levels) with its operations — add, rename,
// move up/down, promote/demote, delete, add a paragraph — and the list of figures still missing,
// each jumping to its paragraph.
#include <imgui.h>
#include <imgui_internal.h>

#include <string>
#include <vector>

#include "base/Error.hpp"

#include "base/Strings.hpp"
#include "views/SummaryEditor.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui::summary_editor {
namespace {

using summary::BlockKind;

// The previous section of the same level within the same parent, or nullopt.
std::optional<size_t> previous_sibling(const summary::Template& t, size_t heading) {
  const int level = t.blocks()[heading].level;
  for (size_t i = heading; i-- > 0;) {
    const auto& b = t.blocks()[i];
    if (b.kind != BlockKind::Heading) continue;
    if (b.level < level) return std::nullopt;
    if (b.level == level) return i;
  }
  return std::nullopt;
}

std::optional<size_t> next_sibling(const summary::Template& t, size_t heading) {
  const size_t end = t.section_end(heading);
  if (end < t.blocks().size() && t.blocks()[end].kind == BlockKind::Heading &&
      t.blocks()[end].level == t.blocks()[heading].level)
    return end;
  return std::nullopt;
}

bool small_button(const std::string& text, const char* mark, bool enabled, const Context& ctx) {
  if (!enabled) ImGui::BeginDisabled();
  const bool pressed = ImGui::Button(text.c_str(), ImVec2(0, ui::em(ctx.tablet ? 2.0f : 1.5f)));
  ui::mark(mark);
  if (!enabled) ImGui::EndDisabled();
  return pressed && enabled;
}

void move(Editor& e, size_t heading, size_t before) {
  e.commit_edit();
  e.editing.reset();
  e.before_change();
  try {
    e.tpl->move_section(heading, before);
  } catch (const std::exception& err) {
    e.message = failure_text(err);
    return;
  }
  e.changed(true);
}

// A heading broken into lines that fit `width`, between any two characters but never before
// closing punctuation (ImGui breaks only at spaces, so a Chinese heading was cut mid-word).
std::vector<std::string> wrap_lines(const std::string& text, float width) {
  static const std::string closing[] = {"，", "。", "、", "；", "：", "？", "！", "）", "》", "”"};
  std::vector<std::string> lines(1);
  float x = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned c = 0;
    const int n = ImTextCharFromUtf8(&c, text.c_str() + i, text.c_str() + text.size());
    if (n <= 0) break;
    const std::string ch = text.substr(i, size_t(n));
    const float w = ImGui::CalcTextSize(ch.c_str()).x;
    bool hangs = false;
    for (const auto& p : closing) hangs |= ch == p;
    if (x + w > width && x > 0 && !hangs) {
      lines.emplace_back();
      x = 0;
    }
    lines.back() += ch;
    x += w;
    i += size_t(n);
  }
  return lines;
}

}  // namespace

void draw_outline(Editor& e, Context& ctx) {
  if (!e.tpl) return;
  // Operations on the selected section.
  // A copy: an operation rebuilds the outline.
  const std::optional<OutlineEntry> selected =
      e.selected < e.outline.size() ? std::optional<OutlineEntry>(e.outline[e.selected]) : std::nullopt;
  const OutlineEntry* sel = selected ? &*selected : nullptr;
  const bool heading = sel && sel->heading;
  const summary::Template& t = *e.tpl;
  if (small_button(tr("editor.outline.add"), "outline.add", e.may_edit(), ctx)) {
    e.section_rename = false;
    e.section_level = heading ? sel->level : 1;
    open_dialog(e, Dialog::Section);
  }
  ImGui::SameLine();
  if (small_button(tr("editor.outline.rename"), "outline.rename", heading && e.may_edit(), ctx)) {
    e.section_rename = true;
    e.section_level = sel->level;
    e.label = t.blocks()[sel->first].text;
    open_dialog(e, Dialog::Section);
  }
  ImGui::SameLine();
  if (small_button(tr("editor.outline.delete"), "outline.delete", heading && e.may_edit(), ctx)) open_dialog(e, Dialog::DeleteSection);
  const auto prev = heading ? previous_sibling(t, sel->first) : std::nullopt;
  const auto next = heading ? next_sibling(t, sel->first) : std::nullopt;
  if (small_button(tr("editor.outline.up"), "outline.up", prev.has_value() && e.may_edit(), ctx)) {
    const size_t h = sel->first;
    move(e, h, *prev);
    e.select_block(*prev);
  }
  ImGui::SameLine();
  if (small_button(tr("editor.outline.down"), "outline.down", next.has_value() && e.may_edit(), ctx)) {
    const size_t h = sel->first, target = t.section_end(*next);
    const size_t len = t.section_end(h) - h;
    move(e, h, target);
    e.select_block(target - len);
  }
  ImGui::SameLine();
  if (small_button(tr("editor.outline.promote"), "outline.promote", heading && sel->level > 1 && e.may_edit(), ctx)) {
    e.before_change();
    e.tpl->set_level(sel->first, sel->level - 1);
    e.changed(true);
  }
  ImGui::SameLine();
  if (small_button(tr("editor.outline.demote"), "outline.demote", heading && sel->level < 4 && e.may_edit(), ctx)) {
    e.before_change();
    e.tpl->set_level(sel->first, sel->level + 1);
    e.changed(true);
  }
  ImGui::Separator();
  const float row = ui::em(ctx.tablet ? 2.0f : 1.4f);
  const float line = ImGui::GetTextLineHeight();
  for (size_t i = 0; i < e.outline.size(); ++i) {
    const OutlineEntry& o = e.outline[i];
    ImGui::PushID(int(i));
    const float indent = ui::em(float(o.level - 1));
    if (indent > 0) ImGui::Indent(indent);
    // A long heading wraps onto more lines (the row grows) instead of being cut mid-word.
    const float pad = ImGui::GetStyle().FramePadding.x;
    const auto lines = wrap_lines(o.label, ImGui::GetContentRegionAvail().x - 2 * pad);
    const float text_h = line * float(lines.size());
    const float h = std::max(row, text_h + (row - line));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::Selectable("##entry", e.selected == i, 0, ImVec2(0, h));
    for (size_t k = 0; k < lines.size(); ++k)
      ImGui::GetWindowDrawList()->AddText(ImVec2(pos.x, pos.y + (h - text_h) * 0.5f + line * float(k)),
                                          ImGui::GetColorU32(ImGuiCol_Text), lines[k].c_str());
    if (pressed) {
      if (e.selected != i) {
        e.commit_edit();
        e.editing.reset();
      }
      e.selected = i;
    }
    ui::mark("summary.section." + std::to_string(i));
    if (indent > 0) ImGui::Unindent(indent);
    ImGui::PopID();
  }
  if (!e.message.empty() && e.dialog == Dialog::None) ui::paragraph(e.message, e.message_error ? ui::color::accent : 0);
}

void draw_unresolved(Editor& e, Context& ctx) {
  const auto& list = e.doc.unresolved;
  if (list.empty()) {
    ui::paragraph(tr("editor.unresolved.none"), ui::color::ok);
    ui::mark("summary.unresolved.none");
    return;
  }
  ui::paragraph(tr("editor.unresolved.title", {{"count", std::to_string(list.size())}}), ui::color::warn);
  ImGuiListClipper clip;
  clip.Begin(int(list.size()));
  while (clip.Step())
    for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
      const summary::Unresolved& u = list[size_t(k)];
      std::string names;
      for (size_t i = 0; i < u.names.size(); ++i) names += (i ? tr("export.xlsx.sep") : "") + u.names[i];
      const std::string line = tr("editor.unresolved.line", {{"paragraph", std::to_string(u.block + 1)}, {"names", names}});
      ImGui::PushID(k);
      if (ImGui::Selectable(line.c_str(), false, 0, ImVec2(0, ui::em(ctx.tablet ? 1.9f : 1.3f)))) {
        e.commit_edit();
        e.editing.reset();
        e.select_block(e.doc.blocks[u.block].source);
      }
      ui::mark("summary.unresolved." + std::to_string(k));
      ImGui::PopID();
    }
}

}  // namespace jiceng::gui::summary_editor
