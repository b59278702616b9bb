#pragma once
// What a year's figures, the cross-field rules and the plausibility check read: the catalog, the
// organisations, members, targets and typed values. The store is the source the program uses; the
// interface lets those computations sit below the store, so the store's writer can check a value
// with them without store/ and the figures including each other.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/Catalog.hpp"
#include "model/Model.hpp"

namespace jiceng {

class ValueSource {
 public:
  virtual ~ValueSource() = default;

  // One typed value as a scan hands it over, without who typed it. `indicator` is valid only
  // during the call.
  struct ValueScan {
    OrgId org;
    std::string_view indicator;
    int month;  // 0: the year
    double value;
    ValueStatus status;
  };

  virtual const Catalog& catalog() const = 0;
  virtual std::vector<Org> orgs() const = 0;  // tree order: by parent, then sort, then code
  virtual std::vector<Member> members() const = 0;
  // Whether the town keeps a roster at all, when members() is empty: a source that holds part of
  // a town answers for the town, so an organisation without members counts zero, not "unknown".
  virtual bool roster_kept() const { return false; }
  // Every target of a year, once, as the figures read them; `indicator` is valid only during the
  // call (no string is built for each of a province's 340 000 targets).
  struct TargetScan {
    OrgId org;
    std::string_view indicator;
    double value;
  };
  virtual void scan_targets(int year, const std::function<void(const TargetScan&)>& fn) const = 0;
  // One target (the plausibility check of a single value), or nullopt when none is set.
  virtual std::optional<double> target(OrgId org, const std::string& indicator, int year) const = 0;
  // Every value of a year, once: what the year's figures are computed from.
  virtual void scan_values(int year, const std::function<void(const ValueScan&)>& fn) const = 0;
  virtual std::optional<ValueRecord> value(OrgId org, const std::string& indicator, const Period& p) const = 0;
};

}  // namespace jiceng
