#pragma once
// The house style: a light theme with the red accent of Party-building documents, every size
// derived from one scale (screen DPI × tablet enlargement).
namespace jiceng::gui {

struct FontSizes {
  float body = 17;     // pixels
  float heading = 24;  // titles and big numbers
};

// Font sizes for a DPI scale, the user's text scale and tablet mode.
FontSizes font_sizes(float dpi_scale, float text_scale, bool tablet);
// Resets ImGui's style and scales every size; tablets get larger hit targets.
void apply_style(float dpi_scale, bool tablet);

}  // namespace jiceng::gui
