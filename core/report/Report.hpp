#pragma once
// One year's report: the figures and everything read from them — the dashboard, who is overdue,
// the village ranking — built in one place for the 进度看板 screen and `jiceng-cli dashboard`, so
// the two cannot drift apart. ReportCache keeps the latest one while the store is unchanged, so
// the screens that show the year (数据采集, 进度看板, 年度总结) compute it once between writes.
#include <cstdint>
#include <memory>
#include <string>

#include "report/Dashboard.hpp"
#include "model/Figures.hpp"
#include "report/Overdue.hpp"
#include "report/Ranking.hpp"

namespace jiceng {

class Store;

struct YearReport {
  std::shared_ptr<const YearFigures> figures;
  Dashboard dashboard;
  OverdueReport overdue;
  Ranking ranking;             // weights and bands from the town's settings
  std::string ranking_problem; // a broken stored setting, said in Chinese: ranked by the defaults
};

// `with_previous`: last year's figures too (trends, 较上年, the form's 去年同期).
YearReport build_report(const Store& store, int year, bool with_previous = true);

class ReportCache {
 public:
  // The year's report with the previous year, computed again only when the store was written
  // (Store::revision), another store is given, or another year is asked for.
  std::shared_ptr<const YearReport> get(const Store& store, int year);
  // Forgets the report: another database was opened (a new Store may reuse the old one's address).
  void clear() { report_.reset(); }

 private:
  const Store* store_ = nullptr;
  uint64_t revision_ = 0;
  int year_ = 0;
  std::shared_ptr<const YearReport> report_;
};

}  // namespace jiceng
