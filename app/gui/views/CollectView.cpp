// 数据采集: the view model, the organisation and period pickers, status, progress and workflow.
#include "views/CollectView.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <functional>

#include "Error.hpp"
#include "Strings.hpp"
#include "views/Views.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {

const CollectLine* CollectView::line(const std::string& indicator) const {
  auto it = m_.line_of.find(indicator);
  return it == m_.line_of.end() ? nullptr : &m_.lines[it->second];
}

void CollectView::refresh(Context& ctx) {
  m_ = CollectModel{};
  YearFigures fig = YearFigures::compute_with_previous(*ctx.store, ctx.year);
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
      // A unit types the village-level figures; the town types its own town-level ones.
      if ((ind.level == Level::Town) != is_town) continue;
      if (month > 0 && !monthly) continue;
      l.rollup = month == 0 && monthly;
      l.editable = !l.rollup;
      l.value = month > 0 ? fig.month_value(org.id, ind.id, month) : fig.value(org.id, ind.id);
      if (prev) l.last_year = month > 0 ? prev->month_value(org.id, ind.id, month) : prev->value(org.id, ind.id);
    }
    if (ind.has_target) l.target = fig.target(org.id, ind.id);
    if (auto t = typed_.find(ind.id); t != typed_.end() && l.editable) {
      l.text = t->second;
      l.dirty = true;
    } else if (l.value) {
      l.text = format_number(*l.value, std::max(ind.decimals, ind.integer ? 0 : 6));
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
  m_.figures = std::move(fig);
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
  if (ctx.collect_org) {  // another screen opened this form for one organisation
    org_ = *ctx.collect_org;
    if (ctx.collect_period) month_ = ctx.collect_period->month;
    org_chosen_ = true;
    ctx.collect_org.reset();
    ctx.collect_period.reset();
    invalidate();
  }
  // A clerk who just signed in lands on the first organisation they enter data for.
  const Actor* a = signed_in(ctx);
  if (a && a->role == Role::Clerk && !org_chosen_ && !may_enter(*a)) {
    for (const auto& o : m_.orgs)
      if (std::find(a->scope.begin(), a->scope.end(), o.id) != a->scope.end()) {
        org_ = o.id;
        invalidate();
        break;
      }
    org_chosen_ = true;
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
  draw_sign_in(ctx, sign_in_, tr("collect.sign_in_why"));
  ImGui::Spacing();
  draw_pickers(ctx);
  draw_status(ctx);
  const Actor* actor = signed_in(ctx);
  const bool locked = m_.status && *m_.status != ValueStatus::Draft;
  const bool editable = actor && may_enter(*actor) && !locked;
  if (actor) draw_workflow(ctx, *actor);
  if (actor && !may_enter(*actor))
    ui::muted(actor->role == Role::Leader ? tr("collect.leader_reads") : tr("collect.not_yours", {{"org", m_.org->name}}));
  else if (actor && locked)
    ui::muted(*m_.status == ValueStatus::Submitted ? tr("collect.locked_submitted") : tr("collect.locked_approved"));
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
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("collect.org").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::em(ctx.narrow ? 12 : 14));
  if (ImGui::BeginCombo("##org", m_.org->name.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const auto& o : m_.orgs) {
      ImGui::PushID(int(o.id));
      const std::string item = o.kind == OrgKind::Town ? o.name + tr("collect.town_suffix") : o.name;
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
  if (ImGui::BeginCombo("##period", period_label(ctx, m_.period.month).c_str(), ImGuiComboFlags_HeightLarge)) {
    for (int m = 0; m <= 12; ++m) {
      if (ImGui::Selectable(period_label(ctx, m).c_str(), m == m_.period.month)) {
        month_ = m;
        invalidate();
      }
      ui::mark("collect.period." + std::to_string(m));
    }
    ImGui::EndCombo();
  }
  ui::mark("collect.period");
  if (!ctx.narrow) ImGui::SameLine(0, ui::em(1.5f));
  if (ImGui::Button(tr("collect.org_history").c_str())) open_history(ctx, {});
  ui::mark("collect.org_history");
}

void CollectView::draw_status(Context&) {
  const std::string status = m_.status ? label(*m_.status) : tr("collect.not_started");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("collect.status", {{"status", status}}).c_str());
  ui::mark("collect.status");
  ui::progress(m_.expected ? float(m_.filled) / float(m_.expected) : 0.0f,
               tr("collect.filled", {{"n", std::to_string(m_.filled)}, {"total", std::to_string(m_.expected)}}));
  ui::mark("collect.progress");
}

void CollectView::draw_workflow(Context& ctx, const Actor& actor) {
  auto act = [&](const std::function<void()>& fn, const std::string& done) {
    try {
      fn();
      workflow_msg_ = done;
      workflow_ok_ = true;
    } catch (const std::exception& e) {
      workflow_msg_ = failure_text(e);
      workflow_ok_ = false;
    }
    ctx.need_text(workflow_msg_);
  };
  const OrgId org = m_.org->id;
  const Period p = m_.period;
  // Every signed-in person sees the buttons the period's status allows (submit while anything is
  // a draft, approve once submitted, reopen once submitted or approved); the store decides who may
  // press them and says why not, so a clerk pressing 审核通过 is told, not silently ignored.
  const bool draft = !m_.status || *m_.status == ValueStatus::Draft;
  ImGui::BeginDisabled(!draft);
  if (ImGui::Button(tr("collect.submit").c_str())) {
    if (!typed_.empty())
      act([&] { throw InputError(tr("collect.unsaved_first", {{"n", std::to_string(typed_.size())}})); }, {});
    else
      act([&] { ctx.store->submit(org, p, actor); }, tr("collect.submitted"));
  }
  ui::mark("collect.submit");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(m_.status != ValueStatus::Submitted);
  if (ImGui::Button(tr("collect.approve").c_str())) act([&] { ctx.store->approve(org, p, actor); }, tr("collect.approved"));
  ui::mark("collect.approve");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(draft);
  if (ImGui::Button(tr("collect.reopen").c_str())) {
    reopening_ = !reopening_;
    workflow_msg_.clear();
  }
  ui::mark("collect.reopen");
  ImGui::EndDisabled();
  if (reopening_) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("collect.reopen_reason").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui::em(ctx.narrow ? 14 : 20));
    ImGui::InputTextWithHint("##reopen_reason", tr("collect.reopen_hint").c_str(), &reopen_reason_);
    ui::mark("collect.reopen.reason");
    ImGui::SameLine();
    if (ImGui::Button(tr("collect.reopen_confirm").c_str())) {
      act([&] { ctx.store->reopen(org, p, actor, reopen_reason_); }, tr("collect.reopened"));
      if (workflow_ok_) {
        reopening_ = false;
        reopen_reason_.clear();
      }
    }
    ui::mark("collect.reopen.confirm");
  }
  if (!workflow_msg_.empty()) {
    ui::paragraph(workflow_msg_, workflow_ok_ ? ui::color::ok : ui::color::accent);
    ui::mark("collect.workflow.msg");
  }
}

std::unique_ptr<View> make_collect_view() { return std::make_unique<CollectView>(); }

}  // namespace jiceng::gui
