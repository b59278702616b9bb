#include "store/Outbox.hpp"

#include <sqlite3.h>

#include <filesystem>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "store/Store.hpp"

namespace jiceng {

using sql::Stmt;

void outbox_values(const Store& store, const std::string& destination, const std::string& orgs,
                   const std::function<void(const OutValue&)>& fn) {
  Stmt vals(store.handle(),
            "SELECT v.org_id, v.indicator_id, v.period, v.value, v.status, v.updated_at, v.updated_by, v.device, "
            "b.value, b.status FROM indicator_values v LEFT JOIN sync_base b ON b.peer = ?1 "
            "AND b.org_id = v.org_id AND b.indicator_id = v.indicator_id AND b.period = v.period "
            "WHERE v.org_id IN (SELECT value FROM json_each(?2))");
  vals.bind(1, destination).bind(2, orgs);
  while (vals.step())
    fn({vals.int64(0), vals.text(1), vals.text(2), vals.real(3), vals.text(4), vals.text(5), vals.text(6), vals.text(7),
        vals.opt_real(8), vals.text(9)});
  // Values removed here (an undo back to nothing) since they were sent.
  Stmt gone(store.handle(),
            "SELECT b.org_id, b.indicator_id, b.period, b.value, b.status FROM sync_base b WHERE b.peer = ?1 "
            "AND b.org_id IN (SELECT value FROM json_each(?2)) AND NOT EXISTS (SELECT 1 FROM indicator_values v "
            "WHERE v.org_id = b.org_id AND v.indicator_id = b.indicator_id AND v.period = b.period)");
  gone.bind(1, destination).bind(2, orgs);
  while (gone.step())
    fn({gone.int64(0), gone.text(1), gone.text(2), std::nullopt, {}, {}, {}, {}, gone.real(3), gone.text(4)});
}

std::unordered_map<std::string, std::string> sent_member_records(const Store& store, const std::string& destination) {
  std::unordered_map<std::string, std::string> out;
  Stmt mb(store.handle(), "SELECT uid, record FROM sync_member_base WHERE peer = ?");
  mb.bind(1, destination);
  while (mb.step()) out[mb.text(0)] = mb.text(1);
  return out;
}

std::vector<Target> targets_of(const Store& store, const std::string& orgs) {
  Stmt tg(store.handle(), "SELECT org_id, indicator_id, year, value FROM targets WHERE org_id IN "
                          "(SELECT value FROM json_each(?)) ORDER BY year, org_id, indicator_id");
  tg.bind(1, orgs);
  std::vector<Target> out;
  while (tg.step()) out.push_back({tg.int64(0), tg.text(1), int(tg.int64(2)), tg.real(3)});
  return out;
}

int64_t history_mark(const Store& store, const std::string& mark_key) {
  Stmt peer(store.handle(), "SELECT last_audit_id FROM sync_peers WHERE peer = ?");
  peer.bind(1, mark_key);
  return peer.step() ? peer.int64(0) : 0;
}

int64_t last_audit_id(const Store& store) {
  return sql::scalar_int(store.handle(), "SELECT coalesce(max(id), 0) FROM audit");
}

void audit_after(const Store& store, int64_t mark, const std::string& orgs,
                 const std::function<void(const AuditEntry&, const std::string&)>& fn) {
  Stmt au(store.handle(), "SELECT at, user, device, action, org_id, indicator_id, period, old_value, new_value, reason, "
                          "detail, signature FROM audit WHERE id > ?1 AND org_id IN (SELECT value FROM json_each(?2)) "
                          "ORDER BY id");
  au.bind(1, mark).bind(2, orgs);
  while (au.step())
    fn(AuditEntry{0, au.text(0), au.text(1), au.text(2), au.text(3), au.int64(4), au.text(5), au.text(6),
                  au.opt_real(7), au.opt_real(8), au.text(9), au.text(10)},
       au.text(11));
}

void remember_sent_values(Store& store, const std::string& destination, const std::vector<SentValue>& values) {
  Stmt put(store.handle(), "INSERT INTO sync_base(peer, org_id, indicator_id, period, value, status) VALUES(?,?,?,?,?,?) "
                           "ON CONFLICT(peer, org_id, indicator_id, period) DO UPDATE SET value = excluded.value, "
                           "status = excluded.status");
  Stmt del(store.handle(), "DELETE FROM sync_base WHERE peer = ? AND org_id = ? AND indicator_id = ? AND period = ?");
  for (const auto& v : values) {
    if (v.value)
      put.bind(1, destination).bind(2, v.org).bind(3, v.indicator).bind(4, v.period).bind(5, *v.value).bind(6, v.status).run();
    else
      del.bind(1, destination).bind(2, v.org).bind(3, v.indicator).bind(4, v.period).run();
  }
}

void remember_sent_members(Store& store, const std::string& destination,
                           const std::vector<std::pair<std::string, std::string>>& uid_records) {
  Stmt put(store.handle(), "INSERT INTO sync_member_base(peer, uid, record) VALUES(?,?,?) "
                           "ON CONFLICT(peer, uid) DO UPDATE SET record = excluded.record");
  Stmt del(store.handle(), "DELETE FROM sync_member_base WHERE peer = ? AND uid = ?");
  for (const auto& [uid, record] : uid_records) {
    if (record.empty()) del.bind(1, destination).bind(2, uid).run();
    else put.bind(1, destination).bind(2, uid).bind(3, record).run();
  }
}

void remember_history_mark(Store& store, const std::string& mark_key, int64_t audit_id, const std::string& at,
                           const std::string& package_id) {
  Stmt(store.handle(), "INSERT INTO sync_peers(peer, last_audit_id, last_export_at, last_package_id) VALUES(?,?,?,?) "
                       "ON CONFLICT(peer) DO UPDATE SET last_audit_id = excluded.last_audit_id, "
                       "last_export_at = excluded.last_export_at, last_package_id = excluded.last_package_id")
      .bind(1, mark_key).bind(2, audit_id).bind(3, at).bind(4, package_id).run();
}

void record_export(Store& store, const SentRow& r) {
  Stmt(store.handle(), "INSERT INTO sync_exports(package_id, exported_at, exported_by, destination, everything, roots, "
                       "file, counts) VALUES(?,?,?,?,?,?,?,?)")
      .bind(1, r.package).bind(2, r.at).bind(3, r.user).bind(4, r.destination).bind(5, int64_t(r.everything))
      .bind(6, r.roots).bind(7, r.file).bind(8, r.counts).run();
}

void copy_for_device(Store& town, const std::string& path, const std::string& device, const std::string& destination) {
  try {
    Stmt(town.handle(), "VACUUM INTO ?").bind(1, path).run();
  } catch (const std::exception& e) {
    throw InputError(tr("sync.clone.failed", {{"reason", e.what()}}), Location{path});
  }
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
    // In key order: left to itself SQLite reads the covering values_by_year, year by year, and
    // sync_base's key then takes its rows out of order (1.7x slower over three years).
    Stmt(db, "INSERT INTO sync_base(peer, org_id, indicator_id, period, value, status) "
             "SELECT ?, org_id, indicator_id, period, value, status FROM indicator_values "
             "ORDER BY org_id, indicator_id, period").bind(1, destination).run();
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
}

}  // namespace jiceng
