// jiceng-cli check DB --year Y [--template T] [--json]: unresolved figures and consistency of the
// data behind the summary. Exit 0 when nothing is found, 3 when there are findings to act on.
#include "base/Strings.hpp"
#include "Cli.hpp"
#include "model/Figures.hpp"
#include "store/Store.hpp"
#include "summary/Checks.hpp"

namespace jiceng::cli {
namespace {

using namespace jiceng::summary;

int run(const Args& a) {
  a.allow_only({"year", "template", "json"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const int year = year_or_latest(a, *store);
  std::optional<Template> custom;
  if (a.has("template")) custom = Template::load(a.get("template"), store->catalog());
  const Template& t = custom ? *custom : Template::builtin(store->catalog());
  YearFigures figures = YearFigures::compute_with_previous(*store, year);
  CheckReport report = check_summary(*store, figures, t);
  if (a.flag("json")) {
    out(report.to_json());
    return report.ok() ? kOk : kRejected;
  }
  if (report.ok()) {
    out(tr("cli.check.ok", {{"town", figures.town().name}, {"year", std::to_string(year)},
                            {"values", std::to_string(report.values_checked)},
                            {"figures", std::to_string(report.figures_checked)}}));
    return kOk;
  }
  out(tr("cli.check.failed", {{"town", figures.town().name}, {"year", std::to_string(year)},
                              {"count", std::to_string(report.findings.size())},
                              {"values", std::to_string(report.values_checked)},
                              {"figures", std::to_string(report.figures_checked)}}));
  for (const auto& f : report.findings) {
    out(tr("cli.check.line", {{"kind", tr("check.kind." + std::string(to_string(f.kind)))}, {"message", f.message}}));
    out(tr("cli.check.where", {{"where", f.where}}));
  }
  return kRejected;
}

Register reg{{"check", "cli.usage.check", {"json"}, run}};

}  // namespace
}  // namespace jiceng::cli
