#include "store/Replica.hpp"

#include <sqlite3.h>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "store/AuditChain.hpp"
#include "store/Store.hpp"
#include "store/StoreDetail.hpp"

namespace jiceng {

using sql::Stmt;

struct ReplicaWriter::Statements {
  Stmt seen_package, org_by_code, audit_since, audit_ins, values_of_org, value_one, value_ins, value_upd, value_del,
      decided, member_decided, seen_audit, target_ins;
  explicit Statements(sqlite3* db)
      : seen_package(db, "SELECT 1 FROM sync_imports WHERE package_id = ?"),
        org_by_code(db, "SELECT id, kind FROM orgs WHERE code = ?"),
        audit_since(db, "SELECT indicator_id, period, at, device, user, action, old_value, new_value FROM audit "
                        "WHERE org_id = ? AND at >= ?"),
        audit_ins(db, "INSERT INTO audit(at, user, device, action, org_id, indicator_id, period, old_value, new_value, "
                      "reason, detail, hash, signature) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        values_of_org(db, "SELECT indicator_id, period, value, status, updated_at, updated_by, device "
                          "FROM indicator_values WHERE org_id = ?"),
        value_one(db, "SELECT indicator_id, period, value, status, updated_at, updated_by, device "
                      "FROM indicator_values WHERE org_id = ? AND indicator_id = ? AND period = ?"),
        value_ins(db, "INSERT INTO indicator_values(org_id, indicator_id, period, year, value, status, updated_at, "
                      "updated_by, device) VALUES(?,?,?,?,?,?,?,?,?)"),
        value_upd(db, "UPDATE indicator_values SET value = ?4, status = ?5, updated_at = ?6, updated_by = ?7, device = ?8 "
                      "WHERE org_id = ?1 AND indicator_id = ?2 AND period = ?3"),
        value_del(db, "DELETE FROM indicator_values WHERE org_id = ? AND indicator_id = ? AND period = ?"),
        decided(db, "SELECT 1 FROM sync_conflicts WHERE org_id = ? AND indicator_id = ? AND period = ? AND remote_value IS ? "
                    "AND remote_at = ? AND remote_device = ? AND resolution IS NOT NULL LIMIT 1"),
        member_decided(db, "SELECT 1 FROM sync_conflicts WHERE kind = 'member' AND member_uid = ? AND remote_record = ? "
                           "AND resolution IS NOT NULL LIMIT 1"),
        seen_audit(db, "SELECT 1 FROM audit WHERE org_id = ? AND indicator_id = ? AND period = ? AND at = ? AND user = ? "
                       "AND device = ? AND new_value IS ? AND id <= ? LIMIT 1"),
        target_ins(db, "INSERT OR IGNORE INTO targets(org_id, indicator_id, year, value) VALUES(?,?,?,?)") {}

  // A query that answers yes or no, left ready for its next use.
  static bool any(Stmt& st) {
    const bool found = st.step();
    st.reset();
    return found;
  }
};

namespace {

constexpr const char* kSelect =
    "SELECT c.id, c.kind, c.package_id, c.org_id, coalesce(o.name, ''), c.indicator_id, c.period, c.member_uid, "
    "c.base_value, c.base_status, c.local_value, c.local_status, c.remote_value, c.remote_status, "
    "c.local_at, c.local_by, c.local_device, c.remote_at, c.remote_by, c.remote_device, c.local_record, "
    "c.remote_record, c.created_at, c.resolution, c.resolved_value, c.resolved_at, c.resolved_by, c.reason, v.value, c.rule "
    "FROM sync_conflicts c LEFT JOIN orgs o ON o.id = c.org_id LEFT JOIN indicator_values v "
    "ON v.org_id = c.org_id AND v.indicator_id = c.indicator_id AND v.period = c.period ";

Conflict read_conflict(const Stmt& st) {
  Conflict c;
  c.id = st.int64(0);
  c.kind = st.text(1) == "member" ? ConflictKind::Member : ConflictKind::Value;
  c.package_id = st.text(2);
  c.org = st.int64(3);
  c.org_name = st.text(4);
  c.indicator = st.text(5);
  c.period = st.text(6);
  c.member_uid = st.text(7);
  c.base = st.opt_real(8);
  c.base_status = st.text(9);
  c.local = st.opt_real(10);
  c.local_status = st.text(11);
  c.remote = st.opt_real(12);
  c.remote_status = st.text(13);
  c.local_at = st.text(14);
  c.local_by = st.text(15);
  c.local_device = st.text(16);
  c.remote_at = st.text(17);
  c.remote_by = st.text(18);
  c.remote_device = st.text(19);
  c.local_record = st.text(20);
  c.remote_record = st.text(21);
  c.created_at = st.text(22);
  if (!st.is_null(23)) c.resolution = st.text(23);
  c.resolved_value = st.opt_real(24);
  c.resolved_at = st.text(25);
  c.resolved_by = st.text(26);
  c.reason = st.text(27);
  if (c.kind == ConflictKind::Value) c.current = st.opt_real(28);
  c.rule = st.text(29);
  return c;
}

constexpr const char* kHistory = R"sql(
SELECT 1, exported_at, exported_by, destination, '', '', file, package_id, everything, roots, counts
  FROM sync_exports
UNION ALL
SELECT 0, imported_at, imported_by, device, sent_by, sent_at, coalesce(json_extract(counts, '$.file'), ''),
       package_id, 0, roots, counts
  FROM sync_imports WHERE received_on = '' OR received_on = ?1
ORDER BY 2 DESC, 1 DESC, 8
)sql";

ExchangeRow read_exchange(const Stmt& st) {
  return {st.int64(0) != 0, st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.text(7),
          st.int64(8) != 0, st.text(9), st.text(10)};
}

}  // namespace

std::vector<ExchangeRow> exchange_rows(const Store& store, size_t limit) {
  std::string sql = kHistory;
  if (limit) sql += " LIMIT " + std::to_string(limit);
  Stmt st(store.handle(), sql);
  st.bind(1, store.device_id());
  std::vector<ExchangeRow> out;
  while (st.step()) out.push_back(read_exchange(st));
  return out;
}

std::optional<ExchangeRow> last_export_row(const Store& store, const std::string& destination) {
  Stmt st(store.handle(),
          "SELECT 1, exported_at, exported_by, destination, '', '', file, package_id, everything, roots, counts "
          "FROM sync_exports WHERE destination = ? ORDER BY exported_at DESC LIMIT 1");
  st.bind(1, destination);
  if (!st.step()) return std::nullopt;
  return read_exchange(st);
}

std::vector<Conflict> stored_conflicts(const Store& store, bool include_resolved) {
  Stmt st(store.handle(), std::string(kSelect) + (include_resolved ? "" : "WHERE c.resolution IS NULL ") + "ORDER BY c.id");
  std::vector<Conflict> out;
  while (st.step()) out.push_back(read_conflict(st));
  return out;
}

std::optional<Conflict> stored_conflict(const Store& store, int64_t id) {
  Stmt st(store.handle(), std::string(kSelect) + "WHERE c.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_conflict(st);
}

int open_conflict_rows(const Store& store) {
  return int(sql::scalar_int(store.handle(), "SELECT count(*) FROM sync_conflicts WHERE resolution IS NULL"));
}

void close_conflict(Store& store, int64_t id, const std::string& resolution, std::optional<double> value,
                    const std::string& at, const std::string& user, const std::string& reason) {
  Stmt(store.handle(), "UPDATE sync_conflicts SET resolution = ?, resolved_value = ?, resolved_at = ?, resolved_by = ?, "
                       "reason = ? WHERE id = ?")
      .bind(1, resolution).bind(2, value).bind(3, at).bind(4, user).bind(5, reason).bind(6, id).run();
}

std::unordered_map<std::string, UidMember> members_by_uid_rows(const Store& store) {
  // One joined read: the roster with each member's uid and branch code.
  Stmt st(store.handle(),
          "SELECT m.id, m.name, m.gender, m.birth_date, m.branch_id, m.stage, m.applied_on, m.talked_on, m.activist_on, "
          "m.candidate_on, m.probationary_on, m.full_on, m.reserve_cadre, u.uid, o.code FROM members m "
          "JOIN sync_member_uids u ON u.member_id = m.id JOIN orgs o ON o.id = m.branch_id");
  std::unordered_map<std::string, UidMember> out;
  while (st.step()) out[st.text(13)] = {read_member(st), st.text(14)};  // columns 0–12 in the store's own order
  return out;
}

int64_t write_member_row(Store& store, const std::string& uid, std::optional<int64_t> local, const std::optional<Member>& m) {
  sqlite3* db = store.handle();
  if (!m) {
    if (local) Stmt(db, "DELETE FROM members WHERE id = ?").bind(1, *local).run();
    return 0;
  }
  const char* columns =
      "name=?1, gender=?2, birth_date=?3, branch_id=?4, stage=?5, applied_on=?6, talked_on=?7, activist_on=?8, "
      "candidate_on=?9, probationary_on=?10, full_on=?11, reserve_cadre=?12";
  Stmt st(db, local ? std::string("UPDATE members SET ") + columns + " WHERE id = ?13"
                    : "INSERT INTO members(name, gender, birth_date, branch_id, stage, applied_on, talked_on, "
                      "activist_on, candidate_on, probationary_on, full_on, reserve_cadre) "
                      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
  st.bind(1, m->name).bind(2, m->gender).bind(3, m->birth_date).bind(4, m->branch)
      .bind(5, std::string(to_string(m->stage))).bind(6, m->applied_on).bind(7, m->talked_on).bind(8, m->activist_on)
      .bind(9, m->candidate_on).bind(10, m->probationary_on).bind(11, m->full_on).bind(12, int64_t(m->reserve_cadre));
  if (local) st.bind(13, *local);
  st.run();
  if (local) return *local;
  const int64_t id = sqlite3_last_insert_rowid(db);
  // The trigger gave the new row a fresh uid; it must carry the sender's.
  Stmt(db, "UPDATE sync_member_uids SET uid = ? WHERE member_id = ?").bind(1, uid).bind(2, id).run();
  return id;
}

ReplicaWriter::ReplicaWriter(Store& store) : store_(store), st_(std::make_unique<Statements>(store.handle())) {}
ReplicaWriter::~ReplicaWriter() = default;

void ReplicaWriter::reset() {
  Statements& s = *st_;
  for (Stmt* st : {&s.seen_package, &s.org_by_code, &s.audit_since, &s.audit_ins, &s.values_of_org, &s.value_one,
                   &s.value_ins, &s.value_upd, &s.value_del, &s.decided, &s.member_decided, &s.seen_audit, &s.target_ins})
    st->reset();
}

bool ReplicaWriter::package_seen(const std::string& package_id) {
  st_->seen_package.bind(1, package_id);
  return Statements::any(st_->seen_package);
}

std::optional<std::pair<OrgId, OrgKind>> ReplicaWriter::org_by_code(const std::string& code) {
  Stmt& q = st_->org_by_code;
  q.bind(1, code);
  std::optional<std::pair<OrgId, OrgKind>> out;
  if (q.step()) out = {q.int64(0), parse_org_kind(q.text(1)).value_or(OrgKind::Unit)};
  q.reset();
  return out;
}

int64_t ReplicaWriter::last_audit_id() { return sql::scalar_int(store_.handle(), "SELECT coalesce(max(id), 0) FROM audit"); }

std::string ReplicaWriter::last_audit_hash() { return jiceng::last_audit_hash(store_.handle()); }

void ReplicaWriter::audit_since(OrgId org, const std::string& since, const std::function<void(const AuditEntry&)>& fn) {
  Stmt& q = st_->audit_since;
  q.bind(1, org).bind(2, since);
  while (q.step())
    fn(AuditEntry{0, q.text(2), q.text(4), q.text(3), q.text(5), org, q.text(0), q.text(1), q.opt_real(6), q.opt_real(7), {}, {}});
  q.reset();
}

void ReplicaWriter::append_audit(const AuditEntry& e, const std::string& hash, const std::string& signature) {
  st_->audit_ins.bind(1, e.at).bind(2, e.user).bind(3, e.device).bind(4, e.action).bind(5, e.org).bind(6, e.indicator)
      .bind(7, e.period).bind(8, e.old_value).bind(9, e.new_value).bind(10, e.reason).bind(11, e.detail)
      .bind(12, hash).bind(13, signature).run();
}

bool ReplicaWriter::in_history(OrgId org, const std::string& indicator, const std::string& period, const std::string& at,
                               const std::string& user, const std::string& device, double value, int64_t up_to) {
  st_->seen_audit.bind(1, org).bind(2, indicator).bind(3, period).bind(4, at).bind(5, user).bind(6, device)
      .bind(7, value).bind(8, up_to);
  return Statements::any(st_->seen_audit);
}

namespace {
ReplicaWriter::Stored read_stored(const Stmt& q) { return {q.real(2), q.text(3), q.text(4), q.text(5), q.text(6)}; }
}  // namespace

void ReplicaWriter::values_of(OrgId org, const std::function<void(const std::string&, const std::string&, const Stored&)>& fn) {
  Stmt& q = st_->values_of_org;
  q.bind(1, org);
  while (q.step()) fn(q.text(0), q.text(1), read_stored(q));
  q.reset();
}

std::optional<ReplicaWriter::Stored> ReplicaWriter::value_of(OrgId org, const std::string& indicator,
                                                             const std::string& period) {
  Stmt& q = st_->value_one;
  q.bind(1, org).bind(2, indicator).bind(3, period);
  std::optional<Stored> out;
  if (q.step()) out = read_stored(q);
  q.reset();
  return out;
}

void ReplicaWriter::write_value(OrgId org, const std::string& indicator, const Period& period, const Stored& s,
                                bool exists) {
  const std::string p = period.str();
  if (!s.value) {
    st_->value_del.bind(1, org).bind(2, indicator).bind(3, p).run();
  } else if (exists) {
    st_->value_upd.bind(1, org).bind(2, indicator).bind(3, p).bind(4, *s.value).bind(5, s.status).bind(6, s.at)
        .bind(7, s.by).bind(8, s.device).run();
  } else {
    st_->value_ins.bind(1, org).bind(2, indicator).bind(3, p).bind(4, period.year).bind(5, *s.value).bind(6, s.status)
        .bind(7, s.at).bind(8, s.by).bind(9, s.device).run();
  }
}

bool ReplicaWriter::fill_target(OrgId org, const std::string& indicator, int year, double value) {
  st_->target_ins.bind(1, org).bind(2, indicator).bind(3, year).bind(4, value).run();
  return sqlite3_changes(store_.handle()) > 0;
}

bool ReplicaWriter::value_decided(OrgId org, const std::string& indicator, const std::string& period,
                                  std::optional<double> remote, const std::string& remote_at,
                                  const std::string& remote_device) {
  st_->decided.bind(1, org).bind(2, indicator).bind(3, period).bind(4, remote).bind(5, remote_at).bind(6, remote_device);
  return Statements::any(st_->decided);
}

bool ReplicaWriter::member_decided(const std::string& uid, const std::string& remote_record) {
  st_->member_decided.bind(1, uid).bind(2, remote_record);
  return Statements::any(st_->member_decided);
}

int64_t ReplicaWriter::add_value_conflict(const ValueConflict& c, const std::string& now, const std::string& user) {
  sqlite3* db = store_.handle();
  // A newer package from the same sender replaces its own undecided conflict on this value.
  Stmt(db, "UPDATE sync_conflicts SET resolution = 'superseded', resolved_at = ?, resolved_by = ? "
           "WHERE org_id = ? AND indicator_id = ? AND period = ? AND remote_device = ? AND resolution IS NULL")
      .bind(1, now).bind(2, user).bind(3, c.org).bind(4, c.indicator).bind(5, c.period).bind(6, c.remote.device).run();
  Stmt(db, "INSERT INTO sync_conflicts(kind, package_id, org_id, indicator_id, period, base_value, base_status, "
           "local_value, local_status, local_at, local_by, local_device, remote_value, remote_status, remote_at, "
           "remote_by, remote_device, created_at, rule) VALUES('value',?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, c.package).bind(2, c.org).bind(3, c.indicator).bind(4, c.period).bind(5, c.base.value)
      .bind(6, c.base.status).bind(7, c.local.value).bind(8, c.local.status).bind(9, c.local.at).bind(10, c.local.by)
      .bind(11, c.local.device).bind(12, c.remote.value).bind(13, c.remote.status).bind(14, c.remote.at)
      .bind(15, c.remote.by).bind(16, c.remote.device).bind(17, now).bind(18, c.rule).run();
  return sqlite3_last_insert_rowid(db);
}

int64_t ReplicaWriter::add_member_conflict(const MemberConflict& c, const std::string& now, const std::string& user) {
  sqlite3* db = store_.handle();
  Stmt(db, "UPDATE sync_conflicts SET resolution = 'superseded', resolved_at = ?, resolved_by = ? "
           "WHERE kind = 'member' AND member_uid = ? AND remote_device = ? AND resolution IS NULL")
      .bind(1, now).bind(2, user).bind(3, c.uid).bind(4, c.remote_device).run();
  Stmt(db, "INSERT INTO sync_conflicts(kind, package_id, org_id, member_uid, local_record, remote_record, "
           "remote_at, remote_by, remote_device, created_at) VALUES('member',?,?,?,?,?,?,?,?,?)")
      .bind(1, c.package).bind(2, c.org).bind(3, c.uid).bind(4, c.local_record).bind(5, c.remote_record)
      .bind(6, c.remote_at).bind(7, c.remote_by).bind(8, c.remote_device).bind(9, now).run();
  return sqlite3_last_insert_rowid(db);
}

void ReplicaWriter::record_import(const Taken& t) {
  Stmt(store_.handle(), "INSERT INTO sync_imports(package_id, sha256, device, imported_at, imported_by, counts, sent_at, "
                        "sent_by, roots, received_on) VALUES(?,?,?,?,?,?,?,?,?,?)")
      .bind(1, t.package).bind(2, t.sha256).bind(3, t.device).bind(4, t.at).bind(5, t.user).bind(6, t.counts)
      .bind(7, t.sent_at).bind(8, t.sent_by).bind(9, t.roots).bind(10, t.received_on).run();
}

BatchScope::BatchScope(Store& store) : store_(store), pages_(sql::scalar_int(store.handle(), "PRAGMA cache_size")) {
  sql::exec(store.handle(), "PRAGMA cache_size = -65536");
}

BatchScope::~BatchScope() {
  sqlite3_exec(store_.handle(), ("PRAGMA cache_size = " + std::to_string(pages_)).c_str(), nullptr, nullptr, nullptr);
}

void BatchScope::step(const std::function<void()>& fn) {
  sql::exec(store_.handle(), "SAVEPOINT package");
  try {
    fn();
    sql::exec(store_.handle(), "RELEASE package");
  } catch (const InputError&) {
    sql::exec(store_.handle(), "ROLLBACK TO package");
    sql::exec(store_.handle(), "RELEASE package");
    throw;
  }
}

}  // namespace jiceng
