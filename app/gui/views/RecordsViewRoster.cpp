// 组织与党员 ▸ 党员名册: the filter bar and the roster table. The list of matching rows is rebuilt
// only when the filter or the data changes; the table draws only the visible rows (list clipper).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "base/Strings.hpp"
#include "views/RecordsView.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

constexpr MemberStage kStages[] = {MemberStage::Full, MemberStage::Probationary, MemberStage::Candidate,
                                   MemberStage::Activist, MemberStage::Applicant};
constexpr RosterStatus kStatuses[] = {RosterStatus::All, RosterStatus::Members, RosterStatus::Developing,
                                      RosterStatus::Reserve, RosterStatus::Issues};

std::string status_label(RosterStatus s) { return tr("records.roster.status." + std::to_string(int(s))); }

}  // namespace

std::vector<OrgId> RecordsView::branches_under(OrgId id) const {
  std::vector<OrgId> out;
  auto it = m_.index.find(id);
  if (it == m_.index.end()) return out;
  std::vector<size_t> stack{it->second};
  while (!stack.empty()) {
    const OrgNode& n = m_.nodes[stack.back()];
    stack.pop_back();
    if (n.org.kind == OrgKind::Branch) out.push_back(n.org.id);
    stack.insert(stack.end(), n.children.begin(), n.children.end());
  }
  std::sort(out.begin(), out.end());
  if (out.empty()) out.push_back(0);  // an organisation without branches: nobody matches (no id is 0)
  return out;
}

void RecordsView::rebuild_shown() {
  if (shown_valid_ && filter_ == built_filter_) return;
  shown_ = filter_roster(m_.roster, filter_);
  built_filter_ = filter_;
  shown_valid_ = true;
  ++filter_builds_;
}

void RecordsView::draw_members(Context& ctx) {
  if (edit_) {
    draw_member_form(ctx);
    return;
  }
  draw_filter_bar(ctx);
  rebuild_shown();
  ImGui::Spacing();
  draw_roster(ctx);
}

void RecordsView::draw_filter_bar(Context& ctx) {
  const float combo = ui::em(ctx.narrow ? 11 : 10);
  ImGui::SetNextItemWidth(ui::em(ctx.narrow ? 12 : 10));
  ImGui::InputTextWithHint("##search", tr("records.roster.search").c_str(), &filter_.text);
  ui::mark("records.roster.search");
  ImGui::SameLine();
  const OrgNode* chosen = node(filter_org_);
  ImGui::SetNextItemWidth(combo);
  if (ImGui::BeginCombo("##branch", chosen ? chosen->org.name.c_str() : tr("records.roster.all_branches").c_str(),
                        ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable(tr("records.roster.all_branches").c_str(), !filter_org_)) {
      filter_org_.reset();
      filter_.branches.clear();
    }
    ui::mark("records.roster.branch.all");
    for (const auto& n : m_.nodes) {
      if (n.subtree_branches == 0) continue;
      ImGui::PushID(int(n.org.id));
      const std::string item = std::string(size_t(n.depth) * 2, ' ') + n.org.name;
      if (ImGui::Selectable(item.c_str(), filter_org_ == n.org.id)) {
        filter_org_ = n.org.id;
        filter_.branches = branches_under(n.org.id);
      }
      ui::mark("records.roster.branch." + n.org.code);
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ui::mark("records.roster.branch");
  if (!ctx.narrow) ImGui::SameLine();
  ImGui::SetNextItemWidth(combo);
  if (ImGui::BeginCombo("##stage", filter_.stage ? label(*filter_.stage).c_str() : tr("records.roster.all_stages").c_str())) {
    if (ImGui::Selectable(tr("records.roster.all_stages").c_str(), !filter_.stage)) filter_.stage.reset();
    ui::mark("records.roster.stage.all");
    for (MemberStage s : kStages) {
      if (ImGui::Selectable(label(s).c_str(), filter_.stage == s)) filter_.stage = s;
      ui::mark("records.roster.stage." + std::string(to_string(s)));
    }
    ImGui::EndCombo();
  }
  ui::mark("records.roster.stage");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(combo);
  if (ImGui::BeginCombo("##status", status_label(filter_.status).c_str())) {
    for (RosterStatus s : kStatuses) {
      if (ImGui::Selectable(status_label(s).c_str(), filter_.status == s)) filter_.status = s;
      ui::mark("records.roster.status." + std::to_string(int(s)));
    }
    ImGui::EndCombo();
  }
  ui::mark("records.roster.status");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("records.roster.count", {{"shown", std::to_string(shown_.size())},
                                                      {"total", std::to_string(m_.roster.size())}})
                             .c_str());
  ui::mark("records.roster.count");
  if (signed_in(ctx)) {
    ImGui::SameLine(0, ui::em(1.5f));
    if (ImGui::Button(tr("records.member.add").c_str())) {
      Member m;
      m.gender = tr("records.member.male");
      if (filter_.branches.size() == 1 && filter_.branches.front() != 0) m.branch = filter_.branches.front();
      open_member(m, true);
    }
    ui::mark("records.member.add");
  }
  if (!member_msg_.empty()) ui::paragraph(member_msg_, ui::color::ok);
}

void RecordsView::draw_roster(Context& ctx) {
  const bool narrow = ctx.narrow;
  if (shown_.empty()) ui::muted(tr("records.roster.nobody"));
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate | ImGuiTableFlags_SizingStretchProp;
  const float height = std::max(ImGui::GetContentRegionAvail().y, ui::em(16));
  if (!ImGui::BeginTable("##roster", narrow ? 4 : 8, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  const ImGuiTableColumnFlags no_sort = ImGuiTableColumnFlags_NoSort;
  ImGui::TableSetupColumn(tr("member.name").c_str(), 0, 1.0f, ImGuiID(RosterSort::Name));
  if (!narrow) {
    ImGui::TableSetupColumn(tr("member.gender").c_str(), no_sort, 0.45f);
    ImGui::TableSetupColumn(tr("member.birth_date").c_str(), no_sort, 1.0f);
  }
  ImGui::TableSetupColumn(tr("member.branch").c_str(), 0, 1.6f, ImGuiID(RosterSort::Branch));
  ImGui::TableSetupColumn(tr("member.stage").c_str(), 0, 1.0f, ImGuiID(RosterSort::Stage));
  if (!narrow) {
    ImGui::TableSetupColumn(tr("records.roster.stage_date").c_str(), 0, 1.0f, ImGuiID(RosterSort::Date));
    ImGui::TableSetupColumn(tr("member.reserve_cadre").c_str(), no_sort, 0.6f);
  }
  ImGui::TableSetupColumn(tr("records.roster.issues").c_str(), no_sort, 0.9f);
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
    // The new order takes effect through the filter: the row list is rebuilt once.
    filter_.sort = specs->SpecsCount > 0 ? RosterSort(specs->Specs[0].ColumnUserID) : RosterSort::None;
    filter_.descending = specs->SpecsCount > 0 && specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
    specs->SpecsDirty = false;
    rebuild_shown();
  }
  ImGuiListClipper clipper;
  clipper.Begin(int(shown_.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const RosterRow& r = m_.roster[shown_[size_t(i)]];
      const Member& m = r.member;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(i);
      if (ImGui::Selectable(m.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) open_member(m, false);
      ui::mark("roster.row." + std::to_string(i));
      ImGui::PopID();
      if (!narrow) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(m.gender.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(m.birth_date.c_str());
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.branch_name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(label(m.stage).c_str());
      if (!narrow) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.stage_date.c_str());
        ImGui::TableNextColumn();
        if (m.reserve_cadre) ImGui::TextUnformatted(tr("records.roster.reserve_yes").c_str());
      }
      ImGui::TableNextColumn();
      if (r.has_error) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui::color::accent);
        ImGui::TextUnformatted(tr("records.roster.has_error").c_str());
        ImGui::PopStyleColor();
      } else if (r.warnings > 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui::color::warn);
        ImGui::TextUnformatted(tr("records.roster.warnings", {{"n", std::to_string(r.warnings)}}).c_str());
        ImGui::PopStyleColor();
      }
    }
  }
  ui::drag_to_scroll();  // the space below the last row (rows themselves are tapped to open)
  ImGui::EndTable();
}

}  // namespace jiceng::gui
