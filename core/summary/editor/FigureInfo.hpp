#pragma once
// What the editor shows when a figure in the preview is tapped: the indicators behind it, the
// town's value, each reporting unit's value, and where every value came from — who typed it, when,
// on which device and with what status, or how it is computed (formula, roster, organisation tree).
// Computed on tap, never per frame.
#include <optional>
#include <string>
#include <vector>

#include "model/Figures.hpp"
#include "store/Store.hpp"

namespace jiceng::editor {

struct UnitFigure {
  std::string org;               // unit name
  std::optional<double> value;   // nullopt: no data
  std::string source;            // Chinese: "张三 2020-11-30 填报（已审核）", "按月填报 11 个月，最近…"
};

struct IndicatorFigure {
  const Indicator* indicator = nullptr;
  std::string section;               // section name
  std::optional<double> town_value;
  std::optional<double> target;      // the town's target, when it has one
  std::string how;                   // how the town figure is obtained (Chinese)
  std::vector<UnitFigure> units;     // reporting units in tree order (empty for town-level figures)
};

struct FigureExplanation {
  std::string expression;            // the placeholder as written
  std::string shown;                 // what the summary prints
  std::vector<IndicatorFigure> indicators;
};

FigureExplanation explain_figure(const Store& store, const YearFigures& figures, const std::string& expression,
                                 const std::string& shown, const std::vector<std::string>& indicator_ids);

}  // namespace jiceng::editor
