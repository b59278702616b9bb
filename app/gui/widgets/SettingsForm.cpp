#include "widgets/SettingsForm.hpp"

#include <imgui_stdlib.h>

#include <algorithm>

#include "base/Strings.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui::ui {

float form_button_height(const Context& ctx) { return em(ctx.tablet ? 2.2f : 1.6f); }

bool form_button(const std::string& text, const std::string& mark_key, const Context& ctx, bool enabled) {
  ImGui::BeginDisabled(!enabled);
  const bool pressed = ImGui::Button(text.c_str(), ImVec2(0, form_button_height(ctx)));
  ImGui::EndDisabled();
  mark(mark_key);
  return pressed && enabled;
}

bool flow_button(const std::string& text, const std::string& mark_key, const Context& ctx, bool first, bool enabled) {
  const float w = ImGui::CalcTextSize(text.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
  if (!first) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
  }
  return form_button(text, mark_key, ctx, enabled);
}

void text_field(const char* label_key, const char* id, std::string* value, ImGuiInputTextFlags flags, const std::string& mark_key) {
  ImGui::TextUnformatted(tr(label_key).c_str());
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, em(16)));
  ImGui::InputText(id, value, flags);
  if (flags & ImGuiInputTextFlags_CharsDecimal) numeric_keyboard();
  mark(mark_key);
}

void card_rule() {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x - em(0.6f);
  ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + w, p.y), ImGui::GetColorU32(ImGuiCol_Separator));
  ImGui::Dummy(ImVec2(w, ImGui::GetStyle().ItemSpacing.y));
}

}  // namespace jiceng::gui::ui
