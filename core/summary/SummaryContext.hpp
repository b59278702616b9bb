#pragma once
// The expression context of summary placeholders: identifiers are indicators (id, Chinese name or
// alias) of one organisation for the year, plus a few built-in words (年份, 镇名); functions add
// what a summary states beyond single figures — rates, the change against last year worded
// 增加/减少/持平, sums, counts and name lists over villages with a condition, targets, and 待补 for
// a blank the clerk still has to fill. Wraps YearFigures without changing it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/Figures.hpp"
#include "model/Catalog.hpp"
#include "model/Expr.hpp"
#include "summary/Functions.hpp"

namespace jiceng::summary {

// Checks an expression against the catalog and the function table: unknown indicators, unknown
// functions and wrong argument counts throw ExprError with the character position in `e`.
void validate_expression(const Expr& e, const Catalog& catalog);

// Indicator ids an expression refers to (resolved through the catalog), for "where it came from".
std::vector<std::string> expression_indicators(const Expr& e, const Catalog& catalog);

// Decimals a figure gets when the template asks for no format: the indicator's own for a single
// figure, one for rates, two for money, none for counts and for whole results.
int auto_decimals(const Expr& e, const Catalog& catalog, double value);

// Display name of a missing item: the indicator's Chinese name when `key` is an indicator id.
std::string display_name(std::string_view key, const Catalog& catalog);

// Extends the figures' own context (indicator lookup) with the built-in words and the functions
// of summary/Functions.hpp; every function also has a Chinese name.
class SummaryContext : public FiguresContext {
 public:
  // `org` 0 means the town.
  explicit SummaryContext(const YearFigures& figures, OrgId org = 0);

  ExprValue lookup(const ExprNode& ident) const override;
  ExprValue call(const ExprNode& node) const override;

  // Villages and communities (not town-level units), in tree order.
  std::vector<OrgId> villages() const;

 private:
  ExprValue call_prev(const ExprNode& n) const;
  ExprValue call_change(const ExprNode& n, bool as_rate) const;
  ExprValue over_villages(const ExprNode& n, std::string_view fn) const;
  ExprValue call_target(const ExprNode& n) const;
  ExprValue call_math(const ExprNode& n, std::string_view fn) const;
};

}  // namespace jiceng::summary
