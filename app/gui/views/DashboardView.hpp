#pragma once
// 进度看板: the leaders' dashboard. One class, drawn from three files: DashboardView.cpp (the
// overview: section cards and layout), DashboardPanels.cpp (trend chart, laggards, ranking) and
// DashboardDrill.cpp (indicator → villages → one village by month → a value's history). The view
// models live in DashboardModel.* and are rebuilt only when the data or the page changes.
#include <optional>
#include <vector>

#include "View.hpp"
#include "views/DashboardModel.hpp"

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

 private:
  void refresh(Context& ctx) override;
  void draw_content(Context& ctx) override;

  // DashboardView.cpp: overview.
  void draw_overview(Context& ctx);
  void draw_cards();
  // A tappable figure: name, numbers and status word on a line, a progress bar under it.
  bool figure_row(const char* mark, const dash::FigureLine& line, const std::string& name, float right_pad);

  // DashboardPanels.cpp
  // chart_em: the plot's height, chosen by the layout so the panels below it stay on screen.
  void draw_trend(Context& ctx, float chart_em);
  // Who has not submitted and who is behind: one over the other, or side by side.
  void draw_lists(Context& ctx, float height, bool side_by_side);
  void draw_list(Context& ctx, const char* id, const std::string& title, const std::string& help,
                 const std::string& nobody, const std::vector<dash::LagRow>& rows, ImU32 accent, float height);
  void draw_ranking(Context& ctx, float height);
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
  int sort_column_ = 0;
  bool sort_ascending_ = true;
};

}  // namespace jiceng::gui
