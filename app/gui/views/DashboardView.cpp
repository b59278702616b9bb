// 进度看板, the overview: where every task stands this year at a glance — a card per section with
// its key figures against their targets, then the trend, who is behind or late, and the village
// ranking. Numbers come from core (build_dashboard and friends), the same computation as
// `jiceng-cli dashboard`.
#include "views/DashboardView.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <set>

#include "base/Strings.hpp"
#include "platform/Fonts.hpp"
#include "views/Views.hpp"
#include "widgets/Chart.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {

void DashboardView::refresh(Context& ctx) {
  dash::build_model(m_, *ctx.store, ctx.reports.get(*ctx.store, ctx.year), ctx.year);
  if (trend_choice_ >= m_.trend_choices.size()) trend_choice_ = 0;
  if (trend_choice_ > 0) m_.trend = dash::build_trend(m_, *m_.trend_choices[trend_choice_]);
  sort_ranking(sort_column_, sort_ascending_);
  page_dirty_ = true;  // drill pages show the new data too
  // Ticks and a pending 退回 only for what still awaits review (another device may have acted).
  std::set<std::string> pending;
  for (const auto& r : m_.review) pending.insert(r.key);
  for (auto it = review_ticked_.begin(); it != review_ticked_.end();)
    it = pending.count(*it) ? std::next(it) : review_ticked_.erase(it);
  returning_.erase(std::remove_if(returning_.begin(), returning_.end(),
                                  [&](const ReviewItem& i) {
                                    return std::none_of(m_.review.begin(), m_.review.end(), [&](const dash::ReviewRow& r) {
                                      return r.org == i.org && r.period == i.period;
                                    });
                                  }),
                   returning_.end());
}

void DashboardView::draw_content(Context& ctx) {
  if (pending_) {
    stack_ = std::move(*pending_);
    pending_.reset();
    page_dirty_ = true;
    ImGui::SetScrollY(0);  // a new page starts at its top
  }
  if (page_dirty_) rebuild_page(ctx);
  if (stack_.empty()) {
    draw_overview(ctx);
  } else {
    draw_breadcrumbs();
    switch (stack_.back().page) {
      case Page::Section: draw_section_page(); break;
      case Page::Indicator: draw_indicator_page(); break;
      case Page::Village: draw_village_page(ctx); break;
      case Page::History: draw_history_page(); break;
      case Page::Overview: break;
    }
  }
  ui::drag_to_scroll();
}

void DashboardView::draw_overview(Context& ctx) {
  ui::heading(m_.title);
  ui::mark("dashboard.title");
  ImGui::SameLine(0, ui::em(1));
  ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
  ImGui::TextUnformatted(m_.as_of.c_str());
  ImGui::PopStyleColor();
  draw_review_toggle(ctx);
  // 待审核 first when open: a leader's start is what awaits them.
  const bool review = review_open(ctx);
  if (review) draw_review(ctx);
  draw_cards(review);

  // Panels: on a wide screen the trend over the late/behind lists beside the ranking; on a narrow
  // one the lists (side by side), the ranking and the trend under each other, sized so that a
  // portrait tablet's first screen shows three rows of each list and of the ranking.
  const int rank_rows = int(m_.rank_rows.size());
  if (ctx.narrow) {
    draw_lists(ctx, list_height(3), true);
    const float avail = ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y;
    draw_ranking(ctx, std::clamp(avail, ranking_height(3), ranking_height(std::max(3, rank_rows))));
    draw_trend(ctx, 7.0f);
    return;
  }
  const float avail = ImGui::GetContentRegionAvail().y;
  const float lists = list_height(3);
  const float height = std::max(avail, lists + ui::em(4.5f + 6.0f));
  if (!ImGui::BeginTable("##panels", 2, ImGuiTableFlags_SizingStretchProp)) return;
  // The ranking gets the larger share: its 填报 column also says how many months are late.
  ImGui::TableSetupColumn("##left", ImGuiTableColumnFlags_WidthStretch, 0.45f);
  ImGui::TableSetupColumn("##right", ImGuiTableColumnFlags_WidthStretch, 0.55f);
  ImGui::TableNextColumn();
  const float top = ImGui::GetCursorPosY();
  // The chart gives way (down to 5 lines) so that three rows of each list show under it.
  const float chart_em = std::clamp((height - lists) / ui::em(1) - 4.5f, 5.0f, 11.0f);
  draw_trend(ctx, chart_em);
  const float used = ImGui::GetCursorPosY() - top;
  draw_lists(ctx, std::max(height - used, lists), true);
  ImGui::TableNextColumn();
  draw_ranking(ctx, height);
  ImGui::EndTable();
}

void DashboardView::draw_cards(bool compact) {
  const bool narrow = ui::theme().narrow;
  // Small cards stay three abreast on a portrait tablet: one column would push everything else off it.
  const float avail = ImGui::GetContentRegionAvail().x;
  const int cols = narrow ? (avail >= ui::em(27) ? 3 : 2) : std::clamp(int(avail / ui::em(15)), 1, 4);
  // Figures per card: fewer on a short screen, so the panels under the cards start on it.
  // Fewer on a short screen and while 待审核 is open, so that the panels under the cards start on it.
  const size_t shown = narrow || compact ? 1 : ImGui::GetWindowHeight() < ui::em(44) ? 2 : 3;
  if (!ImGui::BeginTable("##cards", cols, ImGuiTableFlags_SizingStretchSame)) return;
  const float pad = ui::em(0.6f);
  for (size_t c = 0; c < m_.cards.size(); ++c) {
    const dash::SectionCard& card = m_.cards[c];
    ImGui::TableNextColumn();
    ui::begin_card(card.id.c_str(), "");
    // The title opens the section's full list; the counts go beside it when they fit.
    const float width = ImGui::GetContentRegionAvail().x - pad;
    ImFont* heading = ui::theme().heading ? ui::theme().heading : ImGui::GetFont();
    if (ui::theme().fonts) ui::theme().fonts->add_heading_text(card.title);
    ImGui::PushFont(heading);
    const float title_w = ImGui::CalcTextSize(card.title.c_str()).x;
    const bool open_section = ImGui::Selectable(card.title.c_str(), false, 0, ImVec2(width, 0));
    ui::mark("dashboard.section." + card.id);
    const ImVec2 title_min = ImGui::GetItemRectMin(), title_max = ImGui::GetItemRectMax();
    ImGui::PopFont();
    if (open_section) open(Drill{Page::Section, c});
    const float counts_w = ImGui::CalcTextSize(card.counts.c_str()).x;
    if (title_w + ui::em(1) + counts_w <= width) {
      const float y = title_max.y - ImGui::GetTextLineHeight() - ui::em(0.1f);  // bottoms aligned
      ImGui::GetWindowDrawList()->AddText(ImVec2(title_min.x + width - counts_w, y), ui::color::muted, card.counts.c_str());
    } else if (!narrow) {
      ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
      ImGui::TextUnformatted(card.counts.c_str());
      ImGui::PopStyleColor();
    }
    for (size_t k = 0; k < card.headline.size() && k < shown; ++k) {
      const auto& l = card.headline[k];
      if (figure_row(("dashboard.figure." + l.id).c_str(), l, l.name, pad, true)) open(Drill{Page::Indicator, c, l.indicator});
    }
    ui::end_card();
  }
  // The last cell: how the reporting stands, as a ring.
  ImGui::TableNextColumn();
  ui::begin_card("reporting", "");
  const ImU32 ring_color = m_.reporting_fraction >= 1 ? ui::color::ok : ui::color::accent;
  if (narrow) {
    // A third of a portrait screen is too narrow for lines beside the ring: the ring goes beside
    // the title and stands for the first line (submitted / units); the other lines go under it.
    const float ring = 1.35f;
    ui::heading(tr("dashboard.card.reporting"));
    ImGui::SameLine();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - ui::em(2 * ring) - pad));
    chart::progress_ring(m_.reporting_fraction, m_.reporting_ring, ring_color, ring);
    // Only who is late under it (figures with data are on the cards): the row of cards stays as
    // short as its neighbours, which leaves the ranking three rows on the first screen.
    ImGui::TextUnformatted(m_.reporting_lines.back().c_str());
  } else {
    ui::heading(tr("dashboard.card.reporting"));
    chart::progress_ring(m_.reporting_fraction, m_.reporting_ring, ring_color, 2.0f);
    ImGui::SameLine(0, ui::em(0.8f));
    ImGui::BeginGroup();
    for (const auto& line : m_.reporting_lines) ImGui::TextUnformatted(line.c_str());
    ImGui::EndGroup();
  }
  ui::end_card();
  ImGui::EndTable();
}

bool DashboardView::figure_row(const char* mark, const dash::FigureLine& l, const std::string& name, float right_pad,
                               bool wrap) {
  ImGui::PushID(mark);
  const float line = ImGui::GetTextLineHeight();
  const float bar_h = std::max(3.0f, ui::em(0.25f));
  const float w = std::max(ImGui::GetContentRegionAvail().x - right_pad, ui::em(6));
  const ImVec2 status_size = ImGui::CalcTextSize(l.status.c_str());
  const ImVec2 numbers_size = ImGui::CalcTextSize(l.numbers.c_str());
  const float figures_w = status_size.x + ui::em(0.6f) + numbers_size.x;
  // On a card too narrow for the name beside the numbers (a portrait tablet's third of the
  // screen), the name takes a line of its own instead of being cut to 「参与疫情…」.
  const bool two = wrap && ImGui::CalcTextSize(name.c_str()).x + ui::em(0.6f) + figures_w > w;
  const float text_h = two ? 2 * line : line;
  // Tall enough for a finger in tablet mode.
  const float h = std::max(text_h + bar_h + ui::em(0.45f), ui::theme().tablet ? ui::em(2.2f) : 0.0f);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool tapped = ImGui::Selectable("##row", false, 0, ImVec2(w, h));
  const bool hovered = ImGui::IsItemHovered();
  ui::mark(mark);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float ty = pos.y + (h - text_h - bar_h - ui::em(0.2f)) * 0.5f;
  const float fy = two ? ty + line : ty;  // the numbers' line
  // Numbers and status on the right; the name takes what is left, cut with … when too long.
  const float status_x = pos.x + w - status_size.x;
  const float numbers_x = status_x - ui::em(0.6f) - numbers_size.x;
  dl->AddText(ImVec2(status_x, fy), dash::status_color(l.progress), l.status.c_str());
  dl->AddText(ImVec2(numbers_x, fy), ImGui::GetColorU32(ImGuiCol_Text), l.numbers.c_str());
  const float name_end = two ? pos.x + w : numbers_x - ui::em(0.6f);
  ImGui::RenderTextEllipsis(dl, ImVec2(pos.x, ty), ImVec2(name_end, ty + line), name_end, name_end, name.c_str(),
                            nullptr, nullptr);
  // Still cut (a long name on a narrow card): the whole name on hover; a tap opens its page.
  if (hovered && !ui::theme().tablet && ImGui::CalcTextSize(name.c_str()).x > name_end - pos.x) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(name.c_str());
    ImGui::EndTooltip();
  }
  const float text_bottom = ty + text_h;
  // The bar: share of the target, and a tick where the year's pace puts it.
  const float by = text_bottom + ui::em(0.2f);
  // Figures without a target get no bar: an empty one would read as 0 %.
  if (l.has_target)
    ui::draw_bar(dl, ImVec2(pos.x, by), w, bar_h, float(l.fraction), dash::status_color(l.progress),
                 float(m_.ranking().elapsed));
  if (dash::shown().enabled) dash::record(mark, l.numbers + " " + l.status);
  ImGui::PopID();
  return tapped;
}

std::unique_ptr<View> make_dashboard_view() { return std::make_unique<DashboardView>(); }

}  // namespace jiceng::gui
