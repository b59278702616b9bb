#include "store/Subtree.hpp"

#include <memory>
#include <set>
#include <unordered_map>

#include "base/Sql.hpp"
#include "model/RuleInputs.hpp"
#include "store/Store.hpp"
#include "store/StoreDetail.hpp"

namespace jiceng {

using sql::Stmt;

SubtreeSource::SubtreeSource(const Store& store, OrgId root) : store_(store) {
  Stmt st(store.handle(), R"(WITH RECURSIVE t(id, path) AS (
      SELECT id, '' FROM orgs WHERE id = ?
      UNION ALL SELECT o.id, t.path || '/' || printf('%08d.%s', o.sort, o.code) FROM orgs o JOIN t ON o.parent_id = t.id)
    SELECT o.id, o.code, o.name, o.kind, o.parent_id, o.sort FROM orgs o JOIN t USING(id) ORDER BY t.path)");
  st.bind(1, root);
  ids_ = "[";
  while (st.step()) {
    orgs_.push_back(read_org(st));
    ids_ += (orgs_.size() > 1 ? "," : "") + std::to_string(orgs_.back().id);
  }
  ids_ += "]";
  if (!orgs_.empty()) orgs_.front().parent.reset();
}

const Catalog& SubtreeSource::catalog() const { return store_.catalog(); }

std::vector<Member> SubtreeSource::members() const {
  Stmt st(store_.handle(), std::string(kMemberColumns) + "WHERE branch_id IN (SELECT value FROM json_each(?)) ORDER BY id");
  st.bind(1, ids_);
  std::vector<Member> out;
  while (st.step()) out.push_back(read_member(st));
  return out;
}

bool SubtreeSource::roster_kept() const { return sql::scalar_int(store_.handle(), "SELECT EXISTS(SELECT 1 FROM members)") != 0; }

void SubtreeSource::scan_targets(int year, const std::function<void(const TargetScan&)>& fn) const {
  Stmt st(store_.handle(), std::string(kScanTargets) + "WHERE year = ? AND org_id IN (SELECT value FROM json_each(?))");
  st.bind(1, year).bind(2, ids_);
  scan_target_rows(st, fn);
}

std::optional<double> SubtreeSource::target(OrgId org, const std::string& indicator, int year) const {
  return store_.target(org, indicator, year);
}

void SubtreeSource::scan_values(int year, const std::function<void(const ValueScan&)>& fn) const {
  Stmt st(store_.handle(), std::string(kScanValues) + "WHERE year = ? AND org_id IN (SELECT value FROM json_each(?))");
  st.bind(1, year).bind(2, ids_);
  scan_value_rows(st, year, fn);
}

std::optional<ValueRecord> SubtreeSource::value(OrgId org, const std::string& indicator, const Period& p) const {
  return store_.value(org, indicator, p);
}

std::vector<std::optional<RuleViolation>> check_against_figures(const Store& store, const std::vector<FigureCheck>& checks) {
  // Beyond this many organisations one computation of the town's figures is cheaper than a
  // subtree each (a subtree costs a walk of the organisation table).
  constexpr size_t kSubtrees = 16;
  std::set<OrgId> orgs;
  for (const auto& c : checks) orgs.insert(c.org);
  std::vector<std::optional<RuleViolation>> out;
  RuleInputs town(store);
  std::unordered_map<OrgId, std::pair<std::unique_ptr<SubtreeSource>, std::unique_ptr<RuleInputs>>> subtrees;
  for (const auto& c : checks) {
    RuleInputs* rules = &town;
    if (orgs.size() <= kSubtrees) {
      auto& [source, inputs] = subtrees[c.org];
      if (!source) {
        source = std::make_unique<SubtreeSource>(store, c.org);
        inputs = std::make_unique<RuleInputs>(*source);
      }
      rules = inputs.get();
    }
    auto broken = rules->check(c.org, *c.indicator, c.period, c.value);
    out.push_back(broken.empty() ? std::nullopt : std::optional(broken.front()));
  }
  return out;
}

}  // namespace jiceng
