// 组织与党员 ▸ 组织架构: the tree, the selected organisation's card with its edits (add a child,
// rename, move, delete with a confirmation that says what goes with it) and its recent changes.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <functional>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "views/RecordsView.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

constexpr OrgKind kChildKinds[] = {OrgKind::Village, OrgKind::Community, OrgKind::Unit, OrgKind::GeneralBranch,
                                   OrgKind::Branch};

// The kind a new child most likely has: villages under the town, branches below.
OrgKind usual_child(OrgKind parent) { return parent == OrgKind::Town ? OrgKind::Village : OrgKind::Branch; }

}  // namespace

void RecordsView::draw_orgs(Context& ctx) {
  if (ctx.narrow) {
    draw_tree_panel(ui::em(ctx.tablet ? 16 : 18));
    ImGui::Spacing();
    draw_details(ctx);
    ImGui::Spacing();
    draw_totals();
    return;
  }
  if (ImGui::BeginTable("##records", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("tree", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("details", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableNextColumn();
    draw_tree_panel(std::max(ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y, ui::em(20)));
    ImGui::TableNextColumn();
    draw_details(ctx);
    ImGui::Spacing();
    draw_totals();
    ImGui::EndTable();
  }
}

bool RecordsView::is_open(const OrgNode& n) const {
  auto it = open_.find(n.org.id);
  if (it != open_.end()) return it->second;
  return n.org.kind == OrgKind::Town || n.depth < 1;  // the town's villages show at first
}

void RecordsView::rebuild_rows() {
  rows_.clear();
  std::vector<size_t> stack(m_.roots.rbegin(), m_.roots.rend());
  while (!stack.empty()) {
    const size_t i = stack.back();
    stack.pop_back();
    rows_.push_back(i);
    const OrgNode& n = m_.nodes[i];
    if (is_open(n)) stack.insert(stack.end(), n.children.rbegin(), n.children.rend());
  }
  rows_valid_ = true;
}

void RecordsView::draw_tree_panel(float height) {
  ImGui::BeginChild("##tree", ImVec2(0, std::max(height, ui::em(10))), true);
  if (!rows_valid_) rebuild_rows();
  // Every row is one line of the same height, so only those on screen are drawn.
  ImGuiListClipper clip;
  clip.Begin(int(rows_.size()));
  while (clip.Step())
    for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) draw_node(rows_[size_t(r)]);
  ui::drag_to_scroll();
  ImGui::EndChild();
}

void RecordsView::draw_node(size_t i) {
  const OrgNode& n = m_.nodes[i];
  // Rows are drawn flat (a clipped list cannot nest TreePush); the depth indents them instead.
  ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_OpenOnDoubleClick |
                             ImGuiTreeNodeFlags_SpanAvailWidth | ImGuiTreeNodeFlags_NoTreePushOnOpen;
  if (n.children.empty()) flags |= ImGuiTreeNodeFlags_Leaf;
  if (selected_ == n.org.id) flags |= ImGuiTreeNodeFlags_Selected;
  if (ui::theme().tablet) flags |= ImGuiTreeNodeFlags_FramePadding;  // rows as tall as a button, for a finger
  const float indent = float(n.depth) * ImGui::GetStyle().IndentSpacing;
  if (indent > 0) ImGui::Indent(indent);
  ImGui::SetNextItemOpen(is_open(n));
  const bool open = ImGui::TreeNodeEx(reinterpret_cast<void*>(intptr_t(n.org.id)), flags, "%s", n.label.c_str());
  if (ImGui::IsItemToggledOpen()) {
    open_[n.org.id] = open;
    rows_valid_ = false;  // from the next frame: this frame's clipper already counted the rows
  } else if (ImGui::IsItemClicked() && selected_ != n.org.id) {
    selected_ = n.org.id;
    org_action_ = OrgAction::None;
    org_msg_.clear();
  }
  ui::mark("org." + n.org.code);
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(),
                           ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(n.count.c_str()).x));
  ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
  ImGui::TextUnformatted(n.count.c_str());
  ImGui::PopStyleColor();
  if (indent > 0) ImGui::Unindent(indent);
}

void RecordsView::draw_totals() {
  ui::begin_card("totals", tr("records.totals"));
  ui::label_value(tr("records.members"), std::to_string(m_.members));
  static const MemberStage order[] = {MemberStage::Full, MemberStage::Probationary, MemberStage::Candidate,
                                      MemberStage::Activist, MemberStage::Applicant};
  for (MemberStage s : order) ui::label_value(label(s), std::to_string(m_.by_stage[int(s)]));
  ui::label_value(tr("records.reserve_cadres"), std::to_string(m_.reserve_cadres));
  ui::end_card();
}

void RecordsView::load_org_history(Context& ctx) {
  HistoryFilter f;
  f.org = selected_;
  f.limit = 20;
  org_history_ = describe(*ctx.store, ctx.store->history(f), true);
  for (const auto& r : org_history_) {
    ctx.need_text(r.who);
    ctx.need_text(r.what);
    ctx.need_text(r.change);
    ctx.need_text(r.reason);
  }
  history_org_ = selected_;
  history_revision_ = ctx.store->revision();
}

void RecordsView::draw_details(Context& ctx) {
  const OrgNode* n = node(selected_);
  if (!n) return;
  // Recent changes are read when the selection or the data changes, not per frame.
  if (history_org_ != selected_ || history_revision_ != ctx.store->revision()) load_org_history(ctx);
  ui::begin_card("details", n->org.name);
  ui::label_value(tr("records.kind"), label(n->org.kind));
  ui::label_value(tr("records.code"), n->org.code);
  if (const OrgNode* p = node(n->org.parent)) ui::label_value(tr("records.parent"), p->org.name);
  ui::label_value(tr("records.children"), std::to_string(n->children.size()));
  ui::label_value(tr("records.branches"), std::to_string(n->subtree_branches));
  ui::label_value(tr("records.members"), std::to_string(n->subtree_members));
  ImGui::Spacing();
  if (signed_in(ctx)) {
    draw_org_actions(ctx, *n);
    draw_org_editor(ctx, *n);
  }
  if (ImGui::Button(tr("records.org.show_members").c_str())) {
    filter_org_ = n->org.id;
    filter_.branches = branches_under(n->org.id);
    tab_ = RecordsTab::Members;
  }
  ui::mark("records.org.members");
  if (!org_msg_.empty()) {
    ui::paragraph(org_msg_, org_ok_ ? ui::color::ok : ui::color::accent);
    ui::mark("records.org.msg");
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(tr("records.recent_changes").c_str());
  ui::draw_history("records.history", org_history_, ui::em(ctx.narrow ? 14 : 12));
  ui::end_card();
}

void RecordsView::draw_org_actions(Context& ctx, const OrgNode& n) {
  auto start = [&](OrgAction a) {
    org_action_ = org_action_ == a ? OrgAction::None : a;
    org_msg_.clear();
    org_code_.clear();
    org_name_ = a == OrgAction::Rename ? n.org.name : std::string();
    org_kind_ = usual_child(n.org.kind);
    move_to_.reset();
  };
  if (n.org.kind != OrgKind::Branch) {
    if (ImGui::Button(tr("records.org.add").c_str())) start(OrgAction::Add);
    ui::mark("records.org.add");
    ImGui::SameLine();
  }
  if (ImGui::Button(tr("records.org.rename").c_str())) start(OrgAction::Rename);
  ui::mark("records.org.rename");
  if (n.org.parent) {
    ImGui::SameLine();
    if (ImGui::Button(tr("records.org.move").c_str())) start(OrgAction::Move);
    ui::mark("records.org.move");
    ImGui::SameLine();
    if (ImGui::Button(tr("records.org.delete").c_str())) {
      org_action_ = OrgAction::None;
      delete_id_ = n.org.id;
      impact_ = ctx.store->org_impact(n.org.id);
      delete_typed_.clear();
      delete_reason_.clear();
      delete_error_.clear();
      delete_requested_ = true;
    }
    ui::mark("records.org.delete");
  }
}

void RecordsView::draw_org_editor(Context& ctx, const OrgNode& n) {
  if (org_action_ == OrgAction::None) return;
  const Actor* actor = signed_in(ctx);
  auto act = [&](const std::function<void()>& fn, const std::string& done) {
    try {
      fn();
      org_msg_ = done;
      org_ok_ = true;
      org_action_ = OrgAction::None;
    } catch (const std::exception& e) {
      org_msg_ = failure_text(e);
      org_ok_ = false;
    }
    ctx.need_text(org_msg_);
  };
  const float field = ui::em(ctx.narrow ? 14 : 12);
  ImGui::Separator();
  if (org_action_ == OrgAction::Add) {
    ImGui::TextUnformatted(tr("records.org.add_under", {{"name", n.org.name}}).c_str());
    ImGui::SetNextItemWidth(field);
    ImGui::InputTextWithHint("##code", tr("records.org.code_hint").c_str(), &org_code_, ImGuiInputTextFlags_CharsNoBlank);
    ui::mark("records.org.code");
    ImGui::SetNextItemWidth(field);
    ImGui::InputTextWithHint("##name", tr("records.org.name_hint").c_str(), &org_name_);
    ui::mark("records.org.name");
    ImGui::SetNextItemWidth(field);
    if (ImGui::BeginCombo("##kind", label(org_kind_).c_str())) {
      for (OrgKind k : kChildKinds) {
        if (ImGui::Selectable(label(k).c_str(), k == org_kind_)) org_kind_ = k;
        ui::mark("records.org.kind." + std::string(to_string(k)));
      }
      ImGui::EndCombo();
    }
    ui::mark("records.org.kind");
  } else if (org_action_ == OrgAction::Rename) {
    ImGui::SetNextItemWidth(field);
    ImGui::InputText("##name", &org_name_, ImGuiInputTextFlags_AutoSelectAll);
    ui::mark("records.org.name");
  } else if (org_action_ == OrgAction::Move) {
    ImGui::TextUnformatted(tr("records.org.move_under").c_str());
    const OrgNode* target = node(move_to_);
    ImGui::SetNextItemWidth(field);
    if (ImGui::BeginCombo("##move_to", target ? target->org.name.c_str() : "", ImGuiComboFlags_HeightLarge)) {
      for (const auto& c : m_.nodes) {
        // Not into itself or below itself, and only where a child of its kind could go.
        if (c.org.id == n.org.id || c.org.kind == OrgKind::Branch || c.org.id == n.org.parent) continue;
        bool inside = false;
        for (auto p = c.org.parent; p && !inside; p = node(p) ? node(p)->org.parent : std::nullopt) inside = *p == n.org.id;
        if (inside) continue;
        ImGui::PushID(int(c.org.id));
        const std::string item = std::string(size_t(c.depth) * 2, ' ') + c.org.name;
        if (ImGui::Selectable(item.c_str(), move_to_ == c.org.id)) move_to_ = c.org.id;
        ui::mark("records.org.move_to." + c.org.code);
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    ui::mark("records.org.move_to");
  }
  if (ImGui::Button(tr("records.save").c_str()) && actor) {
    const OrgId id = n.org.id;
    if (org_action_ == OrgAction::Add) {
      Org o;
      o.code = org_code_;
      o.name = org_name_;
      o.kind = org_kind_;
      o.parent = id;
      o.sort = int(n.children.size()) + 1;
      act([&] { selected_ = ctx.store->add_org(o, *actor); }, tr("records.org.added", {{"name", o.name}}));
    } else if (org_action_ == OrgAction::Rename) {
      act([&] { ctx.store->rename_org(id, org_name_, *actor); }, tr("records.org.renamed"));
    } else if (org_action_ == OrgAction::Move) {
      if (!move_to_)
        act([&] { throw InputError(tr("records.org.pick_parent")); }, {});
      else
        act([&] { ctx.store->move_org(id, *move_to_, *actor); }, tr("records.org.moved"));
    }
  }
  ui::mark("records.org.save");
  ImGui::SameLine();
  if (ImGui::Button(tr("records.cancel").c_str())) org_action_ = OrgAction::None;
  ui::mark("records.org.cancel");
}

void RecordsView::draw_delete_popup(Context& ctx) {
  const char* popup = "##delete_org";
  if (delete_requested_) {
    ImGui::OpenPopup(popup);
    delete_requested_ = false;
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowSize(ImVec2(std::min(ui::em(28), display.x - ui::em(1)), 0));
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.4f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(popup, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoTitleBar)) return;
  const OrgNode* n = node(delete_id_);
  const Actor* actor = signed_in(ctx);
  if (!n || !actor) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  ui::heading(tr("records.delete.title", {{"name", n->org.name}}));
  ui::paragraph(tr("records.delete.impact", {{"orgs", std::to_string(impact_.orgs - 1)},
                                             {"members", std::to_string(impact_.members)},
                                             {"values", std::to_string(impact_.values)},
                                             {"targets", std::to_string(impact_.targets)}}));
  ui::mark("records.delete.impact");
  const bool strong = impact_.has_data();
  bool ready = true;
  if (strong) {
    // Data goes with it: the name typed again and a reason, both kept in the audit entry.
    ui::paragraph(tr("records.delete.has_data", {{"name", n->org.name}}), ui::color::accent);
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##typed", n->org.name.c_str(), &delete_typed_);
    ui::mark("records.delete.name");
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##reason", tr("records.delete.reason_hint").c_str(), &delete_reason_);
    ui::mark("records.delete.reason");
    ready = delete_typed_ == n->org.name && delete_reason_.find_first_not_of(" \t") != std::string::npos;
  } else {
    ui::paragraph(tr("records.delete.no_data"));
  }
  if (!delete_error_.empty()) ui::paragraph(delete_error_, ui::color::accent);
  ImGui::PushStyleColor(ImGuiCol_Button, ready ? ui::color::accent : ImGui::GetColorU32(ImGuiCol_Button));
  ImGui::PushStyleColor(ImGuiCol_Text, ready ? IM_COL32_WHITE : ImGui::GetColorU32(ImGuiCol_TextDisabled));
  const bool pressed = ImGui::Button(tr(strong ? "records.delete.confirm_data" : "records.delete.confirm").c_str());
  ImGui::PopStyleColor(2);
  ui::mark("records.delete.confirm");
  if (pressed) {
    if (!ready) {
      delete_error_ = tr("records.delete.type_name", {{"name", n->org.name}});
    } else {
      try {
        const std::string name = n->org.name;
        ctx.store->delete_org(n->org.id, strong, *actor, delete_reason_);
        org_msg_ = tr("records.org.deleted", {{"name", name}});
        org_ok_ = true;
        selected_ = n->org.parent;
        ImGui::CloseCurrentPopup();
      } catch (const std::exception& e) {
        delete_error_ = failure_text(e);
      }
    }
    ctx.need_text(delete_error_);
    ctx.need_text(org_msg_);
  }
  ImGui::SameLine();
  if (ImGui::Button(tr("records.cancel").c_str())) ImGui::CloseCurrentPopup();
  ui::mark("records.delete.cancel");
  ImGui::EndPopup();
}

}  // namespace jiceng::gui
