// 组织与党员: the organisation tree (town → villages and units → 党总支 → 党支部) with member counts,
// and the roster's totals by stage. Editing, the roster table and CSV import build on this frame.
#include <imgui.h>

#include <algorithm>
#include <unordered_map>

#include "Strings.hpp"
#include "views/Views.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

struct OrgNode {
  Org org;
  std::vector<size_t> children;
  int members = 0;          // in this branch itself
  int subtree_members = 0;  // here and below
  int subtree_branches = 0;
};

struct RecordsModel {
  std::vector<OrgNode> nodes;  // tree order
  std::vector<size_t> roots;
  int members = 0;
  int by_stage[5] = {};  // MemberStage order
  int reserve_cadres = 0;
};

class RecordsView final : public View {
 public:
  RecordsView() : View(ViewId::Records) {}

 private:
  void refresh(Context& ctx) override {
    m_ = RecordsModel{};
    const auto orgs = ctx.store->orgs();
    std::unordered_map<OrgId, size_t> index;
    for (const auto& o : orgs) {
      index[o.id] = m_.nodes.size();
      m_.nodes.push_back(OrgNode{o, {}, 0, 0, 0});
      ctx.need_text(o.name);
    }
    for (size_t i = 0; i < m_.nodes.size(); ++i) {
      const auto& parent = m_.nodes[i].org.parent;
      auto it = parent ? index.find(*parent) : index.end();
      if (it == index.end())
        m_.roots.push_back(i);
      else
        m_.nodes[it->second].children.push_back(i);
    }
    for (const auto& mem : ctx.store->members()) {
      if (mem.stage == MemberStage::Full || mem.stage == MemberStage::Probationary) ++m_.members;
      ++m_.by_stage[int(mem.stage)];
      if (mem.reserve_cadre) ++m_.reserve_cadres;
      auto it = index.find(mem.branch);
      if (it != index.end() && (mem.stage == MemberStage::Full || mem.stage == MemberStage::Probationary))
        ++m_.nodes[it->second].members;
    }
    // Tree order lists parents before children: walking backwards sums each subtree once.
    for (size_t i = m_.nodes.size(); i-- > 0;) {
      auto& n = m_.nodes[i];
      n.subtree_members += n.members;
      if (n.org.kind == OrgKind::Branch) ++n.subtree_branches;
      if (n.org.parent) {
        auto it = index.find(*n.org.parent);
        if (it != index.end()) {
          m_.nodes[it->second].subtree_members += n.subtree_members;
          m_.nodes[it->second].subtree_branches += n.subtree_branches;
        }
      }
    }
    if (!selected_ || !index.count(*selected_)) selected_.reset();
    if (!selected_ && !m_.roots.empty()) selected_ = m_.nodes[m_.roots.front()].org.id;
  }

  void draw_content(Context& ctx) override {
    ui::heading(title());
    ui::muted(tr("app.records.explain"));
    if (m_.nodes.empty()) {
      ui::muted(tr("app.records.empty"));
      return;
    }
    if (ctx.narrow) {
      draw_totals();
      draw_tree_panel(ui::em(ctx.tablet ? 22 : 20));
      draw_details();
      return;
    }
    if (ImGui::BeginTable("##records", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) {
      ImGui::TableSetupColumn("tree", ImGuiTableColumnFlags_WidthStretch, 1.4f);
      ImGui::TableSetupColumn("details", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableNextColumn();
      draw_tree_panel(ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y);
      ImGui::TableNextColumn();
      draw_totals();
      draw_details();
      ImGui::EndTable();
    }
  }

  void draw_tree_panel(float height) {
    ImGui::BeginChild("##tree", ImVec2(0, std::max(height, ui::em(10))), true);
    for (size_t r : m_.roots) draw_node(r);
    ui::drag_to_scroll();
    ImGui::EndChild();
  }

  void draw_node(size_t i) {
    const OrgNode& n = m_.nodes[i];
    ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_OpenOnDoubleClick |
                               ImGuiTreeNodeFlags_SpanAvailWidth;
    if (n.children.empty()) flags |= ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen;
    if (n.org.kind == OrgKind::Town) flags |= ImGuiTreeNodeFlags_DefaultOpen;
    if (selected_ == n.org.id) flags |= ImGuiTreeNodeFlags_Selected;
    const std::string label = n.org.name + "  ·  " + label_of(n.org.kind);
    bool open = ImGui::TreeNodeEx(reinterpret_cast<void*>(intptr_t(n.org.id)), flags, "%s", label.c_str());
    if (ImGui::IsItemClicked() && !ImGui::IsItemToggledOpen()) selected_ = n.org.id;
    ui::mark("org." + n.org.code);
    const std::string count = tr("app.records.members_short", {{"count", std::to_string(n.subtree_members)}});
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(),
                             ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(count.c_str()).x));
    ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
    ImGui::TextUnformatted(count.c_str());
    ImGui::PopStyleColor();
    if (open && !n.children.empty()) {
      for (size_t c : n.children) draw_node(c);
      ImGui::TreePop();
    }
  }

  void draw_totals() {
    ui::begin_card("totals", tr("app.records.totals"));
    ui::label_value(tr("app.records.members"), std::to_string(m_.members));
    static const MemberStage order[] = {MemberStage::Full, MemberStage::Probationary, MemberStage::Candidate,
                                        MemberStage::Activist, MemberStage::Applicant};
    for (MemberStage s : order) ui::label_value(label(s), std::to_string(m_.by_stage[int(s)]));
    ui::label_value(tr("app.records.reserve_cadres"), std::to_string(m_.reserve_cadres));
    ui::end_card();
  }

  void draw_details() {
    const OrgNode* n = nullptr;
    for (const auto& node : m_.nodes)
      if (selected_ == node.org.id) n = &node;
    if (!n) return;
    ImGui::Spacing();
    ui::begin_card("details", n->org.name);
    ui::label_value(tr("app.records.kind"), label_of(n->org.kind));
    ui::label_value(tr("app.records.code"), n->org.code);
    if (n->org.parent)
      for (const auto& p : m_.nodes)
        if (p.org.id == *n->org.parent) ui::label_value(tr("app.records.parent"), p.org.name);
    ui::label_value(tr("app.records.children"), std::to_string(n->children.size()));
    ui::label_value(tr("app.records.branches"), std::to_string(n->subtree_branches));
    ui::label_value(tr("app.records.members"), std::to_string(n->subtree_members));
    ui::end_card();
  }

  static std::string label_of(OrgKind k) { return label(k); }

  RecordsModel m_;
  std::optional<OrgId> selected_;
};

}  // namespace

std::unique_ptr<View> make_records_view() { return std::make_unique<RecordsView>(); }

}  // namespace jiceng::gui
