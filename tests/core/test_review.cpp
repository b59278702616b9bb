// 待审核: submitted periods not yet approved, oldest first; approving or returning several at once
// through the store's own workflow, all or nothing.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "base/JsonWriter.hpp"
#include "base/Sql.hpp"
#include "model/Figures.hpp"
#include "Rejection.hpp"
#include "SmallTown.hpp"
#include "store/Review.hpp"
#include "store/Store.hpp"
#include "store/StoreDetail.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using test::rejection;

namespace {

struct ReviewTown {
  test::TempDir dir;
  std::unique_ptr<Store> s = Store::open(dir.file("t.db"));
  test::SmallTown t = test::make_small_town(*s);
  Actor clerk{"王娜", "tablet-1", Role::Clerk, {}};
  Actor leader{"张建国", "office", Role::Leader, {}};

  ReviewTown() {
    clerk.scope = {t.v1, t.v2};
    // V1: March and January submitted (in that order), February still a draft; V2: February
    // submitted, January approved.
    auto put = [&](const char* code, int month, std::optional<ValueStatus> st) {
      s->set_values({{code, "visited_households", Period{2020, month}.str(), "10", st}}, Actor{});
    };
    put("V1", 3, ValueStatus::Submitted);
    put("V1", 1, ValueStatus::Submitted);
    put("V1", 2, std::nullopt);
    put("V2", 2, ValueStatus::Submitted);
    put("V2", 1, ValueStatus::Approved);
  }
};

}  // namespace

TEST_CASE("待审核 lists submitted periods not yet approved, the oldest month first") {
  ReviewTown w;
  auto pending = pending_reviews(*w.s);
  REQUIRE(pending.size() == 3);
  CHECK(pending[0].org == w.t.v1);
  CHECK(pending[0].period == Period{2020, 1});
  CHECK(pending[1].org == w.t.v2);
  CHECK(pending[1].period == Period{2020, 2});
  CHECK(pending[2].period == Period{2020, 3});
  CHECK(pending[0].values == 1);
  CHECK(pending[0].submitted_by == "system");
  CHECK_FALSE(pending[0].submitted_at.empty());
  CHECK_FALSE(pending[0].confirmed_gaps);

  auto j = json_object([&](JsonWriter& jw) { write_json(jw, pending, w.s->orgs()); })["pending_review"];
  CHECK(j[0]["code"] == "V1");
  CHECK(j[0]["period"] == "2020-01");
  CHECK(j[1]["name"] == "西河村");
}

TEST_CASE("待审核: a leader approves two at once and returns one with a reason; a clerk may not") {
  ReviewTown w;
  const std::vector<ReviewItem> two{{w.t.v1, Period{2020, 1}}, {w.t.v2, Period{2020, 2}}};
  // A clerk is refused and nothing changes.
  CHECK_FALSE(rejection([&] { review(*w.s, two, ReviewAction::Approve, w.clerk); }).empty());
  CHECK(pending_reviews(*w.s).size() == 3);
  // All or nothing: one that is no longer submitted (February of V1 is a draft) refuses the batch.
  auto with_draft = two;
  with_draft.push_back({w.t.v1, Period{2020, 2}});
  CHECK(rejection([&] { review(*w.s, with_draft, ReviewAction::Approve, w.leader); }).find("东山村") != std::string::npos);
  CHECK(w.s->period_status(w.t.v1, Period{2020, 1}) == ValueStatus::Submitted);

  review(*w.s, two, ReviewAction::Approve, w.leader);
  CHECK(w.s->period_status(w.t.v1, Period{2020, 1}) == ValueStatus::Approved);
  CHECK(w.s->period_status(w.t.v2, Period{2020, 2}) == ValueStatus::Approved);
  auto pending = pending_reviews(*w.s);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].period == Period{2020, 3});

  // Returning needs a reason, which the audit keeps.
  const std::vector<ReviewItem> march{{w.t.v1, Period{2020, 3}}};
  CHECK(rejection([&] { review(*w.s, march, ReviewAction::Return, w.leader, " "); }).find("原因") != std::string::npos);
  review(*w.s, march, ReviewAction::Return, w.leader, "走访户数与台账不符");
  CHECK(w.s->period_status(w.t.v1, Period{2020, 3}) == ValueStatus::Draft);
  CHECK(pending_reviews(*w.s).empty());
  HistoryFilter f;
  f.org = w.t.v1;
  f.period = "2020-03";
  bool reason_kept = false;
  for (const auto& e : w.s->history(f)) reason_kept |= e.action == "set_status" && e.reason == "走访户数与台账不符";
  CHECK(reason_kept);
}

TEST_CASE("待审核 shows the gaps a clerk confirmed at submission, when the audit entry records them") {
  ReviewTown w;
  // The submission's audit entry of V2's February, as a submission with confirmed gaps writes it.
  w.s->transaction([&] {
    w.s->record_audit({0, "2020-03-02T08:00:00Z", "王娜", "tablet-1", "set_status", w.t.v2, "visited_households",
                       "2020-02", 10, 10, "提交", R"({"old_status":"draft","status":"submitted","gaps":["a","b"]})"});
  });
  for (const auto& p : pending_reviews(*w.s))
    if (p.org == w.t.v2) CHECK(p.confirmed_gaps == 2);
}

TEST_CASE("待审核 counts a period's approved and submitted values, names who submitted last, and reads a real submission's gaps") {
  ReviewTown w;
  const Actor office{"李明", "office", Role::Admin, {}};
  const Actor treasurer{"赵丽", "office", Role::Admin, {}};
  w.s->set_values({{"V1", "visited_households", "2020-04", "12", ValueStatus::Approved}}, office);
  w.s->set_values({{"V1", "dues", "2020-04", "0.5", ValueStatus::Submitted}}, treasurer);
  // V2's May: typed by the clerk, who submits it with the empty figures confirmed.
  w.s->set_values({{"V2", "visited_households", "2020-05", "8"}}, w.clerk);
  w.s->submit(w.t.v2, Period{2020, 5}, w.clerk, true);
  w.s->set_values({{"V2", "visited_households", "2020-05", "9"}}, office);  // corrected after submission

  std::optional<PendingReview> april, may;
  for (const auto& p : pending_reviews(*w.s)) {
    if (p.org == w.t.v1 && p.period == Period{2020, 4}) april = p;
    if (p.org == w.t.v2 && p.period == Period{2020, 5}) may = p;
  }
  REQUIRE(april);
  CHECK(april->values == 2);
  CHECK(april->submitted_by == "赵丽");
  CHECK_FALSE(april->confirmed_gaps);  // typed as submitted, never submitted through the form
  REQUIRE(may);
  CHECK(may->values == 1);
  CHECK(may->submitted_by == "李明");  // the last change of a submitted value
  REQUIRE(may->confirmed_gaps);
  CHECK(*may->confirmed_gaps > 0);
}

TEST_CASE("a database from before the covering indexes: migrated, the same 待审核 and figures, read from indexes alone") {
  ReviewTown w;
  w.s->submit(w.t.v1, Period{2020, 2}, w.clerk, true);
  const auto key = [](const std::vector<PendingReview>& list) {
    std::vector<std::string> out;
    for (const auto& p : list)
      out.push_back(std::to_string(p.org) + p.period.str() + std::to_string(p.values) + p.submitted_by +
                    std::to_string(p.confirmed_gaps.value_or(-1)));
    return out;
  };
  const auto before = key(pending_reviews(*w.s));
  REQUIRE(before.size() == 4);
  const auto town_figure = [&] { return YearFigures::compute(*w.s, 2020).value(w.t.town, "visited_households"); };
  const auto figure = town_figure();
  REQUIRE(figure);
  // Put the file back to version 14's indexes, as a town's database from last month has them.
  sql::exec(w.s->handle(), "DROP INDEX values_by_status; CREATE INDEX values_by_status ON indicator_values(status, org_id, period);"
                           "DROP INDEX values_by_year; CREATE INDEX values_by_year ON indicator_values(year, org_id);"
                           "DROP INDEX targets_by_year; CREATE INDEX targets_by_year ON targets(year);"
                           "DROP INDEX audit_by_org; CREATE INDEX audit_by_org ON audit(org_id, indicator_id); PRAGMA user_version = 14");
  const std::string path = w.s->path();
  w.s.reset();
  w.s = Store::open(path);
  CHECK(sql::scalar_int(w.s->handle(), "PRAGMA user_version") == Store::schema_version());
  CHECK(key(pending_reviews(*w.s)) == before);
  CHECK(town_figure() == figure);
  // The scans never visit the table: at province scale each is 900 000 rows.
  const auto plan = [&](const char* query) {
    sql::Stmt st(w.s->handle(), std::string("EXPLAIN QUERY PLAN ") + query);
    std::string steps;
    while (st.step()) steps += st.text(3) + "\n";
    return steps;
  };
  CHECK(plan("SELECT org_id, period, count(*), max(updated_at), updated_by, indicator_id FROM indicator_values "
             "WHERE status = 'submitted' GROUP BY org_id, period").find("COVERING INDEX values_by_status") != std::string::npos);
  CHECK(plan((std::string(kScanValues) + "WHERE year = 2020").c_str()).find("COVERING INDEX values_by_year") !=
        std::string::npos);
  CHECK(plan((std::string(kScanTargets) + "WHERE year = 2020").c_str()).find("COVERING INDEX targets_by_year") !=
        std::string::npos);
}
