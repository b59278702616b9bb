#include "store/Store.hpp"

#include "store/AuditChain.hpp"
#include "store/AuditSigning.hpp"

#include <sodium.h>

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <unordered_map>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "model/Rules.hpp"
#include "store/Schema.hpp"
#include "store/StoreDetail.hpp"

namespace jiceng {

using sql::Stmt;

namespace {

// The first 16 bytes of every SQLite 3 file.
constexpr char kSqliteMagic[] = "SQLite format 3";

void check_is_sqlite(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) || std::filesystem::file_size(path, ec) == 0) return;
  std::ifstream f(path, std::ios::binary);
  char head[16] = {};
  f.read(head, 16);
  if (f.gcount() < 16 || std::string_view(head, 15) != kSqliteMagic)
    throw InputError(tr("store.not_sqlite"), Location{path});
}

std::string random_device_id() {
  std::random_device rd;
  char buf[24];
  std::snprintf(buf, sizeof buf, "dev-%08x%04x", rd(), rd() & 0xffff);
  return buf;
}

}  // namespace

// ---- Opening and transactions -------------------------------------------------------------

namespace {

// A write-protected file or folder: SQLite cannot make its -shm beside it, so a WAL database opens
// only as immutable, which is safe when no -wal holds commits the file does not have yet.
sqlite3* open_read_only(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK &&
      sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) == SQLITE_OK)
    return db;
  sqlite3_close(db);
  db = nullptr;
  std::error_code ec;
  if (std::filesystem::file_size(path + "-wal", ec) > 0 && !ec) return nullptr;
  char* uri = sqlite3_mprintf("file:%s?immutable=1", path.c_str());
  const int rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
  sqlite3_free(uri);
  if (rc == SQLITE_OK) return db;
  sqlite3_close(db);
  return nullptr;
}

}  // namespace

namespace {

// What the indicators table mirrors of a catalog, as a digest (libsodium's BLAKE2b).
std::string catalog_digest(const Catalog& catalog) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
  crypto_generichash_state h;
  crypto_generichash_init(&h, nullptr, 0, 16);
  for (const auto& ind : catalog.indicators())
    for (const std::string& field : {ind.id, ind.name, ind.section, ind.unit, std::string(to_string(ind.kind))})
      crypto_generichash_update(&h, reinterpret_cast<const unsigned char*>(field.c_str()), field.size() + 1);
  unsigned char out[16];
  crypto_generichash_final(&h, out, sizeof out);
  static const char* hex = "0123456789abcdef";
  std::string text;
  for (unsigned char b : out) text += {hex[b >> 4], hex[b & 15]};
  return text;
}

}  // namespace

// The catalog is mirrored into the database so values keep a foreign key to what they measure.
void Store::mirror_catalog() {
  Stmt up(db_, "INSERT INTO indicators(id, name, section, unit, kind) VALUES(?,?,?,?,?) "
               "ON CONFLICT(id) DO UPDATE SET name=excluded.name, section=excluded.section, "
               "unit=excluded.unit, kind=excluded.kind");
  for (const auto& ind : catalog().indicators())
    up.bind(1, ind.id).bind(2, ind.name).bind(3, ind.section).bind(4, ind.unit)
        .bind(5, std::string(to_string(ind.kind))).run();
  set_meta("catalog_digest", catalog_digest(catalog()));
}

std::unique_ptr<Store> Store::open(const std::string& path, const Catalog& catalog, Access access) {
  check_is_sqlite(path);
  std::error_code ec;
  if (access != Access::Create && !std::filesystem::exists(path, ec)) throw InputError(tr("store.absent"), Location{path});
  sqlite3* db = nullptr;
  if (access == Access::ReadOnly) {
    db = open_read_only(path);
    if (!db) throw InputError(tr("store.cannot_open", {{"reason", tr("store.read_only_unreadable")}}), Location{path});
  } else {
    const int flags = SQLITE_OPEN_READWRITE | (access == Access::Create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
      std::string reason = db ? sqlite3_errmsg(db) : "";
      sqlite3_close(db);
      throw InputError(tr("store.cannot_open", {{"reason", reason}}), Location{path});
    }
  }
  std::unique_ptr<Store> s(new Store(db, path, catalog));
  s->read_only_ = access == Access::ReadOnly;
  try {
    sql::exec(db, "PRAGMA busy_timeout = 5000");
    int version = int(sql::scalar_int(db, "PRAGMA user_version"));
    if (version > schema::kCurrent)
      throw InputError(tr("store.too_new", {{"version", std::to_string(version)},
                                            {"supported", std::to_string(schema::kCurrent)}}), Location{path});
    bool has_tables = sql::scalar_int(db, "SELECT count(*) FROM sqlite_schema") > 0;
    if (version == 0 && has_tables) throw InputError(tr("store.not_jiceng"), Location{path});
    // Checked before the first write, so a refused command leaves an empty file empty.
    if (version == 0 && access != Access::Create) throw InputError(tr("store.empty_file"), Location{path});
    if (access == Access::ReadOnly) {
      if (version < schema::kOldestReadable) throw InputError(tr("store.read_only_old"), Location{path});
      sql::exec(db, "PRAGMA query_only = ON");
      s->reload_catalog();
      return s;
    }
    sql::exec(db, "PRAGMA journal_mode = WAL");
    sql::exec(db, "PRAGMA foreign_keys = ON");
    sql::exec(db, "PRAGMA synchronous = NORMAL");
    // A file already migrated and mirroring this catalog is opened without writing: no transaction
    // on every start (in the browser each one is also a copy to IndexedDB).
    if (version == schema::kCurrent) {
      s->reload_catalog();
      if (s->meta("catalog_digest") == catalog_digest(s->catalog()) && !s->meta("device_id").empty()) return s;
    }
    s->transaction([&] {
      schema::migrate(db);
      s->reload_catalog();
      s->mirror_catalog();
      if (s->meta("device_id").empty()) s->set_meta("device_id", random_device_id());
      // Schema v12 signs entries; this device's older ones are signed now, so its history is whole.
      if (version < 12) sign_own_audit(*s);
    });
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    // SQLite says "file is not a database" for a damaged header: say it in Chinese with the file.
    throw InputError(tr("store.cannot_open", {{"reason", e.what()}}), Location{path});
  }
  return s;
}

Store::Store(sqlite3* db, std::string path, const Catalog& catalog)
    : db_(db), path_(std::move(path)), base_(catalog) {
  catalogs_.push_back(std::make_unique<Catalog>(catalog));
}

Store::~Store() { sqlite3_close_v2(db_); }

int Store::schema_version() { return schema::kCurrent; }

void Store::transaction(const std::function<void()>& fn) {
  figures_written_ = true;
  run_transaction(fn);
}

void Store::text_transaction(const std::function<void()>& fn) { run_transaction(fn); }

void Store::run_transaction(const std::function<void()>& fn) {
  if (tx_depth_ > 0) {
    ++tx_depth_;
    try { fn(); } catch (...) { --tx_depth_; throw; }
    --tx_depth_;
    return;
  }
  if (read_only_) {
    figures_written_ = false;
    throw InputError(tr("store.read_only"), Location{path_});
  }
  try {
    sql::exec(db_, "BEGIN IMMEDIATE");
  } catch (...) {  // busy past the timeout: nothing began, so nothing was written
    figures_written_ = false;
    throw;
  }
  tx_depth_ = 1;
  try {
    fn();
    sql::exec(db_, "COMMIT");
    tx_depth_ = 0;
    catalog_changed_ = false;
    if (figures_written_) ++revision_;
    figures_written_ = false;
  } catch (...) {
    tx_depth_ = 0;
    figures_written_ = false;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    // A town indicator written in the rolled-back transaction must leave catalog() too.
    if (catalog_changed_) {
      catalog_changed_ = false;
      try { reload_catalog(); } catch (...) {}
    }
    throw;
  }
}

// ---- Meta ---------------------------------------------------------------------------------

std::string Store::meta(const std::string& key, const std::string& fallback) const {
  Stmt st(db_, "SELECT value FROM meta WHERE key = ?");
  st.bind(1, key);
  return st.step() ? st.text(0) : fallback;
}

void Store::set_meta(const std::string& key, const std::string& value) {
  transaction([&] {
    Stmt(db_, "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key).bind(2, value).run();
  });
}

void Store::set_setting(const std::string& key, const std::string& value, const Actor& actor) {
  require_role(actor, {Role::Leader, Role::Admin});
  transaction([&] {
    const std::string old = meta(key);
    if (old == value) return;
    set_meta(key, value);
    nlohmann::json d = {{"key", key}, {"old", old}, {"new", value}};
    audit({0, {}, actor.user, actor.device, "set_setting", {}, {}, {}, {}, {}, {}, d.dump()});
  });
}

std::string Store::device_id() const {
  if (device_id_.empty()) device_id_ = meta("device_id");
  return device_id_;
}

bool Store::is_empty() const { return sql::scalar_int(db_, "SELECT count(*) FROM orgs") == 0; }

void Store::audit(const AuditEntry& e) {
  AuditEntry r = e;
  if (r.at.empty()) r.at = now_iso();
  if (r.device.empty()) r.device = device_id();
  Stmt st(db_, "INSERT INTO audit(at, user, device, action, org_id, indicator_id, period, old_value, "
               "new_value, reason, detail, hash, signature) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, r.at).bind(2, r.user).bind(3, r.device).bind(4, r.action).bind(5, r.org).bind(6, r.indicator)
      .bind(7, r.period).bind(8, r.old_value).bind(9, r.new_value).bind(10, r.reason).bind(11, r.detail)
      .bind(12, audit_hash(last_audit_hash(db_), r)).bind(13, AuditSigner(*this).sign(r)).run();
}

// ---- Organisations ------------------------------------------------------------------------

Org read_org(const Stmt& st) {
  Org o;
  o.id = st.int64(0);
  o.code = st.text(1);
  o.name = st.text(2);
  o.kind = parse_org_kind(st.text(3)).value_or(OrgKind::Unit);
  if (auto p = st.opt_int64(4)) o.parent = *p;
  o.sort = int(st.int64(5));
  return o;
}

std::vector<Org> Store::orgs() const {
  // Depth-first tree order, so every view lists a parent before its children; siblings by sort,
  // then code. One flat read ordered here: a recursive query that sorted each row's path as text
  // took 0.19 s for a province's 40 000 organisations.
  Stmt st(db_, "SELECT id, code, name, kind, parent_id, sort FROM orgs ORDER BY sort, code");
  std::vector<Org> all;
  while (st.step()) all.push_back(read_org(st));
  std::unordered_map<OrgId, std::vector<size_t>> children;  // in sibling order, from the query
  std::vector<size_t> roots;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].parent) children[*all[i].parent].push_back(i);
    else roots.push_back(i);
  }
  std::vector<Org> out;
  out.reserve(all.size());
  std::vector<size_t> stack(roots.rbegin(), roots.rend());
  while (!stack.empty()) {
    const size_t i = stack.back();
    stack.pop_back();
    out.push_back(all[i]);
    if (auto c = children.find(all[i].id); c != children.end()) stack.insert(stack.end(), c->second.rbegin(), c->second.rend());
  }
  return out;  // an organisation whose parent is gone (never, with foreign keys on) is left out, as before
}

std::optional<Org> Store::org(OrgId id) const {
  Stmt st(db_, "SELECT id, code, name, kind, parent_id, sort FROM orgs WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_org(st);
}

std::optional<Org> Store::find_org(std::string_view key) const {
  // Two indexed lookups rather than "code = ? OR name = ?", which SQLite answers with a scan.
  for (const char* column : {"code", "name"}) {
    Stmt st(db_, std::string("SELECT id, code, name, kind, parent_id, sort FROM orgs WHERE ") + column + " = ? LIMIT 1");
    st.bind(1, key);
    if (st.step()) return read_org(st);
  }
  return std::nullopt;
}

Org Store::require_org(std::string_view key, const Location& where) const {
  if (auto o = find_org(key)) return *o;
  throw InputError(tr("store.unknown_org", {{"org", std::string(key)}}), where);
}

std::optional<Org> Store::town() const {
  Stmt st(db_, "SELECT id, code, name, kind, parent_id, sort FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1");
  if (!st.step()) return std::nullopt;
  return read_org(st);
}

OrgId Store::add_org(const Org& o, const Actor& actor) {
  require_role(actor, {Role::Admin});
  if (o.code.empty() || o.name.empty()) throw InputError(tr("store.org_needs_code_and_name"), Location{{}, 0, "code"});
  if (find_org(o.code)) throw InputError(tr("store.duplicate_org", {{"code", o.code}}), Location{{}, 0, "code"});
  if (!o.parent && o.kind != OrgKind::Town) throw InputError(tr("store.org_needs_parent", {{"name", o.name}}));
  if (o.parent) {
    auto parent = org(*o.parent);
    if (!parent) throw InputError(tr("store.unknown_org", {{"org", std::to_string(*o.parent)}}));
    check_parent_kind(o, *parent);
  }
  OrgId id = 0;
  transaction([&] {
    Stmt(db_, "INSERT INTO orgs(code, name, kind, parent_id, sort) VALUES(?,?,?,?,?)")
        .bind(1, o.code).bind(2, o.name).bind(3, std::string(to_string(o.kind))).bind(4, o.parent)
        .bind(5, o.sort).run();
    id = sqlite3_last_insert_rowid(db_);
    nlohmann::json d = {{"code", o.code}, {"name", o.name}, {"kind", to_string(o.kind)}};
    audit({0, {}, actor.user, actor.device, "add_org", id, {}, {}, {}, {}, {}, d.dump()});
  });
  return id;
}

// ---- Targets ------------------------------------------------------------------------------

void Store::set_target(OrgId org_id, const std::string& indicator, int year, double value, const Actor& actor,
                       const std::string& reason) {
  require_role(actor, {Role::Leader, Role::Admin});
  const Indicator* ind = catalog().find(indicator);
  if (!ind) throw InputError(tr("store.unknown_indicator", {{"indicator", indicator}}), Location{{}, 0, "indicator"});
  if (!ind->has_target) throw InputError(tr("store.no_target", {{"name", ind->name}}), Location{{}, 0, "indicator"});
  value = check_value(*ind, value, Location{{}, 0, ind->name});
  transaction([&] {
    const std::optional<double> before = target(org_id, ind->id, year);
    if (before && *before == value) return;
    Stmt(db_, "INSERT INTO targets(org_id, indicator_id, year, value) VALUES(?,?,?,?) "
              "ON CONFLICT(org_id, indicator_id, year) DO UPDATE SET value = excluded.value")
        .bind(1, org_id).bind(2, ind->id).bind(3, year).bind(4, value).run();
    audit({0, {}, actor.user, actor.device, "set_target", org_id, ind->id, std::to_string(year), before, value, reason, {}});
  });
}

std::vector<Target> Store::targets(int year) const {
  std::vector<Target> out;
  scan_targets(year, [&](const TargetScan& t) { out.push_back({t.org, std::string(t.indicator), year, t.value}); });
  return out;
}

void Store::scan_targets(int year, const std::function<void(const TargetScan&)>& fn) const {
  Stmt st(db_, std::string(kScanTargets) + "WHERE year = ?");
  st.bind(1, year);
  scan_target_rows(st, fn);
}

std::optional<double> Store::target(OrgId org, const std::string& indicator, int year) const {
  Stmt st(db_, "SELECT value FROM targets WHERE org_id = ? AND indicator_id = ? AND year = ?");
  st.bind(1, org).bind(2, indicator).bind(3, year);
  return st.step() ? std::optional(st.real(0)) : std::nullopt;
}

std::vector<int> Store::years() const {
  // One seek per year through values_by_year and targets_by_year, instead of reading every value
  // and target (0.3 s at province scale).
  Stmt st(db_, "WITH RECURSIVE y(v) AS (SELECT min(year) FROM indicator_values UNION ALL "
               "SELECT (SELECT min(year) FROM indicator_values WHERE year > v) FROM y WHERE v IS NOT NULL), "
               "t(v) AS (SELECT min(year) FROM targets UNION ALL "
               "SELECT (SELECT min(year) FROM targets WHERE year > v) FROM t WHERE v IS NOT NULL) "
               "SELECT v FROM y WHERE v IS NOT NULL UNION SELECT v FROM t WHERE v IS NOT NULL ORDER BY 1");
  std::vector<int> out;
  while (st.step()) out.push_back(int(st.int64(0)));
  return out;
}

// ---- Audit --------------------------------------------------------------------------------

std::vector<AuditEntry> Store::history(const HistoryFilter& f) const {
  std::string q = "SELECT id, at, user, device, action, org_id, indicator_id, period, old_value, new_value, "
                  "reason, detail FROM audit WHERE (?1 IS NULL OR org_id = ?1) AND (?2 = '' OR indicator_id = ?2) "
                  "AND (?3 = '' OR period = ?3) ORDER BY id DESC";
  if (f.limit > 0) q += " LIMIT " + std::to_string(f.limit);
  Stmt st(db_, q);
  st.bind(1, f.org).bind(2, f.indicator).bind(3, f.period);
  std::vector<AuditEntry> out;
  while (st.step()) out.push_back(read_audit_entry(st));
  return out;
}

AuditEntry read_audit_entry(const Stmt& st) {
  AuditEntry e;
  e.id = st.int64(0);
  e.at = st.text(1);
  e.user = st.text(2);
  e.device = st.text(3);
  e.action = st.text(4);
  e.org = st.opt_int64(5);
  e.indicator = st.text(6);
  e.period = st.text(7);
  e.old_value = st.opt_real(8);
  e.new_value = st.opt_real(9);
  e.reason = st.text(10);
  e.detail = st.text(11);
  return e;
}

}  // namespace jiceng
