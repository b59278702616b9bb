// Drawing the shell: top bar (town, 示例数据, who is signed in, town and year), navigation, status
// bar, the sign-in popup and the new-town dialog.
#include <imgui.h>
#include <imgui_internal.h>  // SetNextWindowScroll (1.86 keeps it internal)
#include <imgui_stdlib.h>

#include <algorithm>

#include "App.hpp"
#include "base/Strings.hpp"
#include "platform/Fonts.hpp"
#include "Towns.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {

void App::draw() {
  ui::clear_marks();
  ui::theme() = ui::Theme{fonts_.heading(), &fonts_, ctx_.tablet, ctx_.narrow};
  ctx_.pending_edits = 0;
  check_idle();
  refresh_status();

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags root = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("##shell", nullptr, root);
  draw_error_banner();
  draw_top_bar();
  draw_sign_in_notice(sign_in_);
  ImGui::Separator();

  const float status_h = ImGui::GetFrameHeightWithSpacing();
  const ImGuiWindowFlags content = ImGuiWindowFlags_AlwaysUseWindowPadding;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(246, 246, 248, 255));
  // Another screen opens at its top, not where the last one was scrolled to.
  auto open_at_top = [&] {
    if (scrolled_view_ != current_) ImGui::SetNextWindowScroll(ImVec2(-1.0f, 0.0f));
    scrolled_view_ = current_;
  };
  if (!ctx_.narrow) {
    const float nav_item = ui::em(ctx_.tablet ? 3.0f : 2.4f);
    ImGui::BeginChild("##nav", ImVec2(ui::em(8.5f), -status_h), false);
    draw_nav(true, nav_item);
    ImGui::EndChild();
    ImGui::SameLine();
    open_at_top();
    ImGui::BeginChild("##content", ImVec2(0, -status_h), false, content);
  } else {
    const float nav_h = ui::em(ctx_.tablet ? 3.0f : 2.4f);
    open_at_top();
    ImGui::BeginChild("##content", ImVec2(0, -(status_h + nav_h + ImGui::GetStyle().ItemSpacing.y)), false, content);
  }
  if (first_admin_needed(ctx_, first_admin_)) draw_first_admin(ctx_, first_admin_);
  else if (view_deferred_) draw_placeholder();
  else view(current_).draw(ctx_);
  ui::drag_to_scroll();
  ImGui::EndChild();
  ImGui::PopStyleColor();
  if (ctx_.narrow) draw_nav(false, ui::em(ctx_.tablet ? 3.0f : 2.4f));

  draw_status_bar();
  draw_sign_in_popup(ctx_, sign_in_);
  draw_new_town_popup();
  ImGui::End();
}

// The first frame's stand-in for a screen whose figures are computed before the next one.
void App::draw_placeholder() {
  ui::heading(view(current_).title());
  ui::paragraph(tr("app.view.computing"), ui::color::muted);
  placeholder_drawn_ = true;
}

void App::draw_error_banner() {
  if (error_.empty()) return;
  ui::paragraph(error_, ui::color::accent);
  if (ImGui::SmallButton(tr("app.action.dismiss").c_str())) error_.clear();
  ui::mark("error.dismiss");
}

float App::town_combo_width() const {
  if (!ctx_.narrow) return ui::em(10);
  // On a narrow screen the box is as wide as the town's name needs: room for who is signed in.
  const ImGuiStyle& st = ImGui::GetStyle();
  const float need = ImGui::CalcTextSize(status_.town.c_str()).x + ImGui::GetFrameHeight() + 2 * st.FramePadding.x;
  return std::clamp(need, ui::em(5), ui::em(8.5f));
}

void App::draw_top_bar() {
  // A portrait tablet keeps the bar to one line: the town is named in its selector, the app's name
  // is the window's.
  if (!ctx_.narrow) {
    ui::heading(tr("app.title"));
    ImGui::SameLine(0, ui::em(1));
    ui::heading(status_.town);
  } else {
    ImGui::Dummy(ImVec2(0, ImGui::GetFrameHeight()));  // the line's height, for the badge below
  }
  if (status_.demo) {
    // Centre the badge and its help on the heading's line.
    const float line_h = ImGui::GetItemRectSize().y;
    ImGui::SameLine(0, ctx_.narrow ? 0.0f : ui::em(0.6f));
    const float y = ImGui::GetCursorPosY() + (line_h - (ImGui::GetTextLineHeight() + ui::em(0.2f))) * 0.5f;
    ImGui::SetCursorPosY(y);
    ui::badge(tr("app.demo.badge"), ui::color::demo);
    ui::mark("demo.badge");
    ImGui::SameLine();
    ImGui::SetCursorPosY(y);
    ui::help("demo.help", tr("app.demo.explain"));
  }

  // Town and year selectors: right-aligned on the same line when there is room (a portrait
  // tablet too: every line kept there is one more line of the screen's own content), else below.
  const ImGuiStyle& st = ImGui::GetStyle();
  const float selectors_w = town_combo_width() + ui::em(6) +
                            ImGui::CalcTextSize((tr("app.town.label") + tr("app.year.label")).c_str()).x +
                            3 * st.ItemSpacing.x + 2 * st.FramePadding.x;
  // Who is signed in goes just before them; on a narrow screen it starts the second line. A town
  // still waiting for its first administrator, or no town at all, has nobody to sign in.
  const bool accounts = !store_->is_empty() && !first_admin_needed(ctx_, first_admin_);
  const float signin_w = accounts ? sign_in_status_width(ctx_) : 0.0f, gap = ui::em(1.2f);
  ImGui::SameLine();
  const float right = ImGui::GetWindowContentRegionMax().x - selectors_w;
  bool signed_out = false;
  if (!accounts) {
    if (ImGui::GetCursorPosX() <= right) ImGui::SetCursorPosX(right);
    else ImGui::NewLine();
  } else if (ImGui::GetCursorPosX() <= right - signin_w - gap) {
    ImGui::SetCursorPosX(right - signin_w - gap);
    signed_out = draw_sign_in_status(ctx_, sign_in_);
    ImGui::SameLine(0, gap);
  } else {
    ImGui::NewLine();
    signed_out = draw_sign_in_status(ctx_, sign_in_);
    ImGui::SameLine(0, gap);
    if (ImGui::GetCursorPosX() <= right) ImGui::SetCursorPosX(right);
    else ImGui::NewLine();
  }
  if (signed_out) end_session(false);
  draw_town_menu();
  ImGui::SameLine();
  draw_year_menu();
}

void App::draw_town_menu() {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("app.town.label").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(town_combo_width());
  if (ImGui::BeginCombo("##town", status_.town.c_str())) {
    auto towns = known_towns(options_.data_dir, settings_);
    int i = 0;
    for (const auto& t : towns) {
      ctx_.need_text(t.name);
      ImGui::PushID(i++);
      const bool current = t.path == settings_.database;
      if (ImGui::Selectable(t.name.c_str(), current)) open_town(t.path);
      ui::mark("town." + t.name);
      if (!ctx_.tablet && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t.path.c_str());
      ImGui::PopID();
    }
    ImGui::Separator();
    if (ImGui::Selectable(tr("app.town.new").c_str())) request_new_town();
    ui::mark("town.new");
    ImGui::EndCombo();
  }
  ui::mark("town.combo");
}

void App::draw_year_menu() {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("app.year.label").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::em(6));
  const std::string preview = tr("app.year.value", {{"year", std::to_string(ctx_.year)}});
  if (ImGui::BeginCombo("##year", preview.c_str())) {
    for (int y : status_.years) {
      const std::string label = tr("app.year.value", {{"year", std::to_string(y)}});
      if (ImGui::Selectable(label.c_str(), y == ctx_.year)) set_year(y);
      ui::mark("year." + std::to_string(y));
    }
    ImGui::EndCombo();
  }
  ui::mark("year.combo");
}

void App::draw_nav(bool vertical, float item_height) {
  const int n = int(std::size(kAllViews));
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  // Along the bottom each entry is as wide as its name plus an equal share of what is left, so
  // seven names fit a portrait tablet (equal widths would cut 组织与党员).
  float names = 0;
  for (ViewId v : kAllViews) names += ImGui::CalcTextSize(view(v).title().c_str()).x;
  const float share = (ImGui::GetContentRegionAvail().x - spacing * (n - 1) - names) / n;
  for (int i = 0; i < n; ++i) {
    const ViewId v = kAllViews[i];
    if (!vertical && i > 0) ImGui::SameLine();
    const float w = vertical ? 0.0f : ImGui::CalcTextSize(view(v).title().c_str()).x + share;
    if (ui::nav_button(view(v).title().c_str(), v == current_, ImVec2(w, item_height))) navigate(v);
    ui::mark("nav." + std::string(view_name(v)));
  }
}

std::string App::status_line() const {
  std::string db = ctx_.narrow ? path_utf8(utf8_path(store_->path()).filename()) : store_->path();
  return tr("app.status.pending", {{"count", std::to_string(ctx_.pending_edits)}}) + "  ·  " +
         tr(status_.drafts_mine ? "app.status.drafts_mine" : "app.status.drafts_town",
            {{"count", std::to_string(status_.drafts)}}) +
         "  ·  " +
         (status_.last_save.empty() ? tr("app.status.never_saved")
                                    : tr("app.status.last_save", {{"time", status_.last_save}})) +
         "  ·  " + tr("app.status.database", {{"file", db}});
}

void App::draw_status_bar() {
  ImGui::Separator();
  const std::string text = status_line();
  ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ui::mark("status");
}

void App::draw_new_town_popup() {
  const std::string title = tr("app.town.new_title") + "###new_town";
  if (new_town_requested_) {
    ImGui::OpenPopup(title.c_str());
    new_town_requested_ = false;
  }
  ImGui::SetNextWindowSize(ImVec2(ui::em(22), 0));
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoMove))
    return;
  ui::paragraph(tr("app.town.new_explain"));
  ImGui::TextUnformatted(tr("app.town.name").c_str());
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  bool enter = ImGui::InputText("##name", &new_town_name_, ImGuiInputTextFlags_EnterReturnsTrue);
  ui::mark("town.name");
  if (!new_town_error_.empty()) {
    ui::paragraph(new_town_error_, ui::color::accent);
  }
  const ImVec2 button(ui::em(6), 0);
  if (ImGui::Button(tr("app.town.create").c_str(), button) || enter) {
    if (create_town(new_town_name_)) ImGui::CloseCurrentPopup();
  }
  ui::mark("town.create");
  ImGui::SameLine();
  if (ImGui::Button(tr("app.action.cancel").c_str(), button)) {
    new_town_error_.clear();
    ImGui::CloseCurrentPopup();
  }
  ui::mark("town.cancel");
  ImGui::EndPopup();
}

}  // namespace jiceng::gui
