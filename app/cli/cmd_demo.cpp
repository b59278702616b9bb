// jiceng-cli demo DB [--force]: writes the built-in demo town.
#include <filesystem>

#include "Cli.hpp"
#include "Demo.hpp"
#include "Error.hpp"
#include "Store.hpp"
#include "Strings.hpp"

namespace jiceng::cli {
namespace {

int run(const Args& a) {
  a.allow_only({"force"});
  const std::string path = a.positional(0, "cli.arg.db");
  namespace fs = std::filesystem;
  if (fs::exists(path) && !a.flag("force")) throw InputError(tr("cli.demo.exists"), Location{path});
  // Build into a temporary file and move it into place, so a failure never leaves half a town.
  const std::string tmp = path + ".new";
  for (const char* ext : {"", "-wal", "-shm"}) fs::remove(tmp + ext);
  {
    auto store = Store::open(tmp);
    write_demo_town(*store);
  }
  for (const char* ext : {"-wal", "-shm"}) { fs::remove(path + ext); fs::remove(tmp + ext); }
  fs::rename(tmp, path);
  out(tr("cli.demo.done", {{"file", path}}));
  return kOk;
}

Register reg{{"demo", "cli.usage.demo", {"force"}, run}};

}  // namespace
}  // namespace jiceng::cli
