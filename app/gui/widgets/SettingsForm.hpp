#pragma once
// Buttons and fields of the settings tabs' forms (用户, 指标): finger-sized on a tablet, each
// marked for the UI tests.
#include <string>

#include <imgui.h>

#include "Context.hpp"

namespace jiceng::gui::ui {

float form_button_height(const Context& ctx);
bool form_button(const std::string& text, const std::string& mark, const Context& ctx, bool enabled = true);
// A button that stays on this line when it fits, else starts the next one (a portrait tablet).
bool flow_button(const std::string& text, const std::string& mark, const Context& ctx, bool first, bool enabled = true);
// A labelled text box (label from the strings file) no wider than 16 em.
void text_field(const char* label_key, const char* id, std::string* value, ImGuiInputTextFlags flags, const std::string& mark);
// A thin rule within a card (ImGui's separator runs to the window's edge, past the card).
void card_rule();

}  // namespace jiceng::gui::ui
