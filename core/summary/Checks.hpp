#pragma once
// `jiceng-cli check`: what stands between the data and a summary that can be sent. Unresolved
// figures; a figure stated twice that reads differently; a number typed into the template that
// disagrees with the data; a town figure that is not the sum of its villages; a yearly value that
// disagrees with its months; rates recomputed from their parts; values breaking the catalog's
// rules — each with where it came from (who typed it, when, on which device, or its formula).
#include <string>
#include <vector>

#include "model/Figures.hpp"
#include "store/Store.hpp"
#include "summary/Template.hpp"

namespace jiceng::summary {

enum class FindingKind { Unresolved, Restated, Literal, TownSum, MonthSum, Rate, Rule };
std::string_view to_string(FindingKind k);

struct Finding {
  FindingKind kind = FindingKind::Rule;
  std::string indicator;  // id; empty when not about one indicator
  std::string org;        // organisation name; empty for the town as a whole
  std::string message;    // Chinese, complete
  std::string where;      // where the value or statement came from
};

struct CheckReport {
  int year = 0;
  std::vector<Finding> findings;
  size_t values_checked = 0;     // typed values checked against the rules
  size_t figures_checked = 0;    // figures of the summary checked
  bool ok() const { return findings.empty(); }
  std::string to_json() const;
};

CheckReport check_summary(const Store& store, const YearFigures& figures, const Template& t);

}  // namespace jiceng::summary
