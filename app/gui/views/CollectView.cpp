// 数据采集: pick an organisation and a period; the form lists that unit's indicators grouped by the
// summary's sections, each with its unit, this period's value, last year's value and the target.
// Entry with rule checks, drafts and the submit/approve workflow build on this frame.
#include <imgui.h>

#include <algorithm>

#include "Figures.hpp"
#include "Strings.hpp"
#include "views/Views.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

struct FormLine {
  const Indicator* indicator = nullptr;
  std::optional<double> value, last_year, target;
  bool monthly = false;
};

struct FormSection {
  const Section* section = nullptr;
  std::vector<FormLine> lines;
  int filled = 0;
};

struct CollectModel {
  std::vector<Org> orgs;  // the town and its reporting units
  std::vector<FormSection> sections;
  int filled = 0, expected = 0;
  std::optional<ValueStatus> status;
};

class CollectView final : public View {
 public:
  CollectView() : View(ViewId::Collect) {}

 private:
  void refresh(Context& ctx) override {
    m_ = CollectModel{};
    const YearFigures fig = YearFigures::compute_with_previous(*ctx.store, ctx.year);
    if (const Org* town = fig.org(fig.town().id)) m_.orgs.push_back(*town);
    for (OrgId id : fig.reporting_units())
      if (const Org* o = fig.org(id)) m_.orgs.push_back(*o);
    for (const auto& o : m_.orgs) ctx.need_text(o.name);
    if (m_.orgs.empty()) return;
    if (!org_ || std::none_of(m_.orgs.begin(), m_.orgs.end(), [&](const Org& o) { return o.id == *org_; }))
      org_ = m_.orgs.size() > 1 ? m_.orgs[1].id : m_.orgs[0].id;
    const Org& org = *std::find_if(m_.orgs.begin(), m_.orgs.end(), [&](const Org& o) { return o.id == *org_; });
    const bool is_town = org.kind == OrgKind::Town;

    const Catalog& cat = fig.catalog();
    for (const auto& sec : cat.sections()) m_.sections.push_back(FormSection{&sec, {}, 0});
    for (const auto& ind : cat.indicators()) {
      if (!ind.typed()) continue;
      // A unit types the village-level figures; the town types its own town-level ones.
      if ((ind.level == Level::Town) != is_town) continue;
      const bool monthly = ind.frequency == Frequency::Monthly;
      if (month_ > 0 && !monthly) continue;
      FormLine line{&ind, {}, {}, {}, monthly};
      line.value = month_ > 0 ? fig.month_value(org.id, ind.id, month_) : fig.value(org.id, ind.id);
      if (fig.previous()) line.last_year = fig.previous()->value(org.id, ind.id);
      if (ind.has_target) line.target = fig.target(org.id, ind.id);
      for (auto& s : m_.sections)
        if (s.section->id == ind.section) {
          if (line.value) ++s.filled;
          s.lines.push_back(line);
        }
    }
    m_.filled = fig.filled(org.id);
    m_.expected = fig.expected(org.id);
    m_.status = fig.status(org.id);
  }

  void draw_content(Context& ctx) override {
    ui::heading(title());
    ui::muted(tr("app.collect.explain"));
    if (m_.orgs.empty()) {
      ui::muted(tr("app.collect.no_units"));
      return;
    }
    draw_pickers(ctx);
    ImGui::Spacing();
    const std::string status = m_.status ? label(*m_.status) : tr("app.collect.not_started");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("app.collect.status", {{"status", status}}).c_str());
    ui::progress(m_.expected ? float(m_.filled) / float(m_.expected) : 0.0f,
                 tr("app.collect.filled", {{"n", std::to_string(m_.filled)}, {"total", std::to_string(m_.expected)}}));
    ImGui::Spacing();
    bool any = false;
    for (const auto& s : m_.sections) {
      if (s.lines.empty()) continue;
      any = true;
      draw_section(ctx, s);
    }
    if (!any) ui::muted(month_ > 0 ? tr("app.collect.nothing_monthly") : tr("app.collect.nothing"));
  }

  void draw_pickers(Context& ctx) {
    const Org* current = nullptr;
    for (const auto& o : m_.orgs)
      if (o.id == org_) current = &o;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("app.collect.org").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui::em(ctx.narrow ? 12 : 14));
    if (ImGui::BeginCombo("##org", current ? current->name.c_str() : "")) {
      for (const auto& o : m_.orgs) {
        ImGui::PushID(int(o.id));
        const std::string item = o.kind == OrgKind::Town ? o.name + tr("app.collect.town_suffix") : o.name;
        if (ImGui::Selectable(item.c_str(), o.id == org_)) {
          org_ = o.id;
          invalidate();
        }
        ui::mark("collect.org." + o.code);
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    ui::mark("collect.org");
    ImGui::SameLine(0, ui::em(1.5f));
    ImGui::TextUnformatted(tr("app.collect.period").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui::em(7));
    if (ImGui::BeginCombo("##period", period_label(ctx, month_).c_str())) {
      for (int m = 0; m <= 12; ++m) {
        if (ImGui::Selectable(period_label(ctx, m).c_str(), m == month_)) {
          month_ = m;
          invalidate();
        }
        ui::mark("collect.period." + std::to_string(m));
      }
      ImGui::EndCombo();
    }
    ui::mark("collect.period");
  }

  static std::string period_label(const Context& ctx, int month) {
    return month == 0 ? tr("app.collect.whole_year", {{"year", std::to_string(ctx.year)}})
                      : tr("app.collect.month", {{"month", std::to_string(month)}});
  }

  void draw_section(Context& ctx, const FormSection& s) {
    const std::string header = s.section->name + "  (" + std::to_string(s.filled) + "/" +
                               std::to_string(s.lines.size()) + ")###" + s.section->id;
    if (!ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
    const int cols = ctx.narrow ? 3 : 5;
    if (!ImGui::BeginTable(s.section->id.c_str(), cols, flags)) return;
    ImGui::TableSetupColumn(tr("app.collect.col_indicator").c_str(), ImGuiTableColumnFlags_WidthStretch, 3);
    if (!ctx.narrow) ImGui::TableSetupColumn(tr("app.collect.col_unit").c_str(), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(tr("app.collect.col_value").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(tr("app.collect.col_last_year").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    if (!ctx.narrow) ImGui::TableSetupColumn(tr("app.collect.col_target").c_str(), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableHeadersRow();
    auto num = [](const FormLine& l, std::optional<double> v) {
      return v ? format_number(*v, l.indicator->decimals) : std::string("—");
    };
    for (const auto& l : s.lines) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", l.indicator->name.c_str());
      if (!ctx.narrow) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(l.indicator->unit.c_str());
      }
      ImGui::TableNextColumn();
      const std::string v = ctx.narrow ? num(l, l.value) + " " + l.indicator->unit : num(l, l.value);
      ImGui::TextUnformatted(v.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(num(l, l.last_year).c_str());
      if (!ctx.narrow) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(l.indicator->has_target ? num(l, l.target).c_str() : "");
      }
    }
    ImGui::EndTable();
  }

  CollectModel m_;
  std::optional<OrgId> org_;
  int month_ = 0;  // 0: the whole year
};

}  // namespace

std::unique_ptr<View> make_collect_view() { return std::make_unique<CollectView>(); }

}  // namespace jiceng::gui
