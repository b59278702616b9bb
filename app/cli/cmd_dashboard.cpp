// jiceng-cli dashboard DB --year Y [--json]: every indicator against its target, every village.
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/JsonWriter.hpp"
#include "base/Strings.hpp"
#include "Cli.hpp"
#include "report/Report.hpp"
#include "report/Trends.hpp"
#include "store/Review.hpp"
#include "store/Store.hpp"

namespace jiceng::cli {
namespace {

std::string percent(std::optional<double> p) { return p ? format_number(*p * 100, 1) + "%" : "-"; }

int run(const Args& a) {
  a.allow_only({"year", "json", "indicator", "org"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const int year = year_or_latest(a, *store);
  // One indicator in depth is a JSON answer (the screen's drill-down); --org narrows that answer.
  if (a.has("indicator") && !a.flag("json")) throw UsageError{tr("dashboard.cli.indicator_needs_json")};
  if (a.has("org") && !a.has("indicator")) throw UsageError{tr("dashboard.cli.org_needs_indicator")};
  // Last year's figures only feed an indicator's trend (--indicator). The report is the 进度看板
  // screen's own (report/Report.hpp): the same numbers, the same ranking and overdue list.
  const YearReport report = build_report(*store, year, a.has("indicator"));
  const YearFigures& figures = *report.figures;
  const Dashboard& d = report.dashboard;
  const OverdueReport& overdue = report.overdue;
  const Ranking& ranking = report.ranking;
  const std::string& settings_problem = report.ranking_problem;
  if (a.flag("json")) {
    // Written as it is produced (base/JsonWriter.hpp): at province scale the answer is 17 MB of
    // text, which as one tree took 130 MB more than the figures themselves.
    const Indicator* ind = nullptr;
    OrgId org = 0;
    if (a.has("indicator")) {
      ind = store->catalog().find(a.get("indicator"));
      if (!ind) throw InputError(tr("store.unknown_indicator", {{"indicator", a.get("indicator")}}), Location{{}, 0, "--indicator"});
      org = a.has("org") ? store->require_org(a.get("org"), Location{{}, 0, "--org"}).id : 0;
    }
    // Everything that reads the database is done before the first byte goes out: a refusal then
    // prints no half document.
    const std::vector<PendingReview> pending = pending_reviews(*store);
    nlohmann::json series;
    std::vector<UnitBar> bars;
    if (ind) {
      series = to_json(monthly_series(figures, ind->id, org));
      bars = unit_bars(figures, ind->id);
    }
    JsonWriter w(std::cout);
    w.object();
    write_json(w, d, figures);
    if (ind) {
      // One indicator in depth, as the screen drills into it: month by month for the town (or
      // --org), and its figure for every village.
      w.object("indicator");
      for (const auto& [key, value] : series.items()) w.member(key, value);
      w.array("villages");
      for (const auto& b : bars)
        w.element({{"code", figures.org(b.org)->code}, {"value", json_or_null(b.value)}, {"target", json_or_null(b.target)},
                   {"progress", json_or_null(b.progress)},
                   {"status", b.status ? nlohmann::json(to_string(*b.status)) : nlohmann::json(nullptr)}});
      w.end().end();
    }
    write_json(w, overdue, figures);
    write_json(w, pending, figures.orgs());
    write_json(w, ranking, d, figures, settings_problem);
    w.end();
    std::cout << '\n';
    // A full disk or a closed pipe is an error the caller must see, not a short document.
    if (!std::cout.flush()) throw InputError(tr("cli.output_failed"), Location{{}, 0, "stdout"});
    return kOk;
  }
  out(tr("cli.dashboard.title", {{"town", figures.town().name}, {"year", std::to_string(year)},
                                 {"month", std::to_string(d.as_of_month)}}));
  std::string section;
  for (const auto& st : d.indicators) {
    const Indicator& ind = *st.indicator;
    if (ind.section != section) {
      section = ind.section;
      const Section* s = store->catalog().section(section);
      out("");
      out("【" + (s ? s->name : section) + "】");
    }
    std::string value = st.value ? format_number(*st.value, ind.decimals) + ind.unit : tr("progress.no_data");
    std::string line = "  " + ind.name + "：" + value;
    if (st.target) line += tr("cli.dashboard.target", {{"target", format_number(*st.target, ind.decimals) + ind.unit},
                                                       {"progress", percent(st.progress)}});
    if (st.status) line += "  [" + label(*st.status) + "]";
    out(line);
  }
  out("");
  out(tr("cli.dashboard.units_header"));
  for (const auto& u : d.units) {
    out(tr("cli.dashboard.unit_line",
           {{"name", u.org.name}, {"completeness", percent(u.completeness)}, {"progress", percent(u.progress)},
            {"status", u.lowest ? label(*u.lowest) : tr("cli.dashboard.nothing")},
            {"submitted", u.submitted ? "" : tr("cli.dashboard.not_submitted")}}));
  }
  out("");
  out(tr("dashboard.cli.ranking_header"));
  if (!settings_problem.empty()) err(settings_problem);
  for (const auto& ru : ranking.units)
    out(tr("dashboard.cli.ranking_line", {{"rank", std::to_string(ru.rank)}, {"name", d.units[ru.unit].org.name},
                                          {"score", format_number(ru.score, 1)}, {"band", std::string(to_string(ru.band))},
                                          {"behind", std::to_string(ru.behind.size())},
                                          {"reporting", percent(ru.reporting)},
                                          {"late", late_periods_text(overdue, ru.late_periods)}}));
  out("");
  out(tr("dashboard.cli.overdue_header", {{"period", overdue.current.str()}, {"today", overdue.today}}));
  for (const auto& u : overdue.units)
    out(tr("dashboard.cli.overdue_line", {{"name", figures.org(u.org) ? figures.org(u.org)->name : ""},
                                          {"since", u.period.str()},
                                          {"overdue", u.days > 0 ? overdue_text(overdue, u) : tr("dashboard.cli.not_due")},
                                          {"open", std::to_string(u.open_periods)}}));
  const auto pending = pending_reviews(*store);
  out("");
  out(tr("dashboard.cli.review_header", {{"n", std::to_string(pending.size())}}));
  for (const auto& r : pending) {
    auto o = store->org(r.org);
    out(tr("dashboard.cli.review_line", {{"name", o ? o->name : ""}, {"period", r.period.str()},
                                         {"who", r.submitted_by}, {"at", r.submitted_at}}));
  }
  return kOk;
}

Register reg{{"dashboard", "cli.usage.dashboard", {"json"}, run}};

}  // namespace
}  // namespace jiceng::cli
