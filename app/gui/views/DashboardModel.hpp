#pragma once
// The 进度看板 screen's view models: every figure it shows, computed by core (build_dashboard,
// build_ranking, build_overdue, monthly_series — the same as `jiceng-cli dashboard`) and formatted
// once when the data changes, so drawing a frame only lays out ready strings.
#include <imgui.h>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "Context.hpp"
#include "report/Report.hpp"
#include "report/Trends.hpp"
#include "store/AuditText.hpp"
#include "store/Review.hpp"
#include "widgets/Chart.hpp"

namespace jiceng::gui::dash {

ImU32 status_color(std::optional<Progress> p);

// One indicator as a line on a card or in a list.
struct FigureLine {
  size_t indicator = 0;  // catalog index
  OrgId org = 0;         // whose figure, on per-village lines (0: the town's)
  std::string id, name;
  std::string numbers;   // 「18 / 20 名」, or 「354 名」 without a target
  std::string status;    // 完成 / 正常 / 滞后 / 无数据, 无目标 when it has none
  std::optional<Progress> progress;
  float fraction = 0;    // share of the target reached
  bool has_target = false;
  bool has_value = false;
};

struct SectionCard {
  std::string id, title;
  std::string counts;                // 「目标 7 项：完成 1 · 正常 5 · 滞后 1」 or 「有数据 12 / 12 项」
  std::vector<FigureLine> headline;  // the few shown on the card: the most behind first
  std::vector<FigureLine> all;       // every figure of the section, catalog order
  bool has_targets = false;          // some figure of the section has a target for the year
};

struct RankRow {
  size_t ranked = 0;  // index into Ranking::units
  OrgId org = 0;
  std::string code, name, rank, score, band, reporting;
  std::string late;            // 「11 个月未交」 beside 填报 when periods are past due; else empty
  std::string reporting_tip;   // how 填报 came about: filled share, periods past due and late
  std::vector<std::string> sections;  // completion per Ranking::sections
  ImU32 band_color = 0;
};

// A row of the late or behind list: the name and its key figure on the first line, the detail
// (cut with … when long) on the second; `full` is the whole text shown on hover or tap.
struct LagRow {
  OrgId org = 0;
  std::string code, name;
  std::string figure;  // 「11 个月未交」, 「14 项滞后」
  std::string detail;  // 「1月起未提交 · 逾期 6 年余」, the figures behind
  std::string full;    // name, figure and detail, untruncated
  int weight = 0;  // figures behind, or days overdue
};

// 待审核: one organisation's period submitted and not yet approved.
struct ReviewRow {
  OrgId org = 0;
  Period period;
  std::string key;     // code + "." + period, for marks and the selection
  std::string code, name, period_label;
  std::string detail;  // who submitted, when, how many figures, and gaps the clerk confirmed
};

struct TrendModel {
  const Indicator* indicator = nullptr;
  chart::Spec spec;
  std::string summary;              // 「截至 11 月 557 次，目标 600 次（按进度应达 550 次）」
  std::vector<FigureLine> units;    // bars per village, tree order
};

struct Model {
  // The year's report, shared with the other screens (ReportCache) rather than copied.
  std::shared_ptr<const YearReport> report;
  std::shared_ptr<const YearFigures> figures;
  const Dashboard& dashboard() const { return report->dashboard; }
  const Ranking& ranking() const { return report->ranking; }
  const OverdueReport& overdue() const { return report->overdue; }
  const std::string& ranking_problem() const { return report->ranking_problem; }  // a broken setting: defaults used, and why
  std::string title, as_of;
  float reporting_fraction = 0;             // units submitted / units
  std::string reporting_ring;               // "15/17"
  std::vector<std::string> reporting_lines;  // submitted, figures with data, late
  std::vector<SectionCard> cards;            // sections with targets first, catalog order within each
  std::vector<std::string> rank_headers;    // section column titles
  std::vector<std::string> rank_short;      // the same, short (dashboard.rank.short.<id>) when there is one
  std::string rank_help;                    // the ranking's help, with what the short titles stand for
  bool any_late = false;                    // some village has periods past due and missing
  std::vector<RankRow> rank_rows;           // best first
  std::vector<LagRow> behind, late;         // most behind / longest overdue first
  std::string behind_title, late_title;
  std::vector<ReviewRow> review;            // 待审核, oldest period first (every year)
  std::string review_title, review_badge;   // 「待审核（16）」, 「待审核 16 项」
  std::vector<const Indicator*> trend_choices;
  TrendModel trend;
};

// Recomputes everything from the store. What it shows is organisation names, the catalog, the
// strings files and digits: all in the font atlas already.
void build_model(Model& m, const Store& store, std::shared_ptr<const YearReport> report, int year);
TrendModel build_trend(const Model& m, const Indicator& ind, OrgId org = 0);
// A figure with its unit (「18 名」), or 无数据.
std::string figure_text(const Indicator& ind, std::optional<double> v);

// ---- Drill-down pages: indicator → its villages → one village by month → one value's history --

struct IndicatorPage {
  FigureLine town;
  std::string title, pace;          // pace: what the share of the year elapsed asks for
  // Per village (name in FigureLine::name), furthest behind first: lowest share of the target
  // reached (no value counts as none reached), then the larger shortfall; villages without a
  // target last, in tree order. Their numbers carry 差额 and 完成率, so the order reads.
  std::vector<FigureLine> units;
  std::vector<OrgId> unit_orgs;
  std::vector<std::string> unit_codes;
  std::optional<chart::Spec> trend;  // monthly indicators only
};
IndicatorPage build_indicator_page(const Model& m, size_t indicator);

struct PeriodRow {
  Period period;
  std::string label, value, status, who, when, device;
  bool has_value = false;
};
struct VillagePage {
  std::string title, numbers;
  std::vector<PeriodRow> rows;  // the year's own value, then January … December
  std::optional<chart::Spec> chart;
};
VillagePage build_village_page(const Model& m, const Store& store, size_t indicator, OrgId org);

struct HistoryPage {
  std::string title;
  std::vector<AuditLine> rows;  // newest first
};
HistoryPage build_history_page(const Model& m, const Store& store, size_t indicator, OrgId org, const Period& p);

// Test hook: the text the screen drew this frame for each marked figure, recorded only while
// enabled, so tests compare what a person reads with `jiceng-cli dashboard --json`.
struct Shown {
  bool enabled = false;
  std::unordered_map<std::string, std::string> text;
};
Shown& shown();
inline void record(const std::string& key, const std::string& text) {
  if (shown().enabled) shown().text[key] = text;
}

}  // namespace jiceng::gui::dash
