#pragma once
// The county's own tables in a county's SQLite file: the towns rolled up, each town's reporting
// units, its computed figures per year and organisation, and its units' completeness. The roll-up
// and the county dashboard (sync/County.cpp, sync/CountyDashboard.cpp) decide what goes in and
// what it means; these are their statements, so the connection stays in store/.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {

class Store;

struct CountyTown {
  std::string id, code, name;
  std::string source;  // file name it was rolled up from
  std::string rolled_up_at;
};

std::vector<CountyTown> county_town_rows(const Store& county);  // in the order they were added
// Whether another town (another id) already goes by this code and name here.
bool county_name_taken(const Store& county, const std::string& code, const std::string& name, const std::string& id);
// Foreign keys cascade from the town to its organisations, figures, units and years.
void remove_county_town_rows(Store& county, const std::string& id);

// One town's rows, written afresh: opening it removes what the town had here (keeping its place
// in the list when it was there), then each call adds a row. Inside the caller's transaction.
class CountyTownWriter {
 public:
  CountyTownWriter(Store& county, const CountyTown& town, const std::string& source_sha256);
  ~CountyTownWriter();
  bool replaced() const { return replaced_; }  // the town was here before
  void org(const std::string& code, const std::string& name, OrgKind kind, const std::string& parent_code, int sort);
  void year(int year, int last_month);
  void figure(int year, const std::string& org_code, const std::string& indicator, std::optional<double> value,
              std::optional<double> target);
  void unit(int year, const std::string& org_code, int filled, int expected, const std::string& status);

 private:
  struct Statements;
  std::string town_;
  bool replaced_ = false;
  std::unique_ptr<Statements> st_;
};

// ---- What the county dashboard reads for a year ------------------------------------------------
struct CountyYearTown {
  CountyTown town;
  int last_month = 0;
};
std::vector<CountyYearTown> county_year_towns(const Store& county, int year);
struct CountyUnitCounts {
  std::string town;
  int units = 0;
  int64_t filled = 0, expected = 0;
  int submitted = 0;  // units whose lowest status is 已提交 or 已审核
};
std::vector<CountyUnitCounts> county_unit_counts(const Store& county, int year);
// Each town's own figures: its root organisation's (the town's aggregate).
void county_town_figures(const Store& county, int year,
                         const std::function<void(const std::string& town, const std::string& indicator,
                                                  std::optional<double> value, std::optional<double> target)>& fn);

}  // namespace jiceng
