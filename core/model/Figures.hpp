#pragma once
// Every figure of one year for every organisation, computed once from the store (any ValueSource): typed values
// (months rolled up into the year), village figures summed into the town, roster and org-tree
// counts, and formulas evaluated in dependency order. The dashboard, the CLI and the summary all
// read this one computation, so their numbers cannot disagree.
#include <cstdint>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/Catalog.hpp"
#include "model/Expr.hpp"
#include "model/Model.hpp"
#include "model/ValueSource.hpp"

namespace jiceng {

class YearFigures {
 public:
  static YearFigures compute(const ValueSource& source, int year);

  int year() const { return year_; }
  const Catalog& catalog() const { return *catalog_; }
  const Org& town() const { return orgs_.at(town_index_); }
  const std::vector<Org>& orgs() const { return orgs_; }
  // Villages, communities and town-level units, in tree order: the units that report figures.
  const std::vector<OrgId>& reporting_units() const { return units_; }
  const Org* org(OrgId id) const;

  // The figure of an organisation for the year (the town's is the aggregate); nullopt = no data.
  std::optional<double> value(OrgId org, std::string_view indicator) const;
  std::optional<double> town_value(std::string_view indicator) const;
  // A monthly figure (1–12) as typed (not rolled up); nullopt when not typed.
  std::optional<double> month_value(OrgId org, std::string_view indicator, int month) const;
  std::optional<double> target(OrgId org, std::string_view indicator) const;
  std::optional<double> town_target(std::string_view indicator) const;
  // The latest month of the year with any typed value (0 when only yearly values exist).
  int last_month() const { return last_month_; }
  // Lowest status among an organisation's typed values (nullopt: nothing typed).
  std::optional<ValueStatus> status(OrgId org) const;
  // Lowest status of an organisation's values of one period (month 0: the year's own values).
  std::optional<ValueStatus> period_status(OrgId org, int month) const;
  // Number of typed indicators with a value for the org, and how many it is expected to type.
  int filled(OrgId org) const;
  int expected(OrgId org) const;

  // Evaluates an arithmetic expression over indicators for `org` (the town when 0).
  ExprValue evaluate(const Expr& e, OrgId org = 0) const;

  // Previous year's figures, when computed with_previous (loaded lazily by the summary).
  const YearFigures* previous() const { return previous_.get(); }
  static YearFigures compute_with_previous(const ValueSource& source, int year);

 private:
  friend class FiguresBuilder;
  int year_ = 0;
  const Catalog* catalog_ = nullptr;
  std::vector<Org> orgs_;
  size_t town_index_ = 0;
  std::vector<OrgId> units_;
  std::unordered_map<OrgId, size_t> org_index_;
  // values_[org_index * n_indicators + indicator_index]; NaN = no data.
  std::vector<double> values_;
  // targets_[org_index * target_cols_ + target_col_[indicator_index]]: only the indicators that take
  // a target have a column (17 of 89 built in; 24 MB less a year at province scale).
  std::vector<double> targets_;
  std::vector<size_t> target_col_;  // SIZE_MAX: the indicator takes no target
  size_t target_cols_ = 0;
  std::unordered_map<uint64_t, double> months_;  // key: org_index, indicator_index, month
  std::vector<int> status_;  // per org: -1 none, else lowest ValueStatus
  std::vector<std::array<int8_t, 13>> period_status_;  // per org and month (0: the year), as status_
  std::vector<int> filled_, expected_;
  int last_month_ = 0;
  std::shared_ptr<YearFigures> previous_;
};

// Expression context over one year's figures: identifiers are indicators (id or Chinese name) of
// the context's organisation, for catalog formulas (arithmetic only). The template language adds
// its words and functions in summary/SummaryContext.hpp, the one place they are evaluated.
class FiguresContext : public ExprContext {
 public:
  FiguresContext(const YearFigures& figures, OrgId org) : figures_(figures), org_(org) {}
  ExprValue lookup(const ExprNode& ident) const override;
  const YearFigures& figures() const { return figures_; }
  OrgId org() const { return org_; }

 protected:
  // The indicator an identifier names, or an ExprError at `position`.
  const Indicator& indicator(std::string_view identifier, int position) const;

 private:
  const YearFigures& figures_;
  OrgId org_;
};

}  // namespace jiceng
