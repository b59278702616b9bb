#pragma once
// A paragraph editor that wraps long Chinese text. ImGui 1.86's multi-line input never wraps, and
// a 300-character paragraph on one line cannot be edited. Soft line breaks are put into the
// displayed buffer at the available width and taken out again on every edit, so the text itself
// never holds them; Enter ends editing (a paragraph is one line of the template).
#include <imgui.h>

#include <string>

namespace jiceng::gui::ui {

struct WrappedInput {
  std::string display;   // the text with soft breaks, as ImGui edits it
  size_t cursor = 0;     // cursor as a byte offset into the text (without soft breaks)
  float width = 0;       // width the display was wrapped to
  bool focus = false;    // set to focus the field on the next frame (the cursor goes to `cursor`)
  bool place_cursor = false;
};

enum class EditResult { None, Changed, Done };

// Edits `text` (a single line) in a box `min_lines` high at least, wrapped to the available width.
// Done: the person pressed Enter or left the field (the caller saves what changed).
EditResult wrapped_input(const char* id, std::string& text, WrappedInput& state, int min_lines = 3);

// Inserts `s` at the remembered cursor and moves the cursor after it.
void insert_at_cursor(std::string& text, WrappedInput& state, const std::string& s);

}  // namespace jiceng::gui::ui
