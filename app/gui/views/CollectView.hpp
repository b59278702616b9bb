#pragma once
// 数据采集: one organisation's figures for one period (a month or the year), grouped by the
// summary's sections. Each field is checked as it is typed (the same rules the store runs), and
// written to the store as a draft when it loses focus or Enter is pressed, so closing the app
// loses nothing committed. Submit (clerk) / approve and reopen (leader), the history of any value
// with undo, and the organisation's recent changes. Split over CollectView*.cpp.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/Figures.hpp"
#include "store/Workflow.hpp"
#include "View.hpp"
#include "views/SignIn.hpp"
#include "widgets/FormHistory.hpp"

namespace jiceng::gui {

struct CollectLine {
  const Indicator* ind = nullptr;
  bool editable = false;  // typed by this organisation in this period
  bool derived = false;   // computed (formula, roster, tree): shown, never typed
  bool rollup = false;    // a monthly figure shown for the year: its months added up
  std::optional<double> value, last_year, target;
  std::string text;                // what the field shows: the stored value or what was typed
  bool dirty = false;              // typed, not yet written
  std::string error;               // the indicator's own rule, or the store's refusal
  std::vector<std::string> cross;  // cross-field rules broken (shown on both fields)
  std::string warning;             // implausible (model/Plausibility.hpp): waits for 确认无误 / 修改, unwritten
};

struct CollectSection {
  const Section* section = nullptr;
  std::vector<size_t> lines;
  int filled = 0, editable = 0;
};

struct CollectModel {
  std::vector<Org> orgs;  // the town and its reporting units
  std::unordered_map<OrgId, std::optional<OrgId>> parents;  // every organisation's parent (entry rights)
  std::optional<Org> org;
  Period period;
  std::vector<CollectLine> lines;
  std::unordered_map<std::string, size_t> line_of;  // indicator id → line
  std::vector<CollectSection> sections;
  int filled = 0, expected = 0;
  std::optional<ValueStatus> status;
  PeriodWorkflow flow;                   // where the period stands: state, last change, submission
  std::map<int, PeriodWorkflow> months;  // the organisation's year, for the period picker (0 = year)
  // Cross-field rules compare with computed figures: the report's own, shared (a copy was 64 MB at
  // province scale, made on the UI thread).
  std::shared_ptr<const YearFigures> figures;
};

class CollectView final : public View {
 public:
  CollectView() : View(ViewId::Collect) {}

  // Writes every typed figure that passes its checks as a draft, under the person still signed in.
  void before_sign_out(Context& ctx) override;

  // For tests: what the screen shows.
  const CollectLine* line(const std::string& indicator) const;
  std::optional<OrgId> org() const { return org_; }
  Period period() const { return m_.period; }
  const std::string& workflow_message() const { return workflow_msg_; }
  const std::vector<AuditLine>& history_rows() const { return history_rows_; }
  const std::string& history_message() const { return history_msg_; }
  int unsaved() const { return int(typed_.size()); }
  // The one status line (state, who and when, what happens next), the return banner's lines and the
  // gaps a submission confirmed, as shown; the missing figures 提交 asks about.
  std::string status_line(const Context& ctx) const;
  std::vector<std::string> returned_lines() const;
  std::string gaps_line() const;
  const std::string& submit_question() const { return submit_question_; }
  const std::string& workflow_reasons() const { return why_text_; }  // why a step is disabled
  const CollectModel& model() const { return m_; }

 private:
  // CollectView.cpp: the view model, pickers, status and workflow.
  void refresh(Context& ctx) override;
  void draw_content(Context& ctx) override;
  void draw_pickers(Context& ctx);
  void draw_status(Context& ctx);
  void draw_workflow(Context& ctx, const Actor& actor);
  void follow_requests(Context& ctx);
  void start_clerk(Context& ctx, const Actor& actor);
  void draw_returned();
  void draw_submit_question(Context& ctx, const Actor& actor);
  const Permission& may(Context& ctx, const Actor& actor, WorkflowStep step);
  bool may_enter(const Actor& actor) const;
  std::string period_label(const Context& ctx, int month) const;

  // CollectViewForm.cpp: the form, checks as typed, drafts written on commit.
  void draw_section(Context& ctx, const CollectSection& s, bool editable);
  void draw_line(Context& ctx, CollectLine& l, bool editable);
  void draw_field(Context& ctx, CollectLine& l, bool editable);
  void revalidate();
  std::optional<double> current(const CollectLine& l) const;
  void commit(Context& ctx, CollectLine& l);
  // Writes a line's text as a draft; an implausible value is held with its warning unless confirmed.
  void write(Context& ctx, CollectLine& l, bool confirmed);
  void draw_warning(Context& ctx, CollectLine& l);

  // CollectViewHistory.cpp: a value's history with undo, the organisation's recent changes.
  void open_history(Context& ctx, const std::string& indicator);
  void load_history(Context& ctx);
  void draw_history(Context& ctx);

  CollectModel m_;
  std::optional<OrgId> org_;
  std::optional<int> month_;  // 0: the whole year; unset: the latest month with data
  bool org_chosen_ = false;   // picked by hand (or requested by another screen) since signing in
  std::string started_for_;  // the sign-in a clerk was last taken to their first open month for
  // Typed but unwritten texts (indicator → text) of the organisation and period in typed_for_.
  std::map<std::string, std::string> typed_;
  std::pair<OrgId, std::string> typed_for_;
  std::string workflow_msg_;
  bool reopening_ = false;
  std::string submit_question_;
  std::string why_text_;  // the reasons shown beside disabled steps, last frame  // "还有 11 项未填：…": asked before a submission with gaps
  // Who may take which step, asked of core once per sign-in, data revision and period.
  std::string permission_key_;
  Permission permissions_[3];
  std::string reopen_reason_;
  std::string saved_;  // the indicator written last (a short "saved" beside it)
  std::string refocus_;  // the indicator whose field takes the keyboard next frame (after 修改)
  // History popup: one value's (indicator set) or the organisation's.
  bool history_requested_ = false;
  std::string history_indicator_;
  std::string history_title_;
  std::vector<AuditLine> history_rows_;
  uint64_t history_revision_ = 0;
  std::string history_msg_;
};

}  // namespace jiceng::gui
