// 进度看板 drill-down: a section's figures → one indicator by village → one village by month →
// the history of one value (who, when, on which device). Each page's model is built when the page
// opens or the data changes, never per frame.
#include <imgui.h>

#include <algorithm>

#include "base/Strings.hpp"
#include "views/DashboardView.hpp"
#include "widgets/Chart.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

float row_height() {
  return ui::theme().tablet ? ui::em(2.2f) : ImGui::GetTextLineHeightWithSpacing() + ui::em(0.3f);
}

ImGuiTableFlags table_flags() {
  return ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
         ImGuiTableFlags_SizingStretchProp;
}

void muted_line(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
}

// A drill page's table: columns named by their dashboard.col.* strings with their width weights,
// and the header row. False (nothing to end) when the table is clipped away.
bool begin_table(const char* id, std::initializer_list<std::pair<const char*, float>> columns) {
  if (!ImGui::BeginTable(id, int(columns.size()), table_flags())) return false;
  for (const auto& [key, weight] : columns)
    ImGui::TableSetupColumn(tr(std::string("dashboard.col.") + key).c_str(), 0, weight);
  ImGui::TableHeadersRow();
  return true;
}

}  // namespace

void DashboardView::open(const Drill& d) {
  // Pages change between frames: the rest of this frame still draws the page it began with.
  std::vector<Drill> next = pending_ ? *pending_ : stack_;
  if (d.page == Page::Overview) next.clear();
  else next.push_back(d);
  pending_ = std::move(next);
}

void DashboardView::go_back(size_t depth) {
  std::vector<Drill> next = stack_;
  next.resize(std::min(depth, next.size()));
  pending_ = std::move(next);
}

void DashboardView::rebuild_page(Context& ctx) {
  page_dirty_ = false;
  if (stack_.empty() || !ctx.store) return;
  const Drill& d = stack_.back();
  const auto& inds = m_.figures->catalog().indicators();
  // What the page points at may have gone with the new data (a deleted village): back out.
  if (d.indicator >= inds.size() || (d.page >= Page::Village && !m_.figures->org(d.org)) ||
      (d.page == Page::Section && d.section >= m_.cards.size())) {
    stack_.clear();
    return;
  }
  switch (d.page) {
    case Page::Indicator: indicator_page_ = dash::build_indicator_page(m_, d.indicator); break;
    case Page::Village:
      village_page_ = dash::build_village_page(m_, *ctx.store, d.indicator, d.org);
      for (const auto& r : village_page_.rows) ctx.need_text(r.who + r.device);
      break;
    case Page::History:
      history_page_ = dash::build_history_page(m_, *ctx.store, d.indicator, d.org, d.period);
      for (const auto& r : history_page_.rows) ctx.need_text(r.who + r.reason + r.device);
      break;
    default: break;
  }
}

void DashboardView::draw_breadcrumbs() {
  // ‹ 返回, then 看板 › 一级 › 二级 …; each crumb goes back to its page.
  if (ImGui::Button(tr("dashboard.back").c_str())) go_back(stack_.size() - 1);
  ui::mark("dashboard.back");
  std::optional<size_t> go;
  ImGui::SameLine(0, ui::em(1));
  if (ImGui::SmallButton(tr("dashboard.crumb.overview").c_str())) go = 0;
  ui::mark("dashboard.crumb.0");
  const auto& inds = m_.figures->catalog().indicators();
  for (size_t k = 0; k < stack_.size(); ++k) {
    const Drill& d = stack_[k];
    std::string text;
    switch (d.page) {
      case Page::Section: text = m_.cards[d.section].title; break;
      case Page::Indicator: text = inds[d.indicator].name; break;
      case Page::Village: text = m_.figures->org(d.org) ? m_.figures->org(d.org)->name : ""; break;
      case Page::History: text = d.period.is_year() ? tr("dashboard.period.year") : tr("dashboard.month", {{"month", std::to_string(d.period.month)}}); break;
      case Page::Overview: break;
    }
    ImGui::SameLine(0, ui::em(0.3f));
    ImGui::TextUnformatted("\xE2\x80\xBA");  // ›
    ImGui::SameLine(0, ui::em(0.3f));
    ImGui::PushID(int(k));
    if (k + 1 == stack_.size()) ImGui::TextUnformatted(text.c_str());
    else if (ImGui::SmallButton(text.c_str())) go = k + 1;
    ui::mark("dashboard.crumb." + std::to_string(k + 1));
    ImGui::PopID();
  }
  if (go) go_back(*go);
  ImGui::Separator();
}

void DashboardView::draw_section_page() {
  const dash::SectionCard& card = m_.cards[stack_.back().section];
  ui::heading(card.title);
  muted_line(card.counts);
  ImGui::Spacing();
  const size_t section = stack_.back().section;
  for (const auto& l : card.all)
    if (figure_row(("dashboard.figure." + l.id).c_str(), l, l.name, 0)) open(Drill{Page::Indicator, section, l.indicator});
}

void DashboardView::draw_indicator_page() {
  const dash::IndicatorPage& p = indicator_page_;
  const Drill d = stack_.back();
  ui::heading(p.title);
  ImGui::TextUnformatted(p.town.numbers.c_str());
  ImGui::SameLine(0, ui::em(0.8f));
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(dash::status_color(p.town.progress)), "%s", p.town.status.c_str());
  if (dash::shown().enabled) dash::record("dashboard.indicator.town", p.town.numbers + " " + p.town.status);
  muted_line(p.pace);
  if (p.trend) chart::draw("indicator_trend", *p.trend);
  ImGui::Spacing();
  ui::heading(tr("dashboard.page.units"));
  if (p.units.empty()) {
    ui::muted(tr("dashboard.page.town_level"));
    return;
  }
  ui::muted(tr("dashboard.page.units_order"));
  // Per village: a bar each, tap for its months. The rows scroll with the page (the clipper keeps a
  // province's 20 000 villages cheap).
  ImGuiListClipper clipper;
  clipper.Begin(int(p.units.size()));  // measures the first row: figure rows are taller than list rows
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const dash::FigureLine& l = p.units[size_t(i)];
      if (figure_row(("dashboard.unit." + p.unit_codes[size_t(i)]).c_str(), l, l.name, 0))
        open(Drill{Page::Village, d.section, d.indicator, p.unit_orgs[size_t(i)]});
    }
}

void DashboardView::draw_village_page(Context& ctx) {
  const dash::VillagePage& p = village_page_;
  const Drill d = stack_.back();
  ui::heading(p.title);
  ImGui::TextUnformatted(p.numbers.c_str());
  if (dash::shown().enabled) dash::record("dashboard.village.numbers", p.numbers);
  ImGui::SameLine(0, ui::em(1));
  if (ImGui::Button(tr("dashboard.open_collect").c_str())) open_collect(ctx, d.org);
  ui::mark("dashboard.collect");
  if (p.chart) chart::draw("village_trend", *p.chart);
  ImGui::Spacing();
  muted_line(tr("dashboard.village.tap_row"));
  if (!begin_table("##periods", {{"period", 0.6f}, {"value", 1.0f}, {"status", 0.7f}, {"who", 0.9f},
                                  {"when", 1.5f}, {"device", 1.2f}}))
    return;
  const float h = row_height();
  for (const auto& r : p.rows) {
    ImGui::TableNextRow(0, h);
    ImGui::TableNextColumn();
    ImGui::PushID(r.period.month);
    const std::string mark = "dashboard.period." + r.period.str();
    if (ImGui::Selectable(r.label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns,
                          ImVec2(0, h - ImGui::GetStyle().CellPadding.y * 2)))
      open(Drill{Page::History, d.section, d.indicator, d.org, r.period});
    ui::mark(mark);
    ImGui::TableNextColumn();
    if (r.has_value) ImGui::TextUnformatted(r.value.c_str());
    else ImGui::TextDisabled("%s", r.value.c_str());
    if (dash::shown().enabled) dash::record(mark, r.value);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.status.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.who.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.when.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.device.c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void DashboardView::draw_history_page() {
  const dash::HistoryPage& p = history_page_;
  ui::heading(p.title);
  if (p.rows.empty()) {
    ui::muted(tr("dashboard.history.empty"));
    return;
  }
  if (!begin_table("##history", {{"when", 1.4f}, {"who", 0.8f}, {"device", 1.2f}, {"action", 0.8f},
                                  {"change", 1.2f}, {"reason", 1.2f}}))
    return;
  for (size_t i = 0; i < p.rows.size(); ++i) {
    const AuditLine& r = p.rows[i];
    ImGui::TableNextRow(0, row_height());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.when.c_str());
    const std::string mark = "dashboard.history." + std::to_string(i);
    ui::mark(mark);
    if (dash::shown().enabled) dash::record(mark, r.who + " " + r.when + " " + r.device + " " + r.change);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.who.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.device.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.what.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.change.c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", r.reason.c_str());
  }
  ImGui::EndTable();
}

void DashboardView::open_collect(Context& ctx, OrgId org, std::optional<Period> period) {
  ctx.collect_org = org;
  ctx.collect_period = period;
  if (ctx.shell) ctx.shell->navigate(ViewId::Collect);
}

}  // namespace jiceng::gui
