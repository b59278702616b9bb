// The development pipeline (issue 13, item 10): order rules are errors the store refuses; the
// time-span rules are warnings that do not block saving; the demo roster breaks no order rule.
#include <doctest/doctest.h>

#include "demo/Demo.hpp"
#include "model/MemberStages.hpp"
#include "Rejection.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"

using namespace jiceng;
using jiceng::test::rejection;

namespace {

// A full member whose dates keep every rule.
Member good_member(OrgId branch) {
  Member m;
  m.name = "周序";
  m.branch = branch;
  m.stage = MemberStage::Full;
  m.applied_on = "2015-03-01";
  m.talked_on = "2015-03-20";
  m.activist_on = "2015-10-01";
  m.candidate_on = "2016-11-01";
  m.probationary_on = "2017-06-01";
  m.full_on = "2018-06-01";
  return m;
}

bool has(const std::vector<PipelineIssue>& issues, const std::string& field, bool error) {
  for (const auto& i : issues)
    if (i.field == field && i.error == error) return true;
  return false;
}

size_t errors(const std::vector<PipelineIssue>& issues) {
  size_t n = 0;
  for (const auto& i : issues) n += i.error;
  return n;
}

}  // namespace

TEST_CASE("pipeline: a member keeping every rule has no issue") {
  CHECK(check_pipeline(good_member(1)).empty());
}

TEST_CASE("pipeline: a talk 14 months before the application is an order error, and the store refuses it") {
  test::SmallTownDb w;
  Member m = good_member(w.t.b2);
  m.talked_on = "2014-01-01";  // 14 months before applying
  auto issues = check_pipeline(m);
  CHECK(has(issues, "talked_on", true));
  CHECK_FALSE(has(issues, "talked_on", false));  // the order error alone, no "within a month" warning as well
  CHECK(errors(issues) == 1);
  const std::string why = rejection([&] { w.s->add_member(m, Actor{}); });
  CHECK(why.find("谈话日期早于申请入党日期") != std::string::npos);
  CHECK(w.s->members().empty());
}

TEST_CASE("pipeline: every stage dated before the one it follows is an error") {
  const struct {
    const char* field;
    std::string Member::*date;
    const char* value;
  } cases[] = {
      {"activist_on", &Member::activist_on, "2015-02-01"},       // before applying
      {"candidate_on", &Member::candidate_on, "2015-09-01"},     // before 积极分子
      {"probationary_on", &Member::probationary_on, "2016-10-01"},  // before 发展对象
      {"full_on", &Member::full_on, "2017-05-01"},               // before 预备党员
  };
  for (const auto& c : cases) {
    CAPTURE(c.field);
    Member m = good_member(1);
    m.*c.date = c.value;
    auto issues = check_pipeline(m);
    CHECK(has(issues, c.field, true));
  }
  // A missing stage in between does not hide the order: 发展对象 before the application.
  Member m = good_member(1);
  m.activist_on.clear();
  m.candidate_on = "2014-01-01";
  CHECK(has(check_pipeline(m), "candidate_on", true));
  // Nor does an invalid date in between: it has its own error, and the next valid date is still
  // compared with the last valid one before it.
  m = good_member(1);
  m.activist_on = "2015-13-01";
  m.candidate_on = "2015-01-01";
  auto issues = check_pipeline(m);
  CHECK(has(issues, "activist_on", true));
  CHECK(has(issues, "candidate_on", true));
}

TEST_CASE("pipeline: the time-span rules warn and do not block saving") {
  test::SmallTownDb w;
  Member m = good_member(w.t.b2);
  m.talked_on = "2015-05-01";        // two months after applying
  m.activist_on = "2015-06-01";      // three months after applying (< 6 months)
  m.candidate_on = "2016-03-01";     // nine months as 积极分子 (not > 1 year)
  m.full_on = "2018-01-01";          // seven months' probation
  auto issues = check_pipeline(m);
  CHECK(errors(issues) == 0);
  CHECK(has(issues, "talked_on", false));
  CHECK(has(issues, "activist_on", false));
  CHECK(has(issues, "candidate_on", false));
  CHECK(has(issues, "full_on", false));
  const int64_t id = w.s->add_member(m, Actor{});
  CHECK(w.s->member(id)->talked_on == "2015-05-01");
  // Exactly one year as 积极分子 (2016 has 366 days) is not "more than a year"; a day more is.
  m.activist_on = "2015-10-01";
  m.candidate_on = "2016-09-30";
  CHECK(has(check_pipeline(m), "candidate_on", false));
  m.candidate_on = "2016-10-02";
  CHECK_FALSE(has(check_pipeline(m), "candidate_on", false));
}

TEST_CASE("pipeline: an edit that puts a date out of order is refused and changes nothing") {
  test::SmallTownDb w;
  const int64_t id = w.s->add_member(good_member(w.t.b2), Actor{});
  Member m = *w.s->member(id);
  m.full_on = "2016-01-01";
  CHECK(rejection([&] { w.s->update_member(m, Actor{}); }).find("转正日期") != std::string::npos);
  CHECK(w.s->member(id)->full_on == "2018-06-01");
}

TEST_CASE("pipeline: the demo roster breaks no order rule") {
  test::TempDir dir;
  auto s = Store::open(dir.file("demo.db"));
  write_demo_town(*s);
  const auto ms = s->members();
  REQUIRE(ms.size() > 50);
  for (const auto& m : ms) {
    CAPTURE(m.name);
    CHECK(errors(check_pipeline(m)) == 0);
  }
}
