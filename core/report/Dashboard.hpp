#pragma once
// Where every task stands: each indicator against its target, and each reporting unit's
// completeness and progress. Built from YearFigures, so the screen, the CLI and the summary agree.
#include <optional>
#include <vector>

#include "model/Figures.hpp"

namespace jiceng {

class JsonWriter;

enum class Progress { Done, OnTrack, Behind, NoData };
std::string_view to_string(Progress p);  // "done", "on_track", "behind", "no_data"
const std::string& label(Progress p);    // 完成 / 正常 / 滞后 / 无数据

struct DashboardSettings {
  // A figure is on track while its progress is at least this share of the year elapsed.
  double on_track_ratio = 0.9;
};

struct IndicatorStatus {
  const Indicator* indicator = nullptr;
  std::optional<double> value, target;
  std::optional<double> progress;  // 0–1 (capped at 1) when there is a value and a target
  std::optional<Progress> status;  // nullopt: has data but no target
};

struct UnitStatus {
  Org org;
  int filled = 0, expected = 0;
  double completeness = 0;          // filled / expected
  std::optional<double> progress;   // mean progress over the unit's targets
  std::optional<ValueStatus> lowest;  // lowest status of what it typed; nullopt: nothing typed
  bool submitted = false;             // everything typed is at least 已提交
};

struct Dashboard {
  int year = 0;
  int as_of_month = 12;     // the latest month with data; the share of the year elapsed
  std::vector<IndicatorStatus> indicators;  // catalog order
  std::vector<UnitStatus> units;            // tree order
};

// Progress and status of a value against a target, given the share of the year elapsed.
std::pair<std::optional<double>, std::optional<Progress>> assess(const Indicator& ind, std::optional<double> value,
                                                                   std::optional<double> target, double elapsed,
                                                                   const DashboardSettings& s);

Dashboard build_dashboard(const YearFigures& figures, const DashboardSettings& settings = {});
// The dashboard's members (as_of_month, indicators, not_submitted, town, villages, year) into the
// object `w` has open: what `jiceng-cli dashboard --json` answers.
void write_json(JsonWriter& w, const Dashboard& d, const YearFigures& figures);

}  // namespace jiceng
