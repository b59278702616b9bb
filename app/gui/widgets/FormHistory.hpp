#pragma once
// The audit trail as a person reads it: when (local time), who, on which device, what changed
// (old → new) and why. Rows are described once when a history is opened, not per frame.
#include <string>
#include <vector>

#include "Model.hpp"

namespace jiceng {
class Store;
}

namespace jiceng::gui::ui {

struct HistoryRow {
  std::string when;    // local time, "2020-12-01 16:00"
  std::string who;
  std::string device;
  std::string what;    // the action, with the indicator and period when `with_subject`
  std::string change;  // 「3 → 5」, 「草稿 → 已提交」, 「青石村 → 青石新村」, the member's changed fields
  std::string reason;
};

std::vector<HistoryRow> describe_history(const Store& store, const std::vector<AuditEntry>& entries,
                                         bool with_subject);


// A scrolling table of `rows` (two lines per entry when the layout is narrow). Mark: <id>.row.<n>.
void draw_history(const char* id, const std::vector<HistoryRow>& rows, float height);

}  // namespace jiceng::gui::ui
