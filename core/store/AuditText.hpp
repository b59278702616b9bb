#pragma once
// Audit entries as a person reads them: when (local time), who, on which device (its name, not its
// id), what was done and the change 「3 → 5」, 「草稿 → 已提交」, 「青石村 → 青石新村」, a member's changed
// fields. The entry's detail is JSON written by the store; this is the one place that reads it back
// for people — the form's history, the dashboard's drill-down and `jiceng-cli history` all show
// these lines.
#include <string>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {

class Store;

struct AuditLine {
  std::string when;    // local time, "2020-12-01 16:00"
  std::string who;
  std::string device;  // the device's name when it has one
  std::string what;    // the action, with the indicator and period when described `with_subject`
  std::string change;
  std::string reason;  // with a confirmed plausibility warning added
};

// One line per entry, in the entries' order. `with_subject`: the action names its indicator and
// period (a history over several figures); without it the reader already knows the figure.
std::vector<AuditLine> describe(const Store& store, const std::vector<AuditEntry>& entries, bool with_subject);

}  // namespace jiceng
