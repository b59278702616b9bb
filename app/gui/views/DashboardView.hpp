#pragma once
// 进度看板: the leaders' dashboard. One class, drawn from three files: DashboardView.cpp (the
// overview: section cards and layout), DashboardPanels.cpp (trend chart, laggards, ranking) and
// DashboardDrill.cpp (indicator → villages → one village by month → a value's history). The view
// models live in DashboardModel.* and are rebuilt only when the data or the page changes.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "View.hpp"
#include "views/DashboardModel.hpp"
#include "views/SignIn.hpp"

namespace jiceng::gui {

class DashboardView final : public View {
 public:
  enum class Page { Overview, Section, Indicator, Village, History };
  struct Drill {
    Page page = Page::Overview;
    size_t section = 0;    // index into Model::cards
    size_t indicator = 0;  // catalog index
    OrgId org = 0;
    Period period;
  };

  DashboardView() : View(ViewId::Dashboard) {}
  // For tests: what the screen computed and which page it shows.
  const dash::Model& model() const { return m_; }
  Page page() const { return stack_.empty() ? Page::Overview : stack_.back().page; }
  const dash::IndicatorPage& indicator_page() const { return indicator_page_; }
  const dash::VillagePage& village_page() const { return village_page_; }
  const dash::HistoryPage& history_page() const { return history_page_; }
  // The last review's outcome as shown under 待审核 (tests).
  const std::string& review_message() const { return review_message_; }

 private:
  void refresh(Context& ctx) override;
  void draw_content(Context& ctx) override;

  // DashboardView.cpp: overview.
  void draw_overview(Context& ctx);
  void draw_cards(bool compact);  // compact: one figure per card
  // A tappable figure: name, numbers and status word on a line, a progress bar under it.
  // wrap: the name may take a line of its own when it does not fit beside the numbers (cards only:
  // lists drawn through the clipper need rows of one height).
  bool figure_row(const char* mark, const dash::FigureLine& line, const std::string& name, float right_pad,
                  bool wrap = false);

  // DashboardReview.cpp: 待审核 with 审核通过 / 退回修改, one by one or the ticked ones at once.
  bool review_open(Context& ctx);  // shown by default to a signed-in leader or admin
  void draw_review_toggle(Context& ctx);
  void draw_review(Context& ctx);
  void draw_review_rows(Context& ctx, bool may_review, float height);
  void draw_return_reason(Context& ctx, const Actor& actor);
  void run_review(Context& ctx, const Actor& actor, std::vector<ReviewItem> items, ReviewAction action);

  // DashboardPanels.cpp
  // chart_em: the plot's height, chosen by the layout so the panels below it stay on screen.
  void draw_trend(Context& ctx, float chart_em);
  // Who has not submitted and who is behind: one over the other, or side by side.
  void draw_lists(Context& ctx, float height, bool side_by_side);
  void draw_list(Context& ctx, const char* id, const std::string& title, const std::string& help,
                 const std::string& nobody, const std::vector<dash::LagRow>& rows, ImU32 accent, float height);
  void draw_ranking(Context& ctx, float height);
  // Heights that show `rows` rows of a late/behind list, or of the ranking, with their titles.
  static float list_height(int rows);
  static float ranking_height(int rows);
  void sort_ranking(int column, bool ascending);
  void draw_unit_bars(const std::vector<dash::FigureLine>& units, float height);

  // DashboardDrill.cpp
  void open(const Drill& d);
  void go_back(size_t depth);  // to the page `depth` levels deep (0: the overview)
  void rebuild_page(Context& ctx);
  void draw_breadcrumbs();
  void draw_section_page();
  void draw_indicator_page();
  void draw_village_page(Context& ctx);
  void draw_history_page();
  // Switches to 数据采集 with this organisation selected.
  void open_collect(Context& ctx, OrgId org, std::optional<Period> period = std::nullopt);

  dash::Model m_;
  std::vector<Drill> stack_;  // empty: the overview
  std::optional<std::vector<Drill>> pending_;  // the stack after this frame's taps
  bool page_dirty_ = false;
  dash::IndicatorPage indicator_page_;
  dash::VillagePage village_page_;
  dash::HistoryPage history_page_;
  size_t trend_choice_ = 0;
  bool trend_by_unit_ = false;
  std::vector<size_t> rank_order_;  // rows of m_.rank_rows in the order the table is sorted
  // 待审核: open or closed by the person (nullopt: the default for who is signed in), the ticked
  // rows (ReviewRow::key), the rows a 退回 is asking a reason for, and the last outcome.
  std::optional<bool> review_open_;
  std::string review_user_;  // who review_open_ was chosen by; another person gets the default
  std::set<std::string> review_ticked_;
  std::vector<ReviewItem> returning_;
  std::string return_reason_;
  bool reason_missing_ = false;
  std::string review_message_;
  bool review_failed_ = false;
  // The late or behind row whose whole text a tap opened (tablets have no hover).
  std::string full_text_;
  OrgId full_org_ = 0;
  int sort_column_ = 0;
  bool sort_ascending_ = true;
};

}  // namespace jiceng::gui
