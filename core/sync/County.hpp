#pragma once
// The county roll-up. A county database is a Jiceng file with no organisations of its own (meta
// role = "county") that keeps, per town (keyed by the town's id, so towns never mix), the figures
// each town's own computation gives for every year: the town and each of its villages. Rolling
// a town up again replaces that town's figures. The county dashboard shows the towns side by side
// and the county totals (sums; maxima for month figures; formulas recomputed from the totals).
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "report/Dashboard.hpp"
#include "model/Model.hpp"
#include "store/CountyFile.hpp"

namespace jiceng {
class Store;
}

namespace jiceng::sync {

using jiceng::CountyTown;  // store/CountyFile.hpp

struct RollupResult {
  CountyTown town;
  bool replaced = false;  // the town was rolled up before: its old figures were replaced
  std::vector<int> years;
  size_t figures = 0;
  // The town's own indicators join the county's catalog: one id is one figure across towns (a
  // definition the towns share), another town's own is a row of its own. A definition that
  // differs from the county's under the same id is left out, each with a sentence here.
  int indicators_received = 0;
  std::vector<std::string> notes;
};

// Makes `county` a county database on first use (refused when it holds a town's organisations).
void make_county(Store& county);
// Rolls up one town from its database file or from a package of the whole town (export without
// --org). The source file is never modified. Throws InputError, writing nothing, for a file that
// is neither, a package of part of a town, or a town whose name and code match another town's.
RollupResult roll_up(Store& county, const std::string& source, const Actor& actor);
std::vector<CountyTown> county_towns(const Store& county);
// Removes a town (by id or code) and its figures.
void remove_town(Store& county, const std::string& id_or_code, const Actor& actor);

struct CountyCell {
  std::optional<double> value, target, progress;
  std::optional<Progress> status;
};

struct CountyRow {
  const Indicator* indicator = nullptr;
  std::vector<CountyCell> towns;  // one per CountyDashboard::towns
  CountyCell total;
};

struct CountyTownStatus {
  CountyTown town;
  int as_of_month = 0;
  int units = 0, submitted_units = 0;
  double completeness = 0;  // filled / expected over its units
};

struct CountyDashboard {
  int year = 0;
  int as_of_month = 0;  // the latest month any town has data for
  std::vector<CountyTownStatus> towns;  // towns with figures for the year, in roll-up order
  std::vector<CountyRow> rows;          // catalog order
};

CountyDashboard county_dashboard(const Store& county, int year, const DashboardSettings& settings = {});
nlohmann::json to_json(const CountyDashboard& d);

}  // namespace jiceng::sync
