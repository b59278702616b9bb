#include "sync/Export.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "store/DeviceKeys.hpp"
#include "store/Devices.hpp"
#include "store/Store.hpp"
#include "sync/Members.hpp"

namespace jiceng::sync {

using sql::Stmt;

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
  sqlite3* db = store.handle();
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
  Stmt vals(db, "SELECT v.org_id, v.indicator_id, v.period, v.value, v.status, v.updated_at, v.updated_by, v.device, "
                "b.value, b.status FROM indicator_values v LEFT JOIN sync_base b ON b.peer = ?1 "
                "AND b.org_id = v.org_id AND b.indicator_id = v.indicator_id AND b.period = v.period "
                "WHERE v.org_id IN (SELECT value FROM json_each(?2))");
  vals.bind(1, options.destination).bind(2, chosen);
  while (vals.step()) {
    const OrgId org = vals.int64(0);
    PackageValue v;
    v.now = {vals.real(3), vals.text(4)};
    if (!vals.is_null(8)) v.base = {vals.real(8), vals.text(9)};
    if (!options.everything && v.now == v.base) continue;
    v.org = scope.code.at(org);
    v.indicator = vals.text(1);
    v.period = vals.text(2);
    v.updated_at = vals.text(5);
    v.updated_by = vals.text(6);
    v.device = vals.text(7);
    p.values.push_back(std::move(v));
  }
  // Values removed here (an undo back to nothing) since they were sent.
  Stmt gone(db, "SELECT b.org_id, b.indicator_id, b.period, b.value, b.status FROM sync_base b WHERE b.peer = ?1 "
                "AND b.org_id IN (SELECT value FROM json_each(?2)) AND NOT EXISTS (SELECT 1 FROM indicator_values v "
                "WHERE v.org_id = b.org_id AND v.indicator_id = b.indicator_id AND v.period = b.period)");
  gone.bind(1, options.destination).bind(2, chosen);
  while (gone.step()) {
    const OrgId org = gone.int64(0);
    PackageValue v;
    v.org = scope.code.at(org);
    v.indicator = gone.text(1);
    v.period = gone.text(2);
    v.base = {gone.real(3), gone.text(4)};
    p.values.push_back(std::move(v));
  }

  // Members of the scope's branches, by uid, against the records last sent.
  std::unordered_map<std::string, std::string> base;
  Stmt mb(db, "SELECT uid, record FROM sync_member_base WHERE peer = ?");
  mb.bind(1, options.destination);
  while (mb.step()) base[mb.text(0)] = mb.text(1);
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

  Stmt tg(db, "SELECT org_id, indicator_id, year, value FROM targets WHERE org_id IN (SELECT value FROM json_each(?)) "
              "ORDER BY year, org_id, indicator_id");
  tg.bind(1, chosen);
  while (tg.step()) p.targets.push_back({scope.code.at(tg.int64(0)), tg.text(1), int(tg.int64(2)), tg.real(3)});

  // The town's own definitions, every one (they are few, and the receiver may lack any), with
  // deleted ones so their ids stay reserved there too.
  for (const auto& s : store.town_sections()) p.sections.push_back({s.id, s.name});
  for (const auto& t : store.town_indicators()) p.indicators.push_back({t.id, t.definition, t.state, t.defined_at, t.defined_by});

  // The history of the scope since the last export there (all of it for everything).
  int64_t mark = options.everything ? 0 : std::stoll(store.meta("sync_history_shared", "0"));
  if (!options.everything) {
    Stmt peer(db, "SELECT last_audit_id FROM sync_peers WHERE peer = ?");
    peer.bind(1, audit_mark_key(options.destination, scope.roots));
    if (peer.step()) mark = std::max(mark, peer.int64(0));
  }
  Stmt au(db, "SELECT at, user, device, action, org_id, indicator_id, period, old_value, new_value, reason, detail, "
              "signature FROM audit WHERE id > ?1 AND org_id IN (SELECT value FROM json_each(?2)) ORDER BY id");
  au.bind(1, mark).bind(2, chosen);
  while (au.step()) {
    const OrgId org = au.int64(4);
    p.audit.push_back({au.text(0), au.text(1), au.text(2), au.text(3), scope.code.at(org), au.text(5), au.text(6),
                       au.opt_real(7), au.opt_real(8), au.text(9),
                       p.personal ? au.text(10) : without_personal_detail(au.text(10)), au.text(11)});
  }
  return p;
}

ExportSummary export_package(Store& store, const ExportOptions& options, const std::string& path) {
  ExportSummary sum;
  sqlite3* db = store.handle();
  store.transaction([&] {
    const int64_t audit_max = sql::scalar_int(db, "SELECT coalesce(max(id), 0) FROM audit");
    Package p = build_package(store, options);
    const DeviceKey own = own_device_key(store);
    std::vector<DeviceKey> to = p.personal ? receivers(store) : std::vector<DeviceKey>();
    for (const auto& k : to) sum.sealed_for.push_back(k.device);
    // This device can open what it sent (package info --db, a plain copy of this file).
    if (!to.empty()) to.push_back({own.device, own.public_key, {}});
    write_package(p, own, path, to);
    // The destination now holds what was sent: the next package carries only later changes.
    std::unordered_map<std::string, OrgId> org_by_code;
    Stmt codes(db, "SELECT code, id FROM orgs");
    while (codes.step()) org_by_code[codes.text(0)] = codes.int64(1);
    Stmt put(db, "INSERT INTO sync_base(peer, org_id, indicator_id, period, value, status) VALUES(?,?,?,?,?,?) "
                 "ON CONFLICT(peer, org_id, indicator_id, period) DO UPDATE SET value = excluded.value, status = excluded.status");
    Stmt del(db, "DELETE FROM sync_base WHERE peer = ? AND org_id = ? AND indicator_id = ? AND period = ?");
    for (const auto& v : p.values) {
      const OrgId org = org_by_code.at(v.org);
      if (v.now.value) {
        put.bind(1, options.destination).bind(2, org).bind(3, v.indicator).bind(4, v.period).bind(5, *v.now.value)
            .bind(6, v.now.status).run();
        ++sum.values;
      } else {
        del.bind(1, options.destination).bind(2, org).bind(3, v.indicator).bind(4, v.period).run();
        ++sum.removed;
      }
    }
    Stmt mput(db, "INSERT INTO sync_member_base(peer, uid, record) VALUES(?,?,?) "
                  "ON CONFLICT(peer, uid) DO UPDATE SET record = excluded.record");
    Stmt mdel(db, "DELETE FROM sync_member_base WHERE peer = ? AND uid = ?");
    Stmt mold(db, "SELECT record FROM sync_member_base WHERE peer = ? AND uid = ?");
    for (const auto& m : p.members) {
      if (m.record.empty()) {
        mdel.bind(1, options.destination).bind(2, m.uid).run();
        continue;
      }
      // A record sent without personal fields leaves the receiver's as they were: the base keeps
      // the ones last sent, so the next sealed package sends a name only when it changed here.
      mold.bind(1, options.destination).bind(2, m.uid);
      const std::string before = mold.step() ? mold.text(0) : std::string();
      mold.reset();
      mput.bind(1, options.destination).bind(2, m.uid).bind(3, with_personal(m.record, before)).run();
    }
    Stmt(db, "INSERT INTO sync_peers(peer, last_audit_id, last_export_at, last_package_id) VALUES(?,?,?,?) "
             "ON CONFLICT(peer) DO UPDATE SET last_audit_id = excluded.last_audit_id, "
             "last_export_at = excluded.last_export_at, last_package_id = excluded.last_package_id")
        .bind(1, audit_mark_key(options.destination, p.roots)).bind(2, audit_max).bind(3, p.created_at).bind(4, p.id).run();
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
    Stmt(db, "INSERT INTO sync_exports(package_id, exported_at, exported_by, destination, everything, roots, file, counts) "
             "VALUES(?,?,?,?,?,?,?,?)")
        .bind(1, p.id).bind(2, p.created_at).bind(3, options.actor.user).bind(4, options.destination)
        .bind(5, int64_t(options.everything)).bind(6, nlohmann::json(p.roots).dump()).bind(7, file).bind(8, counts.dump())
        .run();
    store.record_audit({0, p.created_at, options.actor.user, options.actor.device, "export_package", std::nullopt, {},
                        {}, {}, {}, {}, d.dump()});
  });
  return sum;
}

void clone_for_device(Store& town, const std::string& path, const std::string& destination, const Actor& actor) {
  if (std::filesystem::exists(path)) throw InputError(tr("sync.clone.exists"), Location{path});
  // VACUUM INTO writes a consistent, compact copy even while the town file is open (WAL).
  try {
    Stmt(town.handle(), "VACUUM INTO ?").bind(1, path).run();
  } catch (const std::exception& e) {
    throw InputError(tr("sync.clone.failed", {{"reason", e.what()}}), Location{path});
  }
  const std::string device = "dev-" + random_hex_id(8);
  // The copy signs as itself: a key pair of its own, known to the office from now on, and it
  // knows the office's key (store/DeviceKeys.hpp).
  const DeviceKey tablet_key = new_device_key(device);
  const DeviceKey office_key = own_device_key(town);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw InputError(tr("sync.clone.failed", {{"reason", "open"}}), Location{path});
  }
  try {
    // A copy is another installation: its own device id; in step with the town as of now.
    sql::exec(db, "BEGIN");
    Stmt(db, "UPDATE meta SET value = ? WHERE key = 'device_id'").bind(1, device).run();
    // Marks the file as one tablet's copy: opened on that tablet it is taken as it is, with the
    // device id and key the office registered (gui/Towns.cpp start_from_database).
    Stmt(db, "INSERT INTO meta(key, value) VALUES('clone_of', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, town.device_id()).run();
    // The town's own exchanges and open conflicts are the town's business, not the tablet's.
    sql::exec(db, "DELETE FROM sync_base; DELETE FROM sync_member_base; DELETE FROM sync_peers; DELETE FROM sync_conflicts; "
                 "DELETE FROM sync_exports");
    // The tablet trusts (and seals for) the office alone: a tablet the office revokes later must
    // not stay a receiver of the other tablets' packages.
    sql::exec(db, "DELETE FROM device_keys");
    Stmt(db, "INSERT INTO sync_base(peer, org_id, indicator_id, period, value, status) "
             "SELECT ?, org_id, indicator_id, period, value, status FROM indicator_values").bind(1, destination).run();
    // History up to now is shared; every choice of organisations starts after it.
    Stmt(db, "INSERT INTO meta(key, value) VALUES('sync_history_shared', (SELECT coalesce(max(id), 0) FROM audit)) "
             "ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
    sql::exec(db, "COMMIT");
  } catch (...) {
    sqlite3_close(db);
    std::error_code ec;
    std::filesystem::remove(path, ec);
    throw;
  }
  sqlite3_close(db);
  // Member records need the store's view of them (codes, uids): fill their base through it.
  auto copy = Store::open(path, town.catalog());
  copy->transaction([&] {
    Stmt put(copy->handle(), "INSERT OR REPLACE INTO sync_member_base(peer, uid, record) VALUES(?,?,?)");
    for (const auto& [uid, m] : members_by_uid(*copy)) put.bind(1, destination).bind(2, uid).bind(3, m.record).run();
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
