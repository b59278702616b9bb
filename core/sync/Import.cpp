#include "sync/Import.hpp"

#include <sqlite3.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "model/RuleInputs.hpp"
#include "model/Rules.hpp"
#include "store/AuditChain.hpp"
#include "store/AuditSigning.hpp"
#include "store/DeviceKeys.hpp"
#include "store/Devices.hpp"
#include "store/Store.hpp"
#include "sync/Members.hpp"
#include "sync/Merge.hpp"

namespace jiceng::sync {

using sql::Stmt;

namespace {

struct LocalValue {
  ValueState state;
  std::string at, by, device;  // who wrote it: identifies the change that produced it
};

std::string value_key(OrgId org, const std::string& indicator, const std::string& period) {
  return std::to_string(org) + '|' + indicator + '|' + period;
}

// A figure's exact bits: equal keys only for equal doubles.
std::string num_key(const std::optional<double>& v) {
  if (!v) return "-";
  uint64_t bits;
  std::memcpy(&bits, &*v, sizeof bits);
  return std::to_string(bits);
}

// One audit entry as a comparable key (its natural identity: nothing else names it across files).
std::string audit_key(OrgId org, const std::string& indicator, const std::string& period, const std::string& at,
                      const std::string& device, const std::string& user, const std::string& action,
                      const std::optional<double>& old_value, const std::optional<double>& new_value) {
  return value_key(org, indicator, period) + '|' + at + '|' + device + '|' + user + '|' + action + '|' +
         num_key(old_value) + '|' + num_key(new_value);
}

}  // namespace

void require_import_right(const Actor& actor) {
  // Taking a package in writes other people's figures into this database: the office's work
  // (管理员, 领导). A clerk enters their own figures and sends them; they do not merge others'.
  if (actor.role == Role::Clerk)
    throw InputError(tr("sync.import.not_allowed", {{"user", actor.user}, {"role", label(actor.role)}}));
}

struct PackageImporter::Impl {
  Store& store;
  sqlite3* db;
  Actor actor;
  Stmt seen_package, org_by_code_q, audit_since, audit_ins, values_of_org, value_one, value_ins, value_upd, value_del,
      decided, seen_audit, target_ins;

  Impl(Store& s, const Actor& a)
      : store(s), db(s.handle()), actor(a),
        seen_package(db, "SELECT 1 FROM sync_imports WHERE package_id = ?"),
        org_by_code_q(db, "SELECT id, kind FROM orgs WHERE code = ?"),
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
        seen_audit(db, "SELECT 1 FROM audit WHERE org_id = ? AND indicator_id = ? AND period = ? AND at = ? AND user = ? "
                       "AND device = ? AND new_value IS ? AND id <= ? LIMIT 1"),
        target_ins(db, "INSERT OR IGNORE INTO targets(org_id, indicator_id, year, value) VALUES(?,?,?,?)") {}

  // ---- One package ------------------------------------------------------------------------

  struct Run {
    const Package& p;
    std::string sha;
    std::string key;  // the sender's public key, its signature checked by read_package; empty: unsigned
    Location where;
    ImportResult r;
    std::string now = now_iso();
    std::unordered_map<std::string, OrgId> org_by_code;
    std::unordered_map<std::string, Org> orgs;  // the same by code, as stored here: who types what
    int64_t audit_before = 0;  // history as it was before this package's entries joined it
    std::unordered_map<std::string, std::vector<const PackageAudit*>> chain;  // by org code|indicator|period
  };

  ImportResult import(const ReadPackage& in, const std::string& source) {
    if (is_county(store)) throw InputError(tr("sync.import.county_target"), Location{source});
    require_import_right(actor);
    if (in.sealed) {  // read without a key: opened here with this database's own
      const auto own = stored_device_key(store);  // none yet: nothing can have been sealed for it
      ReadPackage opened = in;
      open_package(opened, own ? *own : DeviceKey{store.device_id(), {}, {}}, source);
      return import(opened, source);
    }
    Run run{in.package, in.sha256, in.key, Location{source}, {}};
    run.r.file = to_valid_utf8(source);  // recorded in the audit detail (JSON)
    run.r.package_id = in.package.id;
    run.r.device = in.package.device;
    run.r.from = in.package.town;
    reset_all();
    seen_package.bind(1, in.package.id);
    const bool seen = seen_package.step();
    seen_package.reset();
    if (seen) {
      run.r.already_imported = true;
      return run.r;
    }
    try {
      store.transaction([&] {
        check_town(run);
        check_sender(run);
        merge_definitions(run);
        merge_orgs(run);
        merge_audit(run);
        merge_values(run);
        merge_members(run);
        merge_targets(run);
        record(run);
      });
    } catch (...) {
      // What was learnt about this database during the refused package may have been rolled back.
      reset_all();
      here_.reset();
      root_.reset();
      throw;
    }
    return run.r;
  }

  // A package refused half-way may leave a statement mid-step: start every one afresh.
  void reset_all() {
    for (Stmt* st : {&seen_package, &org_by_code_q, &audit_since, &audit_ins, &values_of_org, &value_one, &value_ins, &value_upd,
                     &value_del, &decided, &seen_audit, &target_ins})
      st->reset();
  }

  InputError damaged(const Run& run, const std::string& field, const std::string& value) const {
    return InputError(tr("sync.package.bad_field", {{"field", field}, {"value", value}}), run.where);
  }

  std::optional<TownIdentity> here_;  // this database's town, read once (it changes only by adoption)

  // A package counts only from a device whose key this database knows (store/DeviceKeys.hpp): the
  // checksum alone let anyone holding one package write another under any name.
  void check_sender(Run& run) {
    const std::string device = device_label({{run.p.device, device_name(store, run.p.device)}}, run.p.device);
    const std::string fingerprint = key_fingerprint(run.key);
    if (run.key.empty()) throw InputError(tr("sync.sign.unsigned"), run.where);
    switch (key_status(store, run.p.device, run.key)) {
      case KeyStatus::Own:
      case KeyStatus::Registered: return;
      case KeyStatus::Different: throw InputError(tr("sync.sign.key_differs", {{"device", device}, {"fingerprint", fingerprint}}), run.where);
      case KeyStatus::Revoked: throw InputError(tr("sync.sign.revoked", {{"device", device}}), run.where);
      case KeyStatus::Unknown:
        // A new tablet started from a package, or a county's scratch copy: the person chose the file.
        if (run.r.adopted) {
          register_device_key(store, run.p.device, run.key, "adopted", actor);
          return;
        }
        throw InputError(tr("sync.sign.unknown_device", {{"device", device}, {"fingerprint", fingerprint}}), run.where);
    }
  }

  void check_town(Run& run) {
    if (!here_ && store.is_empty()) {  // a new tablet or a county's scratch copy takes the package's town
      store.set_meta("town_id", run.p.town.id);
      run.r.adopted = true;
      return;
    }
    if (!here_) here_ = town_identity(store);
    const TownIdentity& here = *here_;
    if (here.id != run.p.town.id)
      throw InputError(tr("sync.import.foreign_town", {{"from", run.p.town.name}, {"from_code", run.p.town.code},
                                                       {"here", here.name}, {"here_code", here.code}}), run.where);
  }

  std::optional<OrgId> root_;  // the town's organisation, once known

  void merge_orgs(Run& run) {
    if (!root_)
      if (auto t = store.town()) root_ = t->id;
    std::optional<OrgId>& root = root_;
    // The sender acts for its own administrator: organisations it has are facts, not requests.
    const Actor admin{actor.user, actor.device, Role::Admin, {}};
    for (const auto& po : run.p.orgs) {
      auto kind = parse_org_kind(po.kind);
      if (!kind) throw damaged(run, tr("sync.package.field.kind"), po.kind);
      if (po.parent.empty() && root) {  // the town itself, whatever its code here
        run.org_by_code[po.code] = *root;
        run.orgs[po.code] = Org{*root, po.code, po.name, OrgKind::Town, std::nullopt, po.sort};
        continue;
      }
      org_by_code_q.bind(1, po.code);
      std::optional<std::pair<OrgId, OrgKind>> mine;
      if (org_by_code_q.step()) mine = {org_by_code_q.int64(0), parse_org_kind(org_by_code_q.text(1)).value_or(OrgKind::Unit)};
      org_by_code_q.reset();
      if (mine) {
        if (mine->second != *kind)
          throw InputError(tr("sync.import.org_kind_differs", {{"code", po.code}, {"name", po.name},
                                                                {"here", label(mine->second)}, {"there", label(*kind)}}), run.where);
        run.org_by_code[po.code] = mine->first;
        run.orgs[po.code] = Org{mine->first, po.code, po.name, mine->second, std::nullopt, po.sort};
        continue;
      }
      std::optional<OrgId> parent;
      if (!po.parent.empty()) {
        auto p = run.org_by_code.find(po.parent);
        if (p == run.org_by_code.end()) throw damaged(run, tr("sync.package.field.parent"), po.parent);
        parent = p->second;
      }
      const OrgId id = store.add_org({0, po.code, po.name, *kind, parent, po.sort}, admin);
      run.org_by_code[po.code] = id;
      run.orgs[po.code] = Org{id, po.code, po.name, *kind, parent, po.sort};
      if (!parent) root = id;
      ++run.r.orgs_added;
    }
  }

  OrgId org_id(const Run& run, const std::string& code) const {
    auto it = run.org_by_code.find(code);
    if (it == run.org_by_code.end()) throw InputError(tr("sync.import.unknown_org", {{"org", code}}), run.where);
    return it->second;
  }

  // The sender's history joins ours; an entry already here (an earlier package, or history both
  // files share since the tablet was copied) is not added twice. What is here is read once per
  // organisation from the package's earliest entry on (index sync_audit_by_time).
  void merge_audit(Run& run) {
    run.audit_before = sql::scalar_int(db, "SELECT coalesce(max(id), 0) FROM audit");
    if (run.p.audit.empty()) return;
    std::string earliest = run.p.audit.front().at;
    for (const auto& a : run.p.audit) earliest = std::min(earliest, a.at);
    std::unordered_set<std::string> here;
    std::unordered_set<OrgId> loaded;
    for (const auto& a : run.p.audit) {
      const OrgId org = org_id(run, a.org);
      if (!loaded.insert(org).second) continue;
      audit_since.bind(1, org).bind(2, earliest);
      while (audit_since.step())
        here.insert(audit_key(org, audit_since.text(0), audit_since.text(1), audit_since.text(2), audit_since.text(3),
                              audit_since.text(4), audit_since.text(5), audit_since.opt_real(6), audit_since.opt_real(7)));
      audit_since.reset();
    }
    // The sender's entries join this database's chain, in the order they are added here, each
    // with the signature of the device that wrote it.
    std::vector<AuditKeys::Signed> added;
    for (const auto& a : run.p.audit) {
      const OrgId org = org_id(run, a.org);
      if (!here.insert(audit_key(org, a.indicator, a.period, a.at, a.device, a.user, a.action, a.old_value, a.new_value)).second)
        continue;
      added.push_back({{0, a.at, a.user, a.device, a.action, org, a.indicator, a.period, a.old_value, a.new_value,
                        a.reason, a.detail}, a.org, a.signature});
    }
    const std::vector<EntryTrust> trust = AuditKeys(store).check_all(added);
    std::string chain = last_audit_hash(db);
    for (size_t i = 0; i < added.size(); ++i) {
      const AuditEntry& e = added[i].entry;
      check_entry_signature(run, trust[i], e, added[i].signature);
      chain = audit_hash(chain, e);
      audit_ins.bind(1, e.at).bind(2, e.user).bind(3, e.device).bind(4, e.action).bind(5, e.org).bind(6, e.indicator)
          .bind(7, e.period).bind(8, e.old_value).bind(9, e.new_value).bind(10, e.reason).bind(11, e.detail)
          .bind(12, chain).bind(13, added[i].signature).run();
      ++run.r.audit_added;
    }
  }

  // An entry of a device whose key is known here must carry that device's signature, and the
  // sender signs all of its own: an entry changed in the sender's file (a SQL editor before the
  // export) or written in another device's name refuses the whole package. An entry of a device
  // unknown here is taken on the sender's word, its signature kept for whoever knows that device.
  void check_entry_signature(const Run& run, EntryTrust trust, const AuditEntry& a, const std::string& signature) {
    const bool sender_unsigned = trust == EntryTrust::Unsigned && a.device == run.p.device && run.p.audit_signed;
    if (trust != EntryTrust::Bad && !sender_unsigned) return;
    throw InputError(tr(signature.empty() ? "sync.sign.entry_unsigned" : "sync.sign.entry_forged",
                        {{"at", a.at}, {"user", a.user}, {"action", tr("audit." + a.action)},
                         {"device", device_label({{a.device, device_name(store, a.device)}}, a.device)}}),
                     run.where);
  }

  // A state as stored: the status word must be one the database knows, the figure obey its rules.
  ValueState normalised(const Run& run, const ValueState& s, const Indicator& ind, const std::string& what) const {
    if (!s.value) return {};
    auto st = parse_value_status(s.status);
    if (!st) throw damaged(run, tr("sync.package.field.status"), s.status);
    return {check_value(ind, *s.value, Location{run.where.file, 0, what}), std::string(to_string(*st))};
  }

  // Whether the sender's history of this value holds the change that wrote our current state.
  bool remote_descends(Run& run, const PackageValue& v, const LocalValue& local) {
    if (run.chain.empty())
      for (const auto& a : run.p.audit)
        if (!a.indicator.empty()) run.chain[a.org + '|' + a.indicator + '|' + a.period].push_back(&a);
    auto it = run.chain.find(v.org + '|' + v.indicator + '|' + v.period);
    if (it == run.chain.end()) return false;
    for (const PackageAudit* a : it->second)
      if (a->at == local.at && a->user == local.by && a->device == local.device && a->new_value == local.state.value)
        return true;
    return false;
  }

  // The sender's own sections and indicators first, so its values of them have a meaning here.
  void merge_definitions(Run& run) {
    if (run.p.indicators.empty() && run.p.sections.empty()) return;
    auto snapshot = [&] {
      std::set<std::string> rows;
      for (const auto& t : store.town_indicators()) rows.insert(t.id + '\n' + t.definition + '\n' + t.state);
      return rows;
    };
    const auto before = snapshot();
    const std::string reason = tr("sync.import.indicator_reason", {{"device", run.p.device}});
    for (const auto& s : run.p.sections) store.receive_section(s.id, s.name, actor);
    for (const auto& i : run.p.indicators) {
      std::string why = store.receive_indicator({i.id, i.definition, i.state, i.defined_at, i.defined_by}, actor, reason);
      if (!why.empty()) run.r.indicator_conflicts.push_back(std::move(why));
    }
    for (const auto& row : snapshot()) run.r.indicators_received += !before.count(row);
  }

  void merge_values(Run& run) {
    const Catalog& cat = store.catalog();
    // This database's values of the package's organisations: read whole when the package is
    // large (one scan per organisation beats a lookup per value), else looked up one by one.
    std::unordered_map<std::string, LocalValue> local;
    const bool whole = run.p.values.size() > 64;
    std::unordered_set<OrgId> loaded;
    for (const auto& v : run.p.values) {
      const OrgId org = org_id(run, v.org);
      if (!loaded.insert(org).second) continue;
      Stmt& q = whole ? values_of_org : value_one;
      q.bind(1, org);
      if (!whole) q.bind(2, v.indicator).bind(3, v.period);
      while (q.step()) local[value_key(org, q.text(0), q.text(1))] = {{q.real(2), q.text(3)}, q.text(4), q.text(5), q.text(6)};
      q.reset();
      if (!whole) loaded.erase(org);
    }
    struct Apply {
      OrgId org;
      const PackageValue* v;
      Period period;
      MergeInput m;
      LocalValue mine;
    };
    std::vector<Apply> applies;
    for (const auto& v : run.p.values) {
      const OrgId org = org_id(run, v.org);
      const Indicator* ind = cat.find(v.indicator);
      if (!ind || ind->id != v.indicator || !ind->typed())
        throw InputError(tr("sync.import.unknown_indicator", {{"indicator", v.indicator}}), run.where);
      auto period = Period::parse(v.period);
      if (!period || period->str() != v.period) throw damaged(run, tr("sync.package.field.period"), v.period);
      // Who types what, as the store's writer checks it: a village's figure filed under the town or
      // a yearly figure given a month refuses the package, naming the value.
      if (auto refused = entry_refusal(*ind, run.orgs.at(v.org), *period)) {
        Location where = run.where;
        where.field = v.org + " " + ind->name + " " + v.period;
        throw InputError(refused->message, where);
      }
      const std::string what = v.org + " " + ind->name + " " + v.period;
      auto it = local.find(value_key(org, v.indicator, v.period));
      const LocalValue mine = it == local.end() ? LocalValue{} : it->second;
      MergeInput m;
      m.local = mine.state;
      m.remote = normalised(run, v.now, *ind, what);
      m.base = normalised(run, v.base, *ind, what);
      // The slower questions are asked only when the easy answers do not settle it.
      if (!(m.local == m.remote) && !(m.local == m.base) && m.local.value != m.remote.value &&
          m.remote.value != m.base.value) {
        m.remote_descends_from_local = m.local.value && remote_descends(run, v, mine);
        decided.bind(1, org).bind(2, v.indicator).bind(3, v.period).bind(4, m.remote.value).bind(5, v.updated_at)
            .bind(6, v.device);
        m.already_decided = decided.step();
        decided.reset();
        if (m.remote.value) {
          seen_audit.bind(1, org).bind(2, v.indicator).bind(3, v.period).bind(4, v.updated_at).bind(5, v.updated_by)
              .bind(6, v.device).bind(7, m.remote.value).bind(8, run.audit_before);
          m.local_descends_from_remote = seen_audit.step();
          seen_audit.reset();
        }
      }
      switch (merge(m)) {
        case Outcome::Unchanged: ++run.r.unchanged; break;
        case Outcome::Apply: applies.push_back({org, &v, *period, m, mine}); break;
        case Outcome::Conflict:
          value_conflict(run, org, v, m, mine);
          ++run.r.conflicts;
          break;
      }
    }
    // The sender's values are written only when they keep every cross-field rule between typed
    // figures, compared with what this database will hold after the package (its other values
    // included). One that breaks a rule goes to a person as a conflict, with the rule, as a form
    // would have refused it.
    RuleInputs rules(store, false);
    for (const auto& a : applies)
      if (a.m.remote.value) rules.add_pending(a.org, a.v->indicator, a.period, *a.m.remote.value);
    for (const auto& a : applies) {
      const PackageValue& v = *a.v;
      if (a.m.remote.value && rules.ruled(v.indicator)) {
        auto broken = rules.check(a.org, cat.at(v.indicator), a.period, *a.m.remote.value);
        if (!broken.empty()) {
          value_conflict(run, a.org, v, a.m, a.mine, broken.front().message);
          ++run.r.conflicts;
          ++run.r.rule_conflicts;
          continue;
        }
      }
      if (!a.m.remote.value) {
        value_del.bind(1, a.org).bind(2, v.indicator).bind(3, v.period).run();
        ++run.r.removed;
      } else if (a.m.local.value) {
        value_upd.bind(1, a.org).bind(2, v.indicator).bind(3, v.period).bind(4, *a.m.remote.value)
            .bind(5, a.m.remote.status).bind(6, v.updated_at).bind(7, v.updated_by).bind(8, v.device).run();
        ++run.r.updated;
      } else {
        value_ins.bind(1, a.org).bind(2, v.indicator).bind(3, v.period).bind(4, a.period.year)
            .bind(5, *a.m.remote.value).bind(6, a.m.remote.status).bind(7, v.updated_at).bind(8, v.updated_by)
            .bind(9, v.device).run();
        ++run.r.added;
      }
    }
  }

  // `rule`: the cross-field rule the sender's value breaks here, empty for a change on both sides.
  void value_conflict(Run& run, OrgId org, const PackageValue& v, const MergeInput& m, const LocalValue& mine,
                      const std::string& rule = {}) {
    // A newer package from the same sender replaces its own undecided conflict on this value.
    Stmt(db, "UPDATE sync_conflicts SET resolution = 'superseded', resolved_at = ?, resolved_by = ? "
             "WHERE org_id = ? AND indicator_id = ? AND period = ? AND remote_device = ? AND resolution IS NULL")
        .bind(1, run.now).bind(2, actor.user).bind(3, org).bind(4, v.indicator).bind(5, v.period).bind(6, v.device).run();
    Stmt(db, "INSERT INTO sync_conflicts(kind, package_id, org_id, indicator_id, period, base_value, base_status, "
             "local_value, local_status, local_at, local_by, local_device, remote_value, remote_status, remote_at, "
             "remote_by, remote_device, created_at, rule) VALUES('value',?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        .bind(1, run.p.id).bind(2, org).bind(3, v.indicator).bind(4, v.period).bind(5, m.base.value)
        .bind(6, m.base.status).bind(7, m.local.value).bind(8, m.local.status).bind(9, mine.at).bind(10, mine.by)
        .bind(11, mine.device).bind(12, m.remote.value).bind(13, m.remote.status).bind(14, v.updated_at)
        .bind(15, v.updated_by).bind(16, v.device).bind(17, run.now).bind(18, rule).run();
    nlohmann::json d = {{"conflict", sqlite3_last_insert_rowid(db)}, {"package", run.p.id}, {"remote_device", v.device},
                        {"remote_by", v.updated_by}};
    if (!rule.empty()) d["rule"] = rule;
    store.record_audit({0, run.now, actor.user, actor.device, "sync_conflict", org, v.indicator, v.period,
                        m.local.value, m.remote.value, tr("sync.audit.conflict"), d.dump()});
  }

  void merge_members(Run& run) {
    if (run.p.members.empty()) return;
    auto local = members_by_uid(store);
    Stmt done_q(db, "SELECT 1 FROM sync_conflicts WHERE kind = 'member' AND member_uid = ? AND remote_record = ? "
                    "AND resolution IS NOT NULL LIMIT 1");
    for (const auto& pm : run.p.members) {
      std::optional<LocalMember> mine;
      if (auto it = local.find(pm.uid); it != local.end()) mine = it->second;
      const std::string here = mine ? mine->record : std::string();
      // A record sent without personal fields keeps this database's (sync/Members.hpp).
      const std::string remote = with_personal(pm.record, here), base = with_personal(pm.base_record, here);
      done_q.bind(1, pm.uid).bind(2, remote);
      const bool done = done_q.step();
      done_q.reset();
      // A record that breaks the store's rules refuses the package, naming the file.
      try {
        switch (merge_records(here, remote, base, done)) {
          case Outcome::Unchanged: break;
          case Outcome::Apply:
            write_member(store, pm.uid, mine, remote, run.org_by_code);
            ++(pm.record.empty() ? run.r.members_removed : mine ? run.r.members_updated : run.r.members_added);
            break;
          case Outcome::Conflict: {
            const OrgId org = mine ? mine->branch : member_from_record(remote, run.org_by_code).branch;
            Stmt(db, "UPDATE sync_conflicts SET resolution = 'superseded', resolved_at = ?, resolved_by = ? "
                     "WHERE kind = 'member' AND member_uid = ? AND remote_device = ? AND resolution IS NULL")
                .bind(1, run.now).bind(2, actor.user).bind(3, pm.uid).bind(4, run.p.device).run();
            Stmt(db, "INSERT INTO sync_conflicts(kind, package_id, org_id, member_uid, local_record, remote_record, "
                     "remote_at, remote_by, remote_device, created_at) VALUES('member',?,?,?,?,?,?,?,?,?)")
                .bind(1, run.p.id).bind(2, org).bind(3, pm.uid).bind(4, here).bind(5, remote).bind(6, run.p.created_at)
                .bind(7, run.p.created_by).bind(8, run.p.device).bind(9, run.now).run();
            nlohmann::json d = {{"conflict", sqlite3_last_insert_rowid(db)}, {"package", run.p.id}, {"member", pm.uid},
                                {"name", record_name(here.empty() ? remote : here)}};
            store.record_audit({0, run.now, actor.user, actor.device, "sync_conflict", org, {}, {}, {}, {},
                                tr("sync.audit.conflict"), d.dump()});
            ++run.r.member_conflicts;
            ++run.r.conflicts;
            break;
          }
        }
      } catch (const InputError& e) {
        throw InputError(e.what(), Location{run.where.file, 0, e.where().field});
      }
    }
  }

  // Targets are the town's to set: a package fills only the ones missing here.
  void merge_targets(Run& run) {
    for (const auto& t : run.p.targets) {
      const Indicator* ind = store.catalog().find(t.indicator);
      if (!ind || ind->id != t.indicator)
        throw InputError(tr("sync.import.unknown_indicator", {{"indicator", t.indicator}}), run.where);
      target_ins.bind(1, org_id(run, t.org)).bind(2, t.indicator).bind(3, t.year).bind(4, t.value).run();
      run.r.targets_added += sqlite3_changes(db);
    }
  }

  void record(Run& run) {
    const nlohmann::json counts = to_json(run.r);
    Stmt(db, "INSERT INTO sync_imports(package_id, sha256, device, imported_at, imported_by, counts, sent_at, sent_by, "
             "roots, received_on) VALUES(?,?,?,?,?,?,?,?,?,?)")
        .bind(1, run.p.id).bind(2, run.sha).bind(3, run.p.device).bind(4, run.now).bind(5, actor.user)
        .bind(6, counts.dump()).bind(7, run.p.created_at).bind(8, run.p.created_by)
        .bind(9, nlohmann::json(run.p.roots).dump()).bind(10, store.device_id()).run();
    learn_device_name(store, run.p.device, run.p.device_name, run.now);
    const std::string sender = device_label({{run.p.device, device_name(store, run.p.device)}}, run.p.device);
    store.record_audit({0, run.now, actor.user, actor.device, "import_package", std::nullopt, {}, {}, {}, {},
                        tr("sync.audit.import", {{"town", run.p.town.name}, {"device", sender}}), counts.dump()});
  }
};

PackageImporter::PackageImporter(Store& store, const Actor& actor) : impl_(std::make_unique<Impl>(store, actor)) {}
PackageImporter::~PackageImporter() = default;

ImportResult PackageImporter::import(const ReadPackage& package, const std::string& source) {
  return impl_->import(package, source);
}

ImportResult PackageImporter::import_file(const std::string& path) { return impl_->import(read_package(path), path); }

std::vector<PackageImporter::FileOutcome> PackageImporter::import_files(const std::vector<std::string>& paths) {
  std::vector<FileOutcome> out;
  Store& store = impl_->store;
  // Who may import is not a fault of any one file: refused before any is read.
  require_import_right(impl_->actor);
  // A batch writes far more pages than SQLite's default 2 MB cache holds; spilling them to the
  // WAL mid-transaction cost a sixth of the import. The cache is given back afterwards.
  const int64_t cache = sql::scalar_int(store.handle(), "PRAGMA cache_size");
  sql::exec(store.handle(), "PRAGMA cache_size = -65536");
  struct Restore {
    sqlite3* db;
    int64_t pages;
    ~Restore() { sqlite3_exec(db, ("PRAGMA cache_size = " + std::to_string(pages)).c_str(), nullptr, nullptr, nullptr); }
  } restore{store.handle(), cache};
  store.transaction([&] {
    for (const auto& path : paths) {
      FileOutcome o{path, std::nullopt, {}};
      sql::exec(store.handle(), "SAVEPOINT package");
      try {
        o.result = import_file(path);
        sql::exec(store.handle(), "RELEASE package");
      } catch (const InputError& e) {
        sql::exec(store.handle(), "ROLLBACK TO package");
        sql::exec(store.handle(), "RELEASE package");
        o.refusal = e.describe();
      }
      out.push_back(std::move(o));
    }
  });
  return out;
}

ImportResult import_package(Store& store, const ReadPackage& package, const Actor& actor, const std::string& source) {
  return PackageImporter(store, actor).import(package, source);
}

ImportResult import_package_file(Store& store, const std::string& path, const Actor& actor) {
  return PackageImporter(store, actor).import_file(path);
}

nlohmann::json to_json(const ImportResult& r) {
  return {{"file", r.file},
          {"package", r.package_id},
          {"device", r.device},
          {"town", {{"id", r.from.id}, {"code", r.from.code}, {"name", r.from.name}}},
          {"already_imported", r.already_imported},
          {"adopted", r.adopted},
          {"added", r.added},
          {"updated", r.updated},
          {"removed", r.removed},
          {"unchanged", r.unchanged},
          {"conflicts", r.conflicts},
          {"rule_conflicts", r.rule_conflicts},
          {"orgs_added", r.orgs_added},
          {"members_added", r.members_added},
          {"members_updated", r.members_updated},
          {"members_removed", r.members_removed},
          {"member_conflicts", r.member_conflicts},
          {"targets_added", r.targets_added},
          {"audit_added", r.audit_added},
          {"indicators_received", r.indicators_received},
          {"indicator_conflicts", r.indicator_conflicts}};
}

}  // namespace jiceng::sync
