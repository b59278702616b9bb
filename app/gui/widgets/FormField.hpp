#pragma once
// Entry fields of the data forms. A figure is edited as text, not as a number widget, so that
// whatever a clerk types (a letter, a full-width digit, a blank) can be explained beside the field
// instead of silently changed; counts get large − / + steppers for fingers.
#include <string>

namespace jiceng::gui::ui {

struct FieldEvents {
  bool edited = false;     // the text changed this frame (check the rules as the clerk types)
  bool committed = false;  // Enter, focus left after an edit, or a stepper: time to save
  bool left = false;       // focus left the text box, edited or not (a text whose save failed
                           // is tried again when the person taps in and out, or presses Enter)
};

struct FigureFieldStyle {
  bool steppers = false;  // − / + buttons (counts)
  bool invalid = false;   // a rule is broken: red frame
  float width_em = 7;     // the text box alone
  std::string mark;       // test hook: the text box is marked so, the steppers <mark>.minus / .plus
};

// Draws [−][text][+]; `id` must be unique in the current ID scope.
FieldEvents figure_field(const char* id, std::string* text, const FigureFieldStyle& style);

// A date typed as YYYY-MM-DD (digits and '-' only). Returns the same events.
FieldEvents date_field(const char* id, std::string* text, bool invalid, const std::string& hint,
                       float width_em = 7);

// Draws text in a colour, wrapped at the current wrap position (messages beside a field).
void field_message(const std::string& text, unsigned int color);

}  // namespace jiceng::gui::ui
