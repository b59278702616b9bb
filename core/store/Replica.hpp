#pragma once
// What a package changes in this database, as the store's own statements: the sender's history
// joining this one, the sender's values written with their provenance (who, when, which device),
// targets the town has not set, conflicts for a person, and the ledger of packages taken. The
// package importer (sync/Import.cpp) decides what to write (the three-way merge, the rules); this
// is how it is written, so no caller outside store/ holds the connection.
//
// Statements are prepared once per importer: a batch of hundreds of packages reuses them.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {

class Store;

enum class ConflictKind { Value, Member };

// A difference a package brought that a person decides (sync/Conflicts.hpp).
struct Conflict {
  int64_t id = 0;
  ConflictKind kind = ConflictKind::Value;
  std::string package_id;
  OrgId org = 0;
  std::string org_name;
  std::string indicator;  // values: indicator id
  std::string period;     // values: "2020" / "2020-03"
  std::string member_uid, member_name;  // members (the name: sync/Conflicts.cpp reads it from the record)
  std::optional<double> base, local, remote;  // values; nullopt = none / removed
  std::string base_status, local_status, remote_status;
  std::optional<double> current;  // this database's value now (it may have moved since)
  std::string local_at, local_by, local_device;
  std::string remote_at, remote_by, remote_device;
  std::string local_record, remote_record;  // members, JSON
  std::string created_at;
  std::string rule;  // values: the cross-field rule the sender's value breaks here; empty: changed on both sides
  std::optional<std::string> resolution;  // "local", "remote", "typed", "superseded"; nullopt while open
  std::optional<double> resolved_value;
  std::string resolved_at, resolved_by, reason;
  bool open() const { return !resolution; }
};

// Open conflicts (all of them with include_resolved), oldest first; one by id; how many are open.
std::vector<Conflict> stored_conflicts(const Store& store, bool include_resolved);
std::optional<Conflict> stored_conflict(const Store& store, int64_t id);
int open_conflict_rows(const Store& store);
// Records a person's decision on a conflict (the caller writes the value and the audit entry).
void close_conflict(Store& store, int64_t id, const std::string& resolution, std::optional<double> value,
                    const std::string& at, const std::string& user, const std::string& reason);

// A member as other databases know it: by uid, with its branch's code (sync/Members.hpp).
struct UidMember {
  Member member;
  std::string branch_code;
};
std::unordered_map<std::string, UidMember> members_by_uid_rows(const Store& store);
// Writes a member under its uid: inserted (with this uid), updated (`local`: its id here), or
// removed (`m` absent). The caller checks the record; returns the id (0 after a removal).
int64_t write_member_row(Store& store, const std::string& uid, std::optional<int64_t> local, const std::optional<Member>& m);

// One package sent or taken in, as the ledgers (sync_exports, sync_imports) hold it; roots and
// counts are JSON (sync/History.cpp reads them).
struct ExchangeRow {
  bool sent = false;
  std::string at, by, peer, sender, sent_at, file, package_id;
  bool everything = false;
  std::string roots, counts;
};
// Both ledgers as one, newest first (0: all). A tablet copied from the town holds the town's list
// of packages taken in (so none is taken twice), but only those taken in on this device are its own.
std::vector<ExchangeRow> exchange_rows(const Store& store, size_t limit);
std::optional<ExchangeRow> last_export_row(const Store& store, const std::string& destination);

class ReplicaWriter {
 public:
  explicit ReplicaWriter(Store& store);
  ~ReplicaWriter();
  ReplicaWriter(const ReplicaWriter&) = delete;
  ReplicaWriter& operator=(const ReplicaWriter&) = delete;

  // A package refused half-way may leave a statement mid-step: start every one afresh.
  void reset();

  // One value as stored here, with who wrote it.
  struct Stored {
    std::optional<double> value;  // none: absent
    std::string status, at, by, device;
  };

  bool package_seen(const std::string& package_id);
  std::optional<std::pair<OrgId, OrgKind>> org_by_code(const std::string& code);

  // ---- History --------------------------------------------------------------------------------
  int64_t last_audit_id();
  std::string last_audit_hash();
  // This database's entries of an organisation from `since` on (index sync_audit_by_time).
  void audit_since(OrgId org, const std::string& since, const std::function<void(const AuditEntry&)>& fn);
  // A sender's entry joins the chain: `hash` continues it, `signature` is the writing device's.
  void append_audit(const AuditEntry& e, const std::string& hash, const std::string& signature);
  // Whether this database's history up to entry `up_to` holds a change that wrote exactly this.
  bool in_history(OrgId org, const std::string& indicator, const std::string& period, const std::string& at,
                  const std::string& user, const std::string& device, double value, int64_t up_to);

  // ---- Values ---------------------------------------------------------------------------------
  void values_of(OrgId org, const std::function<void(const std::string& indicator, const std::string& period,
                                                     const Stored&)>& fn);
  std::optional<Stored> value_of(OrgId org, const std::string& indicator, const std::string& period);
  // Writes `s` as this value (absent: removes it). `exists`: whether a row is there now.
  void write_value(OrgId org, const std::string& indicator, const Period& period, const Stored& s, bool exists);
  // Fills a target only where the town has none; returns whether it did.
  bool fill_target(OrgId org, const std::string& indicator, int year, double value);

  // ---- Conflicts (sync_conflicts) -------------------------------------------------------------
  // A person already decided between this database's value and exactly this remote state.
  bool value_decided(OrgId org, const std::string& indicator, const std::string& period,
                     std::optional<double> remote, const std::string& remote_at, const std::string& remote_device);
  bool member_decided(const std::string& uid, const std::string& remote_record);
  struct ValueConflict {
    std::string package;
    OrgId org = 0;
    std::string indicator, period;
    Stored base, local, remote;
    std::string rule;  // the cross-field rule the remote value breaks here; empty: changed on both sides
  };
  // Records a conflict (the same sender's undecided one on this value is superseded); returns its id.
  int64_t add_value_conflict(const ValueConflict& c, const std::string& now, const std::string& user);
  struct MemberConflict {
    std::string package;
    OrgId org = 0;
    std::string uid, local_record, remote_record, remote_at, remote_by, remote_device;
  };
  int64_t add_member_conflict(const MemberConflict& c, const std::string& now, const std::string& user);

  // ---- The ledger (sync_imports) --------------------------------------------------------------
  struct Taken {
    std::string package, sha256, device, at, user, counts, sent_at, sent_by, roots, received_on;
  };
  void record_import(const Taken& t);

 private:
  struct Statements;
  Store& store_;
  std::unique_ptr<Statements> st_;
};

// Runs `fn` with a larger page cache (a batch of packages writes far more pages than SQLite's
// default 2 MB holds; spilling them to the WAL mid-transaction cost a sixth of the import), and
// each of `steps` inside its own savepoint: a step that throws InputError is taken back alone.
class BatchScope {
 public:
  explicit BatchScope(Store& store);
  ~BatchScope();
  // Runs fn in a savepoint; an InputError rolls back to it and is rethrown.
  void step(const std::function<void()>& fn);

 private:
  Store& store_;
  int64_t pages_;
};

}  // namespace jiceng
