// 组织与党员 ▸ 导入 ▸ the member file's preview (core/MemberImport): the counts of new, changed,
// unchanged and bad rows, every row (a list clipper keeps a 10 000-row file cheap; two lines a row,
// tall enough for a finger), then 导入 (only for an error-free plan with something to write) and 取消.
// Nothing is written before 导入.
#include <imgui.h>

#include <algorithm>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "Towns.hpp"
#include "views/RecordsView.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

ImU32 kind_color(ImportRowKind k) {
  switch (k) {
    case ImportRowKind::New: return ui::color::ok;
    case ImportRowKind::Changed: return ui::color::warn;
    case ImportRowKind::Unchanged: return ui::color::muted;
    case ImportRowKind::Error: return ui::color::accent;
  }
  return ui::color::muted;
}

const char* kind_key(ImportRowKind k) {
  switch (k) {
    case ImportRowKind::New: return "records.import.kind.new";
    case ImportRowKind::Changed: return "records.import.kind.changed";
    case ImportRowKind::Unchanged: return "records.import.kind.unchanged";
    case ImportRowKind::Error: return "records.import.kind.error";
  }
  return "records.import.kind.error";
}

// The text cut at a character boundary, with "…", so that it fits `width`.
std::string fit(const std::string& s, float width) {
  if (ImGui::CalcTextSize(s.c_str()).x <= width) return s;
  std::string out = s;
  while (!out.empty()) {
    size_t cut = out.size() - 1;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 continuation
    out.resize(cut);
    if (ImGui::CalcTextSize((out + "…").c_str()).x <= width) break;
  }
  return out + "…";
}

// The second line of a row: what changes, or why it cannot be imported.
std::string row_detail(const MemberImportRow& r) {
  switch (r.kind) {
    case ImportRowKind::New: return tr("records.import.detail.new", {{"stage", label(r.member.stage)}});
    case ImportRowKind::Changed: {
      std::string fields;
      for (const auto& f : r.changed) fields += (fields.empty() ? "" : "、") + f;
      return tr("records.import.detail.changed", {{"fields", fields}});
    }
    case ImportRowKind::Unchanged: return tr("records.import.detail.unchanged");
    case ImportRowKind::Error:
      return r.field.empty() ? r.message : tr("where.field", {{"field", r.field}}) + tr("where.sep") + r.message;
  }
  return {};
}

}  // namespace

void RecordsView::plan_member_import(Context& ctx, const Actor& actor) {
  try {
    if (import_path_.empty()) throw InputError(tr("records.import.no_file"));
    plan_ = plan_members_import_file(*ctx.store, import_path_, actor);
    import_msg_.clear();
    for (const auto& r : plan_->rows) {
      ctx.need_text(r.member.name);
      ctx.need_text(r.branch);
      ctx.need_text(r.message);
    }
    ctx.need_text(plan_->summary());
  } catch (const std::exception& e) {
    plan_.reset();
    import_msg_ = failure_text(e, true);
    import_ok_ = false;
    ctx.need_text(import_msg_);
  }
}

void RecordsView::draw_import_preview(Context& ctx, const Actor& actor) {
  const MemberImportPlan& plan = *plan_;
  ui::heading(tr("records.import.preview_title", {{"file", path_utf8(utf8_path(plan.file).filename())}}));
  ui::paragraph(plan.summary(), plan.errors() ? ui::color::accent : 0);
  ui::mark("records.import.summary");
  // The counts, each in its colour.
  const ImportRowKind kinds[] = {ImportRowKind::New, ImportRowKind::Changed, ImportRowKind::Unchanged, ImportRowKind::Error};
  for (size_t i = 0; i < std::size(kinds); ++i) {
    if (i > 0) ImGui::SameLine(0, ui::em(1.2f));
    ui::badge(tr(kind_key(kinds[i])) + " " + std::to_string(plan.count(kinds[i])), kind_color(kinds[i]));
    ui::mark(std::string("records.import.count.") + std::to_string(i));
  }
  ImGui::Spacing();

  // The rows, in a list that scrolls by itself so that 导入 / 取消 stay in view under it.
  const float footer = ImGui::GetFrameHeightWithSpacing() * (ctx.tablet ? 1.6f : 1.3f) + ImGui::GetTextLineHeightWithSpacing() * 2;
  const float height = std::max(ImGui::GetContentRegionAvail().y - footer, ui::em(8));
  const float line = ImGui::GetTextLineHeight();
  const float row_h = std::max(line * 2 + ImGui::GetStyle().ItemSpacing.y * 3, ui::em(ctx.tablet ? 3.2f : 2.8f));
  if (!plan.rows.empty()) {
    ImGui::BeginChild("##import_rows", ImVec2(0, height), true);
    ImGuiListClipper clipper;
    clipper.Begin(int(plan.rows.size()), row_h);
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const MemberImportRow& r = plan.rows[size_t(i)];
        const ImVec2 top = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x;
        if (i % 2) ImGui::GetWindowDrawList()->AddRectFilled(top, ImVec2(top.x + width, top.y + row_h), IM_COL32(0, 0, 0, 10));
        ImGui::PushID(i);
        ImGui::InvisibleButton("##row", ImVec2(width, row_h));
        const bool hovered = ImGui::IsItemHovered();
        ui::mark("records.import.row." + std::to_string(r.line));
        ImGui::PopID();
        const std::string head = tr("records.import.row_head", {{"line", std::to_string(r.line)},
                                                                 {"kind", tr(kind_key(r.kind))},
                                                                 {"name", r.member.name.empty() ? std::string("—") : r.member.name},
                                                                 {"branch", r.branch}});
        const std::string detail = row_detail(r);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float gap = ImGui::GetStyle().ItemSpacing.y;
        const float y = top.y + (row_h - (line * 2 + gap)) * 0.5f;  // the two lines centred in the row
        const float inner = width - ImGui::GetStyle().ItemSpacing.x;
        dl->AddText(ImVec2(top.x, y), kind_color(r.kind), fit(head, inner).c_str());
        const std::string shown = fit(detail, inner);
        dl->AddText(ImVec2(top.x, y + line + gap), r.kind == ImportRowKind::Error ? ui::color::accent : ui::color::muted,
                    shown.c_str());
        if (hovered && shown != detail) ImGui::SetTooltip("%s", detail.c_str());  // a finger's tap shows all of it
      }
    }
    ui::drag_to_scroll();
    ImGui::EndChild();
    ui::mark("records.import.rows");
  }

  // 导入 / 取消, with why 导入 cannot be pressed.
  const ImVec2 button(ui::em(ctx.tablet ? 7 : 6), ImGui::GetFrameHeight() * (ctx.tablet ? 1.4f : 1.15f));
  const bool can = plan.can_apply();
  if (!can) ImGui::BeginDisabled();
  if (ImGui::Button(tr("records.import.apply", {{"n", std::to_string(plan.to_write())}}).c_str(), button)) {
    try {
      const MemberImportResult done = apply_members_import(*ctx.store, plan, actor);
      import_msg_ = done.summary;
      import_ok_ = true;
      plan_.reset();
    } catch (const std::exception& e) {
      import_msg_ = failure_text(e, true);
      import_ok_ = false;
      plan_.reset();  // a stale plan is not offered again: the clerk previews anew
    }
    ctx.need_text(import_msg_);
  }
  if (!can) ImGui::EndDisabled();
  ui::mark("records.import.apply");
  ImGui::SameLine();
  if (plan_ && ImGui::Button(tr("records.import.cancel").c_str(), button)) plan_.reset();
  ui::mark("records.import.cancel");
  if (plan_ && !can) {
    const std::string why = plan.errors() ? tr("records.import.fix_first", {{"n", std::to_string(plan.errors())}})
                                          : tr("records.import.nothing_to_write");
    ui::paragraph(why, plan.errors() ? ui::color::accent : ui::color::muted);
    ui::mark("records.import.why");
    ctx.need_text(why);
  }
}

}  // namespace jiceng::gui
