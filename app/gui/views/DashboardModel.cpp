// Builds the 进度看板 view models from core's computation; nothing here draws.
#include "views/DashboardModel.hpp"

#include <algorithm>

#include "base/Strings.hpp"
#include "base/Time.hpp"
#include "store/AuditText.hpp"
#include "store/Devices.hpp"
#include "store/Store.hpp"
#include "widgets/FormHistory.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui::dash {
namespace {

constexpr size_t kHeadline = 3;  // figures on a section card

std::string num(std::optional<double> v, int decimals) { return v ? format_number(*v, decimals) : "-"; }

std::string percent(std::optional<double> p) { return p ? format_number(*p * 100, 1) + "%" : "-"; }

// Severity for ordering: what needs attention first.
int severity(const FigureLine& l) {
  if (!l.has_target) return 4;
  if (!l.progress) return 3;
  switch (*l.progress) {
    case Progress::Behind: return 0;
    case Progress::NoData: return 1;
    case Progress::OnTrack: return 2;
    case Progress::Done: return 3;
  }
  return 4;
}

std::string month_label(int m) { return tr("dashboard.month", {{"month", std::to_string(m)}}); }

std::vector<std::string> month_labels() {
  std::vector<std::string> out;
  for (int m = 1; m <= 12; ++m) out.push_back(month_label(m));
  return out;
}

std::vector<std::optional<double>> vec(const MonthValues& v) { return {v.begin(), v.end()}; }

chart::Spec month_chart(const MonthlySeries& s) {
  chart::Spec spec;
  spec.categories = month_labels();
  spec.decimals = s.indicator->decimals;
  spec.unit = s.indicator->unit;
  spec.series.push_back({tr("dashboard.trend.month"), vec(s.month), IM_COL32(150, 180, 220, 255), chart::Style::Bars});
  if (s.target) spec.series.push_back({tr("dashboard.trend.path"), vec(s.path), ui::color::ok, chart::Style::Dashed});
  if (std::any_of(s.last_year.begin(), s.last_year.end(), [](auto& v) { return v.has_value(); }))
    spec.series.push_back({tr("dashboard.trend.last_year"), vec(s.last_year), ui::color::muted, chart::Style::Dashed});
  spec.series.push_back({tr("dashboard.trend.this_year"), vec(s.to_date), ui::color::accent, chart::Style::Line});
  return spec;
}

const std::string& period_label(const Period& p) {
  static const std::string year_label = tr("dashboard.period.year");
  static const std::vector<std::string> months = month_labels();
  return p.is_year() ? year_label : months[size_t(p.month - 1)];
}

}  // namespace

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

std::string figure_text(const Indicator& ind, std::optional<double> v) {
  return v ? format_number(*v, ind.decimals) + " " + ind.unit : tr("dashboard.none");
}

static FigureLine line_for(const Indicator& ind, size_t index, std::optional<double> value,
                           std::optional<double> target, std::optional<double> progress,
                           std::optional<Progress> status) {
  FigureLine l;
  l.indicator = index;
  l.id = ind.id;
  l.name = ind.name;
  l.has_target = target.has_value();
  l.has_value = value.has_value();
  l.progress = status;
  l.fraction = float(progress.value_or(0));
  if (target)
    l.numbers = tr("dashboard.value_target", {{"value", num(value, ind.decimals)},
                                              {"target", format_number(*target, ind.decimals)},
                                              {"unit", ind.unit}});
  else
    l.numbers = figure_text(ind, value);
  l.status = status ? label(*status) : tr("dashboard.no_target");
  return l;
}

void build_model(Model& m, const Store& store, std::shared_ptr<const YearReport> report, int year) {
  m = Model{};
  m.report = std::move(report);
  m.figures = m.report->figures;
  const YearFigures& f = *m.figures;
  const Catalog& cat = f.catalog();

  m.title = tr("dashboard.title", {{"year", std::to_string(year)}});
  m.as_of = tr("dashboard.as_of", {{"month", std::to_string(m.dashboard().as_of_month)}});
  int submitted = 0, with_data = 0;
  for (const auto& u : m.dashboard().units) submitted += u.submitted;
  for (const auto& s : m.dashboard().indicators) with_data += s.value.has_value();
  const size_t units = m.dashboard().units.size();
  m.reporting_fraction = units ? float(submitted) / float(units) : 0;
  m.reporting_ring = std::to_string(submitted) + "/" + std::to_string(units);
  m.reporting_lines = {
      tr("dashboard.card.submitted", {{"n", std::to_string(submitted)}, {"total", std::to_string(units)}}),
      tr("dashboard.card.with_data", {{"n", std::to_string(with_data)},
                                      {"total", std::to_string(m.dashboard().indicators.size())}}),
      tr("dashboard.card.late", {{"n", std::to_string(late_units(m.overdue()))}})};

  // Section cards.
  for (const auto& sec : cat.sections()) {
    SectionCard card;
    card.id = sec.id;
    card.title = sec.name;
    int targets = 0, done = 0, behind = 0, data = 0;
    for (size_t i = 0; i < m.dashboard().indicators.size(); ++i) {
      const IndicatorStatus& s = m.dashboard().indicators[i];
      if (s.indicator->section != sec.id) continue;
      FigureLine l = line_for(*s.indicator, i, s.value, s.target, s.progress, s.status);
      data += s.value.has_value();
      if (l.has_target) {
        ++targets;
        done += s.status == Progress::Done;
        behind += s.status == Progress::Behind || s.status == Progress::NoData;
      }
      card.all.push_back(std::move(l));
    }
    if (card.all.empty()) continue;
    card.has_targets = targets > 0;
    card.counts = targets ? tr("dashboard.card.targets", {{"n", std::to_string(targets)},
                                                          {"done", std::to_string(done)},
                                                          {"behind", std::to_string(behind)}})
                          : tr("dashboard.card.data", {{"n", std::to_string(data)},
                                                       {"total", std::to_string(card.all.size())}});
    // The card shows what needs attention: targets most behind first; else the first figures with data.
    std::vector<const FigureLine*> order;
    for (const auto& l : card.all)
      if (targets ? l.has_target : l.has_value) order.push_back(&l);
    std::stable_sort(order.begin(), order.end(), [](const FigureLine* a, const FigureLine* b) {
      if (severity(*a) != severity(*b)) return severity(*a) < severity(*b);
      return a->has_target && a->fraction < b->fraction;
    });
    for (size_t k = 0; k < order.size() && k < kHeadline; ++k) card.headline.push_back(*order[k]);
    m.cards.push_back(std::move(card));
  }
  // Cards with targets lead: they are what the leaders are measured on. Catalog order within each
  // group, so a card keeps its place as figures come in.
  std::stable_partition(m.cards.begin(), m.cards.end(), [](const SectionCard& c) { return c.has_targets; });

  // Ranking rows.
  m.rank_help = tr("dashboard.rank.help");
  std::string legend;
  for (const auto& id : m.ranking().sections) {
    const Section* s = cat.section(id);
    m.rank_headers.push_back(s ? s->name : id);
    const std::string key = "dashboard.rank.short." + id;
    m.rank_short.push_back(tr(key) != key ? tr(key) : m.rank_headers.back());
    if (m.rank_short.back() != m.rank_headers.back())
      legend += (legend.empty() ? "" : tr("dashboard.list_sep")) + m.rank_short.back() + "＝" + m.rank_headers.back();
  }
  if (!legend.empty()) m.rank_help += tr("dashboard.rank.legend", {{"legend", legend}});
  for (size_t k = 0; k < m.ranking().units.size(); ++k) {
    const RankedUnit& ru = m.ranking().units[k];
    const Org& o = m.dashboard().units[ru.unit].org;
    RankRow r;
    r.ranked = k;
    r.org = o.id;
    r.code = o.code;
    r.name = o.name;
    r.rank = std::to_string(ru.rank);
    r.score = format_number(ru.score, 1);
    r.band = std::string(to_string(ru.band));
    r.reporting = percent(ru.reporting);
    r.late = late_periods_text(m.overdue(), ru.late_periods);
    m.any_late |= !r.late.empty();
    r.reporting_tip = tr(ru.late_periods > 0 ? "dashboard.rank.reporting_late" : "dashboard.rank.reporting_on_time",
                         {{"filled", percent(ru.filled)}, {"due", std::to_string(ru.due_periods)},
                          {"late", std::to_string(ru.late_periods)}, {"reporting", r.reporting}});
    for (const auto& c : ru.sections) r.sections.push_back(percent(c));
    r.band_color = ru.band == Band::A   ? ui::color::ok
                   : ru.band == Band::B ? IM_COL32(40, 100, 180, 255)
                   : ru.band == Band::C ? ui::color::warn
                                        : ui::color::accent;
    m.rank_rows.push_back(std::move(r));

    if (!ru.behind.empty()) {
      LagRow l;
      l.org = o.id;
      l.code = o.code;
      l.name = o.name;
      l.weight = int(ru.behind.size());
      // Every name: the row cuts what does not fit and shows the whole on hover or tap.
      for (size_t i = 0; i < ru.behind.size(); ++i)
        l.detail += (i ? tr("dashboard.list_sep") : std::string()) + cat.indicators()[ru.behind[i]].name;
      l.figure = tr("dashboard.behind.figure", {{"n", std::to_string(ru.behind.size())}});
      l.full = l.name + " " + tr("dashboard.behind.detail", {{"n", std::to_string(ru.behind.size())}, {"names", l.detail}});
      m.behind.push_back(std::move(l));
    }
  }
  std::stable_sort(m.behind.begin(), m.behind.end(), [](const LagRow& a, const LagRow& b) { return a.weight > b.weight; });

  for (const auto& u : m.overdue().units) {
    const Org* o = f.org(u.org);
    if (!o) continue;
    LagRow l;
    l.org = u.org;
    l.code = o->code;
    l.name = o->name;
    l.weight = u.days;
    const std::string since = u.period.is_year() ? std::to_string(u.period.year) : month_label(u.period.month);
    // The count of periods missing leads (line 1): it is what a long "逾期 6 年余" used to hide.
    l.figure = late_periods_text(m.overdue(), u.open_periods);
    l.detail = u.days > 0 ? tr("dashboard.late.detail", {{"since", since}, {"overdue", overdue_text(m.overdue(), u)}})
                          : tr("dashboard.late.not_due", {{"since", since}});
    l.full = l.name + " " + l.figure + tr("dashboard.list_colon") + l.detail;
    m.late.push_back(std::move(l));
  }
  m.behind_title = tr("dashboard.behind.title", {{"n", std::to_string(m.behind.size())}});
  m.late_title = tr("dashboard.late.title", {{"n", std::to_string(m.late.size())},
                                             {"period", m.overdue().current.is_year()
                                                            ? std::to_string(m.overdue().current.year)
                                                            : month_label(m.overdue().current.month)}});

  // 待审核, every year (a month left from last year still awaits its leader).
  for (const auto& p : pending_reviews(store)) {
    const Org* o = f.org(p.org);  // the figures hold every organisation: no query per row
    if (!o) continue;
    ReviewRow r;
    r.org = p.org;
    r.period = p.period;
    r.code = o->code;
    r.name = o->name;
    r.key = o->code + "." + p.period.str();
    r.period_label = p.period.is_year()
                         ? tr("dashboard.review.year", {{"year", std::to_string(p.period.year)}})
                         : tr("dashboard.review.month", {{"year", std::to_string(p.period.year)},
                                                         {"month", std::to_string(p.period.month)}});
    r.detail = tr("dashboard.review.detail", {{"who", p.submitted_by}, {"when", local_time_text(p.submitted_at)},
                                              {"n", std::to_string(p.values)}});
    // The clerk's confirmed gaps, when the submission recorded them (see core/store/Review.hpp).
    if (p.confirmed_gaps && *p.confirmed_gaps > 0)
      r.detail += tr("dashboard.review.gaps", {{"n", std::to_string(*p.confirmed_gaps)}});
    m.review.push_back(std::move(r));
  }
  m.review_title = tr("dashboard.review.title", {{"n", std::to_string(m.review.size())}});
  m.review_badge = tr("dashboard.review.badge", {{"n", std::to_string(m.review.size())}});

  m.trend_choices = trend_indicators(cat);
  if (!m.trend_choices.empty()) m.trend = build_trend(m, *m.trend_choices.front());
}

TrendModel build_trend(const Model& m, const Indicator& ind, OrgId org) {
  const YearFigures& f = *m.figures;
  TrendModel t;
  t.indicator = &ind;
  const MonthlySeries s = monthly_series(f, ind.id, org);
  t.spec = month_chart(s);
  t.spec.height_em = 12;
  const int last = s.last_month;
  const auto now = last > 0 ? s.to_date[size_t(last - 1)] : std::nullopt;
  if (s.target)
    t.summary = tr("dashboard.trend.summary", {{"month", std::to_string(last)},
                                               {"value", figure_text(ind, now)},
                                               {"target", figure_text(ind, s.target)},
                                               {"pace", figure_text(ind, last > 0 ? s.path[size_t(last - 1)] : std::nullopt)}});
  else
    t.summary = tr("dashboard.trend.summary_no_target", {{"month", std::to_string(last)}, {"value", figure_text(ind, now)}});
  const size_t index = f.catalog().index_of(ind.id);
  for (const auto& b : unit_bars(f, ind.id)) {
    const Org* o = f.org(b.org);
    FigureLine l = line_for(ind, index, b.value, b.target, b.progress, b.status);
    l.org = b.org;
    l.name = o ? o->name : "";
    l.id = o ? o->code : "";
    t.units.push_back(std::move(l));
  }
  return t;
}

IndicatorPage build_indicator_page(const Model& m, size_t indicator) {
  const YearFigures& f = *m.figures;
  const IndicatorStatus& s = m.dashboard().indicators.at(indicator);
  const Indicator& ind = *s.indicator;
  IndicatorPage p;
  p.town = line_for(ind, indicator, s.value, s.target, s.progress, s.status);
  const Section* sec = f.catalog().section(ind.section);
  p.title = ind.name;
  if (s.target)
    p.pace = tr("dashboard.page.pace", {{"month", std::to_string(m.dashboard().as_of_month)},
                                        {"pace", figure_text(ind, *s.target * m.dashboard().as_of_month / 12.0)},
                                        {"section", sec ? sec->name : ind.section}});
  else
    p.pace = sec ? sec->name : ind.section;
  std::vector<UnitBar> bars = unit_bars(f, ind.id);
  // How far behind: the share reached (nothing typed reaches none), then the shortfall in units.
  auto shortfall = [&](const UnitBar& b) {
    const double v = b.value.value_or(0);
    return std::max(0.0, ind.direction == Direction::Down ? v - *b.target : *b.target - v);
  };
  std::stable_sort(bars.begin(), bars.end(), [&](const UnitBar& a, const UnitBar& b) {
    if (a.target.has_value() != b.target.has_value()) return a.target.has_value();
    if (!a.target) return false;
    const double pa = a.progress.value_or(0), pb = b.progress.value_or(0);
    if (pa != pb) return pa < pb;
    return shortfall(a) > shortfall(b);
  });
  for (const auto& b : bars) {
    const Org* o = f.org(b.org);
    FigureLine l = line_for(ind, indicator, b.value, b.target, b.progress, b.status);
    l.name = o ? o->name : "";
    if (b.target) {
      const double gap = shortfall(b);
      l.numbers += tr("dashboard.unit.gap", {{"gap", gap > 0 ? tr("dashboard.unit.short", {{"n", format_number(gap, ind.decimals)}})
                                                               : tr("dashboard.unit.reached")},
                                             {"rate", percent(b.progress.value_or(0))}});
    }
    p.units.push_back(std::move(l));
    p.unit_orgs.push_back(b.org);
    p.unit_codes.push_back(o ? o->code : "");
  }
  if (ind.typed() && ind.frequency == Frequency::Monthly) {
    p.trend = month_chart(monthly_series(f, ind.id));
    p.trend->height_em = 11;
  }
  return p;
}

VillagePage build_village_page(const Model& m, const Store& store, size_t indicator, OrgId org) {
  const YearFigures& f = *m.figures;
  const Indicator& ind = f.catalog().indicators().at(indicator);
  const Org* o = f.org(org);
  VillagePage p;
  p.title = tr("dashboard.village.title", {{"name", o ? o->name : ""}, {"indicator", ind.name}});
  auto value = f.value(org, ind.id);
  auto target = f.target(org, ind.id);
  p.numbers = target ? tr("dashboard.value_target", {{"value", num(value, ind.decimals)},
                                                     {"target", format_number(*target, ind.decimals)},
                                                     {"unit", ind.unit}})
                     : figure_text(ind, value);
  const DeviceNames devices = device_names(store);
  for (int month = 0; month <= 12; ++month) {
    PeriodRow r;
    r.period = Period{f.year(), month};
    r.label = period_label(r.period);
    if (auto rec = store.value(org, ind.id, r.period)) {
      r.has_value = true;
      r.value = figure_text(ind, rec->value);
      r.status = label(rec->status);
      r.who = rec->updated_by;
      r.when = local_time_text(rec->updated_at);  // as every other history reads it
      r.device = device_label(devices, rec->device);
    } else {
      r.value = tr("dashboard.none");
    }
    // Months of a yearly figure and the year of a monthly one are shown only when typed.
    const bool expected = ind.frequency == Frequency::Monthly ? month > 0 : month == 0;
    if (r.has_value || expected) p.rows.push_back(std::move(r));
  }
  if (ind.typed() && ind.frequency == Frequency::Monthly) {
    p.chart = month_chart(monthly_series(f, ind.id, org));
    p.chart->height_em = 10;
  }
  return p;
}

HistoryPage build_history_page(const Model& m, const Store& store, size_t indicator, OrgId org, const Period& period) {
  const YearFigures& f = *m.figures;
  const Indicator& ind = f.catalog().indicators().at(indicator);
  const Org* o = f.org(org);
  HistoryPage p;
  p.title = tr("dashboard.history.title", {{"name", o ? o->name : ""}, {"indicator", ind.name},
                                           {"period", period.is_year() ? std::to_string(period.year)
                                                                       : period.str()}});
  HistoryFilter filter;
  filter.org = org;
  filter.indicator = ind.id;
  filter.period = period.str();
  auto entries = store.history(filter);
  // Newest first whatever order the store returns.
  std::stable_sort(entries.begin(), entries.end(), [](const AuditEntry& a, const AuditEntry& b) {
    return a.at != b.at ? a.at > b.at : a.id > b.id;
  });
  p.rows = describe(store, entries, false);
  return p;
}

Shown& shown() {
  static Shown s;
  return s;
}

}  // namespace jiceng::gui::dash
