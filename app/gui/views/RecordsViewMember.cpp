// 组织与党员 ▸ a member's form: who they are, their branch, and the development pipeline with each
// stage's date; the pipeline's errors and time-rule warnings (check_pipeline) show beside a date once
// it is touched (at once for a stored member, everywhere once 保存 is pressed). Order errors disable
// 保存, saying why beside it; the store runs the same checks on save.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "views/RecordsView.hpp"
#include "widgets/FormField.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

struct StageDate {
  const char* field;
  std::string Member::*date;
};

constexpr StageDate kDates[] = {
    {"applied_on", &Member::applied_on},       {"talked_on", &Member::talked_on},
    {"activist_on", &Member::activist_on},     {"candidate_on", &Member::candidate_on},
    {"probationary_on", &Member::probationary_on}, {"full_on", &Member::full_on},
};

constexpr MemberStage kStageOrder[] = {MemberStage::Applicant, MemberStage::Activist, MemberStage::Candidate,
                                       MemberStage::Probationary, MemberStage::Full};

// Label column, then the field in the second column of the form table.
void row_label(const std::string& text) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text.c_str());
  ImGui::TableNextColumn();
}

}  // namespace

const PipelineIssue* MemberEdit::blocking() const {
  for (const auto& i : issues)
    if (i.error) return &i;
  return nullptr;
}

void RecordsView::open_member(const Member& m, bool is_new) {
  edit_ = MemberEdit{};
  edit_->m = m;
  edit_->is_new = is_new;
  edit_->show_all = !is_new;
  edit_->issues = check_pipeline(m);
  member_msg_.clear();
}

// The heading stays on top, the fields scroll in a child of their own, and the 保存 bar stays under
// them, so that 保存 is in view on a 800×1280 tablet and at 1280×800 whatever the form's length.
void RecordsView::draw_member_form(Context& ctx) {
  MemberEdit& e = *edit_;
  if (ImGui::Button(tr("records.member.back").c_str())) {
    edit_.reset();
    return;
  }
  ui::mark("records.member.back");
  ImGui::SameLine();
  ui::heading(e.is_new ? tr("records.member.new_title") : e.m.name);

  const float footer = e.footer_h > 0 ? e.footer_h : ImGui::GetFrameHeightWithSpacing() * 3;
  const float body = std::max(ImGui::GetContentRegionAvail().y - footer, ui::em(10));
  ImGui::BeginChild("##member_body", ImVec2(0, body), false);
  if (e.first_frame) ImGui::SetScrollY(0.0f);  // a form opens at its top, not where the last one was
  e.first_frame = false;
  draw_member_fields(ctx, e);
  ImGui::Spacing();
  draw_pipeline(ctx, e);
  ui::drag_to_scroll();
  ImGui::EndChild();
  ui::mark("records.member.body");
  // The bar's height is measured as drawn and used from the next frame on (the app draws a few
  // frames after every input, so a message that grows it is laid out at once).
  const float y0 = ImGui::GetCursorPosY();
  draw_member_footer(ctx, e);
  if (edit_) edit_->footer_h = ImGui::GetCursorPosY() - y0;
}

void RecordsView::draw_member_fields(Context& ctx, MemberEdit& e) {
  bool changed = false;
  const float field = ui::em(ctx.narrow ? 13 : 12);
  const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit;
  ui::begin_card("member", tr("records.member.card"));
  if (ImGui::BeginTable("##member", 2, flags)) {
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);
    row_label(tr("member.name"));
    ImGui::SetNextItemWidth(field);
    if (ImGui::InputText("##name", &e.m.name)) {
      changed = true;
      e.touched.insert("name");
    }
    if (ImGui::IsItemDeactivated()) e.touched.insert("name");
    ui::mark("records.member.name");
    ctx.need_text(e.m.name);
    if (e.shows("name") && e.m.name.find_first_not_of(" \t") == std::string::npos) {
      ui::field_message(tr("store.member_needs_name"), ui::color::warn);
      ui::mark("records.member.issue.name");
    }

    row_label(tr("member.gender"));
    for (const char* key : {"records.member.male", "records.member.female"}) {
      if (ImGui::RadioButton(tr(key).c_str(), e.m.gender == tr(key))) {
        e.m.gender = tr(key);
        changed = true;
      }
      ui::mark(key);
      ImGui::SameLine(0, ui::em(1));
    }
    ImGui::NewLine();

    row_label(tr("member.birth_date"));
    const bool bad_birth = e.shows("birth_date") && !e.m.birth_date.empty() && !valid_date(e.m.birth_date);
    const auto birth = ui::date_field("birth", &e.m.birth_date, bad_birth, tr("records.member.date_hint"), 7);
    if (birth.edited || birth.left) e.touched.insert("birth_date");
    changed |= birth.edited;
    ui::mark("records.member.birth_date");
    if (bad_birth) {
      ui::field_message(tr("records.member.bad_date"), ui::color::accent);
      ui::mark("records.member.issue.birth_date");
    }

    row_label(tr("member.branch"));
    const OrgNode* branch = node(e.m.branch);
    ImGui::SetNextItemWidth(field);
    if (ImGui::BeginCombo("##branch", branch ? branch->org.name.c_str() : tr("records.member.pick_branch").c_str(),
                          ImGuiComboFlags_HeightLarge)) {
      for (const auto& n : m_.nodes) {
        if (n.org.kind != OrgKind::Branch) continue;
        ImGui::PushID(int(n.org.id));
        if (ImGui::Selectable(n.org.name.c_str(), e.m.branch == n.org.id)) {
          e.m.branch = n.org.id;
          changed = true;
        }
        ui::mark("records.member.branch." + n.org.code);
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    ui::mark("records.member.branch");
    if (e.show_all && !branch) {
      ui::field_message(tr("records.member.pick_branch"), ui::color::warn);
      ui::mark("records.member.issue.branch");
    }

    row_label(tr("member.stage"));
    ImGui::SetNextItemWidth(field);
    if (ImGui::BeginCombo("##stage", label(e.m.stage).c_str())) {
      for (MemberStage s : kStageOrder) {
        if (ImGui::Selectable(label(s).c_str(), e.m.stage == s)) {
          e.m.stage = s;
          changed = true;
        }
        ui::mark("records.member.stage." + std::string(to_string(s)));
      }
      ImGui::EndCombo();
    }
    ui::mark("records.member.stage");

    row_label(tr("member.reserve_cadre"));
    changed |= ImGui::Checkbox("##reserve", &e.m.reserve_cadre);
    ui::mark("records.member.reserve");
    ImGui::EndTable();
  }
  ui::end_card();
  if (changed) e.issues = check_pipeline(e.m);
}

void RecordsView::draw_pipeline(Context& ctx, MemberEdit& e) {
  ui::begin_card("pipeline", tr("records.member.pipeline"));
  ui::muted(tr("records.member.pipeline_explain"));
  bool changed = false;
  if (ImGui::BeginTable("##pipeline", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);
    for (const auto& d : kDates) {
      const bool shown = e.shows(d.field);
      bool error = false;
      for (const auto& i : e.issues) error |= shown && i.field == d.field && i.error;
      row_label(tr(std::string("member.") + d.field));
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
      const auto ev = ui::date_field(d.field, &(e.m.*d.date), error, tr("records.member.date_hint"), 7);
      const bool typing = ImGui::IsItemActive();
      if (ev.edited || ev.left) e.touched.insert(d.field);
      changed |= ev.edited;
      ui::mark(std::string("records.member.date.") + d.field);
      for (const auto& i : e.issues) {
        if (i.field != d.field || !shown) continue;
        ui::field_message(i.message, i.error ? ui::color::accent : ui::color::warn);
        ui::mark(std::string(i.error ? "records.member.error." : "records.member.issue.") + d.field);
        ctx.need_text(i.message);
        // The message under the date being typed is scrolled into view, not left under the 保存 bar.
        if (typing && !ImGui::IsItemVisible()) ImGui::SetScrollHereY(1.0f);
      }
      ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
  }
  ui::end_card();
  if (changed) e.issues = check_pipeline(e.m);
}

// 保存 (disabled, saying why, while a date is broken or out of order), 删除党员 and the reason.
void RecordsView::draw_member_footer(Context& ctx, MemberEdit& e) {
  ImGui::Separator();
  if (!signed_in(ctx)) {
    ui::muted(tr("records.member.sign_in_to_edit"));
    return;
  }
  if (!e.is_new) {
    ImGui::SetNextItemWidth(ui::em(ctx.narrow ? 20 : 24));
    ImGui::InputTextWithHint("##reason", tr("records.member.reason_hint").c_str(), &e.reason);
    ui::mark("records.member.reason");
  }
  const PipelineIssue* blocked = e.blocking();
  const ImVec2 button(ui::em(ctx.tablet ? 6 : 5), ImGui::GetFrameHeight() * (ctx.tablet ? 1.4f : 1.15f));
  if (blocked) ImGui::BeginDisabled();
  const bool save = ImGui::Button(tr("records.save").c_str(), button);
  if (blocked) ImGui::EndDisabled();
  ui::mark("records.member.save");
  if (!e.is_new) {
    ImGui::SameLine(0, ui::em(2));
    if (ImGui::Button(tr("records.member.delete").c_str(), ImVec2(0, button.y))) e.confirm_delete = !e.confirm_delete;
    ui::mark("records.member.delete");
  }
  if (blocked) {
    // Why 保存 cannot be pressed; the same message is beside the date.
    const std::string why = tr("records.member.save_blocked", {{"reason", blocked->message}});
    ImGui::SameLine(0, ui::em(1));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, (button.y - ImGui::GetTextLineHeight()) * 0.5f));
    ImGui::PushTextWrapPos(0);
    ui::field_message(why, ui::color::accent);
    ImGui::PopTextWrapPos();
    ui::mark("records.member.save_blocked");
    ctx.need_text(why);
  }
  if (!e.error.empty()) {
    ui::paragraph(e.error, ui::color::accent);
    ui::mark("records.member.error");
  }
  if (e.confirm_delete) {
    ui::paragraph(tr("records.member.delete_question", {{"name", e.m.name}}), ui::color::accent);
    if (ImGui::Button(tr("records.member.delete_confirm").c_str())) {
      try {
        const std::string name = e.m.name;
        ctx.store->delete_member(e.m.id, *signed_in(ctx), e.reason);
        member_msg_ = tr("records.member.deleted", {{"name", name}});
        ctx.need_text(member_msg_);
        edit_.reset();
        return;
      } catch (const std::exception& err) {
        e.error = failure_text(err, true);
        e.confirm_delete = false;
        ctx.need_text(e.error);
      }
    }
    ui::mark("records.member.delete_confirm");
  }
  if (save) {
    e.show_all = true;  // from now on every warning shows
    save_member(ctx);
  }
}

void RecordsView::save_member(Context& ctx) {
  MemberEdit& e = *edit_;
  const Actor* actor = signed_in(ctx);
  if (!actor) return;
  try {
    if (e.is_new) {
      ctx.store->add_member(e.m, *actor);
      member_msg_ = tr("records.member.added", {{"name", e.m.name}});
    } else {
      ctx.store->update_member(e.m, *actor, e.reason);
      member_msg_ = tr("records.member.updated", {{"name", e.m.name}});
    }
    ctx.need_text(member_msg_);
    edit_.reset();
  } catch (const std::exception& err) {
    e.error = failure_text(err, true);
    ctx.need_text(e.error);
  }
}

}  // namespace jiceng::gui
