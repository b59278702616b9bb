#pragma once
// The development pipeline of a member (DOMAIN.md §1): 入党申请人 → 入党积极分子 → 发展对象 →
// 预备党员 → 正式党员, each stage with a date. Broken dates (bad format) and order rules (a stage dated
// before the one it follows, the talk before the application) are errors that block saving; the
// time-span rules (talk within a month, >= 6 months to 积极分子, > 1 year to 发展对象, a year's
// probation) and a stage reached without its date are warnings that do not.
#include <optional>
#include <string>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {

struct PipelineIssue {
  std::string field;    // "applied_on", "talked_on", … — the date the message is about
  std::string message;  // Chinese
  bool error = false;   // errors block saving; warnings do not
};

std::vector<PipelineIssue> check_pipeline(const Member& m);
// Days from a to b (YYYY-MM-DD); nullopt when either is not a valid date.
std::optional<int> days_between(const std::string& a, const std::string& b);
bool valid_date(const std::string& d);

}  // namespace jiceng
