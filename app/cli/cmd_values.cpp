// jiceng-cli set / history: type one value, read the audit trail.
#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "Cli.hpp"
#include "model/Plausibility.hpp"
#include "model/Rules.hpp"
#include "store/AuditText.hpp"
#include "store/Store.hpp"

namespace jiceng::cli {
namespace {

int run_set(const Args& a) {
  a.allow_only({"org", "indicator", "period", "value", "user", "reason", "status", "confirm"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  ValueInput in;
  in.org = a.require("org");
  in.indicator = a.require("indicator");
  in.period = a.require("period");
  in.value = a.require("value");
  in.entry_unit = true;  // typed by a person: in the unit the form uses (元 for 党费)
  if (a.has("status")) {
    in.status = parse_value_status(a.get("status"));
    if (!in.status) throw UsageError{tr("cli.set.bad_status", {{"status", a.get("status")}})};
  }
  Org org = store->require_org(in.org, Location{{}, 0, tr("field.org")});
  const Indicator* ind = store->catalog().find(in.indicator);
  auto period = Period::parse(in.period);
  std::optional<ValueRecord> before;
  if (ind && period) before = store->value(org.id, ind->id, *period);
  size_t changed = 0;
  try {
    changed = store->enter_value(in, acting_user(a, *store), a.flag("confirm"), a.get("reason"));
  } catch (const ImplausibleValue& e) {
    err(tr("cli.set.implausible", {{"warning", e.warning().message}}));
    return kRejected;
  }
  auto after = store->value(org.id, ind->id, *period);
  auto typed = [&](double v) { return format_number(stored_to_typed(*ind, v), ind->has_entry_unit() ? ind->entry_decimals : 6); };
  std::string old_text = before ? typed(before->value) : tr("cli.none");
  out(tr(changed ? "cli.set.done" : "cli.set.unchanged",
         {{"org", org.name}, {"indicator", ind->name}, {"period", period->str()},
          {"value", typed(after->value)}, {"unit", ind->typed_unit()}, {"old", old_text}}));
  return kOk;
}

int run_history(const Args& a) {
  a.allow_only({"org", "indicator", "period", "limit", "json"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  HistoryFilter f;
  if (a.has("org")) f.org = store->require_org(a.get("org"), Location{{}, 0, "--org"}).id;
  if (a.has("indicator")) {
    const Indicator* ind = store->catalog().find(a.get("indicator"));
    if (!ind) throw InputError(tr("store.unknown_indicator", {{"indicator", a.get("indicator")}}), Location{{}, 0, "--indicator"});
    f.indicator = ind->id;
  }
  f.period = a.get("period");
  f.limit = a.get_int("limit", 0);
  auto entries = store->history(f);
  std::map<OrgId, Org> orgs;
  for (auto& o : store->orgs()) orgs[o.id] = o;
  auto org_name = [&](std::optional<OrgId> id) { return id && orgs.count(*id) ? orgs[*id].name : std::string(); };
  if (a.flag("json")) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& e : entries) {
      j.push_back({{"id", e.id}, {"at", e.at}, {"user", e.user}, {"device", e.device}, {"action", e.action},
                   {"org", e.org && orgs.count(*e.org) ? nlohmann::json(orgs[*e.org].code) : nlohmann::json(nullptr)},
                   {"indicator", e.indicator}, {"period", e.period},
                   {"old_value", e.old_value ? nlohmann::json(*e.old_value) : nlohmann::json(nullptr)},
                   {"new_value", e.new_value ? nlohmann::json(*e.new_value) : nlohmann::json(nullptr)},
                   {"reason", e.reason},
                   {"detail", e.detail.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(e.detail, nullptr, false)}});
    }
    out(j.dump(2));
    return kOk;
  }
  if (entries.empty()) { out(tr("cli.history.empty")); return kOk; }
  // The same lines as the app's histories (store/AuditText.hpp), each naming its organisation.
  const std::vector<AuditLine> lines = describe(*store, entries, true);
  for (size_t i = 0; i < entries.size(); ++i) {
    const AuditLine& l = lines[i];
    const std::string org = org_name(entries[i].org);
    out(tr("cli.history.line", {{"at", l.when}, {"user", l.who}, {"device", l.device},
                                {"what", org.empty() ? l.what : org + " " + l.what}, {"change", l.change},
                                {"reason", l.reason.empty() ? std::string() : tr("cli.history.reason", {{"reason", l.reason}})}}));
  }
  return kOk;
}

Register reg_set{{"set", "cli.usage.set", {"confirm"}, run_set}};
Register reg_history{{"history", "cli.usage.history", {"json"}, run_history}};

}  // namespace
}  // namespace jiceng::cli
