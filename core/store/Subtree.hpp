#pragma once
// One organisation and everything under it, read from the store as a ValueSource. The year's
// figures of a village computed over it cost what the village holds, not what the town holds: the
// package importer checks a village's cross-field rules against computed figures this way, once per
// package, where the whole town's figures per package would make a county's import quadratic.
#include <string>
#include <vector>

#include "model/Rules.hpp"
#include "model/ValueSource.hpp"

namespace jiceng {

class Store;

class SubtreeSource final : public ValueSource {
 public:
  SubtreeSource(const Store& store, OrgId root);

  const Catalog& catalog() const override;
  // The root comes without its parent: the figures take the parentless organisation as the top.
  std::vector<Org> orgs() const override { return orgs_; }
  std::vector<Member> members() const override;
  bool roster_kept() const override;  // by the town, not only under the root
  void scan_targets(int year, const std::function<void(const TargetScan&)>& fn) const override;
  std::optional<double> target(OrgId org, const std::string& indicator, int year) const override;
  void scan_values(int year, const std::function<void(const ValueScan&)>& fn) const override;
  std::optional<ValueRecord> value(OrgId org, const std::string& indicator, const Period& p) const override;

 private:
  const Store& store_;
  std::vector<Org> orgs_;
  std::string ids_;  // the organisations' ids as a JSON array, for "IN (SELECT value FROM json_each(?))"
};

// A value already written (inside the writer's transaction) whose cross-field rule compares it with
// a computed figure or with months rolled up to the year.
struct FigureCheck {
  OrgId org;
  const Indicator* indicator;
  Period period;
  double value;
};
// For each check, the first rule it breaks against the year's figures as they are now, written
// values included (empty: kept). A few organisations: their subtrees' figures; many (a CSV or a
// demo of a whole town): the town's figures, once per year.
std::vector<std::optional<RuleViolation>> check_against_figures(const Store& store, const std::vector<FigureCheck>& checks);

}  // namespace jiceng
