// jiceng: the Party-building office's desktop and tablet app.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "base/Strings.hpp"
#include "platform/Paths.hpp"
#include "Run.hpp"
#include "Towns.hpp"

int main(int argc, char** argv) {
  using namespace jiceng;
  using namespace jiceng::gui;
  RunOptions o;
  std::string view, size;
  bool tablet = false;
  int year = 0;
  CLI::App cli{tr("app.cli.description"), "jiceng"};
  cli.add_option("--db", o.app.database, tr("app.cli.db"));
  cli.add_option("--view", view, tr("app.cli.view"));
  cli.add_option("--year", year, tr("app.cli.year"));
  cli.add_option("--screenshot", o.screenshot, tr("app.cli.screenshot"));
  cli.add_option("--size", size, tr("app.cli.size"));
  cli.add_flag("--tablet", tablet, tr("app.cli.tablet"));
  cli.add_flag("--stats", o.stats, tr("app.cli.stats"));
  cli.add_option("--input", o.input, tr("app.cli.input"));
  CLI11_PARSE(cli, argc, argv);

  if (!view.empty()) {
    o.app.view = parse_view_name(view);
    if (!o.app.view) {
      std::cerr << tr("app.cli.bad_view", {{"view", view}}) << "\n";
      return 2;
    }
  }
  if (!size.empty() && (std::sscanf(size.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 320 ||
                        o.height < 320 || o.width > 8192 || o.height > 8192)) {
    std::cerr << tr("app.cli.bad_size", {{"size", size}}) << "\n";
    return 2;
  }
  if (tablet) o.app.tablet = true;
  if (year) o.app.year = year;
  o.app.data_dir = platform::data_dir();
  // Screenshots and measurements leave the user's settings alone.
  if (o.screenshot.empty() && !o.stats) o.app.settings_file = platform::config_dir() / "settings.json";
  return run_windowed(o);
}
