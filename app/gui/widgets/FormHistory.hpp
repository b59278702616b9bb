#pragma once
// The audit trail as a table: rows described once by core (store/AuditText.hpp) when a history is
// opened, drawn here every frame.
#include <vector>

#include "store/AuditText.hpp"

namespace jiceng::gui::ui {

// A scrolling table of `rows` (two lines per entry when the layout is narrow). Mark: <id>.row.<n>.
void draw_history(const char* id, const std::vector<AuditLine>& rows, float height);

}  // namespace jiceng::gui::ui
