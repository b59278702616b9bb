#include "store/Review.hpp"

#include <algorithm>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "base/JsonWriter.hpp"
#include "base/Sql.hpp"
#include "store/Store.hpp"

namespace jiceng {
namespace {

// The hook for the clerk's confirmed gaps: read from the submission's audit detail when present.
std::optional<int> gaps_in(const std::string& detail) {
  auto d = nlohmann::json::parse(detail, nullptr, false);
  if (!d.is_object()) return std::nullopt;
  for (const char* key : {"confirmed_gaps", "gaps"}) {
    if (!d.contains(key)) continue;
    const auto& v = d[key];
    if (v.is_number_integer()) return v.get<int>();
    if (v.is_array()) return int(v.size());
  }
  return std::nullopt;
}

}  // namespace

std::vector<PendingReview> pending_reviews(const Store& store) {
  std::vector<PendingReview> out;
  // A (village, period) awaits review when something of it is submitted and nothing is a draft.
  // Every lookup goes through values_by_status (status, org_id, period, then the columns read here,
  // so no lookup visits the table): a county's values are never joined with themselves. The bare columns come from the row holding max(updated_at)
  // (SQLite's rule for a query with one max()): the value submitted last, who submitted it, and
  // an indicator of that submission, whose audit entries lead to what the submission recorded.
  sql::Stmt st(store.handle(),
               "WITH sent AS (SELECT org_id, period, count(*) n, max(updated_at) at, updated_by, indicator_id "
               "              FROM indicator_values WHERE status = 'submitted' GROUP BY org_id, period) "
               "SELECT s.org_id, s.period, s.n + (SELECT count(*) FROM indicator_values a WHERE a.status = 'approved' "
               "       AND a.org_id = s.org_id AND a.period = s.period), s.at, s.updated_by, s.indicator_id FROM sent s "
               "WHERE NOT EXISTS (SELECT 1 FROM indicator_values d WHERE d.status = 'draft' AND d.org_id = s.org_id "
               "                  AND d.period = s.period)");
  // The submission's audit entry, through audit_by_org (org_id, indicator_id, period): one seek.
  sql::Stmt entry(store.handle(),
                  "SELECT detail FROM audit WHERE org_id = ? AND indicator_id = ? AND period = ? "
                  "AND action IN ('set_status', 'submit') ORDER BY id DESC LIMIT 1");
  while (st.step()) {
    auto p = Period::parse(st.view(1));
    if (!p) continue;
    PendingReview r;
    r.org = st.int64(0);
    r.period = *p;
    r.values = int(st.int64(2));
    r.submitted_at = st.text(3);
    r.submitted_by = st.text(4);
    entry.reset();
    entry.bind(1, r.org).bind(2, st.text(5)).bind(3, r.period.str());
    if (entry.step()) r.confirmed_gaps = gaps_in(entry.text(0));
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const PendingReview& a, const PendingReview& b) {
    if (a.period.year != b.period.year) return a.period.year < b.period.year;
    // Within a year, months in order and the year's own values (month 0) after December.
    const int ma = a.period.is_year() ? 13 : a.period.month, mb = b.period.is_year() ? 13 : b.period.month;
    if (ma != mb) return ma < mb;
    if (a.submitted_at != b.submitted_at) return a.submitted_at < b.submitted_at;
    return a.org < b.org;
  });
  return out;
}

void review(Store& store, const std::vector<ReviewItem>& items, ReviewAction action, const Actor& actor,
            const std::string& reason) {
  store.transaction([&] {
    for (const auto& it : items) {
      if (action == ReviewAction::Approve) store.approve(it.org, it.period, actor);
      else store.reopen(it.org, it.period, actor, reason);
    }
  });
}

void write_json(JsonWriter& w, const std::vector<PendingReview>& pending, const std::vector<Org>& orgs) {
  std::unordered_map<OrgId, const Org*> by_id;
  for (const auto& o : orgs) by_id.emplace(o.id, &o);
  w.array("pending_review");
  for (const auto& r : pending) {
    auto it = by_id.find(r.org);
    const Org* o = it == by_id.end() ? nullptr : it->second;
    w.element({{"code", o ? o->code : ""},
               {"name", o ? o->name : ""},
               {"period", r.period.str()},
               {"values", r.values},
               {"submitted_at", r.submitted_at},
               {"submitted_by", r.submitted_by},
               {"confirmed_gaps", r.confirmed_gaps ? nlohmann::json(*r.confirmed_gaps) : nlohmann::json(nullptr)}});
  }
  w.end();
}

}  // namespace jiceng
