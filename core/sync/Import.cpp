#include "sync/Import.hpp"

#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "model/RuleInputs.hpp"
#include "model/Rules.hpp"
#include "store/AuditChain.hpp"
#include "store/AuditSigning.hpp"
#include "store/DeviceKeys.hpp"
#include "store/Devices.hpp"
#include "store/Replica.hpp"
#include "store/Store.hpp"
#include "store/Subtree.hpp"
#include "sync/Members.hpp"
#include "sync/Merge.hpp"

namespace jiceng::sync {

namespace {

// A value as stored here; who wrote it identifies the change that produced it.
using LocalValue = ReplicaWriter::Stored;

ValueState state_of(const LocalValue& v) { return {v.value, v.status}; }

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
  ReplicaWriter replica;
  Actor actor;

  Impl(Store& s, const Actor& a) : store(s), replica(s), actor(a) {}

  // ---- One package ------------------------------------------------------------------------

  // A sender's value about to be written here, with what this database held before it.
  struct Applied {
    OrgId org;
    const PackageValue* v;
    Period period;
    MergeInput m;
    LocalValue mine;
    bool reads_figures = false;  // a rule compares it with a computed figure
  };

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
    std::vector<Applied> ruled;  // written values that take part in a cross-field rule
    bool refused_pending = false;  // a value others were checked against was not written
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
    replica.reset();
    if (replica.package_seen(in.package.id)) {
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
        check_written(run);
        record(run);
      });
    } catch (...) {
      // What was learnt about this database during the refused package may have been rolled back.
      replica.reset();
      here_.reset();
      root_.reset();
      throw;
    }
    return run.r;
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
      const auto mine = replica.org_by_code(po.code);
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
    run.audit_before = replica.last_audit_id();
    if (run.p.audit.empty()) return;
    std::string earliest = run.p.audit.front().at;
    for (const auto& a : run.p.audit) earliest = std::min(earliest, a.at);
    std::unordered_set<std::string> here;
    std::unordered_set<OrgId> loaded;
    for (const auto& a : run.p.audit) {
      const OrgId org = org_id(run, a.org);
      if (!loaded.insert(org).second) continue;
      replica.audit_since(org, earliest, [&](const AuditEntry& e) {
        here.insert(audit_key(org, e.indicator, e.period, e.at, e.device, e.user, e.action, e.old_value, e.new_value));
      });
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
    std::string chain = replica.last_audit_hash();
    for (size_t i = 0; i < added.size(); ++i) {
      const AuditEntry& e = added[i].entry;
      check_entry_signature(run, trust[i], e, added[i].signature);
      chain = audit_hash(chain, e);
      replica.append_audit(e, chain, added[i].signature);
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
      if (a->at == local.at && a->user == local.by && a->device == local.device && a->new_value == local.value)
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
      if (whole) {
        replica.values_of(org, [&](const std::string& ind, const std::string& period, const LocalValue& here) {
          local[value_key(org, ind, period)] = here;
        });
      } else {
        if (auto here = replica.value_of(org, v.indicator, v.period)) local[value_key(org, v.indicator, v.period)] = *here;
        loaded.erase(org);
      }
    }
    std::vector<Applied> applies;
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
      m.local = state_of(mine);
      m.remote = normalised(run, v.now, *ind, what);
      m.base = normalised(run, v.base, *ind, what);
      // The slower questions are asked only when the easy answers do not settle it.
      if (!(m.local == m.remote) && !(m.local == m.base) && m.local.value != m.remote.value &&
          m.remote.value != m.base.value) {
        m.remote_descends_from_local = m.local.value && remote_descends(run, v, mine);
        m.already_decided = replica.value_decided(org, v.indicator, v.period, m.remote.value, v.updated_at, v.device);
        if (m.remote.value)
          m.local_descends_from_remote = replica.in_history(org, v.indicator, v.period, v.updated_at, v.updated_by,
                                                            v.device, *m.remote.value, run.audit_before);
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
    // The sender's values are written only when they keep every cross-field rule, compared with
    // what this database will hold after the package (its other values included). One that breaks
    // a rule goes to a person as a conflict, with the rule, as a form would have refused it. Rules
    // between typed figures are checked here; rules against computed figures once the package's
    // organisations and members are in too (check_figures).
    RuleInputs rules(store, false);
    for (const auto& a : applies)
      if (a.m.remote.value) rules.add_pending(a.org, a.v->indicator, a.period, *a.m.remote.value);
    for (auto& a : applies) {
      const PackageValue& v = *a.v;
      if (a.m.remote.value && rules.ruled(v.indicator)) {
        auto broken = rules.check(a.org, cat.at(v.indicator), a.period, *a.m.remote.value);
        if (!broken.empty()) {
          rule_conflict(run, a, broken.front().message);
          run.refused_pending = true;
          continue;
        }
        a.reads_figures = rules.reads_figures(cat.at(v.indicator), a.period);
        run.ruled.push_back(a);
      }
      replica.write_value(a.org, v.indicator, a.period, remote_of(a), a.m.local.value.has_value());
      ++(!a.m.remote.value ? run.r.removed : a.m.local.value ? run.r.updated : run.r.added);
    }
  }

  // The sender's state of a value, stamped with who wrote it there.
  static LocalValue remote_of(const Applied& a) {
    return {a.m.remote.value, a.m.remote.status, a.v->updated_at, a.v->updated_by, a.v->device};
  }

  void rule_conflict(Run& run, const Applied& a, const std::string& rule) {
    value_conflict(run, a.org, *a.v, a.m, a.mine, rule);
    ++run.r.conflicts;
    ++run.r.rule_conflicts;
  }

  // Once everything the package brings is in (its organisations and members too), the written
  // values are checked again, round after round until none breaks a rule:
  // - against computed figures (党员总数 from the roster, 党支部 from the tree, months rolled up to
  //   the year), figured for the value's organisation and what lies under it, not the whole town;
  // - against the typed values as stored, once a value has been put back or a pending one refused:
  //   another value may have kept its rule only against that one.
  // A value that breaks a rule is put back as it was here and a person decides, as for the first
  // check.
  void check_written(Run& run) {
    const Catalog& cat = store.catalog();
    std::vector<Applied>& live = run.ruled;
    for (bool typed = run.refused_pending;; typed = true) {
      std::vector<std::optional<std::string>> broken(live.size());
      if (typed) {
        RuleInputs now(store, false);
        for (size_t i = 0; i < live.size(); ++i) {
          auto b = now.check(live[i].org, cat.at(live[i].v->indicator), live[i].period, *live[i].m.remote.value);
          if (!b.empty()) broken[i] = b.front().message;
        }
      }
      std::vector<FigureCheck> checks;
      std::vector<size_t> which;
      for (size_t i = 0; i < live.size(); ++i)
        if (live[i].reads_figures && !broken[i]) {
          checks.push_back({live[i].org, &cat.at(live[i].v->indicator), live[i].period, *live[i].m.remote.value});
          which.push_back(i);
        }
      const auto against = check_against_figures(store, checks);
      for (size_t k = 0; k < against.size(); ++k)
        if (against[k]) broken[which[k]] = against[k]->message;
      std::vector<Applied> kept;
      for (size_t i = 0; i < live.size(); ++i) {
        if (!broken[i]) {
          kept.push_back(live[i]);
          continue;
        }
        const Applied& a = live[i];
        replica.write_value(a.org, a.v->indicator, a.period, a.mine, true);  // put back as it was here
        --(a.m.local.value ? run.r.updated : run.r.added);
        rule_conflict(run, a, *broken[i]);
      }
      if (kept.size() == live.size()) return;
      live = std::move(kept);
    }
  }

  // `rule`: the cross-field rule the sender's value breaks here, empty for a change on both sides.
  void value_conflict(Run& run, OrgId org, const PackageValue& v, const MergeInput& m, const LocalValue& mine,
                      const std::string& rule = {}) {
    LocalValue base{m.base.value, m.base.status, {}, {}, {}};
    const int64_t id = replica.add_value_conflict({run.p.id, org, v.indicator, v.period, base, mine,
                                                   {m.remote.value, m.remote.status, v.updated_at, v.updated_by, v.device},
                                                   rule}, run.now, actor.user);
    nlohmann::json d = {{"conflict", id}, {"package", run.p.id}, {"remote_device", v.device},
                        {"remote_by", v.updated_by}};
    if (!rule.empty()) d["rule"] = rule;
    store.record_audit({0, run.now, actor.user, actor.device, "sync_conflict", org, v.indicator, v.period,
                        m.local.value, m.remote.value, tr("sync.audit.conflict"), d.dump()});
  }

  void merge_members(Run& run) {
    if (run.p.members.empty()) return;
    auto local = members_by_uid(store);
    for (const auto& pm : run.p.members) {
      std::optional<LocalMember> mine;
      if (auto it = local.find(pm.uid); it != local.end()) mine = it->second;
      const std::string here = mine ? mine->record : std::string();
      // A record sent without personal fields keeps this database's (sync/Members.hpp).
      const std::string remote = with_personal(pm.record, here), base = with_personal(pm.base_record, here);
      const bool done = replica.member_decided(pm.uid, remote);
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
            const int64_t id = replica.add_member_conflict({run.p.id, org, pm.uid, here, remote, run.p.created_at,
                                                            run.p.created_by, run.p.device}, run.now, actor.user);
            nlohmann::json d = {{"conflict", id}, {"package", run.p.id}, {"member", pm.uid},
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
      run.r.targets_added += replica.fill_target(org_id(run, t.org), t.indicator, t.year, t.value);
    }
  }

  void record(Run& run) {
    const nlohmann::json counts = to_json(run.r);
    replica.record_import({run.p.id, run.sha, run.p.device, run.now, actor.user, counts.dump(), run.p.created_at,
                           run.p.created_by, nlohmann::json(run.p.roots).dump(), store.device_id()});
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
  BatchScope batch(store);
  store.transaction([&] {
    for (const auto& path : paths) {
      FileOutcome o{path, std::nullopt, {}};
      try {
        batch.step([&] { o.result = import_file(path); });
      } catch (const InputError& e) {
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
