// The workflow as people meet it: expected and missing figures, a period's state and its last
// status changes (from the audit log), who may take which step, and a clerk's first open month.
#include "store/Workflow.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "store/Store.hpp"

namespace jiceng {

using sql::Stmt;

namespace {

// Status changes are written one audit entry per value, all with the same detail: consecutive
// entries of one change parse once.
struct EventReader {
  std::string last_detail;
  nlohmann::json parsed;

  std::optional<WorkflowEvent> read(const std::string& user, const std::string& at, const std::string& device,
                                    const std::string& reason, const std::string& detail) {
    if (detail != last_detail) {
      last_detail = detail;
      parsed = nlohmann::json::parse(detail, nullptr, false);
    }
    if (!parsed.is_object()) return std::nullopt;
    const std::string to = parsed.value("status", "");
    WorkflowEvent e;
    if (to == "submitted") e.kind = WorkflowEvent::Kind::Submit;
    else if (to == "approved") e.kind = WorkflowEvent::Kind::Approve;
    else if (to == "draft") e.kind = WorkflowEvent::Kind::Return;
    else return std::nullopt;
    e.user = user;
    e.at = at;
    e.device = device;
    e.reason = reason;
    if (auto m = parsed.find("gaps"); m != parsed.end() && m->is_array())
      for (const auto& id : *m)
        if (id.is_string()) e.missing.push_back(id.get<std::string>());
    return e;
  }
};

PeriodState state_of(std::optional<ValueStatus> status, const std::optional<WorkflowEvent>& last) {
  if (!status) return PeriodState::Empty;
  switch (*status) {
    case ValueStatus::Draft:
      return last && last->kind == WorkflowEvent::Kind::Return ? PeriodState::Returned : PeriodState::Draft;
    case ValueStatus::Submitted: return PeriodState::Submitted;
    case ValueStatus::Approved: return PeriodState::Approved;
  }
  return PeriodState::Empty;
}

bool in_scope(const Store& store, OrgId org, const Actor& actor) {
  return std::any_of(actor.scope.begin(), actor.scope.end(), [&](OrgId s) { return store.is_within(org, s); });
}

}  // namespace

std::string period_text(const Period& p) {
  return p.is_year() ? tr("period.year", {{"year", std::to_string(p.year)}})
                     : tr("period.month", {{"year", std::to_string(p.year)}, {"month", std::to_string(p.month)}});
}

bool expects(const Indicator& ind, const Org& org, const Period& p) {
  if (ind.retired || !ind.typed_by(org.kind)) return false;  // a retired town indicator is no longer asked for
  return (ind.frequency == Frequency::Monthly) == !p.is_year();
}

std::vector<const Indicator*> expected_indicators(const Catalog& catalog, const Org& org, const Period& p) {
  std::vector<const Indicator*> out;
  for (const auto& ind : catalog.indicators())
    if (expects(ind, org, p)) out.push_back(&ind);
  return out;
}

std::vector<const Indicator*> missing_indicators(const Store& store, const Org& org, const Period& p) {
  std::vector<const Indicator*> out;
  for (const Indicator* ind : expected_indicators(store.catalog(), org, p))
    if (!store.value(org.id, ind->id, p)) out.push_back(ind);
  return out;
}

const std::string& label(PeriodState s) {
  switch (s) {
    case PeriodState::Empty: return tr("period_state.empty");
    case PeriodState::Draft: return tr("period_state.draft");
    case PeriodState::Returned: return tr("period_state.returned");
    case PeriodState::Submitted: return tr("period_state.submitted");
    case PeriodState::Approved: return tr("period_state.approved");
  }
  return tr("period_state.empty");
}

PeriodWorkflow period_workflow(const Store& store, OrgId org, const Period& p) {
  PeriodWorkflow w;
  Stmt st(store.handle(), "SELECT user, at, device, reason, detail FROM audit "
                          "WHERE org_id = ? AND period = ? AND action = 'set_status' ORDER BY id");
  st.bind(1, org).bind(2, p.str());
  EventReader reader;
  while (st.step()) {
    auto e = reader.read(st.text(0), st.text(1), st.text(2), st.text(3), st.text(4));
    if (!e) continue;
    if (e->kind == WorkflowEvent::Kind::Submit) w.submitted = *e;
    w.last = std::move(e);
  }
  w.state = state_of(store.period_status(org, p), w.last);
  return w;
}

std::map<int, PeriodWorkflow> year_workflow(const Store& store, OrgId org, int year) {
  std::map<int, PeriodWorkflow> out;
  for (int m = 0; m <= 12; ++m) out[m];
  const std::string y = std::to_string(year);
  auto month_of = [](const std::string& period) {
    auto p = Period::parse(period);
    return p ? p->month : -1;
  };
  Stmt ev(store.handle(), "SELECT period, user, at, device, reason, detail FROM audit "
                          "WHERE org_id = ? AND action = 'set_status' AND (period = ? OR period LIKE ? || '-%') "
                          "ORDER BY id");
  ev.bind(1, org).bind(2, y).bind(3, y);
  EventReader reader;
  while (ev.step()) {
    const int m = month_of(ev.text(0));
    if (m < 0 || m > 12) continue;
    auto e = reader.read(ev.text(1), ev.text(2), ev.text(3), ev.text(4), ev.text(5));
    if (!e) continue;
    if (e->kind == WorkflowEvent::Kind::Submit) out[m].submitted = *e;
    out[m].last = std::move(e);
  }
  Stmt st(store.handle(), "SELECT period, min(CASE status WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1 ELSE 2 END) "
                          "FROM indicator_values WHERE org_id = ? AND year = ? GROUP BY period");
  st.bind(1, org).bind(2, year);
  std::map<int, ValueStatus> status;
  while (st.step()) {
    const int m = month_of(st.text(0));
    if (m >= 0 && m <= 12) status[m] = ValueStatus(st.int64(1));
  }
  for (auto& [m, w] : out) {
    auto s = status.find(m);
    w.state = state_of(s == status.end() ? std::nullopt : std::optional(s->second), w.last);
  }
  return out;
}

Permission permission(const Store& store, WorkflowStep step, OrgId org_id, const Period& p, const Actor& actor) {
  Permission r;
  const auto o = store.org(org_id);
  const std::string org = o ? o->name : std::to_string(org_id);
  const std::string period = period_text(p);
  const auto status = store.period_status(org_id, p);
  const auto refused = [&] { return tr("auth.role_refused", {{"user", actor.user}, {"role", label(actor.role)}}); };
  switch (step) {
    case WorkflowStep::Submit:
      r.role = actor.role == Role::Clerk || actor.role == Role::Admin;
      if (!r.role) {
        r.why = actor.role == Role::Leader ? tr("auth.leader_cannot_enter", {{"user", actor.user}}) : refused();
      } else if (actor.role == Role::Clerk && !in_scope(store, org_id, actor)) {
        r.why = tr("auth.not_assigned", {{"user", actor.user}, {"org", org}});
      } else if (!status) {
        r.why = tr("workflow.submit_empty", {{"org", org}, {"period", period}});
      } else if (*status == ValueStatus::Submitted) {
        r.why = tr("workflow.already_submitted", {{"org", org}, {"period", period}});
      } else if (*status == ValueStatus::Approved) {
        r.why = tr("workflow.already_approved", {{"org", org}, {"period", period}});
      } else {
        r.ok = true;
      }
      break;
    case WorkflowStep::Approve:
      r.role = actor.role == Role::Leader || actor.role == Role::Admin;
      if (!r.role) r.why = refused();
      else if (!status || *status == ValueStatus::Draft) r.why = tr("workflow.not_submitted", {{"org", org}, {"period", period}});
      else if (*status == ValueStatus::Approved) r.why = tr("workflow.already_approved", {{"org", org}, {"period", period}});
      else r.ok = true;
      break;
    case WorkflowStep::Return: {
      r.role = actor.role == Role::Leader || actor.role == Role::Admin;
      Stmt has(store.handle(), "SELECT count(*) FROM indicator_values WHERE org_id = ? AND period = ? AND status != 'draft'");
      has.bind(1, org_id).bind(2, p.str());
      const bool any = has.step() && has.int64(0) > 0;
      if (!r.role) r.why = refused();
      else if (!any) r.why = tr("workflow.nothing_to_return", {{"org", org}, {"period", period}});
      else r.ok = true;
      break;
    }
  }
  return r;
}

std::optional<OpenPeriod> first_open_period(const Store& store, const Actor& actor, int year) {
  if (actor.role != Role::Clerk || actor.scope.empty()) return std::nullopt;
  std::vector<OrgId> own;
  for (const auto& o : store.orgs())
    if (std::find(actor.scope.begin(), actor.scope.end(), o.id) != actor.scope.end()) own.push_back(o.id);
  if (own.empty()) return std::nullopt;
  std::vector<std::map<int, PeriodWorkflow>> flows;
  for (OrgId id : own) flows.push_back(year_workflow(store, id, year));
  // A period a leader returned waits on this clerk in particular: those first, then drafts.
  for (PeriodState wanted : {PeriodState::Returned, PeriodState::Draft})
    for (int m : {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0})
      for (size_t i = 0; i < own.size(); ++i)
        if (flows[i].at(m).state == wanted) return OpenPeriod{own[i], Period{year, m}};
  // Nothing open: the month after the latest one any of them has begun.
  int begun = 0;
  for (const auto& f : flows)
    for (int m = 1; m <= 12; ++m)
      if (f.at(m).state != PeriodState::Empty) begun = std::max(begun, m);
  if (begun == 12) return std::nullopt;
  for (size_t i = 0; i < own.size(); ++i)
    if (flows[i].at(begun + 1).state == PeriodState::Empty) return OpenPeriod{own[i], Period{year, begun + 1}};
  return std::nullopt;
}

}  // namespace jiceng
