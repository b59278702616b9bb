#pragma once
// 组织与党员: the organisation tree with add / rename / move / delete (a confirmation that says
// what goes with it, a stronger one when it holds data), the member roster (filtered index list
// rebuilt only when the filter or the data changes, drawn with a list clipper), the member form
// with the development pipeline and its warnings, and CSV import. Split over RecordsView*.cpp.
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "csv/MembersCsv.hpp"
#include "store/Store.hpp"
#include "View.hpp"
#include "views/RecordsViewFilter.hpp"
#include "views/SignIn.hpp"
#include "widgets/FormHistory.hpp"

namespace jiceng::gui {

struct OrgNode {
  Org org;
  std::vector<size_t> children;
  int depth = 0;
  int members = 0;          // 正式 + 预备 in this branch itself
  int subtree_members = 0;  // here and below
  int subtree_branches = 0;
  std::string label;  // "name  ·  kind", formatted once per data change
  std::string count;  // "N 名", likewise
};

struct RecordsModel {
  std::vector<OrgNode> nodes;  // tree order
  std::vector<size_t> roots;
  std::unordered_map<OrgId, size_t> index;
  std::vector<RosterRow> roster;
  int members = 0;
  int by_stage[5] = {};  // MemberStage order
  int reserve_cadres = 0;
};

enum class RecordsTab { Orgs, Members, Import };

// The member form: a copy being edited, checked as it is typed. A new member's form says nothing
// about a field before it is touched (typed into, or left) or 保存 is pressed; a stored member's
// issues show at once.
struct MemberEdit {
  Member m;
  bool is_new = true;
  std::vector<PipelineIssue> issues;
  std::set<std::string> touched;  // fields ("name", "birth_date", "applied_on", …) touched so far
  bool show_all = false;          // 保存 pressed, or a stored member
  std::string error;
  std::string reason;
  bool confirm_delete = false;
  float footer_h = 0;             // the 保存 bar's height in the last frame (it stays under the form)
  bool first_frame = true;

  bool shows(const std::string& field) const { return show_all || touched.count(field) > 0; }
  // The first order or date error (they block 保存), or null.
  const PipelineIssue* blocking() const;
};

// What the organisation panel is asking for.
enum class OrgAction { None, Add, Rename, Move };

class RecordsView final : public View {
 public:
  RecordsView() : View(ViewId::Records) {}

  // For tests: what the screen shows.
  RecordsTab tab() const { return tab_; }
  const RosterFilter& filter() const { return filter_; }
  const std::vector<uint32_t>& shown() const { return shown_; }
  const RecordsModel& model() const { return m_; }
  int filter_builds() const { return filter_builds_; }
  std::optional<OrgId> selected() const { return selected_; }
  const std::optional<MemberEdit>& member_edit() const { return edit_; }
  const std::string& org_message() const { return org_msg_; }
  const std::string& import_message() const { return import_msg_; }
  const std::optional<MemberImportPlan>& import_plan() const { return plan_; }
  const std::vector<AuditLine>& org_history() const { return org_history_; }

 private:
  // RecordsView.cpp: the view model, tabs, layout.
  void refresh(Context& ctx) override;
  void draw_content(Context& ctx) override;
  void draw_tabs(Context& ctx);
  const OrgNode* node(std::optional<OrgId> id) const;

  // RecordsViewTree.cpp: the tree, the selected organisation's card, its edits and history.
  void draw_orgs(Context& ctx);
  void draw_tree_panel(float height);
  void draw_node(size_t i);
  void rebuild_rows();     // the nodes shown, parents open, in tree order
  bool is_open(const OrgNode& n) const;
  void draw_details(Context& ctx);
  void draw_org_actions(Context& ctx, const OrgNode& n);
  void draw_org_editor(Context& ctx, const OrgNode& n);
  void draw_delete_popup(Context& ctx);
  void draw_totals();
  void load_org_history(Context& ctx);

  // RecordsViewRoster.cpp: the filter bar and the roster table.
  void draw_members(Context& ctx);
  void draw_filter_bar(Context& ctx);
  void draw_roster(Context& ctx);
  void rebuild_shown();
  std::vector<OrgId> branches_under(OrgId id) const;

  // RecordsViewMember.cpp: the member form with the pipeline.
  void open_member(const Member& m, bool is_new);
  void draw_member_form(Context& ctx);
  void draw_member_fields(Context& ctx, MemberEdit& e);
  void draw_pipeline(Context& ctx, MemberEdit& e);
  void draw_member_footer(Context& ctx, MemberEdit& e);
  void save_member(Context& ctx);

  // RecordsViewImport.cpp: organisations and members from CSV.
  void draw_import(Context& ctx);
  // RecordsViewImportPreview.cpp: the member file's preview, then 导入 / 取消.
  void plan_member_import(Context& ctx, const Actor& actor);
  void draw_import_preview(Context& ctx, const Actor& actor);

  RecordsModel m_;
  RecordsTab tab_ = RecordsTab::Orgs;

  std::optional<OrgId> selected_;
  // The tree draws only the rows on screen (a province holds 40 000 organisations): which nodes a
  // person opened or closed, and the rows that follows from it.
  std::unordered_map<OrgId, bool> open_;
  std::vector<size_t> rows_;
  bool rows_valid_ = false;
  OrgAction org_action_ = OrgAction::None;
  std::string org_code_, org_name_;  // the add / rename form
  OrgKind org_kind_ = OrgKind::Branch;
  std::optional<OrgId> move_to_;
  std::string org_msg_;
  bool org_ok_ = false;
  // Delete confirmation: what goes with the organisation, and (when it holds data) its name typed again.
  bool delete_requested_ = false;
  std::optional<OrgId> delete_id_;
  Store::OrgImpact impact_;
  std::string delete_typed_, delete_reason_, delete_error_;
  std::vector<AuditLine> org_history_;
  std::optional<OrgId> history_org_;
  uint64_t history_revision_ = 0;

  RosterFilter filter_;        // as set in the filter bar
  RosterFilter built_filter_;  // what shown_ was built for
  bool shown_valid_ = false;
  std::vector<uint32_t> shown_;
  int filter_builds_ = 0;
  std::optional<OrgId> filter_org_;  // the organisation chosen in the branch picker

  std::optional<MemberEdit> edit_;
  std::string member_msg_;

  std::string import_path_;
  std::vector<std::string> csv_files_;  // CSV files in the data folder, listed when the list opens
  bool csv_listed_ = false;
  std::string import_msg_;
  bool import_ok_ = false;
  std::optional<MemberImportPlan> plan_;  // the member file's preview, until 导入 or 取消
};

}  // namespace jiceng::gui
