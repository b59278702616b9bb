// 数据采集: the view model, the organisation and period pickers, status, progress and workflow.
#include "views/CollectView.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <functional>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Time.hpp"
#include "model/Rules.hpp"
#include "views/Views.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {

const CollectLine* CollectView::line(const std::string& indicator) const {
  auto it = m_.line_of.find(indicator);
  return it == m_.line_of.end() ? nullptr : &m_.lines[it->second];
}

void CollectView::refresh(Context& ctx) {
  m_ = CollectModel{};
  submit_question_.clear();  // its list of gaps may no longer hold
  const auto report = ctx.reports.get(*ctx.store, ctx.year);
  const YearFigures& fig = *report->figures;
  for (const auto& o : fig.orgs()) m_.parents[o.id] = o.parent;
  if (const Org* town = fig.org(fig.town().id)) m_.orgs.push_back(*town);
  for (OrgId id : fig.reporting_units())
    if (const Org* o = fig.org(id)) m_.orgs.push_back(*o);
  for (const auto& o : m_.orgs) ctx.need_text(o.name);
  if (m_.orgs.empty()) return;
  auto known = [&](OrgId id) { return std::any_of(m_.orgs.begin(), m_.orgs.end(), [&](const Org& o) { return o.id == id; }); };
  if (!org_ || !known(*org_)) org_ = m_.orgs.size() > 1 ? m_.orgs[1].id : m_.orgs[0].id;
  if (!month_) month_ = fig.last_month();
  const Org& org = *std::find_if(m_.orgs.begin(), m_.orgs.end(), [&](const Org& o) { return o.id == *org_; });
  m_.org = org;
  m_.period = Period{ctx.year, *month_};
  const int month = *month_;
  // What was typed belongs to one organisation and period; another one starts clean.
  const std::pair<OrgId, std::string> key{org.id, m_.period.str()};
  if (typed_for_ != key) {
    typed_.clear();
    typed_for_ = key;
    workflow_msg_.clear();
    reopening_ = false;
    submit_question_.clear();
    saved_.clear();
  }

  const bool is_town = org.kind == OrgKind::Town;
  const Catalog& cat = fig.catalog();
  for (const auto& sec : cat.sections()) m_.sections.push_back(CollectSection{&sec, {}, 0, 0});
  const YearFigures* prev = fig.previous();
  for (const auto& ind : cat.indicators()) {
    CollectLine l;
    l.ind = &ind;
    l.derived = ind.derived();
    const bool monthly = ind.frequency == Frequency::Monthly;
    if (l.derived) {
      if (month > 0) continue;  // computed figures are the year's
      // A village's own form does not count villages or communities (always 0 there).
      if (!is_town && (ind.org_kind == "village" || ind.org_kind == "community")) continue;
      l.value = fig.value(org.id, ind.id);
      if (prev) l.last_year = prev->value(org.id, ind.id);
    } else {
      // What the form expects typed is core's rule (提交 checks completeness with it); in the
      // year, the organisation's monthly figures are shown added up.
      l.editable = expects(ind, org, m_.period);
      l.rollup = month == 0 && monthly && ind.typed_by(org.kind);
      if (!l.editable && !l.rollup) continue;
      l.value = month > 0 ? fig.month_value(org.id, ind.id, month) : fig.value(org.id, ind.id);
      if (prev) l.last_year = month > 0 ? prev->month_value(org.id, ind.id, month) : prev->value(org.id, ind.id);
    }
    if (ind.has_target) l.target = fig.target(org.id, ind.id);
    if (auto t = typed_.find(ind.id); t != typed_.end() && l.editable) {
      l.text = t->second;
      l.dirty = true;
    } else if (l.value) {
      l.text = ind.has_entry_unit() ? format_number(stored_to_typed(ind, *l.value), ind.entry_decimals)
                                    : format_number(*l.value, std::max(ind.decimals, ind.integer ? 0 : 6));
    }
    for (auto& s : m_.sections)
      if (s.section->id == ind.section) {
        if (l.editable) {
          ++s.editable;
          ++m_.expected;
          if (l.value) {
            ++s.filled;
            ++m_.filled;
          }
        }
        s.lines.push_back(m_.lines.size());
      }
    m_.line_of[ind.id] = m_.lines.size();
    m_.lines.push_back(std::move(l));
    if (!ind.note.empty()) ctx.need_text(ind.note);
  }
  m_.status = ctx.store->period_status(org.id, m_.period);
  m_.months = year_workflow(*ctx.store, org.id, ctx.year);
  m_.flow = m_.months[month];
  // "已保存为草稿" beside a field is true only while the period is a draft.
  if (m_.flow.state != PeriodState::Draft && m_.flow.state != PeriodState::Returned) saved_.clear();
  for (const auto& [m, w] : m_.months)
    if (w.last) {
      ctx.need_text(w.last->user);
      ctx.need_text(w.last->reason);
    }
  m_.figures = report->figures;
  revalidate();
}

bool CollectView::may_enter(const Actor& actor) const {
  if (!m_.org) return false;
  if (actor.role == Role::Admin) return true;
  if (actor.role != Role::Clerk) return false;
  // The same rule as the store (a clerk's organisations with their subtrees), over the cached tree.
  for (std::optional<OrgId> cur = m_.org->id; cur;) {
    if (std::find(actor.scope.begin(), actor.scope.end(), *cur) != actor.scope.end()) return true;
    auto it = m_.parents.find(*cur);
    cur = it == m_.parents.end() ? std::nullopt : it->second;
  }
  return false;
}

void CollectView::follow_requests(Context& ctx) {
  const Actor* a = signed_in(ctx);
  const std::string who = a ? a->user + "|" + std::to_string(ctx.actor_generation) : std::string();
  if (ctx.collect_org) {  // another screen opened this form for one organisation
    org_ = *ctx.collect_org;
    if (ctx.collect_period) month_ = ctx.collect_period->month;
    org_chosen_ = true;
    started_for_ = who;
    ctx.collect_org.reset();
    ctx.collect_period.reset();
    invalidate();
  }
  // A clerk who just signed in starts on their first open month, not where the last reader was.
  if (a && a->role == Role::Clerk && started_for_ != who) {
    started_for_ = who;
    org_chosen_ = false;
    start_clerk(ctx, *a);
  }
  if (!a) started_for_.clear();
}

void CollectView::start_clerk(Context& ctx, const Actor& actor) {
  if (auto open = first_open_period(*ctx.store, actor, ctx.year)) {
    org_ = open->org;
    month_ = open->period.month;
    invalidate();
    return;
  }
  if (may_enter(actor)) return;
  for (const auto& o : m_.orgs)  // every month done: their first organisation, the latest month
    if (std::find(actor.scope.begin(), actor.scope.end(), o.id) != actor.scope.end()) {
      org_ = o.id;
      invalidate();
      break;
    }
}

void CollectView::draw_content(Context& ctx) {
  follow_requests(ctx);
  ui::heading(title());
  ui::muted(tr("collect.explain"));
  if (m_.orgs.empty() || !m_.org) {
    ui::muted(tr("collect.no_units"));
    return;
  }
  sign_in_prompt(ctx, tr("collect.sign_in_why"));
  ImGui::Spacing();
  draw_pickers(ctx);
  draw_status(ctx);
  draw_returned();
  const Actor* actor = signed_in(ctx);
  const bool locked = m_.status && *m_.status != ValueStatus::Draft;
  const bool editable = actor && may_enter(*actor) && !locked;
  why_text_.clear();
  if (actor) draw_workflow(ctx, *actor);
  if (actor && !may_enter(*actor))
    ui::muted(actor->role == Role::Leader ? tr("collect.leader_reads") : tr("collect.not_yours", {{"org", m_.org->name}}));
  ImGui::Spacing();
  bool any = false;
  for (const auto& s : m_.sections) {
    if (s.lines.empty()) continue;
    any = true;
    draw_section(ctx, s, editable);
  }
  if (!any) ui::muted(m_.period.is_year() ? tr("collect.nothing") : tr("collect.nothing_monthly"));
  draw_history(ctx);
  ctx.pending_edits += int(typed_.size());  // after the fields: this frame's typing counts
}

std::string CollectView::period_label(const Context& ctx, int month) const {
  return month == 0 ? tr("collect.whole_year", {{"year", std::to_string(ctx.year)}})
                    : tr("collect.month", {{"year", std::to_string(ctx.year)}, {"month", std::to_string(month)}});
}

void CollectView::draw_pickers(Context& ctx) {
  const Actor* actor = signed_in(ctx);
  auto own = [&](OrgId id) {
    return actor && actor->role == Role::Clerk && std::find(actor->scope.begin(), actor->scope.end(), id) != actor->scope.end();
  };
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("collect.org").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::em(ctx.narrow ? 12 : 14));
  const std::string shown_org = own(m_.org->id) ? m_.org->name + tr("collect.own_suffix") : m_.org->name;
  if (ImGui::BeginCombo("##org", shown_org.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const auto& o : m_.orgs) {
      ImGui::PushID(int(o.id));
      std::string item = o.kind == OrgKind::Town ? o.name + tr("collect.town_suffix") : o.name;
      if (own(o.id)) item += tr("collect.own_suffix");  // a clerk's own villages stand out
      if (ImGui::Selectable(item.c_str(), o.id == org_)) {
        org_ = o.id;
        org_chosen_ = true;
        invalidate();
      }
      ui::mark("collect.org." + o.code);
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ui::mark("collect.org");
  ImGui::SameLine(0, ui::em(1.5f));
  ImGui::TextUnformatted(tr("collect.period").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::em(9));
  // The list is wider than the box: each period shows where it stands (草稿 / 已提交 / …).
  const float list_height = ImGui::GetIO().DisplaySize.y * 0.7f;
  ImGui::SetNextWindowSizeConstraints(ImVec2(ui::em(13), 0), ImVec2(FLT_MAX, list_height));
  if (ImGui::BeginCombo("##period", period_label(ctx, m_.period.month).c_str())) {
    for (int m = 0; m <= 12; ++m) {
      ImGui::PushID(m);
      const PeriodState state = m_.months.count(m) ? m_.months.at(m).state : PeriodState::Empty;
      if (ImGui::Selectable(period_label(ctx, m).c_str(), m == m_.period.month)) {
        month_ = m;
        invalidate();
      }
      ui::mark("collect.period." + std::to_string(m));
      ImGui::SameLine(ui::em(7));
      const ImU32 c = state == PeriodState::Returned ? ui::color::accent
                      : state == PeriodState::Draft  ? ui::color::warn
                      : state == PeriodState::Empty  ? ui::color::muted
                                                     : ui::color::ok;
      ImGui::PushStyleColor(ImGuiCol_Text, c);
      ImGui::TextUnformatted(label(state).c_str());
      ImGui::PopStyleColor();
      ui::mark("collect.period." + std::to_string(m) + ".state");
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ui::mark("collect.period");
  if (!ctx.narrow) ImGui::SameLine(0, ui::em(1.5f));
  if (ImGui::Button(tr("collect.org_history").c_str())) open_history(ctx, {});
  ui::mark("collect.org_history");
}

std::string CollectView::status_line(const Context& ctx) const {
  (void)ctx;
  const PeriodWorkflow& w = m_.flow;
  const std::string who = w.last ? w.last->user : std::string();
  const std::string when = w.last ? local_time_text(w.last->at) : std::string();
  switch (w.state) {
    case PeriodState::Empty: return tr("collect.state.empty");
    case PeriodState::Draft: return tr("collect.state.draft");
    case PeriodState::Returned: return tr("collect.state.returned");
    // Values written with their status (an import, the demo town) leave no status change to name.
    case PeriodState::Submitted:
      return w.last ? tr("collect.state.submitted", {{"user", who}, {"at", when}}) : tr("collect.state.submitted_as_written");
    case PeriodState::Approved:
      return w.last ? tr("collect.state.approved", {{"user", who}, {"at", when}}) : tr("collect.state.approved_as_written");
  }
  return {};
}

std::vector<std::string> CollectView::returned_lines() const {
  const PeriodWorkflow& w = m_.flow;
  if (w.state != PeriodState::Returned || !w.last) return {};
  return {tr("collect.returned.by", {{"user", w.last->user}, {"at", local_time_text(w.last->at)}}),
          tr("collect.returned.reason", {{"reason", w.last->reason}}), tr("collect.returned.next")};
}

std::string CollectView::gaps_line() const {
  const PeriodWorkflow& w = m_.flow;
  if ((w.state != PeriodState::Submitted && w.state != PeriodState::Approved) || !w.submitted ||
      w.submitted->missing.empty() || !m_.figures)
    return {};
  std::string names;
  for (const auto& id : w.submitted->missing) {
    const Indicator* ind = m_.figures->catalog().find(id);
    names += (names.empty() ? "" : tr("workflow.list_sep")) + (ind ? ind->name : id);
  }
  return tr("collect.gaps_confirmed", {{"n", std::to_string(w.submitted->missing.size())}, {"list", names}});
}

void CollectView::draw_status(Context& ctx) {
  // One line, always true: it is read from the store (values and audit), never from what was
  // pressed last, so another person's approval or return shows here too.
  const PeriodState st = m_.flow.state;
  const ImU32 c = st == PeriodState::Returned ? ui::color::accent
                  : st == PeriodState::Draft  ? ui::color::warn
                  : st == PeriodState::Empty  ? ui::color::muted
                                              : ui::color::ok;
  const std::string line = status_line(ctx);
  ctx.need_text(line);
  ui::paragraph(line, c);
  ui::mark("collect.status");
  const std::string gaps = gaps_line();
  if (!gaps.empty()) {
    ctx.need_text(gaps);
    ui::paragraph(gaps, ui::color::warn);
    ui::mark("collect.gaps");
  }
  ui::progress(m_.expected ? float(m_.filled) / float(m_.expected) : 0.0f,
               tr("collect.filled", {{"n", std::to_string(m_.filled)}, {"total", std::to_string(m_.expected)}}));
  ui::mark("collect.progress");
}

void CollectView::draw_returned() {
  const auto lines = returned_lines();
  if (lines.empty()) return;
  ImGui::Spacing();
  ui::begin_card("returned", tr("collect.returned.title"));
  ui::paragraph(lines[0]);
  ui::paragraph(lines[1], ui::color::accent);
  ui::muted(lines[2]);
  ui::end_card();
  ui::mark("collect.returned");
}

const Permission& CollectView::may(Context& ctx, const Actor& actor, WorkflowStep step) {
  const std::string key = actor.user + "|" + std::to_string(int(actor.role)) + "|" +
                          std::to_string(ctx.store->revision()) + "|" + std::to_string(m_.org->id) + "|" +
                          m_.period.str() + "|" + std::to_string(ctx.generation);
  if (key != permission_key_) {
    permission_key_ = key;
    for (WorkflowStep s : {WorkflowStep::Submit, WorkflowStep::Approve, WorkflowStep::Return}) {
      permissions_[int(s)] = permission(*ctx.store, s, m_.org->id, m_.period, actor);
      ctx.need_text(permissions_[int(s)].why);
    }
  }
  return permissions_[int(step)];
}

void CollectView::draw_workflow(Context& ctx, const Actor& actor) {
  auto act = [&](const std::function<void()>& fn) {
    try {
      fn();
      workflow_msg_.clear();  // the status line says what happened
    } catch (const std::exception& e) {
      workflow_msg_ = failure_text(e);
    }
    ctx.need_text(workflow_msg_);
  };
  const OrgId org = m_.org->id;
  const Period p = m_.period;
  // Only the steps the person's role takes are shown (core decides); one that cannot be taken now
  // is disabled with the reason beside it, so nobody presses a button to learn it does nothing.
  const Permission& submit = may(ctx, actor, WorkflowStep::Submit);
  const Permission& approve = may(ctx, actor, WorkflowStep::Approve);
  const Permission& ret = may(ctx, actor, WorkflowStep::Return);
  std::vector<std::string> why;
  bool first = true;
  auto same_line = [&] {
    if (!first) ImGui::SameLine();
    first = false;
  };
  if (submit.role) {
    const std::string unsaved =
        typed_.empty() ? std::string() : tr("collect.unsaved_first", {{"n", std::to_string(typed_.size())}});
    // The first figures still being typed count: the tap that ends the typing saves them first.
    const bool typed_first = !typed_.empty() && m_.flow.state == PeriodState::Empty && may_enter(actor);
    same_line();
    ImGui::BeginDisabled(!(submit.ok || typed_first) || !submit_question_.empty());
    if (ImGui::Button(tr("collect.submit").c_str())) {
      if (!typed_.empty()) {
        act([&] { throw InputError(unsaved); });
      } else {
        const Org& o = *m_.org;
        std::string names;
        const auto missing = missing_indicators(*ctx.store, o, p);
        for (const Indicator* ind : missing) names += (names.empty() ? "" : tr("workflow.list_sep")) + ind->name;
        if (missing.empty())
          act([&] { ctx.store->submit(org, p, actor); });
        else  // ask first: the leader will see the gaps the clerk confirmed
          submit_question_ = tr("collect.submit_gaps", {{"n", std::to_string(missing.size())}, {"list", names}});
        ctx.need_text(submit_question_);
      }
    }
    ui::mark("collect.submit");
    ImGui::EndDisabled();
    if (!submit.ok && !typed_first) why.push_back(submit.why);
  }
  if (approve.role) {
    same_line();
    ImGui::BeginDisabled(!approve.ok);
    if (ImGui::Button(tr("collect.approve").c_str())) act([&] { ctx.store->approve(org, p, actor); });
    ui::mark("collect.approve");
    ImGui::EndDisabled();
  }
  if (ret.role) {
    same_line();
    ImGui::BeginDisabled(!ret.ok);
    if (ImGui::Button(tr("collect.reopen").c_str())) {
      reopening_ = !reopening_;
      workflow_msg_.clear();
    }
    ui::mark("collect.reopen");
    ImGui::EndDisabled();
  }
  // Approve and return are refused for the same reason (not submitted yet): said once.
  if (approve.role && !approve.ok) why.push_back(approve.why);
  if (ret.role && !ret.ok && (approve.ok || !approve.role)) why.push_back(ret.why);
  why_text_.clear();
  for (const auto& w : why) why_text_ += (why_text_.empty() ? "" : tr("collect.why_sep")) + w;
  if (!why_text_.empty()) {
    ui::muted(why_text_);
    ui::mark("collect.workflow.why");
  }
  if (!submit_question_.empty()) draw_submit_question(ctx, actor);
  if (reopening_ && ret.ok) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("collect.reopen_reason").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui::em(ctx.narrow ? 14 : 20));
    ImGui::InputTextWithHint("##reopen_reason", tr("collect.reopen_hint").c_str(), &reopen_reason_);
    ui::mark("collect.reopen.reason");
    ImGui::SameLine();
    if (ImGui::Button(tr("collect.reopen_confirm").c_str())) {
      act([&] { ctx.store->reopen(org, p, actor, reopen_reason_); });
      if (workflow_msg_.empty()) {
        reopening_ = false;
        reopen_reason_.clear();
      }
    }
    ui::mark("collect.reopen.confirm");
  }
  if (!workflow_msg_.empty()) {
    ui::paragraph(workflow_msg_, ui::color::accent);
    ui::mark("collect.workflow.msg");
  }
}

void CollectView::draw_submit_question(Context& ctx, const Actor& actor) {
  ui::paragraph(submit_question_, ui::color::warn);
  ui::mark("collect.submit.question");
  if (ImGui::Button(tr("collect.submit_anyway").c_str())) {
    try {
      ctx.store->submit(m_.org->id, m_.period, actor, true);
      workflow_msg_.clear();
    } catch (const std::exception& e) {
      workflow_msg_ = failure_text(e);
      ctx.need_text(workflow_msg_);
    }
    submit_question_.clear();
  }
  ui::mark("collect.submit.confirm");
  ImGui::SameLine();
  if (ImGui::Button(tr("collect.keep_filling").c_str())) submit_question_.clear();
  ui::mark("collect.submit.cancel");
}

std::unique_ptr<View> make_collect_view() { return std::make_unique<CollectView>(); }

}  // namespace jiceng::gui
