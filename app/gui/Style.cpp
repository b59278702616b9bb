#include "Style.hpp"

#include <imgui.h>

namespace jiceng::gui {

FontSizes font_sizes(float dpi_scale, float text_scale, bool tablet) {
  // Tablets are read at arm's length: a third larger.
  float body = 17.0f * dpi_scale * text_scale * (tablet ? 1.35f : 1.0f);
  return FontSizes{float(int(body + 0.5f)), float(int(body * 1.45f + 0.5f))};
}

void apply_style(float dpi_scale, bool tablet) {
  ImGuiStyle s;
  ImGui::StyleColorsLight(&s);
  s.WindowRounding = 0;
  s.ChildRounding = 4;
  s.FrameRounding = 4;
  s.PopupRounding = 4;
  s.GrabRounding = 4;
  s.TabRounding = 4;
  s.ScrollbarRounding = 6;
  s.WindowBorderSize = 0;
  s.FrameBorderSize = 1;
  s.FramePadding = ImVec2(8, 5);
  s.ItemSpacing = ImVec2(10, 8);
  s.ItemInnerSpacing = ImVec2(6, 6);
  s.CellPadding = ImVec2(8, 5);
  s.ScrollbarSize = 14;
  s.GrabMinSize = 12;
  s.IndentSpacing = 20;
  ImVec4* c = s.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.97f, 1);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_Border] = ImVec4(0.84f, 0.84f, 0.87f, 1);
  c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.98f, 0.93f, 0.93f, 1);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.97f, 0.88f, 0.88f, 1);
  c[ImGuiCol_Button] = ImVec4(0.93f, 0.93f, 0.95f, 1);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.97f, 0.86f, 0.86f, 1);
  c[ImGuiCol_ButtonActive] = ImVec4(0.93f, 0.75f, 0.75f, 1);
  c[ImGuiCol_Header] = ImVec4(0.97f, 0.88f, 0.88f, 1);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.98f, 0.92f, 0.92f, 1);
  c[ImGuiCol_HeaderActive] = ImVec4(0.95f, 0.82f, 0.82f, 1);
  c[ImGuiCol_CheckMark] = ImVec4(0.70f, 0.13f, 0.13f, 1);
  c[ImGuiCol_SliderGrab] = ImVec4(0.70f, 0.13f, 0.13f, 1);
  c[ImGuiCol_SliderGrabActive] = ImVec4(0.55f, 0.10f, 0.10f, 1);
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.93f, 0.93f, 0.95f, 1);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0.975f, 0.975f, 0.98f, 1);
  c[ImGuiCol_TextSelectedBg] = ImVec4(0.90f, 0.70f, 0.70f, 1);
  c[ImGuiCol_NavHighlight] = ImVec4(0.70f, 0.13f, 0.13f, 1);
  c[ImGuiCol_PlotHistogram] = ImVec4(0.70f, 0.13f, 0.13f, 1);
  if (tablet) {
    // Finger-sized targets: taller frames and more room between rows.
    s.FramePadding = ImVec2(12, 10);
    s.ItemSpacing = ImVec2(12, 12);
    s.ScrollbarSize = 22;
    s.GrabMinSize = 24;
    s.TouchExtraPadding = ImVec2(2, 2);  // small: overlapping hit boxes favour the first widget
  }
  s.ScaleAllSizes(dpi_scale);
  ImGui::GetStyle() = s;
}

}  // namespace jiceng::gui
