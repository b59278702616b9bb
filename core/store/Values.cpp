// Store: typed values — checking, writing with audit entries, status changes and reading back.
#include <sqlite3.h>

#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "model/Figures.hpp"
#include "model/Plausibility.hpp"
#include "model/RuleInputs.hpp"
#include "model/Rules.hpp"
#include "store/AuditChain.hpp"
#include "store/AuditSigning.hpp"
#include "store/Store.hpp"
#include "store/StoreDetail.hpp"
#include "store/Subtree.hpp"

namespace jiceng {

using sql::Stmt;

namespace {

// Everything one batch needs to check inputs without a query per row: organisations by code and
// name, and what the cross-field rules read (a rule may compare two values of the same batch).
struct BatchContext {
  std::unordered_map<std::string, Org> orgs;
  RuleInputs rules;

  // Rules against computed figures are checked once the batch is written (check_against_figures).
  explicit BatchContext(const Store& s) : rules(s, false) {
    for (auto& o : s.orgs()) {
      orgs.emplace(o.name, o);
      orgs.insert_or_assign(o.code, o);  // a code wins over an equal name
    }
  }
};

ValueRecord read_value(const Stmt& st) {
  ValueRecord r;
  r.org = st.int64(0);
  r.indicator = st.text(1);
  r.period = Period::parse(st.text(2)).value_or(Period{});
  r.value = st.real(3);
  r.status = parse_value_status(st.text(4)).value_or(ValueStatus::Draft);
  r.updated_at = st.text(5);
  r.updated_by = st.text(6);
  r.device = st.text(7);
  return r;
}

constexpr const char* kSelectValue =
    "SELECT org_id, indicator_id, period, value, status, updated_at, updated_by, device FROM indicator_values ";

ValueRecord check_one(const Store& store, BatchContext& ctx, const ValueInput& in) {
  const Catalog& catalog = store.catalog();
  Location where = in.where;
  auto at = [&](const char* field) { Location l = where; l.field = tr(field); return l; };

  auto org_it = ctx.orgs.find(in.org);
  if (org_it == ctx.orgs.end()) throw InputError(tr("store.unknown_org", {{"org", in.org}}), at("field.org"));
  const Org& org = org_it->second;

  const Indicator* ind = catalog.find(in.indicator);
  if (!ind) throw InputError(tr("store.unknown_indicator", {{"indicator", in.indicator}}), at("field.indicator"));
  auto period = Period::parse(in.period);
  if (!period) throw InputError(tr("store.bad_period", {{"period", in.period}}), at("field.period"));
  if (auto refused = entry_refusal(*ind, org, *period)) throw InputError(refused->message, at(refused->field));

  Location value_at = at("field.value");
  value_at.field = ind->name;
  const double typed = parse_figure(in.value, *ind, value_at);
  const double v = check_value(*ind, in.entry_unit ? typed_to_stored(*ind, typed, value_at) : typed, value_at);

  auto violations = ctx.rules.check(org.id, *ind, *period, v);
  if (!violations.empty()) throw InputError(violations.front().message, value_at);

  ValueRecord r;
  r.org = org.id;
  r.indicator = ind->id;
  r.period = *period;
  r.value = v;
  r.status = in.status.value_or(ValueStatus::Draft);
  return r;
}

}  // namespace

std::optional<ValueRecord> Store::value(OrgId org, const std::string& indicator, const Period& p) const {
  Stmt st(db_, std::string(kSelectValue) + "WHERE org_id = ? AND indicator_id = ? AND period = ?");
  st.bind(1, org).bind(2, indicator).bind(3, p.str());
  if (!st.step()) return std::nullopt;
  return read_value(st);
}

std::vector<ValueRecord> Store::values(int year) const {
  Stmt st(db_, std::string(kSelectValue) + "WHERE year = ?");
  st.bind(1, year);
  std::vector<ValueRecord> out;
  while (st.step()) out.push_back(read_value(st));
  return out;
}

void scan_value_rows(Stmt& st, int year, const std::function<void(const ValueSource::ValueScan&)>& fn) {
  while (st.step()) {
    auto p = Period::parse(st.view(2));
    if (!p || p->year != year) continue;
    fn(ValueSource::ValueScan{st.int64(0), st.view(1), p->month, st.real(3),
                              parse_value_status(st.view(4)).value_or(ValueStatus::Draft)});
  }
}

void scan_target_rows(Stmt& st, const std::function<void(const ValueSource::TargetScan&)>& fn) {
  while (st.step()) fn(ValueSource::TargetScan{st.int64(0), st.view(1), st.real(2)});
}

void Store::scan_values(int year, const std::function<void(const ValueScan&)>& fn) const {
  Stmt st(db_, std::string(kScanValues) + "WHERE year = ?");
  st.bind(1, year);
  scan_value_rows(st, year, fn);
}

std::map<OrgId, int> Store::draft_counts(int year) const {
  // Drafts are few, the year's values many: left to itself the planner takes the covering
  // values_by_year and reads a province's 900 000 values (0.2 s on every change), so the index is
  // named (SQLite refuses the statement rather than ignore it).
  Stmt st(db_, "SELECT org_id, count(*) FROM indicator_values INDEXED BY values_by_status "
               "WHERE status = 'draft' AND year = ? GROUP BY org_id");
  st.bind(1, year);
  std::map<OrgId, int> out;
  while (st.step()) out[st.int64(0)] = int(st.int64(1));
  return out;
}

void Store::set_value(const ValueInput& in, const Actor& actor, const std::string& reason) {
  set_values({in}, actor, reason);
}

size_t Store::enter_value(ValueInput in, const Actor& actor, bool confirmed, const std::string& reason) {
  in.check_plausibility = true;
  in.confirmed = confirmed;
  // A retired town indicator keeps its values; a person no longer types new ones. (Packages and
  // imports still carry values typed before it was retired.)
  if (const Indicator* ind = catalog().find(in.indicator); ind && ind->retired)
    throw InputError(tr("catalog.town_retired", {{"name", ind->name}}), Location{in.where.file, in.where.line, ind->name});
  return set_values({in}, actor, reason);
}

void Store::remove_value(OrgId org, const std::string& indicator, const Period& p, const Actor& actor,
                         const std::string& reason) {
  require_entry_right(org, actor);
  const auto before = value(org, indicator, p);
  if (!before) return;
  transaction([&] {
    Stmt(db_, "DELETE FROM indicator_values WHERE org_id = ? AND indicator_id = ? AND period = ?")
        .bind(1, org).bind(2, indicator).bind(3, p.str()).run();
    const std::string device = actor.device.empty() ? device_id() : actor.device;
    audit({0, now_iso(), actor.user, device, "remove_value", org, indicator, p.str(), before->value, std::nullopt, reason, {}});
  });
}

size_t Store::set_values(const std::vector<ValueInput>& ins, const Actor& actor, const std::string& reason) {
  return write_values(ins, actor, reason, "set_value");
}

size_t Store::write_values(const std::vector<ValueInput>& ins, const Actor& actor, const std::string& reason,
                           const char* action) {
  BatchContext ctx(*this);
  size_t changed = 0;
  transaction([&] {
    Stmt old(db_, "SELECT value, status FROM indicator_values WHERE org_id = ? AND indicator_id = ? AND period = ?");
    Stmt up(db_, "INSERT INTO indicator_values(org_id, indicator_id, period, year, value, status, updated_at, "
                 "updated_by, device) VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(org_id, indicator_id, period) DO UPDATE "
                 "SET value = excluded.value, status = excluded.status, updated_at = excluded.updated_at, "
                 "updated_by = excluded.updated_by, device = excluded.device");
    Stmt log(db_, "INSERT INTO audit(at, user, device, action, org_id, indicator_id, period, old_value, new_value, "
                  "reason, detail, hash, signature) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    std::string chain = last_audit_hash(db_);  // this batch's entries follow one another
    AuditSigner signer(*this);
    const std::string at = now_iso();
    const std::string device = actor.device.empty() ? device_id() : actor.device;
    std::vector<FigureCheck> against_figures;
    std::vector<const ValueInput*> against_figures_in;
    std::optional<ImplausibleValue> implausible;  // thrown after every rule passed: nothing is kept
    for (const auto& in : ins) {
      ValueRecord r = check_one(*this, ctx, in);
      require_entry_right(r.org, actor);
      if (r.status == ValueStatus::Approved && in.status) require_role(actor, {Role::Leader, Role::Admin});
      const std::string period = r.period.str();
      ctx.rules.add_pending(r.org, r.indicator, r.period, r.value);

      old.bind(1, r.org).bind(2, r.indicator).bind(3, period);
      std::optional<double> before;
      std::optional<ValueStatus> before_status;
      if (old.step()) {
        before = old.real(0);
        before_status = parse_value_status(old.text(1));
      }
      old.reset();
      if (!in.status && before_status) r.status = *before_status;  // typing a value keeps its status
      if (before && *before == r.value && before_status == r.status) continue;
      // Checked after the rules (a broken rule says more) and only for a change (an unchanged
      // value was accepted before).
      std::optional<PlausibilityWarning> warning;
      if (in.check_plausibility && (!before || *before != r.value)) {
        warning = check_plausibility(*this, catalog().at(r.indicator), r.org, r.period, r.value);
        if (warning && !in.confirmed && !implausible) {  // asked once the rules below have had their say
          Location where = in.where;
          where.field = catalog().at(r.indicator).name;
          implausible.emplace(*warning, where);
        }
      }

      up.bind(1, r.org).bind(2, r.indicator).bind(3, period).bind(4, r.period.year).bind(5, r.value)
          .bind(6, std::string(to_string(r.status))).bind(7, at).bind(8, actor.user).bind(9, device).run();
      // Statuses are fixed ASCII words, so the JSON detail is assembled directly (hot path).
      std::string detail = "{\"status\":\"" + std::string(to_string(r.status)) + "\"";
      if (before_status) detail += ",\"old_status\":\"" + std::string(to_string(*before_status)) + "\"";
      if (warning)
        detail += ",\"plausibility\":" + nlohmann::json{{"warning", warning->message}, {"confirmed", true}}.dump();
      detail += "}";
      const AuditEntry entry{0, at, actor.user, device, action, r.org, r.indicator, period, before, r.value,
                             reason, detail};
      chain = audit_hash(chain, entry);
      log.bind(1, at).bind(2, actor.user).bind(3, device).bind(4, std::string(action)).bind(5, r.org)
          .bind(6, r.indicator).bind(7, period).bind(8, before).bind(9, r.value).bind(10, reason).bind(11, detail)
          .bind(12, chain).bind(13, signer.sign(entry)).run();
      ++changed;
      const Indicator& ind = catalog().at(r.indicator);
      if (ctx.rules.reads_figures(ind, r.period)) {
        against_figures.push_back({r.org, &ind, r.period, r.value});
        against_figures_in.push_back(&in);
      }
    }
    // The figures with this batch in them: a broken rule throws, and the transaction takes the
    // whole batch back.
    const auto broken = check_against_figures(*this, against_figures);
    for (size_t i = 0; i < broken.size(); ++i)
      if (broken[i]) {
        Location where = against_figures_in[i]->where;
        where.field = against_figures[i].indicator->name;
        throw InputError(broken[i]->message, where);
      }
    if (implausible) throw *implausible;
  });
  return changed;
}

}  // namespace jiceng
