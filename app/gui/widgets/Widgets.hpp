#pragma once
// Small widgets shared by every screen, sized in em (multiples of the font size) so that desktop,
// HiDPI and tablet sizes all follow from the font. Nothing here works by hover alone: in tablet
// mode help opens on tap and lists scroll by dragging.
#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>

namespace jiceng::platform {
class FontAtlas;
}

namespace jiceng::gui::ui {

// Per-frame facts the widgets need; the shell sets them before drawing.
struct Theme {
  ImFont* heading = nullptr;  // larger font for titles and big numbers
  platform::FontAtlas* fonts = nullptr;  // heading text joins the heading font's glyphs
  bool tablet = false;        // touch-sized targets, tap instead of hover, drag-to-scroll
  bool narrow = false;        // below ~900 px: one column
};
Theme& theme();

// Colours of the house style (the accent is the red of Party-building documents).
namespace color {
constexpr ImU32 accent = IM_COL32(178, 34, 34, 255);
constexpr ImU32 accent_soft = IM_COL32(178, 34, 34, 40);
constexpr ImU32 ok = IM_COL32(34, 139, 34, 255);
constexpr ImU32 warn = IM_COL32(204, 120, 0, 255);
constexpr ImU32 muted = IM_COL32(110, 110, 118, 255);
constexpr ImU32 demo = IM_COL32(204, 120, 0, 255);
}  // namespace color

float em(float n = 1.0f);

// ---- Test hook -------------------------------------------------------------------------------
// Remembers where named widgets were drawn this frame (clipped to their window), so the headless
// harness clicks them the way a person would; Debian's ImGui 1.86 has no test engine compiled in.
struct Rect {
  ImVec2 min, max;
  ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};
void mark(std::string_view key);
std::optional<Rect> find_mark(std::string_view key);
void clear_marks();

// ---- Widgets ----------------------------------------------------------------------------------
// A navigation entry: full width, highlighted when selected.
bool nav_button(const char* label, bool selected, const ImVec2& size);
// A small coloured label, e.g. 示例数据.
void badge(const std::string& text, ImU32 color);
// A "?" that explains: tooltip on hover on the desktop, a popup on tap everywhere.
void help(const char* id, const std::string& text);
// Text in the heading font.
void heading(const std::string& text);
// A paragraph wrapped the Chinese way (ImGui's TextWrapped breaks only at spaces).
void paragraph(const std::string& text, ImU32 color = 0);
void muted(const std::string& text);
// A screen with nothing to show: one calm line in the heading font and one muted line saying when
// there will be something, both centred a third of the way down what is left of the window.
void empty_state(const std::string& title, const std::string& explain);
// label ……… value on one line, the value right-aligned in the available width.
void label_value(const std::string& label, const std::string& value);
// The one bar every progress display draws: a grey track of `width` × `height` at `top_left`,
// `fraction` of it filled in `color`, and a tick at `marker` (e.g. the pace the year demands).
void draw_bar(ImDrawList* dl, ImVec2 top_left, float width, float height, float fraction, ImU32 color,
              std::optional<float> marker = std::nullopt);
// A slim bar with the share done and a text beside it.
void progress(float fraction, const std::string& text, ImU32 color = color::accent);
// Numeric entry with large − / + steppers (no tiny arrows on a tablet). Returns true on change.
bool stepper(const char* id, double* value, double step, int decimals, double min = 0, double max = 1e12);
// Makes the current window scroll when dragged on empty space (tablets; 1.86 lacks it). Call
// after the window's items.
void drag_to_scroll();
// Call right after a text field that takes numbers: while it is being edited, a tablet shows its
// numeric keyboard.
void numeric_keyboard();

// Cards that reflow: how many columns of at least min_width_em fit (1 when narrow).
int columns_for(float min_width_em);
void begin_card(const char* id, const std::string& title);
void end_card();

}  // namespace jiceng::gui::ui
