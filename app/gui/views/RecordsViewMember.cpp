// 组织与党员 ▸ a member's form: who they are, their branch, and the development pipeline with each
// stage's date; the pipeline's errors and time-rule warnings (check_pipeline) show beside the dates
// as they are typed. The store runs the same checks on save.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "Error.hpp"
#include "Strings.hpp"
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

void RecordsView::open_member(const Member& m, bool is_new) {
  edit_ = MemberEdit{};
  edit_->m = m;
  edit_->is_new = is_new;
  edit_->issues = check_pipeline(m);
  member_msg_.clear();
}

void RecordsView::draw_member_form(Context& ctx) {
  MemberEdit& e = *edit_;
  bool changed = false;
  if (ImGui::Button(tr("records.member.back").c_str())) {
    edit_.reset();
    return;
  }
  ui::mark("records.member.back");
  ImGui::SameLine();
  ui::heading(e.is_new ? tr("records.member.new_title") : e.m.name);

  const float field = ui::em(ctx.narrow ? 13 : 12);
  const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit;
  ui::begin_card("member", tr("records.member.card"));
  if (ImGui::BeginTable("##member", 2, flags)) {
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);
    row_label(tr("member.name"));
    ImGui::SetNextItemWidth(field);
    changed |= ImGui::InputText("##name", &e.m.name);
    ui::mark("records.member.name");
    ctx.need_text(e.m.name);

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
    const bool bad_birth = !e.m.birth_date.empty() && !valid_date(e.m.birth_date);
    changed |= ui::date_field("birth", &e.m.birth_date, bad_birth, tr("records.member.date_hint"), 7).edited;
    ui::mark("records.member.birth_date");
    if (bad_birth) ui::field_message(tr("records.member.bad_date"), ui::color::accent);

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
  ImGui::Spacing();
  draw_pipeline(ctx, e);
  if (changed) e.issues = check_pipeline(e.m);
  ImGui::Spacing();

  if (!signed_in(ctx)) {
    ui::muted(tr("records.member.sign_in_to_edit"));
    return;
  }
  if (!e.is_new) {
    ImGui::SetNextItemWidth(ui::em(ctx.narrow ? 20 : 24));
    ImGui::InputTextWithHint("##reason", tr("records.member.reason_hint").c_str(), &e.reason);
    ui::mark("records.member.reason");
  }
  if (ImGui::Button(tr("records.save").c_str())) save_member(ctx);
  ui::mark("records.member.save");
  if (!edit_) return;  // saved and closed
  if (!e.is_new) {
    ImGui::SameLine(0, ui::em(2));
    if (ImGui::Button(tr("records.member.delete").c_str())) e.confirm_delete = !e.confirm_delete;
    ui::mark("records.member.delete");
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
}

void RecordsView::draw_pipeline(Context& ctx, MemberEdit& e) {
  ui::begin_card("pipeline", tr("records.member.pipeline"));
  ui::muted(tr("records.member.pipeline_explain"));
  bool changed = false;
  if (ImGui::BeginTable("##pipeline", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);
    for (const auto& d : kDates) {
      bool error = false;
      for (const auto& i : e.issues) error |= i.field == d.field && i.error;
      row_label(tr(std::string("member.") + d.field));
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
      changed |= ui::date_field(d.field, &(e.m.*d.date), error, tr("records.member.date_hint"), 7).edited;
      ui::mark(std::string("records.member.date.") + d.field);
      for (const auto& i : e.issues) {
        if (i.field != d.field) continue;
        ui::field_message(i.message, i.error ? ui::color::accent : ui::color::warn);
        ui::mark(std::string("records.member.issue.") + d.field);
        ctx.need_text(i.message);
      }
      ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
  }
  ui::end_card();
  if (changed) e.issues = check_pipeline(e.m);
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
