// 进度看板 ▸ 待审核: the periods villages submitted that no leader has approved yet, oldest first,
// with 审核通过 and 退回修改 on each row and for the ticked rows at once. The writes go through
// core's review() → Store::approve / Store::reopen, which check the role and write the audit; the
// screen only offers the buttons to a signed-in leader or admin (a clerk sees the list without
// them, someone signed out sees the sign-in strip).
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "views/DashboardView.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

bool may_review(const Actor* a) { return a && (a->role == Role::Leader || a->role == Role::Admin); }

float button_width(const std::string& label) {
  return ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
}

// A button drawn disabled (greyed, not pressable) when `enabled` is false.
bool button(const std::string& label, const std::string& mark, bool enabled = true) {
  if (!enabled) ImGui::BeginDisabled();
  const bool pressed = ImGui::Button(label.c_str());
  ui::mark(mark);
  if (!enabled) ImGui::EndDisabled();
  return pressed && enabled;
}

// Text cut with … at max_x; the whole text in a tooltip when it was cut and the mouse is over it.
void clipped_text(ImDrawList* dl, ImVec2 pos, float max_x, const std::string& text, ImU32 color) {
  const float line = ImGui::GetTextLineHeight();
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::RenderTextEllipsis(dl, pos, ImVec2(max_x, pos.y + line), max_x, max_x, text.c_str(), nullptr, nullptr);
  ImGui::PopStyleColor();
  if (ImGui::CalcTextSize(text.c_str()).x > max_x - pos.x &&
      ImGui::IsMouseHoveringRect(pos, ImVec2(max_x, pos.y + line)) && !ui::theme().tablet) {
    ImGui::SetNextWindowSize(ImVec2(ui::em(24), 0));
    ImGui::BeginTooltip();
    ui::paragraph(text);
    ImGui::EndTooltip();
  }
}

}  // namespace

bool DashboardView::review_open(Context& ctx) {
  const Actor* a = signed_in(ctx);
  const std::string user = a ? a->user : std::string();
  if (review_open_ && review_user_ == user) return *review_open_;
  // A leader's or admin's dashboard starts with what awaits them; others open it themselves.
  return may_review(a) && !m_.review.empty();
}

void DashboardView::draw_review_toggle(Context& ctx) {
  const bool open = review_open(ctx);
  if (m_.review.empty() && !open) return;
  ImGui::SameLine(0, ui::em(1));
  const bool waiting = !m_.review.empty();
  ImGui::PushStyleColor(ImGuiCol_Button, open ? ui::color::accent : ImGui::GetColorU32(ImGuiCol_FrameBg));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, open ? ui::color::accent : ui::color::accent_soft);
  ImGui::PushStyleColor(ImGuiCol_Text, open ? IM_COL32_WHITE : waiting ? ui::color::accent : ui::color::muted);
  if (ImGui::Button(m_.review_badge.c_str())) {
    const Actor* a = signed_in(ctx);
    review_user_ = a ? a->user : std::string();
    review_open_ = !open;
  }
  ImGui::PopStyleColor(3);
  ui::mark("dashboard.review.toggle");
}

void DashboardView::draw_review(Context& ctx) {
  const Actor* actor = signed_in(ctx);
  bool reviewer = may_review(actor);
  ImGui::PushID("review");
  ui::begin_card("review", "");
  ui::heading(m_.review_title);
  ui::mark("dashboard.review.title");
  ImGui::SameLine();
  ui::help("review", tr("dashboard.review.help"));
  // 收起 at the right end of the title line.
  const std::string hide = tr("dashboard.review.hide");
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x -
                                                       button_width(hide) - ui::em(0.6f)));
  if (button(hide, "dashboard.review.hide")) {
    review_user_ = actor ? actor->user : std::string();
    review_open_ = false;
  }

  // Signed out: why, and the way to the top bar's sign-in, as on the other screens that write.
  sign_in_prompt(ctx, tr("dashboard.review.sign_in_why"));
  actor = signed_in(ctx);
  reviewer = may_review(actor);
  if (actor && !reviewer) {
    ui::muted(tr("dashboard.review.clerk"));
  } else if (reviewer && !m_.review.empty()) {
    // The ticked rows at once.
    bool all = !review_ticked_.empty() && review_ticked_.size() == m_.review.size();
    if (ImGui::Checkbox(tr("dashboard.review.all").c_str(), &all)) {
      review_ticked_.clear();
      if (all)
        for (const auto& r : m_.review) review_ticked_.insert(r.key);
    }
    ui::mark("dashboard.review.all");
    const int n = int(review_ticked_.size());
    std::vector<ReviewItem> ticked;
    for (const auto& r : m_.review)
      if (review_ticked_.count(r.key)) ticked.push_back({r.org, r.period});
    ImGui::SameLine(0, ui::em(1));
    if (button(tr("dashboard.review.approve_selected", {{"n", std::to_string(n)}}), "dashboard.review.approve_selected",
               n > 0))
      run_review(ctx, *actor, ticked, ReviewAction::Approve);
    ImGui::SameLine();
    if (button(tr("dashboard.review.return_selected", {{"n", std::to_string(n)}}), "dashboard.review.return_selected",
               n > 0)) {
      returning_ = ticked;
      return_reason_.clear();
      reason_missing_ = false;
    }
    if (!returning_.empty()) draw_return_reason(ctx, *actor);
  }
  if (!review_message_.empty()) {
    ui::paragraph(review_message_, review_failed_ ? ui::color::accent : ui::color::ok);
    ui::mark("dashboard.review.msg");
  }

  // At least three rows in view (three and a half when there are more, so the list reads as one
  // that scrolls); the rest scroll, drawn through the clipper.
  const bool two_lines = ctx.narrow;
  const float line = ImGui::GetTextLineHeight();
  const float row_h = (two_lines ? ImGui::GetFrameHeight() + line : std::max(ImGui::GetFrameHeight(), line)) +
                      ui::em(ui::theme().tablet ? 0.7f : 0.45f);
  const float shown = m_.review.empty() ? 1.0f : m_.review.size() > 3 ? 3.5f : float(m_.review.size());
  draw_review_rows(ctx, reviewer, row_h * shown);
  ui::end_card();
  ImGui::PopID();
}

void DashboardView::draw_review_rows(Context& ctx, bool reviewer, float height) {
  const float width = ImGui::GetContentRegionAvail().x - ui::em(0.6f);
  if (!ImGui::BeginChild("##rows", ImVec2(width, height), false)) {
    ImGui::EndChild();
    return;
  }
  if (m_.review.empty()) ui::muted(tr("dashboard.review.nobody"));
  const Actor* actor = signed_in(ctx);
  const bool two_lines = ctx.narrow;
  const float line = ImGui::GetTextLineHeight();
  const float frame = ImGui::GetFrameHeight();
  const float row_h = height / (m_.review.size() > 3 ? 3.5f : std::max(1.0f, float(m_.review.size())));
  const std::string approve = tr("dashboard.review.approve"), ret = tr("dashboard.review.return");
  const float buttons_w = reviewer ? button_width(approve) + button_width(ret) + ImGui::GetStyle().ItemSpacing.x : 0;
  ImGuiListClipper clipper;
  clipper.Begin(int(m_.review.size()), row_h);
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const dash::ReviewRow& r = m_.review[size_t(i)];
      ImGui::PushID(r.key.c_str());
      const ImVec2 start = ImGui::GetCursorScreenPos();
      const float w = ImGui::GetContentRegionAvail().x;
      const float pad = (row_h - (two_lines ? frame + line : frame)) * 0.5f;
      const float top = start.y + pad;
      ImGui::SetCursorScreenPos(ImVec2(start.x, top));
      if (reviewer) {
        bool ticked = review_ticked_.count(r.key) > 0;
        if (ImGui::Checkbox("##tick", &ticked)) {
          if (ticked) review_ticked_.insert(r.key);
          else review_ticked_.erase(r.key);
        }
        ui::mark("dashboard.review.check." + r.key);
        ImGui::SameLine();
      }
      // Name and month open the village's form at that month: what the leader is approving.
      const std::string what = r.name + "  " + r.period_label;
      if (ImGui::Selectable(what.c_str(), false, 0, ImVec2(ImGui::CalcTextSize(what.c_str()).x, frame)))
        open_collect(ctx, r.org, r.period);
      ui::mark("dashboard.review.row." + r.key);
      const float right = start.x + w;
      if (reviewer && actor) {
        ImGui::SetCursorScreenPos(ImVec2(right - buttons_w, top));
        if (button(approve, "dashboard.review.approve." + r.key)) run_review(ctx, *actor, {{r.org, r.period}}, ReviewAction::Approve);
        ImGui::SameLine();
        if (button(ret, "dashboard.review.return." + r.key)) {
          returning_ = {{r.org, r.period}};
          return_reason_.clear();
          reason_missing_ = false;
        }
      }
      // Who submitted it and when: beside on a wide screen, under the name on a narrow one.
      ImDrawList* dl = ImGui::GetWindowDrawList();
      const float detail_x = two_lines ? start.x + (reviewer ? frame + ImGui::GetStyle().ItemSpacing.x : 0)
                                       : start.x + (reviewer ? frame + ImGui::GetStyle().ItemSpacing.x : 0) +
                                             ImGui::CalcTextSize(what.c_str()).x + ui::em(1);
      const float detail_y = two_lines ? top + frame : top + (frame - line) * 0.5f;
      const float detail_end = two_lines ? right : right - buttons_w - ui::em(0.6f);
      if (detail_end > detail_x) clipped_text(dl, ImVec2(detail_x, detail_y), detail_end, r.detail, ui::color::muted);
      if (dash::shown().enabled) dash::record("dashboard.review.row." + r.key, what + " " + r.detail);
      // The row takes exactly row_h, as the clipper measured.
      ImGui::SetCursorScreenPos(start);
      ImGui::Dummy(ImVec2(w, row_h - ImGui::GetStyle().ItemSpacing.y));
      dl->AddLine(ImVec2(start.x, start.y + row_h - ImGui::GetStyle().ItemSpacing.y * 0.5f),
                  ImVec2(right, start.y + row_h - ImGui::GetStyle().ItemSpacing.y * 0.5f), IM_COL32(232, 232, 238, 255));
      ImGui::PopID();
    }
  ui::drag_to_scroll();
  ImGui::EndChild();
}

void DashboardView::draw_return_reason(Context& ctx, const Actor& actor) {
  std::string what;
  for (const auto& r : m_.review)
    if (r.org == returning_.front().org && r.period == returning_.front().period) what = r.name + " " + r.period_label;
  if (returning_.size() > 1)
    what = tr("dashboard.review.return_many", {{"first", what}, {"n", std::to_string(returning_.size())}});
  ui::paragraph(tr("dashboard.review.return_what", {{"what", what}}));
  const std::string confirm = tr("dashboard.review.confirm_return"), cancel = tr("dashboard.review.cancel");
  const float buttons = button_width(confirm) + button_width(cancel) + ImGui::GetStyle().ItemSpacing.x * 2;
  ImGui::SetNextItemWidth(std::max(ui::em(8), ImGui::GetContentRegionAvail().x - buttons - ui::em(0.6f)));
  ImGui::InputTextWithHint("##reason", tr("dashboard.review.reason_hint").c_str(), &return_reason_);
  ui::mark("dashboard.review.reason");
  const bool has_reason = return_reason_.find_first_not_of(" \t\r\n") != std::string::npos;
  ImGui::SameLine();
  // Disabled until a reason is typed, with why beside it: the store would refuse it anyway.
  if (button(confirm, "dashboard.review.confirm", has_reason)) {
    run_review(ctx, actor, returning_, ReviewAction::Return);
    if (!review_failed_) {
      returning_.clear();
      return_reason_.clear();
    }
  }
  ImGui::SameLine();
  if (button(cancel, "dashboard.review.cancel")) {
    returning_.clear();
    return_reason_.clear();
  }
  if (!has_reason) ui::muted(tr("dashboard.review.reason_needed"));
}

void DashboardView::run_review(Context& ctx, const Actor& actor, std::vector<ReviewItem> items, ReviewAction action) {
  if (items.empty()) return;
  try {
    review(*ctx.store, items, action, actor, return_reason_);
    review_failed_ = false;
    review_message_ = tr(action == ReviewAction::Approve ? "dashboard.review.approved" : "dashboard.review.returned",
                         {{"n", std::to_string(items.size())}});
    for (const auto& it : items)
      for (const auto& r : m_.review)
        if (r.org == it.org && r.period == it.period) review_ticked_.erase(r.key);
  } catch (const std::exception& e) {
    review_failed_ = true;
    review_message_ = failure_text(e);
  }
  ctx.need_text(review_message_);
}

}  // namespace jiceng::gui
