#pragma once
// The member roster as a list of rows and the filter over it: pure logic, no ImGui, so that it is
// tested on its own with thousands of members. The screen keeps the list of matching row indices
// and rebuilds it only when the filter (or the data) changes, then draws it with a list clipper.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/MemberStages.hpp"
#include "model/Model.hpp"

namespace jiceng::gui {

struct RosterRow {
  Member member;
  std::string branch_name;
  std::string stage_date;  // the date the member's current stage was reached
  std::vector<PipelineIssue> issues;
  int warnings = 0;
  bool has_error = false;
};

// Rows for members, with their branches' names and pipeline checks (once per data change).
RosterRow make_roster_row(const Member& m, std::string branch_name);

enum class RosterStatus { All, Members, Developing, Reserve, Issues };
enum class RosterSort { None, Name, Branch, Stage, Date };

struct RosterFilter {
  std::string text;                 // part of a name or a branch's name
  std::vector<OrgId> branches;      // sorted; empty: every branch
  std::optional<MemberStage> stage;
  RosterStatus status = RosterStatus::All;
  RosterSort sort = RosterSort::None;  // None: the roster's own order
  bool descending = false;
  bool operator==(const RosterFilter&) const = default;
};

bool matches(const RosterRow& row, const RosterFilter& f);
// Indices of the rows that match, in the filter's order.
std::vector<uint32_t> filter_roster(const std::vector<RosterRow>& rows, const RosterFilter& f);

}  // namespace jiceng::gui
