// 进度看板: where every task stands this year — headline counts, each section's figures against
// their targets, and every village's reporting. Numbers come from core's build_dashboard, the same
// computation as `jiceng-cli dashboard`. Charts, ranking and drill-down build on this frame.
#include <imgui.h>

#include <algorithm>

#include "Dashboard.hpp"
#include "Strings.hpp"
#include "views/Views.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

struct SectionFigures {
  const Section* section = nullptr;
  std::vector<const IndicatorStatus*> targeted;  // figures with a target, catalog order
  std::vector<const IndicatorStatus*> others;    // figures with data and no target
  int with_data = 0, total = 0;
};

struct DashboardModel {
  std::unique_ptr<YearFigures> figures;
  Dashboard dashboard;
  std::vector<SectionFigures> sections;
  int indicators_with_data = 0;
  int villages = 0;      // villages and communities
  int units = 0;         // every reporting unit
  int submitted = 0;
};

ImU32 status_color(std::optional<Progress> p) {
  if (!p) return ui::color::muted;
  switch (*p) {
    case Progress::Done: return ui::color::ok;
    case Progress::OnTrack: return IM_COL32(40, 100, 180, 255);
    case Progress::Behind: return ui::color::warn;
    case Progress::NoData: return ui::color::muted;
  }
  return ui::color::muted;
}

std::string figure(const IndicatorStatus& s, std::optional<double> v) {
  return v ? format_number(*v, s.indicator->decimals) : tr("app.dashboard.none");
}

class DashboardView final : public View {
 public:
  DashboardView() : View(ViewId::Dashboard) {}

 private:
  void refresh(Context& ctx) override {
    m_ = DashboardModel{};
    m_.figures = std::make_unique<YearFigures>(YearFigures::compute(*ctx.store, ctx.year));
    m_.dashboard = build_dashboard(*m_.figures);
    const Catalog& cat = m_.figures->catalog();
    for (const auto& sec : cat.sections()) m_.sections.push_back(SectionFigures{&sec, {}, {}, 0, 0});
    for (const auto& st : m_.dashboard.indicators) {
      if (st.value) ++m_.indicators_with_data;
      for (auto& s : m_.sections) {
        if (s.section->id != st.indicator->section) continue;
        ++s.total;
        if (st.value) ++s.with_data;
        if (st.target)
          s.targeted.push_back(&st);
        else if (st.value)
          s.others.push_back(&st);
      }
    }
    for (const auto& u : m_.dashboard.units) {
      ++m_.units;
      if (u.org.kind == OrgKind::Village || u.org.kind == OrgKind::Community) ++m_.villages;
      if (u.submitted) ++m_.submitted;
      ctx.need_text(u.org.name);
    }
  }

  void draw_content(Context& ctx) override {
    ui::heading(tr("app.dashboard.title", {{"year", std::to_string(ctx.year)}}));
    ui::mark("dashboard.title");
    ui::muted(tr("app.dashboard.as_of", {{"month", std::to_string(m_.dashboard.as_of_month)}}));
    draw_headline();
    ImGui::Spacing();
    draw_sections();
    ImGui::Spacing();
    draw_units(ctx);
  }

  void draw_headline() {
    const int cols = std::max(ui::columns_for(10), ui::theme().narrow ? 2 : 1);
    if (!ImGui::BeginTable("##headline", cols)) return;
    auto card = [&](const char* id, const std::string& label, const std::string& value) {
      ImGui::TableNextColumn();
      ui::begin_card(id, "");
      ui::muted(label);
      ui::heading(value);
      ui::end_card();
    };
    const int total = int(m_.dashboard.indicators.size());
    card("ind", tr("app.dashboard.indicators"), tr("app.dashboard.of", {{"n", std::to_string(m_.indicators_with_data)},
                                                                         {"total", std::to_string(total)}}));
    card("vil", tr("app.dashboard.villages"), std::to_string(m_.villages));
    card("units", tr("app.dashboard.units"), std::to_string(m_.units));
    card("sub", tr("app.dashboard.submitted"),
         tr("app.dashboard.of", {{"n", std::to_string(m_.submitted)}, {"total", std::to_string(m_.units)}}));
    ImGui::EndTable();
  }

  void draw_sections() {
    const int cols = ui::columns_for(22);
    if (!ImGui::BeginTable("##sections", cols)) return;
    for (const auto& s : m_.sections) {
      if (s.total == 0) continue;
      ImGui::TableNextColumn();
      ui::begin_card(s.section->id.c_str(), s.section->name);
      ui::muted(tr("app.dashboard.section_data", {{"n", std::to_string(s.with_data)},
                                                  {"total", std::to_string(s.total)}}));
      // Sections with few targets show their first figures instead, so every card says something.
      const size_t shown = s.targeted.size() >= 3 ? 0 : std::min<size_t>(s.others.size(), 4 - s.targeted.size());
      for (size_t i = 0; i < shown; ++i) {
        const IndicatorStatus* st = s.others[i];
        ui::label_value(st->indicator->name, figure(*st, st->value) + " " + st->indicator->unit);
      }
      if (s.targeted.empty() && shown == 0) ui::muted(tr("app.dashboard.no_targets"));
      for (const IndicatorStatus* st : s.targeted) {
        const std::string status = st->status ? label(*st->status) : tr("app.dashboard.no_target_status");
        ImGui::TextUnformatted(st->indicator->name.c_str());
        const std::string numbers = tr("app.dashboard.value_target", {{"value", figure(*st, st->value)},
                                                                      {"target", figure(*st, st->target)},
                                                                      {"unit", st->indicator->unit}});
        ui::progress(float(st->progress.value_or(0)), numbers + "  " + status, status_color(st->status));
      }
      ui::end_card();
      ImGui::Spacing();
    }
    ImGui::EndTable();
  }

  void draw_units(Context& ctx) {
    ui::heading(tr("app.dashboard.units_title"));
    ui::mark("dashboard.units_title");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH;
    const int cols = ctx.narrow ? 3 : 4;
    if (!ImGui::BeginTable("##units", cols, flags)) return;
    ImGui::TableSetupColumn(tr("app.dashboard.col_unit").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(tr("app.dashboard.col_filled").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    if (!ctx.narrow)
      ImGui::TableSetupColumn(tr("app.dashboard.col_progress").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(tr("app.dashboard.col_status").c_str(), ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(int(m_.dashboard.units.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const UnitStatus& u = m_.dashboard.units[size_t(i)];
        ImGui::PushID(i);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(u.org.name.c_str());
        ImGui::TableNextColumn();
        ui::progress(float(u.completeness),
                     tr("app.dashboard.of", {{"n", std::to_string(u.filled)}, {"total", std::to_string(u.expected)}}));
        if (!ctx.narrow) {
          ImGui::TableNextColumn();
          if (u.progress)
            ui::progress(float(*u.progress), format_number(*u.progress * 100, 1) + "%", ui::color::ok);
          else
            ui::muted(tr("app.dashboard.none"));
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(u.lowest ? label(*u.lowest).c_str() : tr("app.dashboard.not_reported").c_str());
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }

  DashboardModel m_;
};

}  // namespace

std::unique_ptr<View> make_dashboard_view() { return std::make_unique<DashboardView>(); }

}  // namespace jiceng::gui
