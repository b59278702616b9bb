#include "widgets/FormField.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "base/Strings.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui::ui {
namespace {

constexpr ImU32 kInvalidBorder = IM_COL32(200, 30, 30, 255);

// The stepped value of what is typed: 0 when the text is not a plain number (the rules will say why).
double stepped(const std::string& text, double delta) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !std::isfinite(v)) v = 0;
  return std::max(0.0, std::round(v) + delta);
}

}  // namespace

FieldEvents figure_field(const char* id, std::string* text, const FigureFieldStyle& style) {
  FieldEvents ev;
  ImGui::PushID(id);
  const float h = ImGui::GetFrameHeight();
  const ImVec2 button(theme().tablet ? h * 1.3f : h * 1.1f, h);
  if (style.steppers) {
    if (ImGui::Button("\xE2\x88\x92", button)) {  // U+2212 minus sign
      *text = format_number(stepped(*text, -1), 0);
      ev.edited = ev.committed = true;
    }
    if (!style.mark.empty()) mark(style.mark + ".minus");
    ImGui::SameLine(0, em(0.2f));
  }
  if (style.invalid) {
    ImGui::PushStyleColor(ImGuiCol_Border, kInvalidBorder);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, std::max(2.0f, ImGui::GetStyle().FrameBorderSize));
  }
  ImGui::SetNextItemWidth(em(style.width_em));
  // Tapping a field selects its value, so typing replaces it (no fiddly caret placement by finger).
  if (ImGui::InputText("##text", text, ImGuiInputTextFlags_AutoSelectAll)) ev.edited = true;
  numeric_keyboard();
  if (ImGui::IsItemDeactivatedAfterEdit()) ev.committed = true;
  if (ImGui::IsItemDeactivated()) ev.left = true;
  if (!style.mark.empty()) mark(style.mark);
  if (style.invalid) {
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  }
  if (style.steppers) {
    ImGui::SameLine(0, em(0.2f));
    if (ImGui::Button("+", button)) {
      *text = format_number(stepped(*text, +1), 0);
      ev.edited = ev.committed = true;
    }
    if (!style.mark.empty()) mark(style.mark + ".plus");
  }
  ImGui::PopID();
  return ev;
}

FieldEvents date_field(const char* id, std::string* text, bool invalid, const std::string& hint, float width_em) {
  FieldEvents ev;
  ImGui::PushID(id);
  if (invalid) {
    ImGui::PushStyleColor(ImGuiCol_Border, kInvalidBorder);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, std::max(2.0f, ImGui::GetStyle().FrameBorderSize));
  }
  ImGui::SetNextItemWidth(em(width_em));
  auto only_date_chars = [](ImGuiInputTextCallbackData* d) {
    return (d->EventChar >= '0' && d->EventChar <= '9') || d->EventChar == '-' ? 0 : 1;
  };
  if (ImGui::InputTextWithHint("##date", hint.c_str(), text,
                               ImGuiInputTextFlags_CallbackCharFilter | ImGuiInputTextFlags_AutoSelectAll, only_date_chars))
    ev.edited = true;
  if (ImGui::IsItemDeactivatedAfterEdit()) ev.committed = true;
  if (invalid) {
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  }
  ImGui::PopID();
  return ev;
}

void field_message(const std::string& text, unsigned int color) {
  if (text.empty()) return;
  paragraph(text, color);
}

}  // namespace jiceng::gui::ui
