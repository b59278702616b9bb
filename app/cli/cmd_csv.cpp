// jiceng-cli import / export: values as CSV (UTF-8 with BOM, for Excel).
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "Cli.hpp"
#include "csv/ValuesCsv.hpp"
#include "store/Store.hpp"

namespace jiceng::cli {
namespace {

int run_import(const Args& a) {
  a.allow_only({"user"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const std::string file = a.positional(1, "cli.arg.csv");
  size_t changed = import_values_csv(*store, file, acting_user(a, *store));
  out(tr("cli.import.done", {{"file", file}, {"count", std::to_string(changed)}}));
  return kOk;
}

int run_export(const Args& a) {
  a.allow_only({"year", "out"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  if (!a.has("year")) throw UsageError{tr("cli.usage.missing_option", {{"option", "--year"}})};
  const std::string path = a.require("out");
  write_file(path, export_values_csv(*store, a.get_int("year", 0)));
  out(tr("cli.export.done", {{"file", path}}));
  return kOk;
}

Register reg_import{{"import", "cli.usage.import", {}, run_import}};
Register reg_export{{"export", "cli.usage.export", {}, run_export}};

}  // namespace
}  // namespace jiceng::cli
