#pragma once
// The SQLite database of one town: organisations, members, targets, values and the audit log.
// Every write is one transaction and leaves an audit entry; a rejected write leaves the file as it
// was. Schema versions live in PRAGMA user_version and are migrated on open (store/Schema.cpp).
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/Error.hpp"
#include "base/Time.hpp"  // now_iso(), which every writer stamps
#include "model/Catalog.hpp"
#include "model/Model.hpp"
#include "model/ValueSource.hpp"

struct sqlite3;

namespace jiceng {

struct ValueInput {
  std::string org;        // code or Chinese name
  std::string indicator;  // id or Chinese name
  std::string period;     // "2020" or "2020-03"
  std::string value;      // as typed; parsed and checked here
  std::optional<ValueStatus> status;  // default: keep the old status, Draft for a new value
  Location where;         // where the input came from, for messages
  // Set by Store::enter_value (one value typed by a person): the value is also checked for
  // plausibility (model/Plausibility.hpp). Imports, packages and the demo write unchecked.
  bool check_plausibility = false;
  bool confirmed = false;  // the person read the plausibility warning and confirmed the value
  // `value` is in the indicator's entry unit (a person typed it: the form, jiceng-cli set, a CSV
  // in the entry unit); otherwise in the report unit the store keeps (imports, the demo).
  bool entry_unit = false;
};

struct HistoryFilter {
  std::optional<OrgId> org;
  std::string indicator;
  std::string period;
  int limit = 0;  // 0 = all
};

// The program's ValueSource: the year's figures and the rules read the town from here.
class Store final : public ValueSource {
 public:
  // How a file is opened. Create: made when absent, migrated. Existing: must already be a Jiceng
  // database (an absent or empty file is refused before anything is written), migrated. ReadOnly:
  // nothing is ever written (a write-protected file or folder); every write is refused in Chinese.
  enum class Access { Create, Existing, ReadOnly };
  // Opens and migrates to the current schema. Throws InputError when the file is not a Jiceng/SQLite
  // database, is newer than this program, or does not fit the access asked for.
  static std::unique_ptr<Store> open(const std::string& path, const Catalog& catalog = Catalog::builtin(),
                                     Access access = Access::Create);
  bool read_only() const { return read_only_; }
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  static int schema_version();  // the version this program writes
  const std::string& path() const { return path_; }
  // The built-in catalog plus the town's own indicators (define_indicator). A change of town
  // indicators makes a new catalog; earlier ones stay alive as long as the store, so a view that
  // still holds an Indicator pointer reads stale data, never freed memory.
  const Catalog& catalog() const override { return *catalogs_.back(); }
  // Town definitions that no longer fit the catalog (a newer built-in catalog took their name):
  // left out of catalog(), each with a Chinese sentence for the admin.
  const std::vector<std::string>& catalog_problems() const { return catalog_problems_; }
  sqlite3* handle() const { return db_; }

  // Runs fn inside one transaction (nested calls join the outer one); rolls back on any exception.
  void transaction(const std::function<void()>& fn);
  // Monotonic counter bumped by every committed write, so views know when to recompute.
  uint64_t revision() const { return revision_; }

  // ---- Town identity and settings ---------------------------------------------------------
  std::string meta(const std::string& key, const std::string& fallback = {}) const;
  void set_meta(const std::string& key, const std::string& value);
  // A town setting a person changes (e.g. the ranking's weights): leaders and admins only, with an
  // audit entry holding the old and new text.
  void set_setting(const std::string& key, const std::string& value, const Actor& actor);
  std::string device_id() const;  // created on first open
  bool is_empty() const;          // no organisations yet

  // ---- Town indicators (docs/CATALOG.md, "Town indicators"); admins only, audited --------
  struct TownIndicator {
    std::string id;
    std::string definition;  // one indicator object, JSON
    std::string state;       // "active", "retired", "deleted"
    std::string defined_at, defined_by;
  };
  std::vector<TownIndicator> town_indicators() const;  // every state, in definition order
  // Adds a town indicator (definition without "id": a fresh "t_…" id is made) or changes one.
  // Checked against the whole catalog first (names unique, formulas and rules known). An
  // indicator with values or targets keeps its meaning: unit, kind, level, aggregate, frequency
  // and roll-up cannot change. Returns the id.
  std::string define_indicator(const std::string& definition_json, const Actor& actor, const std::string& reason = {});
  // Retired: kept with its values, no longer asked for on forms. Deleted: only when nothing uses
  // it (no values, targets or rules of other indicators); its id stays reserved.
  void retire_indicator(const std::string& id, bool retired, const Actor& actor, const std::string& reason = {});
  void delete_indicator(const std::string& id, const Actor& actor, const std::string& reason = {});
  // A section of the town's own; returns its id ("ts_…"). An existing name returns its section.
  std::string add_section(const std::string& name, const Actor& actor);
  // Definitions another device sent (sync/Import.cpp: the sender's key and the importer's right
  // are checked there). A section or indicator unknown here is stored; one changed later there
  // (defined_at) is taken when its meaning is unchanged or nothing here uses it. Otherwise this
  // database keeps its own and the sentence returned tells a person why (empty: nothing to tell).
  // Audited as define_indicator with `reason`.
  std::string receive_indicator(const TownIndicator& remote, const Actor& actor, const std::string& reason);
  void receive_section(const std::string& id, const std::string& name, const Actor& actor);
  std::vector<Section> town_sections() const;

  // ---- Organisations ------------------------------------------------------------------------
  std::vector<Org> orgs() const override;  // tree order: by parent, then sort, then code
  std::optional<Org> org(OrgId id) const;
  std::optional<Org> find_org(std::string_view code_or_name) const;
  Org require_org(std::string_view code_or_name, const Location& where = {}) const;  // throws
  OrgId add_org(const Org& org, const Actor& actor);
  std::optional<Org> town() const;  // the root
  void rename_org(OrgId id, const std::string& name, const Actor& actor);
  // Moves an organisation (with its subtree) under another parent of a fitting kind.
  void move_org(OrgId id, OrgId new_parent, const Actor& actor);
  // What deleting an organisation takes with it, for the confirmation a person reads first.
  struct OrgImpact {
    int orgs = 0;  // the organisation itself and everything under it
    int members = 0, values = 0, targets = 0;
    bool has_data() const { return members + values + targets > 0; }
  };
  OrgImpact org_impact(OrgId id) const;
  // Deletes an organisation and its subtree. Refused when it holds data unless with_data is true
  // (the stronger confirmation); the audit entry records what went.
  void delete_org(OrgId id, bool with_data, const Actor& actor, const std::string& reason = {});
  // True when `id` is `ancestor` or lies under it.
  bool is_within(OrgId id, OrgId ancestor) const;

  // ---- Members ------------------------------------------------------------------------------
  std::vector<Member> members() const override;
  int64_t add_member(const Member& m, const Actor& actor);
  void add_members(const std::vector<Member>& ms, const Actor& actor);  // one transaction, one audit entry each
  void update_member(const Member& m, const Actor& actor, const std::string& reason = {});
  void delete_member(int64_t id, const Actor& actor, const std::string& reason = {});
  std::optional<Member> member(int64_t id) const;

  // ---- Targets ------------------------------------------------------------------------------
  void set_target(OrgId org, const std::string& indicator, int year, double value, const Actor& actor,
                  const std::string& reason = {});
  std::vector<Target> targets(int year) const;
  void scan_targets(int year, const std::function<void(const TargetScan&)>& fn) const override;
  std::optional<double> target(OrgId org, const std::string& indicator, int year) const override;

  // ---- Values -------------------------------------------------------------------------------
  // Checks one input against the catalog's rules (and the stored values it is compared with),
  // then writes it with an audit entry. Throws InputError, writing nothing, when it fails a rule.
  void set_value(const ValueInput& in, const Actor& actor, const std::string& reason = {});
  // One value typed by a person (the collect form, jiceng-cli set): set_value plus the plausibility
  // check. An implausible value (×5 or ÷5 of last year's same period or of its target share) throws
  // ImplausibleValue, writing nothing, unless `confirmed`; a confirmed one's audit entry carries
  // "plausibility": {"warning": text, "confirmed": true} in its detail.
  size_t enter_value(ValueInput in, const Actor& actor, bool confirmed, const std::string& reason = {});
  // Many inputs, all or nothing: the first bad one throws and nothing is written. Returns how many
  // values actually changed (identical values are not rewritten and leave no audit entry).
  size_t set_values(const std::vector<ValueInput>& ins, const Actor& actor, const std::string& reason = {});
  // Removes a value (another device removed it, and a person chose that side of the conflict):
  // the actor's right to enter it is checked and the removal audited ("remove_value"). Nothing to
  // remove is no error.
  void remove_value(OrgId org, const std::string& indicator, const Period& p, const Actor& actor,
                    const std::string& reason);
  // ---- Workflow: 草稿 → 已提交 (clerk) → 已审核 (leader); reopen (leader) needs a reason ------
  // Each acts on one organisation's values of one period (a year's yearly values, or a month's).
  // Submitting a period with expected figures missing (store/Workflow.hpp) is refused unless the clerk
  // confirmed the gaps; the confirmed gaps are kept in the audit entries' detail ("gaps": ids).
  void submit(OrgId org, const Period& p, const Actor& actor, bool gaps_confirmed = false);
  void approve(OrgId org, const Period& p, const Actor& actor);
  void reopen(OrgId org, const Period& p, const Actor& actor, const std::string& reason);
  // The lowest status among an organisation's values of a period; nullopt when nothing is typed.
  std::optional<ValueStatus> period_status(OrgId org, const Period& p) const;
  // Restores a value to what it was before its last change (the undo is itself recorded). The
  // restored value is written by the same writer as a typed one: a value that no longer keeps a
  // cross-field rule (its partner changed since) is refused with the rule's message.
  void undo_last(OrgId org, const std::string& indicator, const Period& p, const Actor& actor);
  // Values of a year: the yearly ones and every month of it.
  std::vector<ValueRecord> values(int year) const;
  // Every value of a year, once, without copying who typed it (ValueSource::ValueScan).
  void scan_values(int year, const std::function<void(const ValueScan&)>& fn) const override;
  std::optional<ValueRecord> value(OrgId org, const std::string& indicator, const Period& p) const override;
  std::vector<int> years() const;  // years that have values or targets, ascending
  // How many of a year's values are still 草稿, by organisation (none: not listed). An index
  // lookup (values_by_status), for the status bar on every change.
  std::map<OrgId, int> draft_counts(int year) const;

  // ---- Summary templates --------------------------------------------------------------------
  // A town's summary template as text, its versions and the paragraph being typed
  // (summary/editor/TemplateStore gives them meaning). Not figure data: these writes leave
  // revision(), so no screen recomputes its figures because a sentence changed.
  struct TemplateVersion {
    int64_t id = 0;
    std::string at, user;
    std::string kind;  // "manual", "auto", "import", "restore"
    std::string label;
    size_t blocks = 0, placeholders = 0;
  };
  struct TemplateDraft {
    size_t block = 0;
    std::string text, at;
  };
  std::optional<std::string> template_text(const std::string& name) const;  // the working copy
  void save_template_text(const std::string& name, const std::string& text, const Actor& actor);
  // Drops the working copy and its draft (the built-in default applies); audited as summary_reset.
  void remove_template(const std::string& name, const Actor& actor);
  // Saves `text` as the working copy and as a version (v's kind, label and counts); audited as
  // summary_version unless automatic. Returns the version's id.
  int64_t add_template_version(const std::string& name, const std::string& text, const TemplateVersion& v,
                               const Actor& actor);
  std::vector<TemplateVersion> template_versions(const std::string& name) const;  // newest first
  std::optional<std::string> template_version_text(const std::string& name, int64_t id) const;
  void save_template_draft(const std::string& name, const TemplateDraft& d);
  std::optional<TemplateDraft> template_draft(const std::string& name) const;
  void clear_template_draft(const std::string& name);
  // One transaction of template writes: like transaction(), but revision() stays.
  void text_transaction(const std::function<void()>& fn);

  // ---- Audit --------------------------------------------------------------------------------
  std::vector<AuditEntry> history(const HistoryFilter& f = {}) const;
  // Appends an entry (inside the caller's transaction); for modules that write with their own SQL.
  void record_audit(const AuditEntry& e) { audit(e); }

 private:
  Store(sqlite3* db, std::string path, const Catalog& catalog);
  void audit(const AuditEntry& e);
  void set_status(OrgId org, const Period& p, ValueStatus from, ValueStatus to, const Actor& actor,
                  const std::string& reason, const std::vector<std::string>& missing = {});
  // Throws InputError unless the actor may enter data for `org` (clerks: within their scope).
  void require_entry_right(OrgId org, const Actor& actor) const;
  void require_role(const Actor& actor, std::initializer_list<Role> roles) const;
  // The one writer of typed values: set_values, enter_value and undo_last all come here, so every
  // value meets the same rules and leaves an audit entry of `action` ("set_value", "undo").
  size_t write_values(const std::vector<ValueInput>& ins, const Actor& actor, const std::string& reason,
                      const char* action);
  // Builds catalog() from the base and the town's rows; `extra` is checked as if already stored.
  std::unique_ptr<Catalog> build_catalog(const std::vector<TownIndicator>& rows,
                                         std::vector<std::string>* problems) const;
  void run_transaction(const std::function<void()>& fn);  // transaction() and text_transaction()
  void reload_catalog();
  void mirror_catalog();  // the indicators table, which values reference

  sqlite3* db_ = nullptr;
  std::string path_;
  const Catalog& base_;
  std::vector<std::unique_ptr<Catalog>> catalogs_;
  std::vector<std::string> catalog_problems_;
  bool catalog_changed_ = false;  // within the current transaction; reloaded on rollback
  int tx_depth_ = 0;
  bool figures_written_ = false;  // within the current transaction: revision() moves at commit
  bool read_only_ = false;
  uint64_t revision_ = 0;
  mutable std::string device_id_;
};

}  // namespace jiceng
