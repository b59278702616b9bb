// 数据采集: the history of one value (who, when, device, old → new, reason) with undo of its last
// change, and the recent changes of the organisation, in a popup over the form.
#include <imgui.h>

#include <algorithm>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "views/CollectView.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {

void CollectView::open_history(Context& ctx, const std::string& indicator) {
  history_requested_ = true;
  history_indicator_ = indicator;
  history_msg_.clear();
  const Indicator* ind = indicator.empty() ? nullptr : ctx.store->catalog().find(indicator);
  history_title_ = ind ? tr("collect.history_of", {{"name", ind->name}, {"org", m_.org->name},
                                                   {"period", period_label(ctx, m_.period.month)}})
                       : tr("collect.org_history_of", {{"org", m_.org->name}});
  ctx.need_text(history_title_);
  load_history(ctx);
}

void CollectView::load_history(Context& ctx) {
  HistoryFilter f;
  f.org = m_.org->id;
  if (!history_indicator_.empty()) {
    f.indicator = history_indicator_;
    f.period = m_.period.str();
  } else {
    f.limit = 50;  // recent changes
  }
  history_rows_ = describe(*ctx.store, ctx.store->history(f), history_indicator_.empty());
  for (const auto& r : history_rows_) {
    ctx.need_text(r.who);
    ctx.need_text(r.what);
    ctx.need_text(r.change);
    ctx.need_text(r.reason);
  }
  history_revision_ = ctx.store->revision();
}

void CollectView::draw_history(Context& ctx) {
  const char* popup = "##history";
  if (history_requested_) {
    ImGui::OpenPopup(popup);
    history_requested_ = false;
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float width = std::min(ui::em(ctx.narrow ? 30 : 48), display.x - ui::em(1));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(popup, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoTitleBar)) return;
  if (history_revision_ != ctx.store->revision()) load_history(ctx);  // an undo just wrote
  ui::heading(history_title_);
  ui::draw_history("collect.history.table", history_rows_, std::min(ui::em(18), display.y * 0.5f));
  if (!history_msg_.empty()) {
    ui::paragraph(history_msg_, history_msg_ == tr("collect.undone") ? ui::color::ok : ui::color::accent);
    ui::mark("collect.history.msg");
  }
  const Actor* actor = signed_in(ctx);
  if (!history_indicator_.empty() && actor) {
    if (ImGui::Button(tr("collect.undo").c_str())) {
      try {
        ctx.store->undo_last(m_.org->id, history_indicator_, m_.period, *actor);
        typed_.erase(history_indicator_);
        history_msg_ = tr("collect.undone");
      } catch (const std::exception& e) {
        history_msg_ = failure_text(e);
      }
      ctx.need_text(history_msg_);
    }
    ui::mark("collect.undo");
    ImGui::SameLine();
  }
  if (ImGui::Button(tr("collect.close").c_str())) ImGui::CloseCurrentPopup();
  ui::mark("collect.history.close");
  ImGui::EndPopup();
}

}  // namespace jiceng::gui
