#include "sync/Export.hpp"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "store/DeviceKeys.hpp"
#include "store/Devices.hpp"
#include "store/Outbox.hpp"
#include "store/Store.hpp"
#include "sync/Members.hpp"

namespace jiceng::sync {

namespace {

struct OrgScope {
  std::unordered_set<OrgId> chosen;  // the chosen organisations and everything under them
  std::vector<Org> listed;           // chosen + their ancestors, tree order
  std::unordered_map<OrgId, std::string> code;
  std::vector<std::string> roots;
};

OrgScope scope_of(const Store& store, const std::vector<std::string>& names) {
  OrgScope s;
  const auto all = store.orgs();
  std::unordered_map<OrgId, const Org*> by_id;
  for (const auto& o : all) {
    by_id[o.id] = &o;
    s.code[o.id] = o.code;
  }
  std::vector<OrgId> roots;
  if (names.empty()) {
    if (auto t = store.town()) roots.push_back(t->id);
  } else {
    for (const auto& n : names) roots.push_back(store.require_org(n, Location{{}, 0, "--org"}).id);
  }
  for (OrgId r : roots) s.roots.push_back(s.code[r]);
  // Tree order lists a parent before its children, so one pass finds every subtree.
  std::unordered_set<OrgId> root_set(roots.begin(), roots.end());
  for (const auto& o : all)
    if (root_set.count(o.id) || (o.parent && s.chosen.count(*o.parent))) s.chosen.insert(o.id);
  std::unordered_set<OrgId> listed = s.chosen;
  for (OrgId r : roots)
    for (auto p = by_id[r]->parent; p; p = by_id[*p]->parent) listed.insert(*p);
  for (const auto& o : all)
    if (listed.count(o.id)) s.listed.push_back(o);
  return s;
}

// History is sent once per destination and choice of organisations: a tablet that exports one
// village and then another must not skip the second village's entries because of the first.
std::string audit_mark_key(const std::string& destination, std::vector<std::string> roots) {
  std::sort(roots.begin(), roots.end());
  std::string key = destination + '|';
  for (const auto& r : roots) key += r + ',';
  return key;
}

// A clerk sends only what they enter data for: each chosen organisation lies within their
// organisations, and the whole town is not theirs to send. Leaders and admins send anything.
void require_export_right(const Store& store, const Actor& actor, const std::vector<std::string>& names) {
  if (actor.role != Role::Clerk) return;
  if (names.empty()) throw InputError(tr("sync.export.clerk_whole_town", {{"user", actor.user}}), Location{{}, 0, "--org"});
  for (const auto& n : names) {
    const Org o = store.require_org(n, Location{{}, 0, "--org"});
    bool mine = false;
    for (OrgId s : actor.scope) mine = mine || store.is_within(o.id, s);
    if (!mine) throw InputError(tr("sync.export.not_allowed", {{"user", actor.user}, {"org", o.name}}), Location{{}, 0, "--org"});
  }
}

}  // namespace

std::vector<DeviceKey> receivers(const Store& store) {
  std::vector<DeviceKey> out;
  for (auto& k : registered_keys(store))
    if (k.device != store.device_id() && k.how != "revoked" && can_receive(k.public_key))
      out.push_back({k.device, k.public_key, {}});
  return out;
}

namespace {
bool open_package_for(const ExportOptions& options) {
  return options.open || options.destination == kCountyDestination;
}
}  // namespace

std::string sealing_text(const Store& store, const ExportSummary& summary) {
  if (summary.sealed_for.empty()) return tr("sync.export.open");
  std::string names;
  for (const auto& d : summary.sealed_for) {
    std::string name = device_name(store, d);
    // A tablet knows the office it was cloned from, even when nobody named it there.
    if (name.empty() && store.meta("clone_of") == d) name = tr("sync.export.office");
    names += (names.empty() ? "" : "、") + device_label({{d, name}}, d);
  }
  return tr("sync.export.sealed_for", {{"devices", names}});
}

Package build_package(Store& store, const ExportOptions& options) {
  require_export_right(store, options.actor, options.orgs);
  const OrgScope scope = scope_of(store, options.orgs);
  Package p;
  p.personal = !open_package_for(options) && !receivers(store).empty();
  p.id = random_hex_id();
  p.created_at = now_iso();
  p.created_by = options.actor.user;
  p.device = store.device_id();
  p.device_name = device_name(store, p.device);
  p.destination = options.destination;
  p.everything = options.everything;
  p.town = town_identity(store);
  p.roots = scope.roots;
  for (const auto& o : scope.listed) {
    std::string parent = o.parent ? scope.code.at(*o.parent) : std::string();
    p.orgs.push_back({o.code, o.name, std::string(to_string(o.kind)), parent, o.sort});
  }

  // Values: every current value of the scope that differs from what was last sent there.
  // The chosen organisations as a JSON array, so each query reads only their rows by index.
  const std::string chosen = nlohmann::json(std::vector<OrgId>(scope.chosen.begin(), scope.chosen.end())).dump();
  outbox_values(store, options.destination, chosen, [&](const OutValue& o) {
    PackageValue v;
    if (o.value) v.now = {o.value, o.status};
    if (o.base) v.base = {o.base, o.base_status};
    if (!options.everything && v.now == v.base) return;
    v.org = scope.code.at(o.org);
    v.indicator = o.indicator;
    v.period = o.period;
    v.updated_at = o.at;
    v.updated_by = o.by;
    v.device = o.device;
    p.values.push_back(std::move(v));
  });

  // Members of the scope's branches, by uid, against the records last sent.
  const auto base = sent_member_records(store, options.destination);
  std::unordered_set<std::string> chosen_codes;
  for (OrgId id : scope.chosen) chosen_codes.insert(scope.code.at(id));
  const auto members = members_by_uid(store);
  for (const auto& [uid, m] : members) {
    if (!scope.chosen.count(m.branch)) continue;
    auto b = base.find(uid);
    std::string before = b == base.end() ? std::string() : b->second;
    // Open, a member goes only when what the figures count changed (a name is not sent anyway).
    if (!p.personal) before = without_personal(before);
    // A member without a name here (it came in an open package) goes without personal fields
    // even when sealed: the receiver keeps the name it has instead of taking a blank one.
    const bool personal = p.personal && !record_name(m.record).empty();
    const std::string record = personal ? m.record : without_personal(m.record);
    if (!options.everything && before == record) continue;
    p.members.push_back({uid, record, before});
  }
  for (const auto& [uid, record] : base) {
    if (members.count(uid)) continue;
    nlohmann::json j = nlohmann::json::parse(record, nullptr, false);
    if (j.is_object() && chosen_codes.count(j.value("branch", "")))
      p.members.push_back({uid, {}, p.personal ? record : without_personal(record)});
  }

  for (const auto& t : targets_of(store, chosen)) p.targets.push_back({scope.code.at(t.org), t.indicator, t.year, t.value});

  // The town's own definitions, every one (they are few, and the receiver may lack any), with
  // deleted ones so their ids stay reserved there too.
  for (const auto& s : store.town_sections()) p.sections.push_back({s.id, s.name});
  for (const auto& t : store.town_indicators()) p.indicators.push_back({t.id, t.definition, t.state, t.defined_at, t.defined_by});

  // The history of the scope since the last export there (all of it for everything).
  int64_t mark = options.everything ? 0 : std::stoll(store.meta("sync_history_shared", "0"));
  if (!options.everything) mark = std::max(mark, history_mark(store, audit_mark_key(options.destination, scope.roots)));
  audit_after(store, mark, chosen, [&](const AuditEntry& a, const std::string& signature) {
    p.audit.push_back({a.at, a.user, a.device, a.action, scope.code.at(*a.org), a.indicator, a.period, a.old_value,
                       a.new_value, a.reason, p.personal ? a.detail : without_personal_detail(a.detail), signature});
  });
  return p;
}

ExportSummary export_package(Store& store, const ExportOptions& options, const std::string& path) {
  ExportSummary sum;
  store.transaction([&] {
    const int64_t audit_max = last_audit_id(store);
    Package p = build_package(store, options);
    const DeviceKey own = own_device_key(store);
    std::vector<DeviceKey> to = p.personal ? receivers(store) : std::vector<DeviceKey>();
    for (const auto& k : to) sum.sealed_for.push_back(k.device);
    // This device can open what it sent (package info --db, a plain copy of this file).
    if (!to.empty()) to.push_back({own.device, own.public_key, {}});
    write_package(p, own, path, to);
    // The destination now holds what was sent: the next package carries only later changes.
    std::unordered_map<std::string, OrgId> org_by_code;
    for (const auto& o : store.orgs()) org_by_code[o.code] = o.id;
    std::vector<SentValue> values;
    for (const auto& v : p.values) {
      values.push_back({org_by_code.at(v.org), v.indicator, v.period, v.now.value, v.now.status});
      ++(v.now.value ? sum.values : sum.removed);
    }
    remember_sent_values(store, options.destination, values);
    const auto sent_before = sent_member_records(store, options.destination);
    std::vector<std::pair<std::string, std::string>> members;
    for (const auto& m : p.members) {
      // A record sent without personal fields leaves the receiver's as they were: the base keeps
      // the ones last sent, so the next sealed package sends a name only when it changed here.
      auto before = sent_before.find(m.uid);
      members.emplace_back(m.uid, m.record.empty() ? std::string()
                                                   : with_personal(m.record, before == sent_before.end() ? std::string()
                                                                                                         : before->second));
    }
    remember_sent_members(store, options.destination, members);
    remember_history_mark(store, audit_mark_key(options.destination, p.roots), audit_max, p.created_at, p.id);
    sum.package_id = p.id;
    sum.orgs = p.orgs.size();
    sum.members = p.members.size();
    sum.targets = p.targets.size();
    sum.audit = p.audit.size();
    const std::string file = file_name_text(path);
    nlohmann::json d = {{"package", p.id},       {"destination", options.destination}, {"everything", options.everything},
                        {"values", sum.values},  {"removed", sum.removed},              {"members", sum.members},
                        {"audit", sum.audit},    {"file", file},                       {"sealed_for", sum.sealed_for}};
    // What the package held, for the exchange screen's history (sync/History.hpp).
    const nlohmann::json counts = {{"orgs", sum.orgs},       {"values", sum.values}, {"removed", sum.removed},
                                   {"members", sum.members}, {"targets", sum.targets}, {"audit", sum.audit}};
    record_export(store, {p.id, p.created_at, options.actor.user, options.destination, options.everything,
                          nlohmann::json(p.roots).dump(), file, counts.dump()});
    store.record_audit({0, p.created_at, options.actor.user, options.actor.device, "export_package", std::nullopt, {},
                        {}, {}, {}, {}, d.dump()});
  });
  return sum;
}

void clone_for_device(Store& town, const std::string& path, const std::string& destination, const Actor& actor) {
  if (std::filesystem::exists(path)) throw InputError(tr("sync.clone.exists"), Location{path});
  const std::string device = "dev-" + random_hex_id(8);
  // The copy signs as itself: a key pair of its own, known to the office from now on, and it
  // knows the office's key (store/DeviceKeys.hpp).
  const DeviceKey tablet_key = new_device_key(device);
  const DeviceKey office_key = own_device_key(town);
  copy_for_device(town, path, device, destination);
  // Member records need the store's view of them (codes, uids): fill their base through it.
  auto copy = Store::open(path, town.catalog());
  copy->transaction([&] {
    std::vector<std::pair<std::string, std::string>> base;
    for (const auto& [uid, m] : members_by_uid(*copy)) base.emplace_back(uid, m.record);
    remember_sent_members(*copy, destination, base);
    keep_own_device_key(*copy, tablet_key);
    register_device_key(*copy, office_key.device, office_key.public_key, "clone", actor);
  });
  nlohmann::json d = {{"device", device}, {"file", file_name_text(path)}};
  town.transaction([&] {
    town.record_audit({0, {}, actor.user, actor.device, "clone_device", std::nullopt, {}, {}, {}, {}, {}, d.dump()});
    register_device_key(town, device, tablet_key.public_key, "clone", actor);
  });
}

}  // namespace jiceng::sync
