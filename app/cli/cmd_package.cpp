// jiceng-cli package export / import / info / clone / conflicts / resolve: exchanging data between
// tablets and the town office (core/sync, docs/SYNC.md).
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "Cli.hpp"
#include "store/Store.hpp"
#include "sync/Conflicts.hpp"
#include "sync/Export.hpp"
#include "sync/Import.hpp"

namespace jiceng::cli {
namespace {

using namespace jiceng::sync;

// The sender named in a package's header: an unchecked name (an export changes no figure here;
// the package's own authenticity is docs/SECURITY.md's subject).
Actor sender_of(const Args& a) { return Actor{a.get("user", "cli"), {}}; }
std::string num(std::optional<double> v) { return v ? format_number(*v, 6) : tr("sync.absent"); }

int run_export(const Args& a) {
  a.allow_only({"org", "to", "all", "open", "out", "user", "json"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const std::string file = a.require("out");
  ExportOptions o{a.all("org"), a.get("to", kDefaultDestination), a.flag("all"), sender_of(a), a.flag("open")};
  const ExportSummary s = export_package(*store, o, file);
  if (a.flag("json")) {
    out(nlohmann::json{{"file", file}, {"package", s.package_id}, {"destination", o.destination}, {"everything", o.everything},
                       {"orgs", s.orgs}, {"values", s.values}, {"removed", s.removed}, {"members", s.members},
                       {"targets", s.targets}, {"audit", s.audit}, {"sealed_for", s.sealed_for}}.dump(2));
    return kOk;
  }
  out(tr("sync.cli.exported", {{"file", file}, {"to", o.destination}, {"values", std::to_string(s.values)},
                               {"removed", std::to_string(s.removed)}, {"members", std::to_string(s.members)},
                               {"audit", std::to_string(s.audit)}}));
  out(sealing_text(*store, s));
  return kOk;
}

int run_import(const Args& a) {
  a.allow_only({"user", "json"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  a.positional(1, "sync.cli.arg.package");
  const Actor actor = acting_user(a, *store);
  nlohmann::json list = nlohmann::json::array();
  nlohmann::json totals = {{"added", 0}, {"updated", 0}, {"removed", 0}, {"unchanged", 0}, {"conflicts", 0}, {"rejected", 0}};
  // Each file is its own transaction: one refused package does not hold back the others.
  for (size_t i = 1; i < a.positional().size(); ++i) {
    const std::string& file = a.positional()[i];
    try {
      const ImportResult r = import_package_file(*store, file, actor);
      list.push_back(to_json(r));
      for (const char* k : {"added", "updated", "removed", "unchanged", "conflicts"}) totals[k] = totals[k].get<int>() + list.back()[k].get<int>();
      if (a.flag("json")) continue;
      if (r.already_imported) out(tr("sync.cli.already", {{"file", file}}));
      else
        out(tr("sync.cli.imported", {{"file", file}, {"town", r.from.name}, {"added", std::to_string(r.added)},
                                     {"updated", std::to_string(r.updated)}, {"removed", std::to_string(r.removed)},
                                     {"unchanged", std::to_string(r.unchanged)}, {"conflicts", std::to_string(r.conflicts)},
                                     {"members", std::to_string(r.members_added + r.members_updated + r.members_removed)}}));
      if (r.rule_conflicts > 0 && !r.already_imported)
        out(tr("sync.cli.rule_conflicts", {{"count", std::to_string(r.rule_conflicts)}}));
      if (r.indicators_received > 0) out(tr("sync.cli.indicators_received", {{"count", std::to_string(r.indicators_received)}}));
      for (const auto& c : r.indicator_conflicts) out(tr("sync.cli.indicator_conflict", {{"sentence", c}}));
    } catch (const InputError& e) {
      totals["rejected"] = totals["rejected"].get<int>() + 1;
      list.push_back({{"file", file}, {"rejected", true}, {"reason", e.describe()}});
      if (!a.flag("json")) err(tr("cli.rejected", {{"reason", e.describe()}}));
    }
  }
  if (a.flag("json")) out(nlohmann::json{{"packages", list}, {"totals", totals}}.dump(2));
  else
    out(tr("sync.cli.totals", {{"added", totals["added"].dump()}, {"updated", totals["updated"].dump()},
                               {"removed", totals["removed"].dump()}, {"unchanged", totals["unchanged"].dump()},
                               {"conflicts", totals["conflicts"].dump()}, {"rejected", totals["rejected"].dump()}}));
  return totals["rejected"].get<int>() > 0 ? kRejected : kOk;
}

// What the header of a package this command cannot open says: who sent it, and to whom.
int sealed_info(const Args& a, const ReadPackage& r, const std::string& file) {
  std::vector<std::string> to;
  for (const auto& x : r.recipients) to.push_back(x.device);
  if (a.flag("json")) {
    out(nlohmann::json{{"file", file}, {"sealed", true}, {"sha256", r.sha256}, {"bytes", r.bytes},
                       {"device", r.package.device}, {"sealed_for", to}, {"signed", true},
                       {"fingerprint", key_fingerprint(r.key)}}.dump(2));
    return kOk;
  }
  std::string list;
  for (const auto& d : to) list += (list.empty() ? "" : "、") + d;
  out(tr("sync.cli.info_sealed", {{"file", file}, {"device", r.package.device}, {"devices", list}, {"sha256", r.sha256},
                                  {"fingerprint", key_fingerprint(r.key)}}));
  return kOk;
}

int run_info(const Args& a) {
  a.allow_only({"db", "json"});
  const std::string file = a.positional(0, "sync.cli.arg.package");
  ReadPackage r = read_package(file);
  // A sealed package shows its contents only to a receiver: --db names that database.
  std::optional<DeviceKey> receiver;
  if (a.has("db")) receiver = stored_device_key(*open_existing(a.get("db")));
  if (r.sealed && receiver) open_package(r, *receiver, file);
  if (r.sealed) return sealed_info(a, r, file);
  const Package& p = r.package;
  size_t removed = 0;
  for (const auto& v : p.values) removed += !v.now.value;
  if (a.flag("json")) {
    out(nlohmann::json{{"file", file}, {"package", p.id}, {"sha256", r.sha256}, {"bytes", r.bytes},
                       {"town", {{"id", p.town.id}, {"code", p.town.code}, {"name", p.town.name}}},
                       {"device", p.device}, {"created_at", p.created_at}, {"created_by", p.created_by},
                       {"destination", p.destination}, {"everything", p.everything}, {"roots", p.roots},
                       {"orgs", p.orgs.size()}, {"values", p.values.size()}, {"removed", removed},
                       {"members", p.members.size()}, {"targets", p.targets.size()}, {"audit", p.audit.size()},
                       {"signed", !r.key.empty()}, {"fingerprint", r.key.empty() ? "" : key_fingerprint(r.key)}}.dump(2));
    return kOk;
  }
  std::string roots;
  for (const auto& s : p.roots) roots += (roots.empty() ? "" : "、") + s;
  out(tr("sync.cli.info", {{"file", file}, {"town", p.town.name}, {"code", p.town.code}, {"device", p.device},
                           {"by", p.created_by}, {"at", p.created_at}, {"to", p.destination}, {"roots", roots},
                           {"values", std::to_string(p.values.size())}, {"members", std::to_string(p.members.size())},
                           {"audit", std::to_string(p.audit.size())}, {"sha256", r.sha256},
                           {"fingerprint", r.key.empty() ? tr("sync.cli.unsigned") : key_fingerprint(r.key)}}));
  return kOk;
}

int run_clone(const Args& a) {
  a.allow_only({"out", "to", "user"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const std::string file = a.require("out");
  // A clone's key is trusted from then on (store/DeviceKeys.hpp): setting up a tablet is an admin's act.
  const Actor actor = acting_user(a, *store);
  if (actor.role != Role::Admin)
    throw InputError(tr("sync.sign.admin_only", {{"user", actor.user}, {"role", label(actor.role)}}));
  clone_for_device(*store, file, a.get("to", kDefaultDestination), actor);
  out(tr("sync.cli.cloned", {{"file", file}, {"device", Store::open(file)->device_id()}}));
  return kOk;
}

nlohmann::json conflict_json(const Store& s, const Conflict& c) {
  auto opt = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  const Indicator* ind = c.indicator.empty() ? nullptr : s.catalog().find(c.indicator);
  nlohmann::json j = {{"id", c.id}, {"kind", c.kind == ConflictKind::Member ? "member" : "value"}, {"org", c.org_name},
                      {"indicator", c.indicator}, {"indicator_name", ind ? ind->name : ""}, {"period", c.period},
                      {"base", opt(c.base)}, {"local", opt(c.local)}, {"current", opt(c.current)}, {"remote", opt(c.remote)},
                      {"remote_by", c.remote_by}, {"remote_at", c.remote_at}, {"remote_device", c.remote_device},
                      {"local_by", c.local_by}, {"local_at", c.local_at}, {"package", c.package_id}, {"rule", c.rule},
                      {"resolution", c.resolution ? nlohmann::json(*c.resolution) : nlohmann::json(nullptr)}};
  if (c.kind == ConflictKind::Member) {
    j["member"] = c.member_name;
    j["local_record"] = c.local_record.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(c.local_record);
    j["remote_record"] = c.remote_record.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(c.remote_record);
  }
  return j;
}

int run_conflicts(const Args& a) {
  a.allow_only({"all", "json"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const auto list = conflicts(*store, a.flag("all"));
  if (a.flag("json")) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& c : list) j.push_back(conflict_json(*store, c));
    out(j.dump(2));
    return kOk;
  }
  if (list.empty()) out(tr("sync.cli.no_conflicts"));
  for (const auto& c : list) {
    std::string what;
    if (c.kind == ConflictKind::Member) {
      what = tr("sync.member.label", {{"name", c.member_name}});
    } else {
      const Indicator* ind = store->catalog().find(c.indicator);
      what = (ind ? ind->name : c.indicator) + " " + c.period;
    }
    const std::string remote = c.kind == ConflictKind::Member ? c.remote_record : (c.remote ? num(c.remote) : tr("sync.removed"));
    const std::string local = c.kind == ConflictKind::Member ? c.local_record : num(c.current);
    out(tr("sync.cli.conflict_line", {{"id", std::to_string(c.id)}, {"org", c.org_name}, {"what", what},
                                      {"base", c.kind == ConflictKind::Member ? "-" : num(c.base)}, {"local", local},
                                      {"remote", remote}, {"by", c.remote_by}, {"device", c.remote_device},
                                      {"state", c.resolution ? tr("sync.choice." + *c.resolution) : tr("sync.cli.open")}}));
    if (!c.rule.empty()) out(tr("sync.cli.conflict_rule", {{"rule", c.rule}}));
  }
  return kOk;
}

int run_resolve(const Args& a) {
  a.allow_only({"keep", "value", "reason", "user"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const std::string id_text = a.positional(1, "sync.cli.arg.conflict");
  int64_t id = 0;
  try {
    id = std::stoll(id_text);
  } catch (const std::exception&) {
    throw UsageError{tr("sync.cli.bad_id", {{"id", id_text}})};
  }
  if (a.has("keep") == a.has("value")) throw UsageError{tr("sync.cli.keep_or_value")};
  Choice choice = Choice::Typed;
  if (a.has("keep")) {
    auto c = parse_choice(a.get("keep"));
    if (!c || *c == Choice::Typed) throw UsageError{tr("sync.cli.keep_or_value")};
    choice = *c;
  }
  resolve_conflict(*store, id, choice, a.get("value"), acting_user(a, *store), a.get("reason"));
  auto c = conflict(*store, id);
  out(tr("sync.cli.resolved", {{"id", id_text}, {"choice", tr("sync.choice." + std::string(to_string(choice)))},
                               {"value", c && c->resolved_value ? num(c->resolved_value) : "-"}}));
  return kOk;
}

Register export_cmd{{"package export", "sync.cli.usage.export", {"all", "open", "json"}, run_export}};
Register import_cmd{{"package import", "sync.cli.usage.import", {"json"}, run_import}};
Register info_cmd{{"package info", "sync.cli.usage.info", {"json"}, run_info}};
Register clone_cmd{{"package clone", "sync.cli.usage.clone", {}, run_clone}};
Register conflicts_cmd{{"package conflicts", "sync.cli.usage.conflicts", {"all", "json"}, run_conflicts}};
Register resolve_cmd{{"package resolve", "sync.cli.usage.resolve", {}, run_resolve}};

}  // namespace
}  // namespace jiceng::cli
