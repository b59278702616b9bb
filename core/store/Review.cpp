#include "store/Review.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

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
  sql::Stmt st(store.handle(),
               // A (village, period) awaits review when something of it is submitted and nothing is a draft.
               "WITH sent AS (SELECT DISTINCT org_id, period FROM indicator_values WHERE status = 'submitted') "
               "SELECT v.org_id, v.period, count(*), max(v.updated_at) FROM sent "
               "JOIN indicator_values v ON v.org_id = sent.org_id AND v.period = sent.period "
               "GROUP BY v.org_id, v.period HAVING sum(v.status = 'draft') = 0");
  while (st.step()) {
    auto p = Period::parse(st.text(1));
    if (!p) continue;
    PendingReview r;
    r.org = st.int64(0);
    r.period = *p;
    r.values = int(st.int64(2));
    r.submitted_at = st.text(3);
    out.push_back(std::move(r));
  }
  // Who submitted, and what the submission recorded: a few rows each, found through the indexes.
  sql::Stmt who(store.handle(),
                "SELECT updated_by, updated_at FROM indicator_values WHERE org_id = ? AND period = ? "
                "AND status = 'submitted' ORDER BY updated_at DESC LIMIT 1");
  sql::Stmt entry(store.handle(),
                  "SELECT detail FROM audit WHERE org_id = ? AND period = ? AND action IN ('set_status', 'submit') "
                  "ORDER BY id DESC LIMIT 1");
  for (auto& r : out) {
    who.reset();
    who.bind(1, r.org).bind(2, r.period.str());
    if (who.step()) {
      r.submitted_by = who.text(0);
      r.submitted_at = who.text(1);
    }
    entry.reset();
    entry.bind(1, r.org).bind(2, r.period.str());
    if (entry.step()) r.confirmed_gaps = gaps_in(entry.text(0));
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

nlohmann::json to_json(const std::vector<PendingReview>& pending, const Store& store) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : pending) {
    auto o = store.org(r.org);
    out.push_back({{"code", o ? o->code : ""},
                   {"name", o ? o->name : ""},
                   {"period", r.period.str()},
                   {"values", r.values},
                   {"submitted_at", r.submitted_at},
                   {"submitted_by", r.submitted_by},
                   {"confirmed_gaps", r.confirmed_gaps ? nlohmann::json(*r.confirmed_gaps) : nlohmann::json(nullptr)}});
  }
  return out;
}

}  // namespace jiceng
