#include "views/RecordsViewFilter.hpp"

#include <algorithm>

namespace jiceng::gui {

RosterRow make_roster_row(const Member& m, std::string branch_name) {
  RosterRow r;
  r.member = m;
  r.branch_name = std::move(branch_name);
  switch (m.stage) {
    case MemberStage::Applicant: r.stage_date = m.applied_on; break;
    case MemberStage::Activist: r.stage_date = m.activist_on; break;
    case MemberStage::Candidate: r.stage_date = m.candidate_on; break;
    case MemberStage::Probationary: r.stage_date = m.probationary_on; break;
    case MemberStage::Full: r.stage_date = m.full_on; break;
  }
  r.issues = check_pipeline(m);
  for (const auto& i : r.issues) {
    if (i.error) r.has_error = true;
    else ++r.warnings;
  }
  return r;
}

bool matches(const RosterRow& row, const RosterFilter& f) {
  const Member& m = row.member;
  if (!f.branches.empty() && !std::binary_search(f.branches.begin(), f.branches.end(), m.branch)) return false;
  if (f.stage && m.stage != *f.stage) return false;
  switch (f.status) {
    case RosterStatus::All: break;
    case RosterStatus::Members:
      if (m.stage != MemberStage::Full && m.stage != MemberStage::Probationary) return false;
      break;
    case RosterStatus::Developing:
      if (m.stage == MemberStage::Full || m.stage == MemberStage::Probationary) return false;
      break;
    case RosterStatus::Reserve:
      if (!m.reserve_cadre) return false;
      break;
    case RosterStatus::Issues:
      if (row.warnings == 0 && !row.has_error) return false;
      break;
  }
  // Byte substring: UTF-8 never matches inside another character, so Chinese text works as is.
  if (!f.text.empty() && m.name.find(f.text) == std::string::npos && row.branch_name.find(f.text) == std::string::npos)
    return false;
  return true;
}

std::vector<uint32_t> filter_roster(const std::vector<RosterRow>& rows, const RosterFilter& f) {
  std::vector<uint32_t> out;
  out.reserve(rows.size());
  for (uint32_t i = 0; i < rows.size(); ++i)
    if (matches(rows[i], f)) out.push_back(i);
  if (f.sort == RosterSort::None) {
    if (f.descending) std::reverse(out.begin(), out.end());
    return out;
  }
  auto key_less = [&](uint32_t a, uint32_t b) {
    const RosterRow &x = rows[a], &y = rows[b];
    switch (f.sort) {
      case RosterSort::Name: return x.member.name < y.member.name;
      case RosterSort::Branch: return x.branch_name < y.branch_name;
      case RosterSort::Stage: return x.member.stage < y.member.stage;
      case RosterSort::Date: return x.stage_date < y.stage_date;
      case RosterSort::None: break;
    }
    return false;
  };
  std::stable_sort(out.begin(), out.end(), [&](uint32_t a, uint32_t b) {
    return f.descending ? key_less(b, a) : key_less(a, b);
  });
  return out;
}

}  // namespace jiceng::gui
