#pragma once
// A paragraph of differently coloured runs (figures highlighted, missing ones marked) wrapped the
// Chinese way: between any two characters, never before closing punctuation, never inside a
// number. ImGui's TextWrapped breaks only at spaces and cannot mix colours in one paragraph.
#include <imgui.h>

#include <string_view>
#include <vector>

namespace jiceng::gui::ui {

struct Span {
  std::string_view text;
  ImU32 color = 0;       // 0: the style's text colour
  ImU32 background = 0;  // 0: none
};

// Draws the spans wrapped to the available width, the first line indented by `first_indent`
// pixels. Returns the index of the span tapped this frame, -1 when none.
int rich_text(const char* id, const std::vector<Span>& spans, float first_indent = 0);

}  // namespace jiceng::gui::ui
