#include "report/Report.hpp"

#include "store/Store.hpp"

namespace jiceng {

YearReport build_report(const Store& store, int year, bool with_previous) {
  YearReport r;
  r.figures = std::make_shared<const YearFigures>(with_previous ? YearFigures::compute_with_previous(store, year)
                                                                : YearFigures::compute(store, year));
  r.dashboard = build_dashboard(*r.figures);
  r.overdue = build_overdue(*r.figures);
  r.ranking = build_ranking(*r.figures, r.dashboard, RankingSettings::load_or_default(store, &r.ranking_problem),
                            r.overdue);
  return r;
}

std::shared_ptr<const YearReport> ReportCache::get(const Store& store, int year) {
  if (!report_ || store_ != &store || revision_ != store.revision() || year_ != year) {
    report_ = std::make_shared<const YearReport>(build_report(store, year));
    store_ = &store;
    revision_ = store.revision();
    year_ = year;
  }
  return report_;
}

}  // namespace jiceng
