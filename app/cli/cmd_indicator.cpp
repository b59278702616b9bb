// jiceng-cli indicator list|define|retire|delete: the town's own indicators from the command line,
// with every key of docs/CATALOG.md (设置 → 指标 shows the common ones). The rules and the audit
// entries are the store's; writes act as the admin signed in with --user and its PIN.
#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "Cli.hpp"
#include "store/Store.hpp"

namespace jiceng::cli {
namespace {

int run_list(const Args& a) {
  a.allow_only({"json"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const Catalog& cat = store->catalog();
  const auto rows = store->town_indicators();
  if (a.flag("json")) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& t : rows)
      j.push_back({{"id", t.id}, {"state", t.state}, {"definition", nlohmann::json::parse(t.definition)},
                   {"defined_at", t.defined_at}, {"defined_by", t.defined_by}});
    out(nlohmann::json{{"indicators", j}, {"problems", store->catalog_problems()}}.dump(2));
    return kOk;
  }
  if (rows.empty()) out(tr("cli.indicator.none"));
  for (const auto& t : rows) {
    // A deleted one is no longer in the catalog: its stored definition still names it.
    const auto def = nlohmann::json::parse(t.definition, nullptr, false);
    auto field = [&](const char* key) { return def.is_object() && def.contains(key) && def[key].is_string() ? def[key].get<std::string>() : ""; };
    const Section* sec = cat.section(field("section"));
    out(tr("cli.indicator.row", {{"id", t.id}, {"name", field("name")}, {"unit", field("unit")},
                                 {"section", sec ? sec->name : field("section")}, {"state", tr("cli.indicator.state." + t.state)}}));
  }
  for (const auto& p : store->catalog_problems()) err(p);
  return kOk;
}

// The definition from a file: one indicator object, docs/CATALOG.md; with "id" it changes that one.
int run_define(const Args& a) {
  a.allow_only({"user", "reason"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const std::string file = a.positional(1, "cli.arg.definition");
  const std::string text = read_file(file);
  const Actor actor = acting_user(a, *store);
  std::string id;
  try {
    id = store->define_indicator(text, actor, a.get("reason"));
  } catch (const InputError& e) {  // a fault of the definition: the file the person wrote, not the table
    if (e.where().file != "town_indicators") throw;
    throw InputError(e.what(), Location{file, e.where().line, e.where().field});
  }
  out(tr("cli.indicator.defined", {{"id", id}, {"name", store->catalog().at(id).name}}));
  return kOk;
}

int run_retire(const Args& a) {
  a.allow_only({"user", "reason", "restore"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const std::string id = a.positional(1, "cli.arg.indicator");
  const Actor actor = acting_user(a, *store);
  store->retire_indicator(id, !a.flag("restore"), actor, a.get("reason"));
  out(tr(a.flag("restore") ? "cli.indicator.restored" : "cli.indicator.retired", {{"id", id}}));
  return kOk;
}

int run_delete(const Args& a) {
  a.allow_only({"user", "reason"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const std::string id = a.positional(1, "cli.arg.indicator");
  const Actor actor = acting_user(a, *store);
  store->delete_indicator(id, actor, a.get("reason"));
  out(tr("cli.indicator.deleted", {{"id", id}}));
  return kOk;
}

Register reg_list{{"indicator list", "cli.usage.indicator_list", {"json"}, run_list}};
Register reg_define{{"indicator define", "cli.usage.indicator_define", {}, run_define}};
Register reg_retire{{"indicator retire", "cli.usage.indicator_retire", {"restore"}, run_retire}};
Register reg_delete{{"indicator delete", "cli.usage.indicator_delete", {}, run_delete}};

}  // namespace
}  // namespace jiceng::cli
