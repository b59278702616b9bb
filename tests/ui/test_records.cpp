// 组织与党员 driven headless: the roster filters a 5 000-member town correctly and draws only the
// visible rows; organisation edits with the impact confirmation; the member form with pipeline
// warnings; CSV import errors naming file, line and field.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "base/Strings.hpp"
#include "store/Store.hpp"
#include "store/Users.hpp"
#include "UiTestSupport.hpp"
#include "demo/Synthetic.hpp"
#include "views/RecordsView.hpp"
#include "widgets/Widgets.hpp"

using namespace jiceng;
using namespace jiceng::gui;
using namespace jiceng::test_ui;

namespace {

RecordsView& records(Headless& h) { return dynamic_cast<RecordsView&>(h.app().view(ViewId::Records)); }

// 5 000 members spread over every branch and stage, named 测试甲… 测试丁….
void add_synthetic_roster(Store& s) {
  std::vector<OrgId> branches;
  for (const auto& o : s.orgs())
    if (o.kind == OrgKind::Branch) branches.push_back(o.id);
  const char* marks[] = {"甲", "乙", "丙", "丁"};
  std::vector<Member> ms;
  for (int i = 0; i < 5000; ++i) {
    Member m;
    m.name = std::string("测试") + marks[i % 4] + std::to_string(10000 + i);
    m.gender = i % 3 ? "男" : "女";
    m.birth_date = "1980-01-01";
    m.branch = branches[size_t(i / 7) % branches.size()];  // not in step with names and stages
    m.stage = MemberStage(i % 5);
    m.applied_on = "2010-01-01";
    m.reserve_cadre = i % 7 == 0;
    ms.push_back(m);
  }
  s.add_members(ms, Actor{});
}

// The expected rows, counted without the screen's filter code.
size_t expected(const Store& s, const std::string& text, std::optional<MemberStage> stage, std::optional<OrgId> under) {
  size_t n = 0;
  for (const auto& m : s.members()) {
    if (!contains(m.name, text)) continue;
    if (stage && m.stage != *stage) continue;
    if (under && !s.is_within(m.branch, *under)) continue;
    ++n;
  }
  return n;
}

// Adds a child to the selected organisation through its card, as a person types it.
void add_child(Headless& h, const std::string& code, const std::string& name) {
  REQUIRE(h.click("records.org.add"));
  REQUIRE(h.click("records.org.code"));
  h.type(code);
  REQUIRE(h.click("records.org.name"));
  h.type(name);
  REQUIRE(h.click("records.org.save"));
}

}  // namespace

TEST_CASE("records: a 5 000-member roster filters correctly, rebuilds only on change, draws visible rows") {
  Headless h(town_options(fresh_dir("records_roster"), ViewId::Records));
  Store& s = h.app().store();
  add_synthetic_roster(s);
  const size_t total = s.members().size();
  REQUIRE(total >= 5000);
  RecordsView& view = records(h);
  REQUIRE(h.click("records.tab.members"));
  CHECK(view.tab() == RecordsTab::Members);
  CHECK(view.shown().size() == total);
  CHECK(view.model().roster.size() == total);
  // The clipper: the first rows are drawn, row 3 000 is not.
  CHECK(h.visible("roster.row.0"));
  CHECK_FALSE(h.visible("roster.row.3000"));

  const int builds = view.filter_builds();
  h.frames(5);
  CHECK(view.filter_builds() == builds);  // not per frame

  REQUIRE(h.click("records.roster.search"));
  h.type("测试乙");
  CHECK(view.filter_builds() == builds + 1);
  CHECK(view.shown().size() == expected(s, "测试乙", {}, {}));
  CHECK(view.shown().size() == 1250);
  REQUIRE(h.click("records.roster.stage"));
  REQUIRE(h.click("records.roster.stage.candidate"));
  CHECK(view.shown().size() == expected(s, "测试乙", MemberStage::Candidate, {}));
  REQUIRE(h.click("records.roster.branch"));
  REQUIRE(h.click("records.roster.branch.V02"));
  const OrgId v02 = s.find_org("V02")->id;
  CHECK(view.shown().size() == expected(s, "测试乙", MemberStage::Candidate, v02));
  CHECK(view.shown().size() > 0);
  for (uint32_t i : view.shown()) {
    const Member& m = view.model().roster[i].member;
    CHECK(s.is_within(m.branch, v02));
    CHECK(m.stage == MemberStage::Candidate);
  }
  const int settled = view.filter_builds();
  h.frames(3);
  CHECK(view.filter_builds() == settled);
}

TEST_CASE("records: the roster filter on its own — statuses, sorting") {
  Headless h(town_options(fresh_dir("records_filter"), ViewId::Records));
  Store& s = h.app().store();
  add_synthetic_roster(s);
  std::vector<RosterRow> rows;
  for (const auto& m : s.members()) rows.push_back(make_roster_row(m, "x"));

  RosterFilter f;
  f.status = RosterStatus::Members;
  size_t members = 0, reserve = 0, issues = 0;
  for (const auto& r : rows) {
    members += r.member.stage == MemberStage::Full || r.member.stage == MemberStage::Probationary;
    reserve += r.member.reserve_cadre;
    issues += r.warnings > 0 || r.has_error;
  }
  CHECK(filter_roster(rows, f).size() == members);
  f.status = RosterStatus::Developing;
  CHECK(filter_roster(rows, f).size() == rows.size() - members);
  f.status = RosterStatus::Reserve;
  CHECK(filter_roster(rows, f).size() == reserve);
  f.status = RosterStatus::Issues;
  CHECK(filter_roster(rows, f).size() == issues);
  CHECK(issues >= 4000);  // synthetic members beyond 申请人 lack their stages' dates: warnings

  f = {};
  f.sort = RosterSort::Name;
  f.descending = true;
  // How fast this is on 5 000 and 50 000 rows is measured in jiceng-bench (docs/PERFORMANCE.md).
  const auto sorted = filter_roster(rows, f);
  REQUIRE(sorted.size() == rows.size());
  for (size_t i = 1; i < sorted.size(); ++i) CHECK_FALSE(rows[sorted[i - 1]].member.name < rows[sorted[i]].member.name);
}

TEST_CASE("records: organisations — add, rename, move, delete with what goes with it; roles") {
  Headless h(town_options(fresh_dir("records_orgs"), ViewId::Records, 1280, 1280));
  Store& s = h.app().store();
  RecordsView& view = records(h);
  CHECK_FALSE(h.visible("records.org.add"));  // not signed in: nothing to edit
  sign_in(h, "admin", "246810");
  REQUIRE(h.click("org.T00"));
  add_child(h, "V14", "新村");
  auto v14 = s.find_org("V14");
  REQUIRE(v14);
  CHECK(v14->kind == OrgKind::Village);
  CHECK(view.selected() == v14->id);

  REQUIRE(h.click("records.org.rename"));
  REQUIRE(h.click("records.org.name"));
  h.type("新兴村");
  REQUIRE(h.click("records.org.save"));
  CHECK(s.org(v14->id)->name == "新兴村");
  h.frame();
  // Its recent changes list the rename (old → new).
  REQUIRE_FALSE(view.org_history().empty());
  CHECK(view.org_history()[0].what == tr("audit.rename_org"));
  CHECK(contains(view.org_history()[0].change, "新村"));
  CHECK(contains(view.org_history()[0].change, "新兴村"));

  add_child(h, "V14-1", "新兴村党支部");
  auto b = s.find_org("V14-1");
  REQUIRE(b);
  CHECK(b->kind == OrgKind::Branch);  // under a village a branch is the usual child
  CHECK(view.selected() == b->id);

  // Move the branch under 青石村.
  REQUIRE(h.click("records.org.move"));
  REQUIRE(h.click("records.org.move_to"));
  REQUIRE(h.click("records.org.move_to.V01"));
  REQUIRE(h.click("records.org.save"));
  CHECK(s.org(b->id)->parent == s.find_org("V01")->id);

  // An empty organisation: a plain confirmation naming what goes with it.
  REQUIRE(h.click("org.V14"));
  REQUIRE(h.click("records.org.delete"));
  CHECK(h.visible("records.delete.impact"));
  CHECK_FALSE(h.visible("records.delete.name"));
  REQUIRE(h.click("records.delete.confirm"));
  CHECK_FALSE(s.find_org("V14"));

  // One holding data: the name typed again and a reason, or nothing happens.
  const Store::OrgImpact impact = s.org_impact(s.find_org("V03")->id);
  REQUIRE(impact.has_data());
  REQUIRE(h.click("org.V03"));
  REQUIRE(h.click("records.org.delete"));
  REQUIRE(h.visible("records.delete.name"));
  REQUIRE(h.click("records.delete.confirm"));
  CHECK(s.find_org("V03"));
  REQUIRE(h.click("records.delete.name"));
  h.type("桃源村");
  REQUIRE(h.click("records.delete.reason"));
  h.type("行政村撤并");
  REQUIRE(h.click("records.delete.confirm"));
  CHECK_FALSE(s.find_org("V03"));
  HistoryFilter last;
  last.limit = 1;
  const auto entry = s.history(last).at(0);
  CHECK(entry.action == "delete_org");
  CHECK(entry.reason == "行政村撤并");
  CHECK(entry.user == "周敏");
  CHECK(contains(entry.detail, "\"members\":" + std::to_string(impact.members)));

  // A clerk may not edit the tree: the store refuses and the card says so.
  sign_in(h, "clerk", "3456");
  REQUIRE(h.click("org.V01"));
  REQUIRE(h.click("records.org.rename"));
  REQUIRE(h.click("records.org.name"));
  h.type("改名村");
  REQUIRE(h.click("records.org.save"));
  CHECK(contains(view.org_message(), "没有权限"));
  CHECK(s.find_org("V01")->name == "青石村");
}

TEST_CASE("records: the member form shows pipeline warnings beside the dates; save, edit, delete") {
  Headless h(town_options(fresh_dir("records_member"), ViewId::Records, 1280, 1280));
  Store& s = h.app().store();
  RecordsView& view = records(h);
  sign_in(h, "admin", "246810");
  REQUIRE(h.click("records.tab.members"));
  REQUIRE(h.click("records.member.add"));
  REQUIRE(view.member_edit());
  REQUIRE(h.click("records.member.name"));
  h.type("李新");
  REQUIRE(h.click("records.member.branch"));
  REQUIRE(h.click("records.member.branch.V01-1"));
  REQUIRE(h.click("records.member.stage"));
  REQUIRE(h.click("records.member.stage.activist"));
  REQUIRE(h.click("records.member.date.applied_on"));
  h.type("2020-01-10");
  REQUIRE(h.click("records.member.date.talked_on"));
  h.type("2020-03-01");  // more than a month after applying
  REQUIRE(h.click("records.member.date.activist_on"));
  h.type("2020-03-01");  // less than six months after applying
  h.frame();
  auto has = [&](const char* field, bool error) {
    for (const auto& i : view.member_edit()->issues)
      if (i.field == field && i.error == error) return true;
    return false;
  };
  CHECK(has("talked_on", false));
  CHECK(has("activist_on", false));
  CHECK(h.visible("records.member.issue.talked_on"));
  CHECK(h.visible("records.member.issue.activist_on"));

  // Out of order is an error: 保存 is disabled, the reason beside the date and beside 保存.
  REQUIRE(h.click("records.member.date.activist_on"));
  h.type("2019-12-01");
  h.frame();
  CHECK(has("activist_on", true));
  CHECK(h.visible("records.member.error.activist_on"));
  CHECK(h.visible("records.member.save_blocked"));
  REQUIRE(h.click("records.member.save"));  // disabled: nothing happens
  REQUIRE(view.member_edit());
  CHECK(view.member_edit()->error.empty());
  auto count = [&](const std::string& name) {
    auto ms = s.members();
    return std::count_if(ms.begin(), ms.end(), [&](const Member& m) { return m.name == name; });
  };
  CHECK(count("李新") == 0);

  REQUIRE(h.click("records.member.date.activist_on"));
  h.type("2020-08-01");
  REQUIRE(h.click("records.member.save"));
  CHECK_FALSE(view.member_edit());
  REQUIRE(count("李新") == 1);

  // Find and edit: the stage moves on, a reason is recorded.
  REQUIRE(h.click("records.roster.search"));
  h.type("李新");
  REQUIRE(view.shown().size() == 1);
  REQUIRE(h.click("roster.row.0"));
  REQUIRE(view.member_edit());
  CHECK_FALSE(view.member_edit()->is_new);
  REQUIRE(h.click("records.member.stage"));
  REQUIRE(h.click("records.member.stage.candidate"));
  REQUIRE(h.click("records.member.date.candidate_on"));
  h.type("2021-09-01");
  REQUIRE(h.click("records.member.reason"));
  h.type("支部大会通过");
  REQUIRE(h.click("records.member.save"));
  CHECK_FALSE(view.member_edit());
  HistoryFilter last;
  last.limit = 1;
  auto entry = s.history(last).at(0);
  CHECK(entry.action == "update_member");
  CHECK(entry.reason == "支部大会通过");
  CHECK(view.shown().size() == 1);
  CHECK(view.model().roster[view.shown()[0]].member.stage == MemberStage::Candidate);

  REQUIRE(h.click("roster.row.0"));
  REQUIRE(h.click("records.member.delete"));
  REQUIRE(h.click("records.member.delete_confirm"));
  CHECK(count("李新") == 0);
  CHECK(s.history(last).at(0).action == "delete_member");
}

TEST_CASE("records: CSV import — all or nothing, errors name file, line and field") {
  auto dir = fresh_dir("records_import");
  Headless h(town_options(dir, ViewId::Records));
  Store& s = h.app().store();
  RecordsView& view = records(h);
  {
    std::ofstream bad(dir / "orgs_bad.csv");
    bad << "组织代码,组织名称,类型,上级代码\nV20,新建村,行政村,T00\nV21,坏村,乡镇,T00\n";
    std::ofstream good(dir / "orgs.csv");
    good << "组织代码,组织名称,类型,上级代码\nV20,新建村,行政村,T00\nV20-1,新建村党支部,党支部,V20\n";
  }
  REQUIRE(h.click("records.tab.import"));
  CHECK_FALSE(h.visible("records.import.orgs"));  // not signed in: the screen asks first
  sign_in(h, "admin", "246810");
  REQUIRE(h.click("records.import.path"));
  h.type((dir / "orgs_bad.csv").string());
  REQUIRE(h.click("records.import.orgs"));
  CHECK(contains(view.import_message(), "orgs_bad.csv"));
  CHECK(contains(view.import_message(), "第 3 行"));
  CHECK(contains(view.import_message(), "类型"));
  CHECK(h.visible("records.import.msg"));
  CHECK_FALSE(s.find_org("V20"));  // the good first row was not kept either

  // The data folder's CSV files are offered for a tap.
  REQUIRE(h.click("records.import.pick"));
  REQUIRE(h.click("records.import.file.orgs.csv"));
  REQUIRE(h.click("records.import.orgs"));
  CHECK(contains(view.import_message(), "2"));
  REQUIRE(s.find_org("V20-1"));
  CHECK(s.find_org("V20-1")->parent == s.find_org("V20")->id);
}

TEST_CASE("records: a county-sized tree draws the rows on screen only; a village opens to its branch and closes again") {
  const auto dir = fresh_dir("records_big");
  auto o = town_options(dir, ViewId::Records, 1280, 800);
  {
    auto s = Store::open(o.database);
    write_synthetic_orgs(*s, SyntheticSpec{600, 2020, false, 1, 1});
    create_first_admin(*s, User{0, "zhoumin", "周敏", Role::Admin, true, {}}, "258036", "258036");
  }
  Headless h(o);
  RecordsView& view = records(h);
  h.frames(2);
  REQUIRE(view.model().nodes.size() == 1 + 600 * 2);
  CHECK(h.visible("org.T"));
  CHECK(h.visible("org.V00001"));
  CHECK_FALSE(h.visible("org.V00600"));    // far below: not drawn at all
  CHECK_FALSE(h.visible("org.V00001-1"));  // villages start closed

  // The arrow at a row's left edge opens it (the label selects).
  auto open_arrow = [&](const char* mark) {
    auto r = ui::find_mark(mark);
    REQUIRE(r);
    h.click_at(r->min.x + ImGui::GetStyle().FramePadding.x + ImGui::GetFontSize() * 0.5f, r->center().y);
    h.frames(2);
  };
  open_arrow("org.V00002");
  CHECK(h.visible("org.V00002-1"));
  CHECK_FALSE(h.visible("org.V00001-1"));
  REQUIRE(h.click("org.V00002-1"));
  CHECK(view.selected() == h.app().store().find_org("V00002-1")->id);
  open_arrow("org.V00002");
  CHECK_FALSE(h.visible("org.V00002-1"));
  CHECK(view.selected() == h.app().store().find_org("V00002-1")->id);  // closing does not select

  // Scrolling the list brings the last villages into view, and only them.
  auto row = ui::find_mark("org.V00003");
  REQUIRE(row);
  for (int i = 0; i < 200 && !h.visible("org.V00600"); ++i) h.wheel(row->center().x, row->center().y, 20);
  CHECK(h.visible("org.V00600"));
  CHECK_FALSE(h.visible("org.V00001"));
}
