// Store: who may do what, the 草稿 → 已提交 → 已审核 workflow, and undo.
#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Numbers.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "store/Store.hpp"
#include "store/Workflow.hpp"

namespace jiceng {

using sql::Stmt;

bool Store::is_within(OrgId id, OrgId ancestor) const {
  for (std::optional<OrgId> cur = id; cur;) {
    if (*cur == ancestor) return true;
    auto o = org(*cur);
    cur = o ? o->parent : std::nullopt;
  }
  return false;
}

void Store::require_role(const Actor& actor, std::initializer_list<Role> roles) const {
  for (Role r : roles)
    if (actor.role == r) return;
  throw InputError(tr("auth.role_refused", {{"user", actor.user}, {"role", label(actor.role)}}));
}

void Store::require_entry_right(OrgId org_id, const Actor& actor) const {
  if (actor.role == Role::Admin) return;
  if (actor.role == Role::Leader) throw InputError(tr("auth.leader_cannot_enter", {{"user", actor.user}}));
  for (OrgId scope : actor.scope)
    if (is_within(org_id, scope)) return;
  auto o = org(org_id);
  throw InputError(tr("auth.not_assigned", {{"user", actor.user}, {"org", o ? o->name : std::to_string(org_id)}}));
}

std::optional<ValueStatus> Store::period_status(OrgId org_id, const Period& p) const {
  Stmt st(db_, "SELECT min(CASE status WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1 ELSE 2 END) "
               "FROM indicator_values WHERE org_id = ? AND period = ?");
  st.bind(1, org_id).bind(2, p.str());
  if (!st.step() || st.is_null(0)) return std::nullopt;
  return ValueStatus(st.int64(0));
}

void Store::set_status(OrgId org_id, const Period& p, ValueStatus from, ValueStatus to, const Actor& actor,
                       const std::string& reason, const std::vector<std::string>& missing) {
  auto o = org(org_id);
  if (!o) throw InputError(tr("store.unknown_org", {{"org", std::to_string(org_id)}}));
  transaction([&] {
    Stmt sel(db_, "SELECT indicator_id, value FROM indicator_values WHERE org_id = ? AND period = ? AND status = ?");
    sel.bind(1, org_id).bind(2, p.str()).bind(3, std::string(to_string(from)));
    std::vector<std::pair<std::string, double>> rows;
    while (sel.step()) rows.emplace_back(sel.text(0), sel.real(1));
    if (rows.empty())
      throw InputError(tr("workflow.nothing", {{"org", o->name}, {"period", p.str()}, {"status", label(from)}}));
    Stmt up(db_, "UPDATE indicator_values SET status = ?, updated_at = ?, updated_by = ?, device = ? "
                 "WHERE org_id = ? AND indicator_id = ? AND period = ?");
    const std::string at = now_iso();
    const std::string device = actor.device.empty() ? device_id() : actor.device;
    nlohmann::json d{{"old_status", to_string(from)}, {"status", to_string(to)}};
    if (!missing.empty()) d["gaps"] = missing;  // the gaps the clerk confirmed (no schema change)
    const std::string detail = d.dump();
    for (const auto& [indicator, value] : rows) {
      up.bind(1, std::string(to_string(to))).bind(2, at).bind(3, actor.user).bind(4, device).bind(5, org_id)
          .bind(6, indicator).bind(7, p.str()).run();
      audit({0, at, actor.user, device, "set_status", org_id, indicator, p.str(), value, value, reason, detail});
    }
  });
}

void Store::submit(OrgId org_id, const Period& p, const Actor& actor, bool gaps_confirmed) {
  require_entry_right(org_id, actor);
  // The same rule the screens ask before offering 提交: an empty or already submitted period says so.
  const Permission may = permission(*this, WorkflowStep::Submit, org_id, p, actor);
  if (!may.ok) throw InputError(may.why);
  const Org o = *org(org_id);
  std::vector<std::string> gaps;
  std::string names;
  for (const Indicator* ind : missing_indicators(*this, o, p)) {
    gaps.push_back(ind->id);
    names += (names.empty() ? "" : tr("workflow.list_sep")) + ind->name;
  }
  const std::string n = std::to_string(gaps.size());
  if (!gaps.empty() && !gaps_confirmed)
    throw InputError(tr("workflow.incomplete", {{"org", o.name}, {"period", period_text(p)}, {"n", n}, {"list", names}}));
  set_status(org_id, p, ValueStatus::Draft, ValueStatus::Submitted, actor,
             gaps.empty() ? tr("workflow.submit_reason") : tr("workflow.submit_gaps_reason", {{"n", n}}), gaps);
}

void Store::approve(OrgId org_id, const Period& p, const Actor& actor) {
  require_role(actor, {Role::Leader, Role::Admin});
  if (period_status(org_id, p) == ValueStatus::Draft) {
    auto o = org(org_id);
    throw InputError(tr("workflow.drafts_left", {{"org", o ? o->name : ""}, {"period", p.str()}}));
  }
  set_status(org_id, p, ValueStatus::Submitted, ValueStatus::Approved, actor, tr("workflow.approve_reason"));
}

void Store::reopen(OrgId org_id, const Period& p, const Actor& actor, const std::string& reason) {
  require_role(actor, {Role::Leader, Role::Admin});
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError(tr("workflow.reopen_needs_reason"), Location{{}, 0, tr("field.reason")});
  transaction([&] {
    bool any = false;
    for (ValueStatus from : {ValueStatus::Submitted, ValueStatus::Approved}) {
      Stmt has(db_, "SELECT count(*) FROM indicator_values WHERE org_id = ? AND period = ? AND status = ?");
      has.bind(1, org_id).bind(2, p.str()).bind(3, std::string(to_string(from)));
      if (has.step() && has.int64(0) > 0) {
        set_status(org_id, p, from, ValueStatus::Draft, actor, reason);
        any = true;
      }
    }
    if (!any) {
      auto o = org(org_id);
      throw InputError(tr("workflow.nothing_to_reopen", {{"org", o ? o->name : ""}, {"period", p.str()}}));
    }
  });
}

void Store::undo_last(OrgId org_id, const std::string& indicator, const Period& p, const Actor& actor) {
  require_entry_right(org_id, actor);
  Stmt last(db_, "SELECT old_value, new_value FROM audit WHERE org_id = ? AND indicator_id = ? AND period = ? "
                 "AND action IN ('set_value', 'undo') ORDER BY id DESC LIMIT 1");
  last.bind(1, org_id).bind(2, indicator).bind(3, p.str());
  if (!last.step()) throw InputError(tr("undo.nothing"));
  const std::optional<double> restore = last.opt_real(0);
  auto current = value(org_id, indicator, p);
  if (current && current->status != ValueStatus::Draft)
    throw InputError(tr("undo.not_draft", {{"status", label(current->status)}}));
  if (!restore) {
    remove_value(org_id, indicator, p, actor, tr("undo.reason"));
    return;
  }
  const auto o = org(org_id);
  if (!o) return;
  // The shortest text that reads back as the same double: the stored value comes back exactly.
  ValueInput in{o->code, indicator, p.str(), shortest_number(*restore), ValueStatus::Draft, {}};
  write_values({in}, actor, tr("undo.reason"), "undo");
}

}  // namespace jiceng
