// jiceng-cli county add / towns / remove / dashboard: the county roll-up (core/sync/County.hpp).
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "Cli.hpp"
#include "store/Store.hpp"
#include "sync/County.hpp"
#include "sync/Identity.hpp"

namespace jiceng::cli {
namespace {

using namespace jiceng::sync;

std::unique_ptr<Store> open_county(const Args& a) {
  auto store = open_existing(a.positional(0, "sync.cli.arg.county"));
  if (!is_county(*store)) throw InputError(tr("sync.cli.not_county"), Location{store->path()});
  return store;
}

std::string percent(std::optional<double> p) { return p ? format_number(*p * 100, 1) + "%" : "-"; }

int run_add(const Args& a) {
  a.allow_only({"user", "json"});
  const std::string path = a.positional(0, "sync.cli.arg.county");
  a.positional(1, "sync.cli.arg.source");
  const bool is_new = !std::filesystem::exists(path);
  nlohmann::json list = nlohmann::json::array();
  // All sources or none: a county total that silently lacks one town would mislead.
  std::vector<RollupResult> done;
  try {
    auto county = Store::open(path);
    county->transaction([&] {
      for (size_t i = 1; i < a.positional().size(); ++i)
        done.push_back(roll_up(*county, a.positional()[i], Actor{a.get("user", "cli"), {}}));
    });
  } catch (...) {
    // A refused first roll-up leaves no county database behind (the store is closed by now).
    if (is_new)
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::error_code ignore;
        std::filesystem::remove(path + suffix, ignore);
      }
    throw;
  }
  for (const auto& r : done) {
    list.push_back({{"town", r.town.name}, {"code", r.town.code}, {"id", r.town.id}, {"source", r.town.source},
                    {"replaced", r.replaced}, {"years", r.years}, {"figures", r.figures},
                    {"indicators_received", r.indicators_received}, {"notes", r.notes}});
    if (a.flag("json")) continue;
    std::string years;
    for (int y : r.years) years += (years.empty() ? "" : "、") + std::to_string(y);
    out(tr(r.replaced ? "sync.cli.county_replaced" : "sync.cli.county_added",
           {{"town", r.town.name}, {"code", r.town.code}, {"source", r.town.source}, {"years", years}}));
    for (const auto& n : r.notes) out(tr("sync.county.note", {{"note", n}}));
  }
  if (a.flag("json")) out(list.dump(2));
  return kOk;
}

int run_towns(const Args& a) {
  a.allow_only({"json"});
  auto county = open_county(a);
  const auto towns = county_towns(*county);
  if (a.flag("json")) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& t : towns)
      j.push_back({{"id", t.id}, {"code", t.code}, {"name", t.name}, {"source", t.source}, {"rolled_up_at", t.rolled_up_at}});
    out(j.dump(2));
    return kOk;
  }
  if (towns.empty()) out(tr("sync.cli.county_empty"));
  for (const auto& t : towns)
    out(tr("sync.cli.county_town", {{"town", t.name}, {"code", t.code}, {"id", t.id}, {"source", t.source}, {"at", t.rolled_up_at}}));
  return kOk;
}

int run_remove(const Args& a) {
  a.allow_only({"user"});
  auto county = open_county(a);
  const std::string town = a.positional(1, "sync.cli.arg.town");
  remove_town(*county, town, Actor{a.get("user", "cli"), {}});
  out(tr("sync.cli.county_removed", {{"town", town}}));
  return kOk;
}

int run_dashboard(const Args& a) {
  a.allow_only({"year", "json"});
  auto county = open_county(a);
  if (!a.has("year")) throw UsageError{tr("cli.usage.missing_option", {{"option", "--year"}})};
  const CountyDashboard d = county_dashboard(*county, a.get_int("year", 0));
  if (a.flag("json")) {
    out(to_json(d).dump(2));
    return kOk;
  }
  out(tr("sync.cli.county_title", {{"year", std::to_string(d.year)}, {"month", std::to_string(d.as_of_month)},
                                   {"towns", std::to_string(d.towns.size())}}));
  for (const auto& t : d.towns)
    out(tr("sync.cli.county_town_line", {{"town", t.town.name}, {"units", std::to_string(t.units)},
                                         {"submitted", std::to_string(t.submitted_units)},
                                         {"completeness", percent(t.completeness)}, {"month", std::to_string(t.as_of_month)}}));
  std::string section;
  for (const auto& row : d.rows) {
    const Indicator& ind = *row.indicator;
    bool any = row.total.value.has_value();
    for (const auto& c : row.towns) any = any || c.value;
    if (!any) continue;
    if (ind.section != section) {
      section = ind.section;
      const Section* s = county->catalog().section(section);
      out("");
      out("【" + (s ? s->name : section) + "】");
    }
    auto show = [&](const std::optional<double>& v) { return v ? format_number(*v, ind.decimals) : std::string("-"); };
    std::string line = "  " + ind.name + "（" + ind.unit + "）：";
    for (size_t i = 0; i < d.towns.size(); ++i) line += d.towns[i].town.name + " " + show(row.towns[i].value) + "  ";
    line += tr("sync.cli.county_total", {{"value", show(row.total.value)}});
    if (row.total.target)
      line += tr("cli.dashboard.target", {{"target", show(row.total.target) + ind.unit}, {"progress", percent(row.total.progress)}});
    if (row.total.status) line += "  [" + label(*row.total.status) + "]";
    out(line);
  }
  return kOk;
}

Register add_cmd{{"county add", "sync.cli.usage.county_add", {"json"}, run_add}};
Register towns_cmd{{"county towns", "sync.cli.usage.county_towns", {"json"}, run_towns}};
Register remove_cmd{{"county remove", "sync.cli.usage.county_remove", {}, run_remove}};
Register dashboard_cmd{{"county dashboard", "sync.cli.usage.county_dashboard", {"json"}, run_dashboard}};

}  // namespace
}  // namespace jiceng::cli
