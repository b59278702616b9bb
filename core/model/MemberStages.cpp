#include "model/MemberStages.hpp"

#include <chrono>
#include <cstdio>

#include "base/Strings.hpp"

namespace jiceng {
namespace {

std::optional<std::chrono::sys_days> parse_date(const std::string& d) {
  int y = 0;
  unsigned m = 0, day = 0;
  char tail = 0;
  if (d.size() != 10 || std::sscanf(d.c_str(), "%4d-%2u-%2u%c", &y, &m, &day, &tail) != 3) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(day)};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd);
}

struct StageDate {
  const char* field;
  const std::string Member::*date;
  MemberStage reached_at;  // the stage from which this date must exist
};

const StageDate kDates[] = {
    {"applied_on", &Member::applied_on, MemberStage::Applicant},
    {"talked_on", &Member::talked_on, MemberStage::Activist},
    {"activist_on", &Member::activist_on, MemberStage::Activist},
    {"candidate_on", &Member::candidate_on, MemberStage::Candidate},
    {"probationary_on", &Member::probationary_on, MemberStage::Probationary},
    {"full_on", &Member::full_on, MemberStage::Full},
};

}  // namespace

bool valid_date(const std::string& d) { return parse_date(d).has_value(); }

std::optional<int> days_between(const std::string& a, const std::string& b) {
  auto x = parse_date(a), y = parse_date(b);
  if (!x || !y) return std::nullopt;
  return int((*y - *x).count());
}

std::vector<PipelineIssue> check_pipeline(const Member& m) {
  std::vector<PipelineIssue> out;
  auto field_label = [](const char* f) { return tr(std::string("member.") + f); };
  // Format, and presence of the dates the member's stage implies.
  for (const auto& d : kDates) {
    const std::string& v = m.*d.date;
    if (!v.empty() && !valid_date(v))
      out.push_back({d.field, tr("pipeline.bad_date", {{"field", field_label(d.field)}, {"value", v}}), true});
    else if (v.empty() && m.stage >= d.reached_at)
      out.push_back({d.field, tr("pipeline.missing_date", {{"field", field_label(d.field)}, {"stage", label(m.stage)}}), false});
  }
  // Order rules are errors: each stage no earlier than the one before, and the talk no earlier than
  // the application (it may come any time after it). A date that is not valid is skipped: it already
  // has its own error.
  auto order = [&](const StageDate& later, const StageDate& earlier) {
    auto days = days_between(m.*earlier.date, m.*later.date);
    if (days && *days < 0)
      out.push_back({later.field, tr("pipeline.out_of_order", {{"field", field_label(later.field)}, {"earlier", field_label(earlier.field)}}), true});
    return days.has_value();
  };
  const StageDate* prev = nullptr;
  for (const auto& d : kDates) {
    if (std::string(d.field) == "talked_on") {
      order(d, kDates[0]);
      continue;
    }
    if (prev) order(d, *prev);
    if (valid_date(m.*d.date)) prev = &d;
  }
  // Time-span rules are warnings, and only for dates in the right order (an order error says enough).
  auto rule = [&](const char* field, const std::string& from, const std::string& to, bool ok_when(int), const char* key) {
    if (auto days = days_between(from, to); days && *days >= 0 && !ok_when(*days)) out.push_back({field, tr(key), false});
  };
  rule("talked_on", m.applied_on, m.talked_on, [](int d) { return d <= 31; }, "pipeline.talk_within_month");
  rule("activist_on", m.applied_on, m.activist_on, [](int d) { return d >= 182; }, "pipeline.activist_after_six_months");
  rule("candidate_on", m.activist_on, m.candidate_on, [](int d) { return d > 365; }, "pipeline.candidate_after_one_year");
  rule("full_on", m.probationary_on, m.full_on, [](int d) { return d >= 365; }, "pipeline.probation_one_year");
  return out;
}

}  // namespace jiceng
