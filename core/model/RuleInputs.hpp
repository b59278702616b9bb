#pragma once
// What a cross-field rule compares a value with, looked up the same way by every writer and by the
// collection form: values of the same batch (or the form's fields) first, then computed figures
// and months rolled up to a year (the year's figures), then the stored value.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "model/Figures.hpp"
#include "model/Model.hpp"
#include "model/Rules.hpp"
#include "model/ValueSource.hpp"

namespace jiceng {

class RuleInputs {
 public:
  // computed = false: rules read typed values only, and a rule whose other side is a computed
  // figure or a monthly figure rolled up to the year is not checked (the package importer's first
  // pass: it checks those once the package is in, over the sender's organisations only).
  explicit RuleInputs(const ValueSource& source, bool computed = true);
  // Everything from a year's figures already computed (a form checking as the clerk types): no
  // query per check. Only for periods of that year.
  explicit RuleInputs(const YearFigures& figures);

  // Whether the indicator takes part in a cross-field rule (only those need remembering).
  bool ruled(const std::string& indicator) const { return ruled_.count(indicator) > 0; }
  // A value of the batch being written, seen by the rules in place of the stored one.
  void add_pending(OrgId org, const std::string& indicator, const Period& period, double value);
  // The value a rule reads for (organisation, indicator, period), if any.
  std::optional<double> value(OrgId org, const std::string& indicator, const Period& period);
  // Whether a rule on `ind` for `period` compares it with a computed figure or with months rolled
  // up to the year: what a source read with computed = false leaves unchecked.
  bool reads_figures(const Indicator& ind, const Period& period) const;
  // The cross-field rules `value` of `ind` would break.
  std::vector<RuleViolation> check(OrgId org, const Indicator& ind, const Period& period, double value);

 private:
  const Catalog& catalog_;
  const ValueSource* source_ = nullptr;
  const YearFigures* given_ = nullptr;
  bool computed_ = true;
  std::map<std::tuple<OrgId, std::string, std::string>, double> pending_;
  std::set<std::string> ruled_;
  std::map<int, YearFigures> figures_;  // computed once per year, when a rule first needs them
};

}  // namespace jiceng
