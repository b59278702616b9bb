// jiceng-cli dashboard DB --year Y [--json]: every indicator against its target, every village.
#include <nlohmann/json.hpp>

#include "Cli.hpp"
#include "Dashboard.hpp"
#include "Store.hpp"
#include "Strings.hpp"

namespace jiceng::cli {
namespace {

std::string percent(std::optional<double> p) { return p ? format_number(*p * 100, 1) + "%" : "-"; }

int run(const Args& a) {
  a.allow_only({"year", "json"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const int year = a.get_int("year", 0);
  if (!a.has("year")) throw UsageError{tr("cli.usage.missing_option", {{"option", "--year"}})};
  auto figures = YearFigures::compute(*store, year);
  auto d = build_dashboard(figures);
  if (a.flag("json")) {
    out(to_json(d, figures).dump(2));
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
  return kOk;
}

Register reg{{"dashboard", "cli.usage.dashboard", {"json"}, run}};

}  // namespace
}  // namespace jiceng::cli
