// jiceng-cli demo DB [--force]: writes the built-in demo town.
#include <filesystem>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "Cli.hpp"
#include "demo/Demo.hpp"
#include "store/DatabaseFile.hpp"
#include "store/Store.hpp"

namespace jiceng::cli {
namespace {

int run(const Args& a) {
  a.allow_only({"force"});
  const std::string path = a.positional(0, "cli.arg.db");
  namespace fs = std::filesystem;
  if (fs::exists(path) && !a.flag("force")) throw InputError(tr("cli.demo.exists"), Location{path});
  build_database(path, [](Store& s) { write_demo_town(s); });
  out(tr("cli.demo.done", {{"file", path}}));
  return kOk;
}

Register reg{{"demo", "cli.usage.demo", {"force"}, run}};

}  // namespace
}  // namespace jiceng::cli
