// 进度看板 panels: the trend of a chosen indicator (by month, or as a bar per village), who is late
// or behind, and the sortable village ranking. Long lists use the clipper: a county's 400 or a
// province's 20 000 villages cost the rows on screen only.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

#include "base/Strings.hpp"
#include "views/DashboardView.hpp"
#include "widgets/Chart.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

// A panel's title in the heading font with an optional help button after it.
void panel_title(const std::string& text, const char* help_id = nullptr, const std::string& help = {}) {
  ui::heading(text);
  if (help_id) {
    ImGui::SameLine();
    ui::help(help_id, help);
  }
}

// One half of a two-way switch: filled with the accent when chosen.
bool segment(const std::string& label, bool selected) {
  ImGui::PushStyleColor(ImGuiCol_Button, selected ? ui::color::accent : ImGui::GetColorU32(ImGuiCol_FrameBg));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, selected ? ui::color::accent : ImGui::GetColorU32(ImGuiCol_FrameBgHovered));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ui::color::accent);
  ImGui::PushStyleColor(ImGuiCol_Text, selected ? IM_COL32_WHITE : ImGui::GetColorU32(ImGuiCol_Text));
  const bool clicked = ImGui::Button(label.c_str());
  ImGui::PopStyleColor(4);
  return clicked;
}

float row_height() {
  return ui::theme().tablet ? ui::em(2.2f) : ImGui::GetTextLineHeightWithSpacing() + ui::em(0.3f);
}

// Late and behind rows carry two lines: the name and its key figure, then the detail.
float list_row_height() {
  const float two = ImGui::GetTextLineHeight() * 2 + ui::em(0.5f);
  return std::max(two, row_height()) + ImGui::GetStyle().ItemSpacing.y;
}

struct RowTap {
  bool tapped = false;
  bool cut = false;  // the detail did not fit: the whole text is worth showing on a tap
};

// One list row: the name and, right-aligned in the accent colour, its key figure (「11 个月未交」);
// under them the detail in muted text, cut with … at the right edge. On a desktop the whole text
// shows on hover; the caller opens it on a tap on a tablet.
RowTap list_row(const std::string& mark, const dash::LagRow& r, ImU32 accent) {
  ImGui::PushID(mark.c_str());
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x, h = list_row_height() - ImGui::GetStyle().ItemSpacing.y;
  RowTap out;
  out.tapped = ImGui::Selectable("##row", false, 0, ImVec2(w, h));
  const bool hovered = ImGui::IsItemHovered();
  ui::mark(mark);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight(), ty = pos.y + (h - 2 * line) * 0.5f;
  dl->AddRectFilled(ImVec2(pos.x, ty), ImVec2(pos.x + ui::em(0.2f), ty + 2 * line), accent);
  const float x = pos.x + ui::em(0.5f), right = pos.x + w - ui::em(0.3f);
  const float figure_w = ImGui::CalcTextSize(r.figure.c_str()).x;
  const float name_end = right - figure_w - ui::em(0.6f);
  ImGui::RenderTextEllipsis(dl, ImVec2(x, ty), ImVec2(name_end, ty + line), name_end, name_end, r.name.c_str(),
                            nullptr, nullptr);
  dl->AddText(ImVec2(right - figure_w, ty), accent, r.figure.c_str());
  out.cut = ImGui::CalcTextSize(r.detail.c_str()).x > right - x ||
            ImGui::CalcTextSize(r.name.c_str()).x > name_end - x;
  ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
  ImGui::RenderTextEllipsis(dl, ImVec2(x, ty + line), ImVec2(right, ty + 2 * line), right, right, r.detail.c_str(),
                            nullptr, nullptr);
  ImGui::PopStyleColor();
  if (out.cut && hovered && !ui::theme().tablet) {
    ImGui::SetNextWindowSize(ImVec2(ui::em(24), 0));
    ImGui::BeginTooltip();
    ui::paragraph(r.full);
    ImGui::EndTooltip();
  }
  if (dash::shown().enabled) dash::record(mark, r.name + " " + r.figure + " " + r.detail);
  ImGui::PopID();
  return out;
}

}  // namespace

// ---- Trend --------------------------------------------------------------------------------------

void DashboardView::draw_trend(Context& ctx, float chart_em) {
  (void)ctx;
  ImGui::PushID("trend");
  panel_title(tr("dashboard.trend.title"));
  ImGui::SameLine(0, ui::em(1));
  if (!m_.trend_choices.empty()) {
    ImGui::SetNextItemWidth(std::min(ui::em(12), ImGui::GetContentRegionAvail().x * 0.5f));
    if (ImGui::BeginCombo("##indicator", m_.trend_choices[trend_choice_]->name.c_str())) {
      for (size_t i = 0; i < m_.trend_choices.size(); ++i) {
        if (ImGui::Selectable(m_.trend_choices[i]->name.c_str(), i == trend_choice_) && i != trend_choice_) {
          trend_choice_ = i;
          m_.trend = dash::build_trend(m_, *m_.trend_choices[i]);  // on a pick, not per frame
        }
        ui::mark("dashboard.trend." + m_.trend_choices[i]->id);
      }
      ImGui::EndCombo();
    }
    ui::mark("dashboard.trend.combo");
    ImGui::SameLine();
    if (segment(tr("dashboard.trend.by_month"), !trend_by_unit_)) trend_by_unit_ = false;
    ui::mark("dashboard.trend.by_month");
    ImGui::SameLine(0, 0);
    if (segment(tr("dashboard.trend.by_unit"), trend_by_unit_)) trend_by_unit_ = true;
    ui::mark("dashboard.trend.by_unit");
  }
  if (!m_.trend.indicator) {
    ui::muted(tr("dashboard.trend.none"));
    ImGui::PopID();
    return;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
  ImGui::TextUnformatted(m_.trend.summary.c_str());
  ImGui::PopStyleColor();
  m_.trend.spec.height_em = chart_em;
  if (trend_by_unit_) draw_unit_bars(m_.trend.units, ui::em(m_.trend.spec.height_em));
  else chart::draw("trend", m_.trend.spec);
  ImGui::PopID();
}

void DashboardView::draw_unit_bars(const std::vector<dash::FigureLine>& units, float height) {
  if (!ImGui::BeginChild("##unit_bars", ImVec2(0, height), false)) {
    ImGui::EndChild();
    return;
  }
  ImGuiListClipper clipper;
  clipper.Begin(int(units.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const dash::FigureLine& l = units[size_t(i)];
      // A village's bar opens that village's values of the indicator, month by month.
      if (figure_row(("dashboard.bar." + l.id).c_str(), l, l.name, ImGui::GetStyle().ScrollbarSize * 0.5f) && l.org)
        open(Drill{Page::Village, 0, l.indicator, l.org});
    }
  ui::drag_to_scroll();
  ImGui::EndChild();
}

// ---- Late and behind ------------------------------------------------------------------------------

void DashboardView::draw_lists(Context& ctx, float height, bool side_by_side) {
  ImGui::PushID("lists");
  // Side by side on a portrait tablet, so that the trend and the ranking still show below them.
  if (side_by_side && ImGui::BeginTable("##two", 2, ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableNextColumn();
    draw_list(ctx, "late", m_.late_title, tr("dashboard.late.help"), tr("dashboard.late.nobody"), m_.late, ui::color::accent, height);
    ImGui::TableNextColumn();
    draw_list(ctx, "behind", m_.behind_title, tr("dashboard.behind.help"), tr("dashboard.behind.nobody"), m_.behind, ui::color::warn, height);
    ImGui::EndTable();
  } else {
    const float half = (height - ImGui::GetStyle().ItemSpacing.y) * 0.5f;
    draw_list(ctx, "late", m_.late_title, tr("dashboard.late.help"), tr("dashboard.late.nobody"), m_.late, ui::color::accent, half);
    draw_list(ctx, "behind", m_.behind_title, tr("dashboard.behind.help"), tr("dashboard.behind.nobody"), m_.behind, ui::color::warn, half);
  }
  ImGui::PopID();
}

void DashboardView::draw_list(Context& ctx, const char* id, const std::string& title, const std::string& help,
                              const std::string& nobody, const std::vector<dash::LagRow>& rows, ImU32 accent, float height) {
  ImGui::PushID(id);
  panel_title(title, id, help);
  if (ImGui::BeginChild("##rows", ImVec2(0, std::max(height - ImGui::GetFrameHeightWithSpacing(), list_row_height())), false)) {
    if (rows.empty()) ui::muted(nobody);
    ImGuiListClipper clipper;
    clipper.Begin(int(rows.size()), list_row_height());
    const std::string prefix = std::string("dashboard.") + id + ".";
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const dash::LagRow& r = rows[size_t(i)];
        const RowTap tap = list_row(prefix + r.code, r, accent);
        if (!tap.tapped) continue;
        // A tablet has no hover: a tap on a row whose text was cut shows all of it first.
        if (tap.cut && ui::theme().tablet) {
          full_text_ = r.full;
          full_org_ = r.org;
          ImGui::OpenPopup("##full");
        } else {
          open_collect(ctx, r.org);
        }
      }
    ui::drag_to_scroll();
    ImGui::SetNextWindowSize(ImVec2(std::min(ui::em(24), ImGui::GetIO().DisplaySize.x * 0.9f), 0));
    if (ImGui::BeginPopup("##full")) {
      ui::paragraph(full_text_);
      ui::mark("dashboard.full.text");
      if (ImGui::Button(tr("dashboard.open_collect").c_str())) {
        ImGui::CloseCurrentPopup();
        open_collect(ctx, full_org_);
      }
      ui::mark("dashboard.full.open");
      ImGui::EndPopup();
    }
  }
  ImGui::EndChild();
  ui::mark(std::string("dashboard.") + id + ".list");
  ImGui::PopID();
}

float DashboardView::list_height(int rows) {
  return ImGui::GetFrameHeightWithSpacing() + list_row_height() * float(rows);
}

// ---- Ranking --------------------------------------------------------------------------------------

float DashboardView::ranking_height(int rows) {
  // Title, header and rows; the table's own cell padding and borders on top.
  return ImGui::GetFrameHeightWithSpacing() + (row_height() + ImGui::GetStyle().CellPadding.y * 2) * float(rows + 1) +
         ui::em(0.5f);
}

void DashboardView::sort_ranking(int column, bool ascending) {
  sort_column_ = column;
  sort_ascending_ = ascending;
  rank_order_.resize(m_.rank_rows.size());
  for (size_t i = 0; i < rank_order_.size(); ++i) rank_order_[i] = i;
  const size_t n_sections = m_.ranking().sections.size();
  // Columns: rank, name, each section, reporting, score, band.
  auto key = [&](size_t row) -> double {
    const RankedUnit& u = m_.ranking().units[m_.rank_rows[row].ranked];
    const int n = int(n_sections);
    if (column >= 2 && column < 2 + n) return u.sections[size_t(column - 2)].value_or(-1);
    if (column == n + 2) return u.reporting;
    if (column == n + 3) return u.score;
    if (column == n + 4) return int(u.band);
    return u.rank;
  };
  std::stable_sort(rank_order_.begin(), rank_order_.end(), [&](size_t a, size_t b) {
    if (column == 1) {
      const auto& ca = m_.rank_rows[a].code;
      const auto& cb = m_.rank_rows[b].code;
      return ascending ? ca < cb : cb < ca;
    }
    const double ka = key(a), kb = key(b);
    return ascending ? ka < kb : kb < ka;
  });
}

void DashboardView::draw_ranking(Context& ctx, float height) {
  ImGui::PushID("ranking");
  panel_title(tr("dashboard.rank.title"), "rank", m_.rank_help);
  if (!m_.ranking_problem().empty()) ui::paragraph(m_.ranking_problem(), ui::color::warn);
  const int n_sections = int(m_.rank_headers.size());
  const int cols = n_sections + 5;
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_SizingStretchProp;
  if (m_.rank_rows.empty()) ui::muted(tr("dashboard.rank.empty"));
  if (!m_.rank_rows.empty() &&
      ImGui::BeginTable("##rank", cols, flags, ImVec2(0, height - ImGui::GetFrameHeightWithSpacing()))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    // Sections go by their short names (基层组织建设 → 组织建设) so that no header is cut to 「基层组…」;
    // the full name shows on hover and in the ranking's help.
    ImGui::TableSetupColumn(tr("dashboard.rank.col_rank").c_str(), ImGuiTableColumnFlags_DefaultSort, 0.6f);
    ImGui::TableSetupColumn(tr("dashboard.rank.col_name").c_str(), 0, 1.4f);
    for (int k = 0; k < n_sections; ++k) ImGui::TableSetupColumn(m_.rank_short[size_t(k)].c_str(), 0, 1.0f);
    // 填报 is wider when a village is late: 「0% · 11 个月未交」.
    ImGui::TableSetupColumn(tr("dashboard.rank.col_reporting").c_str(), 0, m_.any_late ? 1.7f : 0.8f);
    ImGui::TableSetupColumn(tr("dashboard.rank.col_score").c_str(), 0, 0.7f);
    ImGui::TableSetupColumn(tr("dashboard.rank.col_band").c_str(), 0, 0.6f);
    // Headers one by one (what TableHeadersRow does) so that each is marked for taps.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < cols; ++c) {
      ImGui::TableSetColumnIndex(c);
      ImGui::TableHeader(ImGui::TableGetColumnName(c));
      ui::mark("dashboard.rank.col." + std::to_string(c));
      if (c >= 2 && c < 2 + n_sections && ImGui::IsItemHovered() && !ui::theme().tablet &&
          m_.rank_short[size_t(c - 2)] != m_.rank_headers[size_t(c - 2)]) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(m_.rank_headers[size_t(c - 2)].c_str());
        ImGui::EndTooltip();
      }
    }
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
      if (specs->SpecsCount > 0)
        sort_ranking(specs->Specs[0].ColumnIndex, specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending);
      specs->SpecsDirty = false;  // sorted once per change of the spec, not per frame
    }
    const float h = row_height();
    ImGuiListClipper clipper;
    clipper.Begin(int(rank_order_.size()), h);
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const dash::RankRow& r = m_.rank_rows[rank_order_[size_t(i)]];
        ImGui::TableNextRow(0, h);
        ImGui::TableNextColumn();
        ImGui::PushID(int(r.ranked));
        // The whole row is one target: it opens the village's form.
        if (ImGui::Selectable(r.rank.c_str(), false,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                              ImVec2(0, h - ImGui::GetStyle().CellPadding.y * 2)))
          open_collect(ctx, r.org);
        ui::mark("dashboard.rank." + r.code);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.name.c_str());
        for (const auto& s : r.sections) {
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(s.c_str());
        }
        ImGui::TableNextColumn();
        ImGui::BeginGroup();
        ImGui::TextUnformatted(r.reporting.c_str());
        if (!r.late.empty()) {
          // How many months are past due and missing, in the late list's colour; cut only on a
          // very narrow table, with the whole on hover (the row's tap opens the form).
          ImGui::SameLine(0, ui::em(0.4f));
          const ImVec2 p = ImGui::GetCursorScreenPos();
          const float end = p.x + ImGui::GetContentRegionAvail().x;
          ImGui::PushStyleColor(ImGuiCol_Text, ui::color::accent);
          ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), p, ImVec2(end, p.y + ImGui::GetTextLineHeight()), end,
                                    end, r.late.c_str(), nullptr, nullptr);
          ImGui::PopStyleColor();
          ImGui::Dummy(ImVec2(std::max(0.0f, end - p.x), ImGui::GetTextLineHeight()));
          ui::mark("dashboard.rank.late." + r.code);
        }
        ImGui::EndGroup();
        if (ImGui::IsItemHovered() && !ui::theme().tablet) {
          ImGui::SetNextWindowSize(ImVec2(ui::em(22), 0));
          ImGui::BeginTooltip();
          ui::paragraph(r.reporting_tip);
          ImGui::EndTooltip();
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.score.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(r.band_color), "%s", r.band.c_str());
        if (dash::shown().enabled) {
          dash::record("dashboard.rank." + r.code, r.rank + " " + r.score + " " + r.band);
          dash::record("dashboard.rank.reporting." + r.code, r.late.empty() ? r.reporting : r.reporting + " " + r.late);
        }
        ImGui::PopID();
      }
    ui::drag_to_scroll();
    ImGui::EndTable();
  }
  ImGui::PopID();
}

}  // namespace jiceng::gui
