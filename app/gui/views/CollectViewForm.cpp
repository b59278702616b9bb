// 数据采集: the form. Each line checks what is typed with the store's own rules (parse_figure,
// check_value, RuleInputs) and writes it as a draft when the field is committed.
#include <imgui.h>

#include <algorithm>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "model/Plausibility.hpp"
#include "model/RuleInputs.hpp"
#include "model/Rules.hpp"
#include "views/CollectView.hpp"
#include "widgets/FormField.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

// In the unit the clerk types (元 for 党费), like the field beside it.
std::string shown(const std::optional<double>& v, const Indicator& ind) {
  if (!v) return "\xE2\x80\x94";  // —
  return format_number(stored_to_typed(ind, *v), ind.has_entry_unit() ? ind.entry_decimals : ind.decimals);
}

}  // namespace

std::optional<double> CollectView::current(const CollectLine& l) const {
  if (!l.dirty) return l.value;
  if (!l.error.empty() || l.text.find_first_not_of(" \t") == std::string::npos) return std::nullopt;
  try {
    return typed_to_stored(*l.ind, parse_figure(l.text, *l.ind, {}), {});
  } catch (const InputError&) {
    return std::nullopt;
  }
}

void CollectView::revalidate() {
  if (!m_.figures) return;
  for (auto& l : m_.lines) {
    l.cross.clear();
    if (!l.editable || !l.dirty) continue;
    l.error.clear();
    if (l.text.find_first_not_of(" \t") == std::string::npos && !l.value) continue;  // nothing typed yet
    try {
      const double v = typed_to_stored(*l.ind, parse_figure(l.text, *l.ind, {}), {});
      check_value(*l.ind, v, {});
    } catch (const InputError& e) {
      l.error = e.what();
    }
  }
  // Every rule is checked from both sides, and its message shown on both fields. The other side is
  // found the store's way (RuleInputs), the form's own fields standing for what they will write.
  if (!m_.org) return;
  RuleInputs rules(*m_.figures);
  for (const auto& l : m_.lines)
    if (auto v = current(l)) rules.add_pending(m_.org->id, l.ind->id, m_.period, *v);
  for (const auto& l : m_.lines) {
    if (!l.editable) continue;
    auto v = current(l);
    if (!v) continue;
    for (const auto& broken : rules.check(m_.org->id, *l.ind, m_.period, *v)) {
      for (const std::string* id : {&broken.indicator, &broken.other}) {
        auto it = m_.line_of.find(*id);
        if (it == m_.line_of.end()) continue;
        auto& msgs = m_.lines[it->second].cross;
        if (std::find(msgs.begin(), msgs.end(), broken.message) == msgs.end()) msgs.push_back(broken.message);
      }
    }
  }
}

void CollectView::commit(Context& ctx, CollectLine& l) {
  const Actor* actor = signed_in(ctx);
  if (!actor || !m_.org) return;
  const std::string id = l.ind->id;
  if (!l.dirty) return;
  if (!l.value && l.text.find_first_not_of(" \t") == std::string::npos) {  // typed, then erased: nothing to keep
    typed_.erase(id);
    l.dirty = false;
    return;
  }
  revalidate();
  if (!l.error.empty() || !l.cross.empty()) return;  // the message stays beside the field; nothing written
  if (!l.warning.empty()) return;  // already asked: 确认无误 or 修改 answers, not leaving the field
  write(ctx, l, false);
}

void CollectView::write(Context& ctx, CollectLine& l, bool confirmed) {
  const Actor* actor = signed_in(ctx);
  if (!actor || !m_.org) return;
  const std::string id = l.ind->id;
  try {
    ValueInput in{m_.org->code, id, m_.period.str(), l.text, ValueStatus::Draft, {}};
    in.entry_unit = true;
    ctx.store->enter_value(in, *actor, confirmed);
    typed_.erase(id);
    l.dirty = false;
    l.warning.clear();
    saved_ = id;
  } catch (const ImplausibleValue& e) {
    l.warning = e.warning().message;
    ctx.need_text(l.warning);
  } catch (const std::exception& e) {
    l.warning.clear();
    l.error = failure_text(e);
    ctx.need_text(l.error);
  }
}

// The plausibility question beside the field: 确认无误 writes (the audit entry keeps the warning and
// the confirmation), 修改 goes back to the field with nothing written.
void CollectView::draw_warning(Context& ctx, CollectLine& l) {
  const std::string id = l.ind->id;
  ui::field_message(l.warning, ui::color::warn);
  ui::mark("collect.warning." + id);
  const ImVec2 size(0, std::max(ImGui::GetFrameHeight(), ui::em(2.6f)));  // a finger's height
  if (ImGui::Button(tr("collect.plausible_confirm").c_str(), size)) write(ctx, l, true);
  ui::mark("collect.warning.confirm." + id);
  ImGui::SameLine();
  if (ImGui::Button(tr("collect.plausible_revise").c_str(), size)) {
    l.warning.clear();
    refocus_ = id;
  }
  ui::mark("collect.warning.revise." + id);
}

void CollectView::before_sign_out(Context& ctx) {
  // Leaving the form signed out must not lose what was typed: it is saved as the typist's draft.
  // A figure that breaks a rule cannot be written; it stays typed, with its message, for the next
  // sign-in.
  for (auto& l : m_.lines)
    if (l.editable && l.dirty) commit(ctx, l);
}

void CollectView::draw_section(Context& ctx, const CollectSection& s, bool editable) {
  std::string header = s.section->name;
  if (s.editable) header += "  (" + std::to_string(s.filled) + "/" + std::to_string(s.editable) + ")";
  header += "###" + s.section->id;
  if (!ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
  ui::mark("collect.section." + s.section->id);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
  if (!ImGui::BeginTable(s.section->id.c_str(), ctx.narrow ? 2 : 4, flags)) return;
  if (ctx.narrow) {
    // − field + unit 历史 take 14 em with a one-character unit (个); a longer one (人次, 平方米) widens
    // the column, the same in every section, or 历史 was cut off at a portrait tablet's edge.
    const float one = ImGui::CalcTextSize("\xE4\xB8\xAA").x;  // 个
    float unit = one;
    for (const CollectLine& l : m_.lines) unit = std::max(unit, ImGui::CalcTextSize(l.ind->typed_unit().c_str()).x);
    ImGui::TableSetupColumn(tr("collect.col_indicator").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr("collect.col_value").c_str(), ImGuiTableColumnFlags_WidthFixed, ui::em(14) + unit - one);
  } else {
    ImGui::TableSetupColumn(tr("collect.col_indicator").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr("collect.col_last_year").c_str(), ImGuiTableColumnFlags_WidthFixed, ui::em(5.5f));
    ImGui::TableSetupColumn(tr("collect.col_target").c_str(), ImGuiTableColumnFlags_WidthFixed, ui::em(5.5f));
    ImGui::TableSetupColumn(tr("collect.col_value").c_str(), ImGuiTableColumnFlags_WidthFixed, ui::em(19));
  }
  ImGui::TableHeadersRow();
  for (size_t i : s.lines) draw_line(ctx, m_.lines[i], editable);
  ImGui::EndTable();
}

void CollectView::draw_line(Context& ctx, CollectLine& l, bool editable) {
  const Indicator& ind = *l.ind;
  ImGui::PushID(ind.id.c_str());
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextWrapped("%s", ind.name.c_str());
  if (!ind.note.empty()) {
    ImGui::SameLine();
    ui::help(("note." + ind.id).c_str(), ind.note);
  }
  const std::string last = tr("collect.last_year_short", {{"value", shown(l.last_year, ind)}});
  const std::string target = ind.has_target ? tr("collect.target_short", {{"value", shown(l.target, ind)}}) : "";
  if (ctx.narrow) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
    ImGui::TextWrapped("%s", (target.empty() ? last : last + "  \xC2\xB7  " + target).c_str());
    ImGui::PopStyleColor();
  } else {
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(shown(l.last_year, ind).c_str());
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    if (ind.has_target) ImGui::TextUnformatted(shown(l.target, ind).c_str());
  }
  ImGui::TableNextColumn();
  draw_field(ctx, l, editable);
  ImGui::PopID();
}

void CollectView::draw_field(Context& ctx, CollectLine& l, bool editable) {
  const Indicator& ind = *l.ind;
  const float wrap = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  ImGui::PushTextWrapPos(wrap);
  if (l.editable && editable) {
    ui::FigureFieldStyle style;
    style.steppers = ind.integer && ind.kind != IndicatorKind::Year && ind.kind != IndicatorKind::Month;
    style.invalid = !l.error.empty() || !l.cross.empty();
    style.width_em = ctx.narrow ? 4.5f : 5.5f;
    style.mark = "collect.field." + ind.id;
    if (refocus_ == ind.id) {  // 修改: back in the field, its text selected so typing replaces it
      ImGui::SetKeyboardFocusHere();
      refocus_.clear();
    }
    const ui::FieldEvents ev = ui::figure_field("field", &l.text, style);
    if (ev.edited) {
      l.dirty = true;
      l.warning.clear();  // a new text is a new question
      typed_[ind.id] = l.text;
      saved_.clear();
      revalidate();
      ctx.need_text(l.text);
    }
    if (ev.committed || (ev.left && l.dirty)) commit(ctx, l);
  } else {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(shown(l.value, ind).c_str());
    ui::mark("collect.value." + ind.id);
  }
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ind.typed_unit().c_str());
  if (l.derived || l.rollup) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
    ImGui::TextUnformatted(tr(l.derived ? "collect.computed" : "collect.rolled_up").c_str());
    ImGui::PopStyleColor();
  } else {
    ImGui::SameLine();
    if (ImGui::Button(tr("collect.history").c_str())) open_history(ctx, ind.id);
    ui::mark("collect.history." + ind.id);
  }
  if (!l.error.empty()) {
    ui::field_message(l.error, ui::color::accent);
    ui::mark("collect.msg." + ind.id);
  }
  for (const auto& msg : l.cross) {
    ui::field_message(msg, ui::color::accent);
    ui::mark("collect.msg." + ind.id);
  }
  if (!l.warning.empty()) {
    draw_warning(ctx, l);
  } else if (l.dirty && l.error.empty() && l.cross.empty()) {
    ui::field_message(tr("collect.unsaved"), ui::color::warn);
  } else if (saved_ == ind.id) {
    ui::field_message(tr("collect.saved"), ui::color::ok);
    ui::mark("collect.saved." + ind.id);
  }
  ImGui::PopTextWrapPos();
}

}  // namespace jiceng::gui
