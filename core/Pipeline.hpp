#pragma once
// The development pipeline of a member (DOMAIN.md §1): 入党申请人 → 入党积极分子 → 发展对象 →
// 预备党员 → 正式党员, each stage with a date. Broken dates (bad format, out of order) are errors;
// breaches of the usual time rules are warnings shown beside the dates.
#include <optional>
#include <string>
#include <vector>

#include "Model.hpp"

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
