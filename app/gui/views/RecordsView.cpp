// 组织与党员: the view model (tree, roster rows, totals), the sign-in strip and the three tabs.
#include "views/RecordsView.hpp"

#include <imgui.h>

#include "base/Strings.hpp"
#include "views/Views.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {

const OrgNode* RecordsView::node(std::optional<OrgId> id) const {
  if (!id) return nullptr;
  auto it = m_.index.find(*id);
  return it == m_.index.end() ? nullptr : &m_.nodes[it->second];
}

void RecordsView::refresh(Context& ctx) {
  m_ = RecordsModel{};
  for (const auto& o : ctx.store->orgs()) {
    m_.index[o.id] = m_.nodes.size();
    m_.nodes.push_back(OrgNode{o, {}, 0, 0, 0, 0});
    ctx.need_text(o.name);
  }
  for (size_t i = 0; i < m_.nodes.size(); ++i) {
    const auto& parent = m_.nodes[i].org.parent;
    auto it = parent ? m_.index.find(*parent) : m_.index.end();
    if (it == m_.index.end())
      m_.roots.push_back(i);
    else
      m_.nodes[it->second].children.push_back(i);
  }
  // Depth for indenting pickers; tree order lists parents first.
  for (auto& n : m_.nodes)
    if (n.org.parent)
      if (auto it = m_.index.find(*n.org.parent); it != m_.index.end()) n.depth = m_.nodes[it->second].depth + 1;
  const auto members = ctx.store->members();
  m_.roster.reserve(members.size());
  for (const auto& mem : members) {
    const bool member = mem.stage == MemberStage::Full || mem.stage == MemberStage::Probationary;
    if (member) ++m_.members;
    ++m_.by_stage[int(mem.stage)];
    if (mem.reserve_cadre) ++m_.reserve_cadres;
    auto it = m_.index.find(mem.branch);
    if (it != m_.index.end() && member) ++m_.nodes[it->second].members;
    m_.roster.push_back(make_roster_row(mem, it != m_.index.end() ? m_.nodes[it->second].org.name : std::string()));
    ctx.need_text(mem.name);
  }
  // Walking backwards sums each subtree once (children come after their parents).
  for (size_t i = m_.nodes.size(); i-- > 0;) {
    auto& n = m_.nodes[i];
    n.subtree_members += n.members;
    if (n.org.kind == OrgKind::Branch) ++n.subtree_branches;
    if (n.org.parent)
      if (auto it = m_.index.find(*n.org.parent); it != m_.index.end()) {
        m_.nodes[it->second].subtree_members += n.subtree_members;
        m_.nodes[it->second].subtree_branches += n.subtree_branches;
      }
  }
  for (auto& n : m_.nodes) {
    n.label = n.org.name + "  \xC2\xB7  " + label(n.org.kind);
    n.count = tr("records.members_short", {{"count", std::to_string(n.subtree_members)}});
  }
  rows_valid_ = false;
  if (selected_ && !m_.index.count(*selected_)) selected_.reset();
  if (!selected_ && !m_.roots.empty()) selected_ = m_.nodes[m_.roots.front()].org.id;
  // The branch picker's organisation may be gone; the branch list under it may have changed.
  if (filter_org_ && !m_.index.count(*filter_org_)) filter_org_.reset();
  filter_.branches = filter_org_ ? branches_under(*filter_org_) : std::vector<OrgId>{};
  shown_valid_ = false;
  history_org_.reset();
}

void RecordsView::draw_content(Context& ctx) {
  ui::heading(title());
  ui::muted(tr("records.explain"));
  if (m_.nodes.empty()) {
    ui::muted(tr("records.empty"));
    return;
  }
  sign_in_prompt(ctx, tr("records.sign_in_why"));
  ImGui::Spacing();
  draw_tabs(ctx);
  ImGui::Spacing();
  switch (tab_) {
    case RecordsTab::Orgs: draw_orgs(ctx); break;
    case RecordsTab::Members: draw_members(ctx); break;
    case RecordsTab::Import: draw_import(ctx); break;
  }
  draw_delete_popup(ctx);
}

void RecordsView::draw_tabs(Context& ctx) {
  const struct {
    RecordsTab tab;
    const char* key;
    const char* mark;
  } tabs[] = {{RecordsTab::Orgs, "records.tab.orgs", "records.tab.orgs"},
              {RecordsTab::Members, "records.tab.members", "records.tab.members"},
              {RecordsTab::Import, "records.tab.import", "records.tab.import"}};
  const float h = ui::em(ctx.tablet ? 2.6f : 2.0f);
  const float w = ui::em(ctx.narrow ? 7 : 8);
  for (size_t i = 0; i < std::size(tabs); ++i) {
    if (i > 0) ImGui::SameLine();
    if (ui::nav_button(tr(tabs[i].key).c_str(), tab_ == tabs[i].tab, ImVec2(w, h))) tab_ = tabs[i].tab;
    ui::mark(tabs[i].mark);
  }
}

std::unique_ptr<View> make_records_view() { return std::make_unique<RecordsView>(); }

}  // namespace jiceng::gui
