#pragma once
// The year's progress table as an Excel workbook (libxlsxwriter): one row per task with a target —
// 序号 / 工作任务 / 责任单位 / 年度目标 / 完成值 / 完成率 — the rate stored as a formula together
// with its computed result (so viewers that do not recalculate show it too), a native column
// chart of the completion rates, and a second sheet with each responsible unit's own row.
#include <optional>
#include <string>
#include <vector>

#include "model/Figures.hpp"

namespace jiceng::exporter {

struct ProgressRow {
  std::string task;         // "发展党员数（名）"
  std::string indicator;    // catalog id
  std::string responsible;  // 责任单位
  std::optional<double> target, value;
  std::optional<double> rate() const;  // value / target (0–n, not capped); nullopt without both
};

struct ProgressTable {
  std::string title;        // "青禾镇2020年基层党建重点任务完成情况"
  std::string as_of;        // "数据截至2020年11月"
  std::vector<ProgressRow> town;   // one row per indicator with a town target, catalog order
  std::vector<ProgressRow> units;  // one row per unit target, by indicator then tree order
};

ProgressTable progress_table(const YearFigures& figures);

// The workbook's bytes; `draft` marks the title 草稿.
std::string write_xlsx(const ProgressTable& table, bool draft);

}  // namespace jiceng::exporter
