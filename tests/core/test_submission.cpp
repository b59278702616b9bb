// The workflow's rules in core: a submission lists what is missing and needs the gaps confirmed,
// an empty month says so, the confirmation and a return's reason are read back from the audit
// log, who may take which step (and why not), and where a clerk starts.
#include <doctest/doctest.h>

#include "base/Strings.hpp"
#include "Rejection.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "store/Workflow.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using jiceng::test::rejection;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("workflow: submitting a month with gaps lists them and needs a confirmation that the leader sees") {
  test::SmallTownDb db;
  Store& s = *db.s;
  const auto v1 = *s.org(db.t.v1);
  const Period mar{2020, 3};
  Actor clerk{"王娜", "tablet", Role::Clerk, {db.t.v1}};
  Actor leader{"张建国", "office", Role::Leader, {}};

  // Expected: the village's monthly typed figures; none typed yet.
  const auto expected = expected_indicators(s.catalog(), v1, mar);
  REQUIRE(expected.size() >= 2);
  CHECK(missing_indicators(s, v1, mar).size() == expected.size());

  // An empty month: plain words, nothing written.
  const Permission empty = permission(s, WorkflowStep::Submit, v1.id, mar, clerk);
  CHECK(empty.role);
  CHECK_FALSE(empty.ok);
  CHECK(contains(empty.why, "还没有填写任何数字"));
  CHECK(contains(rejection([&] { s.submit(v1.id, mar, clerk); }), "还没有填写任何数字"));
  CHECK(period_workflow(s, v1.id, mar).state == PeriodState::Empty);

  // One figure typed: 提交 says how many and which are missing, and refuses without a confirmation.
  s.set_value({"V1", expected[0]->id, "2020-03", "4"}, clerk);
  const size_t gaps = expected.size() - 1;
  CHECK(missing_indicators(s, v1, mar).size() == gaps);
  const std::string told = rejection([&] { s.submit(v1.id, mar, clerk); });
  CHECK(contains(told, "还有 " + std::to_string(gaps) + " 项未填"));
  CHECK(contains(told, expected[1]->name));
  CHECK(s.period_status(v1.id, mar) == ValueStatus::Draft);
  CHECK(period_workflow(s, v1.id, mar).state == PeriodState::Draft);

  // Confirmed: submitted, the gaps recorded where the leader reads them.
  s.submit(v1.id, mar, clerk, true);
  CHECK(s.period_status(v1.id, mar) == ValueStatus::Submitted);
  PeriodWorkflow w = period_workflow(s, v1.id, mar);
  CHECK(w.state == PeriodState::Submitted);
  REQUIRE(w.submitted);
  CHECK(w.submitted->user == "王娜");
  CHECK(w.submitted->missing.size() == gaps);
  CHECK(w.submitted->missing[0] == expected[1]->id);
  CHECK(contains(w.submitted->reason, "确认缺 " + std::to_string(gaps) + " 项"));
  auto h = s.history({v1.id, expected[0]->id, "2020-03", 1});
  REQUIRE(h.size() == 1);
  CHECK(contains(h[0].detail, "\"gaps\""));

  // Who may do what now.
  CHECK_FALSE(permission(s, WorkflowStep::Approve, v1.id, mar, clerk).role);
  CHECK_FALSE(permission(s, WorkflowStep::Return, v1.id, mar, clerk).role);
  CHECK_FALSE(permission(s, WorkflowStep::Submit, v1.id, mar, leader).role);
  CHECK(contains(permission(s, WorkflowStep::Submit, v1.id, mar, clerk).why, "等待领导审核"));
  CHECK(permission(s, WorkflowStep::Approve, v1.id, mar, leader).ok);
  CHECK(permission(s, WorkflowStep::Return, v1.id, mar, leader).ok);
  Actor other{"李四", "x", Role::Clerk, {db.t.v2}};
  CHECK(contains(permission(s, WorkflowStep::Submit, v1.id, mar, other).why, "没有被分配"));

  // Returned with a reason: its own state, who, when and why; until submitted again.
  s.reopen(v1.id, mar, leader, "走访户数与台账不符");
  w = period_workflow(s, v1.id, mar);
  CHECK(w.state == PeriodState::Returned);
  REQUIRE(w.last);
  CHECK(w.last->kind == WorkflowEvent::Kind::Return);
  CHECK(w.last->user == "张建国");
  CHECK(w.last->reason == "走访户数与台账不符");
  CHECK_FALSE(w.last->at.empty());
  CHECK(year_workflow(s, v1.id, 2020).at(3).state == PeriodState::Returned);
  CHECK(label(PeriodState::Returned) == "已退回");

  // Filled in whole and submitted again: no gaps, no longer returned.
  for (size_t i = 1; i < expected.size(); ++i) s.set_value({"V1", expected[i]->id, "2020-03", "1"}, clerk);
  CHECK(missing_indicators(s, v1, mar).empty());
  s.submit(v1.id, mar, clerk);
  w = period_workflow(s, v1.id, mar);
  CHECK(w.state == PeriodState::Submitted);
  CHECK(w.submitted->missing.empty());
  CHECK(w.submitted->reason == tr("workflow.submit_reason"));
}

TEST_CASE("workflow: a clerk starts on the oldest open month of their own villages") {
  test::SmallTownDb db;
  Store& s = *db.s;
  Actor clerk{"王娜", "tablet", Role::Clerk, {db.t.v1, db.t.v2}};
  const auto v1 = *s.org(db.t.v1);
  const auto ids = expected_indicators(s.catalog(), v1, {2020, 1});
  // Nothing begun: January of the first village.
  auto start = first_open_period(s, clerk, 2020);
  REQUIRE(start);
  CHECK(start->org == db.t.v1);
  CHECK(start->period == Period{2020, 1});
  // January and February submitted whole in 东山村; 西河村's February still a draft.
  for (int m : {1, 2}) {
    const std::string p = "2020-0" + std::to_string(m);
    for (const Indicator* ind : ids) s.set_value({"V1", ind->id, p, "1"}, clerk);
    s.submit(db.t.v1, {2020, m}, clerk);
  }
  s.set_value({"V2", ids[0]->id, "2020-02", "1"}, clerk);
  start = first_open_period(s, clerk, 2020);
  REQUIRE(start);
  CHECK(start->org == db.t.v2);
  CHECK(start->period == Period{2020, 2});
  // Nothing open: the month after the latest begun.
  s.submit(db.t.v2, {2020, 2}, clerk, true);
  start = first_open_period(s, clerk, 2020);
  REQUIRE(start);
  CHECK(start->org == db.t.v1);
  CHECK(start->period == Period{2020, 3});
  // A month a leader returned comes before an older draft.
  s.set_value({"V2", ids[0]->id, "2020-01", "1"}, clerk);
  s.reopen(db.t.v1, {2020, 2}, Actor{"张建国", "", Role::Leader, {}}, "请核对");
  start = first_open_period(s, clerk, 2020);
  REQUIRE(start);
  CHECK(start->org == db.t.v1);
  CHECK(start->period == Period{2020, 2});
  CHECK_FALSE(first_open_period(s, Actor{"张建国", "", Role::Leader, {}}, 2020));
}
