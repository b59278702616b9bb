// Accounts as their users meet them, at 1280×800 and on a portrait tablet (800×1280): a new blank
// town asks for its administrator; the admin adds a clerk for two villages on 设置 → 用户; the clerk
// signs in and is held to those villages; a leader sees the list read-only; the last admin cannot be
// disabled. And the summary editor (issue 13 item 6): read-only until a leader or an admin signs in,
// each saved version showing who saved it.
#include <doctest/doctest.h>

#include <functional>

#include "base/Error.hpp"
#include "Headless.hpp"
#include "store/Authentication.hpp"
#include "store/Users.hpp"
#include "store/Workflow.hpp"
#include "summary/editor/TemplateStore.hpp"
#include "UiTestSupport.hpp"
#include "views/DashboardView.hpp"
#include "views/SettingsUsers.hpp"
#include "views/SummaryEditor.hpp"

using namespace jiceng;
using namespace jiceng::gui;
using namespace jiceng::test_ui;

namespace {

void type_into(Headless& h, const std::string& mark, const std::string& text) {
  REQUIRE(h.click(mark));
  h.type(text);
}

UsersForm& users_form(Headless& h) {
  UsersForm* f = users_form_of(h.app().view(ViewId::Settings));
  REQUIRE(f);
  return *f;
}

// 新建空白镇 from the top bar's town selector.
void new_blank_town(Headless& h, const std::string& name) {
  REQUIRE(h.click("town.combo"));
  REQUIRE(h.click("town.new"));
  h.frame();
  h.type(name);
  REQUIRE(h.click("town.create"));
  h.frame();
}

bool refused(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const InputError&) {
    return true;
  }
  return false;
}

}  // namespace

TEST_CASE("accounts: new blank town → create the admin → add a clerk for two villages → the clerk is held to them") {
  for (const auto& size : {std::pair{1280, 800}, std::pair{800, 1280}}) {
    const int w = size.first, hgt = size.second;
    CAPTURE(w);
    auto dir = fresh_dir("users_walk_" + std::to_string(w));
    Headless h(test_ui::town_options(dir, ViewId::Dashboard, w, hgt));
    new_blank_town(h, "青山镇");
    REQUIRE(h.app().store().town()->name == "青山镇");

    // Nobody can sign in yet: every screen asks for the administrator first.
    CHECK(h.visible("setup.title"));
    REQUIRE(h.click("nav.collect"));
    CHECK(h.visible("setup.title"));
    CHECK_FALSE(h.visible("signin.open"));  // no account to sign in with yet

    // A PIN anybody would guess is refused with the reason; nothing is written.
    type_into(h, "setup.name", "周敏");
    type_into(h, "setup.login", "zhoumin");
    type_into(h, "setup.pin", "1234");
    type_into(h, "setup.pin2", "1234");
    REQUIRE(h.click("setup.create"));
    CHECK(h.visible("setup.error"));
    CHECK(list_users(h.app().store()).empty());
    // An admin's PIN needs six digits; two different PINs: refused too.
    type_into(h, "setup.pin", "2580");
    type_into(h, "setup.pin2", "2580");
    REQUIRE(h.click("setup.create"));
    CHECK(h.visible("setup.error"));
    CHECK(list_users(h.app().store()).empty());
    type_into(h, "setup.pin", "258036");
    type_into(h, "setup.pin2", "258063");
    REQUIRE(h.click("setup.create"));
    CHECK(h.visible("setup.error"));
    CHECK(list_users(h.app().store()).empty());
    type_into(h, "setup.pin", "258036");
    type_into(h, "setup.pin2", "258036");
    REQUIRE(h.click("setup.create"));
    h.frames(2);

    // Signed in as the new admin, on 设置 → 用户, told what to do next.
    CHECK_FALSE(h.visible("setup.title"));
    CHECK(h.app().current() == ViewId::Settings);
    REQUIRE(h.app().context().actor);
    CHECK(h.app().context().actor->user == "周敏");
    CHECK(h.app().context().actor->role == Role::Admin);
    CHECK(h.visible("users.notice"));
    CHECK(users_form(h).notice.find("周敏") != std::string::npos);
    CHECK(h.visible("users.row.zhoumin"));
    // The only admin: 停用 is off, with the reason beside it.
    CHECK(h.visible("users.disable.zhoumin"));
    REQUIRE(h.click("users.disable.zhoumin"));
    CHECK(find_user(h.app().store(), "zhoumin")->active);

    // The admin set up the villages on 组织与党员 (its own tests); here through the store.
    const Actor admin = *h.app().context().actor;
    Store& s = h.app().store();
    const OrgId town = s.town()->id;
    const OrgId v1 = s.add_org({0, "V01", "青石村", OrgKind::Village, town, 1}, admin);
    const OrgId v2 = s.add_org({0, "V02", "桃源村", OrgKind::Village, town, 2}, admin);
    s.add_org({0, "V03", "柳溪村", OrgKind::Village, town, 3}, admin);
    h.frame();

    // 添加用户: a clerk without a village is refused, then given two.
    REQUIRE(h.click("users.add"));
    type_into(h, "users.form.name", "王娜");
    type_into(h, "users.form.login", "wangna");
    CHECK(h.visible("users.form.role.clerk"));
    type_into(h, "users.form.pin", "4826");
    type_into(h, "users.form.pin2", "4826");
    REQUIRE(h.click("users.form.save"));
    CHECK(h.visible("users.form.error"));
    CHECK(users_form(h).error.find("至少要分配") != std::string::npos);
    REQUIRE(h.click("users.form.org.V01"));
    REQUIRE(h.click("users.form.org.V02"));
    type_into(h, "users.form.pin", "4826");  // a refused form asks for the PIN again
    type_into(h, "users.form.pin2", "4826");
    REQUIRE(h.click("users.form.save"));
    h.frame();
    CHECK_FALSE(h.visible("users.form.error"));
    CHECK(h.visible("users.row.wangna"));
    CHECK(users_form(h).notice.find("王娜") != std::string::npos);
    const auto clerk = find_user(s, "wangna");
    REQUIRE(clerk);
    CHECK(clerk->role == Role::Clerk);
    CHECK(clerk->orgs == std::vector<OrgId>{v1, v2});
    // Audited under the admin's name, without the PIN.
    bool audited = false;
    for (const auto& e : s.history()) {
      CHECK(e.detail.find("4826") == std::string::npos);
      audited |= e.action == "add_user" && e.user == "周敏" && e.detail.find("wangna") != std::string::npos;
    }
    CHECK(audited);

    // The clerk signs in on 数据采集 and is held to 青石村 and 桃源村.
    REQUIRE(h.click("signin.out"));
    REQUIRE(h.click("nav.collect"));
    test_ui::sign_in(h, "wangna", "4826");
    REQUIRE(h.app().context().actor);
    const Actor a = *h.app().context().actor;
    CHECK(a.user == "王娜");
    CHECK(a.scope == std::vector<OrgId>{v1, v2});
    CHECK_FALSE(refused([&] { s.set_value({"V01", "cold_stores", "2020", "1"}, a); }));
    CHECK(refused([&] { s.set_value({"V03", "cold_stores", "2020", "1"}, a); }));

    // The clerk sees the user list read-only, with the reason; no 添加用户.
    REQUIRE(h.click("nav.settings"));
    REQUIRE(h.click("settings.tab.users"));
    h.frame();
    CHECK(h.visible("users.read_only"));
    CHECK_FALSE(h.visible("users.add"));
    CHECK_FALSE(h.visible("users.edit.wangna"));
  }
}

TEST_CASE("a new town from its first admin to an approved month: a clerk for two villages submits a whole month, the leader approves it from 待审核") {
  for (const Size& size : kSizes) {
    CAPTURE(tag(size));
    Headless h(test_ui::town_options(fresh_dir("users_month_" + tag(size)), ViewId::Dashboard, size.w, size.h));
    new_blank_town(h, "青山镇");
    type_into(h, "setup.name", "周敏");
    type_into(h, "setup.login", "zhoumin");
    type_into(h, "setup.pin", "258046");
    type_into(h, "setup.pin2", "258046");
    REQUIRE(h.click("setup.create"));
    h.frames(2);
    REQUIRE(h.app().context().actor);
    const Actor admin = *h.app().context().actor;
    Store& s = h.app().store();
    const OrgId town = s.town()->id;
    const OrgId v1 = s.add_org({0, "V01", "青石村", OrgKind::Village, town, 1}, admin);
    const OrgId v2 = s.add_org({0, "V02", "桃源村", OrgKind::Village, town, 2}, admin);
    // The accounts (their screens are walked in the case above).
    add_user(s, {0, "wangna", "王娜", Role::Clerk, true, {v1, v2}}, "4826", admin);
    add_user(s, {0, "zhangjg", "张建国", Role::Leader, true, {}}, "7391", admin);
    h.frame();

    // The clerk signs in from the top bar and starts on her first open month, in her own village.
    REQUIRE(h.click("signin.out"));
    REQUIRE(h.click("nav.collect"));
    test_ui::sign_in(h, "wangna", "4826");
    CollectView& form = collect(h);
    h.frames(2);
    REQUIRE(form.org());
    const OrgId village = *form.org();
    CHECK((village == v1 || village == v2));
    const Period month = form.period();
    REQUIRE(month.month >= 1);
    // One figure typed on the form, the rest of the month too (typing each is walked in test_collect).
    const std::string first = missing_indicators(s, *s.org(village), month).front()->id;
    REQUIRE(h.click("collect.field." + first));
    h.type("3");
    h.press_enter();
    h.frame();
    REQUIRE(s.value(village, first, month));
    for (const Indicator* ind : missing_indicators(s, *s.org(village), month))
      s.set_value({s.org(village)->code, ind->id, month.str(), "2"}, *h.app().context().actor);
    h.frames(2);
    REQUIRE(missing_indicators(s, *s.org(village), month).empty());
    REQUIRE(h.click("collect.submit"));  // whole: submitted without a question
    CHECK_FALSE(h.visible("collect.submit.question"));
    CHECK(s.period_status(village, month) == ValueStatus::Submitted);

    // The leader signs in and approves it from the dashboard's 待审核 list.
    REQUIRE(h.click("signin.out"));
    REQUIRE(h.click("nav.dashboard"));
    test_ui::sign_in(h, "zhangjg", "7391");
    h.frames(2);
    auto& dash_view = dynamic_cast<DashboardView&>(h.app().view(ViewId::Dashboard));
    const auto& rows = dash_view.model().review;
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].org == village);
    CHECK(rows[0].period == month);
    const std::string key = rows[0].key;
    if (!h.visible("dashboard.review.title")) REQUIRE(h.click("dashboard.review.toggle"));
    REQUIRE(h.click("dashboard.review.approve." + key));
    h.frames(2);
    CHECK(s.period_status(village, month) == ValueStatus::Approved);
    CHECK(dash_view.model().review.empty());
    // Audited under each person's name.
    bool submitted = false, approved = false;
    for (const auto& e : s.history()) {
      submitted |= e.user == "王娜" && e.action == "set_status" && e.detail.find("submitted") != std::string::npos;
      approved |= e.user == "张建国" && e.action == "set_status" && e.detail.find("approved") != std::string::npos;
    }
    CHECK(submitted);
    CHECK(approved);
  }
}

TEST_CASE("accounts: the admin changes a role, resets a PIN, disables and re-enables an account") {
  auto dir = fresh_dir("users_manage");
  Headless h(test_ui::town_options(dir, ViewId::Settings, 800, 1280));  // the demo town, on a tablet
  REQUIRE(h.click("settings.tab.users"));
  h.frame();
  CHECK(h.visible("users.read_only"));  // signed out: only the sign-in, with the reason
  CHECK_FALSE(h.visible("users.row.clerk"));
  test_ui::sign_in(h, "admin", "246810");
  CHECK(h.visible("users.row.clerk"));
  Store& s = h.app().store();

  // The clerk becomes a leader: the village boxes give way to a note.
  REQUIRE(h.click("users.edit.clerk"));
  REQUIRE(h.click("users.form.role.leader"));
  REQUIRE(h.click("users.form.save"));
  h.frame();
  CHECK(find_user(s, "clerk")->role == Role::Leader);

  // A new PIN: the old one stops working.
  REQUIRE(h.click("users.pin.clerk"));
  type_into(h, "users.form.pin", "5173");
  type_into(h, "users.form.pin2", "5173");
  REQUIRE(h.click("users.form.save"));
  h.frame();
  CHECK(users_form(h).notice.find("新的 PIN 码") != std::string::npos);
  CHECK(refused([&] { jiceng::sign_in(s, "clerk", "3456"); }));
  CHECK(jiceng::sign_in(s, "clerk", "5173").role == Role::Leader);

  // Disabled: cannot sign in; re-enabled: can again.
  REQUIRE(h.click("users.disable.clerk"));
  h.frame();
  CHECK_FALSE(find_user(s, "clerk")->active);
  CHECK(h.visible("users.enable.clerk"));
  CHECK(refused([&] { jiceng::sign_in(s, "clerk", "5173"); }));
  REQUIRE(h.click("users.enable.clerk"));
  h.frame();
  CHECK(find_user(s, "clerk")->active);

  int role = 0, pin = 0, off = 0, on = 0;
  for (const auto& e : s.history()) {
    role += e.action == "set_role";
    pin += e.action == "set_pin";
    off += e.action == "disable_user";
    on += e.action == "enable_user";
    if (e.action == "set_pin") CHECK(e.detail.find("5173") == std::string::npos);
  }
  CHECK(role == 1);
  CHECK(pin == 1);
  CHECK(off == 1);
  CHECK(on == 1);
}

TEST_CASE("summary editor: read-only until a leader or an admin signs in; each version shows who saved it") {
  for (const auto& size : {std::pair{1280, 800}, std::pair{800, 1280}}) {
    const int w = size.first, hgt = size.second;
    CAPTURE(w);
    auto dir = fresh_dir("users_summary_" + std::to_string(w));
    Headless h(test_ui::town_options(dir, ViewId::Summary, w, hgt));
    auto* e = summary_editor::editor_of(h.app().view(ViewId::Summary));
    REQUIRE(e);
    // Signed out: the reason is shown, a tap on a paragraph does not edit, 保存版本 is off.
    CHECK(h.visible("summary.read_only"));
    REQUIRE(h.click("summary.section.1"));
    const size_t p = e->outline[1].first + 1;
    REQUIRE(h.click("summary.block." + std::to_string(p)));
    CHECK_FALSE(e->editing);
    REQUIRE(h.click("summary.savepoint"));
    CHECK_FALSE(h.visible("savepoint.label"));
    // 历史版本 opens to read, its restore buttons off.
    REQUIRE(h.click("summary.history"));
    CHECK(h.visible("history.close"));
    REQUIRE(h.click("history.close"));

    // A clerk is still read-only.
    test_ui::sign_in(h, "clerk", "3456");
    CHECK(h.visible("summary.read_only"));
    REQUIRE(h.click("summary.block." + std::to_string(p)));
    CHECK_FALSE(e->editing);

    // The leader edits and saves a version; the version list names him.
    REQUIRE(h.click("signin.out"));
    test_ui::sign_in(h, "leader", "2345");
    CHECK_FALSE(h.visible("summary.read_only"));
    REQUIRE(h.click("summary.section.1"));
    REQUIRE(h.click("summary.block." + std::to_string(p)));
    REQUIRE(e->editing);
    h.frame();  // the paragraph's field takes the keyboard on the frame after the tap
    h.type("（领导审定）");
    CHECK(e->buffer.find("（领导审定）") != std::string::npos);
    REQUIRE(h.click("summary.savepoint"));  // takes the paragraph being typed along
    REQUIRE(h.visible("savepoint.label"));
    h.type("领导审定稿");
    REQUIRE(h.click("savepoint.save"));
    REQUIRE(h.click("summary.history"));
    h.frame();
    REQUIRE_FALSE(e->points.empty());
    CHECK(e->points[0].label == "领导审定稿");
    CHECK(e->points[0].user == "张建国");
    CHECK(h.visible("history.item." + std::to_string(e->points[0].id)));
    CHECK(h.visible("history.restore." + std::to_string(e->points[0].id)));
    REQUIRE(h.click("history.close"));
    editor::TemplateStore ts(h.app().store());
    for (const auto& sp : ts.save_points()) CHECK(sp.user == "张建国");
    CHECK(ts.load().blocks()[p].text.find("（领导审定）") != std::string::npos);
    bool audited = false;
    for (const auto& a : h.app().store().history())
      audited |= a.action == "summary_version" && a.user == "张建国" && a.detail.find("领导审定稿") != std::string::npos;
    CHECK(audited);

    // Signing out while nothing is typed leaves the editor read-only again.
    REQUIRE(h.click("signin.out"));
    h.frame();
    CHECK(h.visible("summary.read_only"));
    CHECK_FALSE(e->may_edit());
  }
}

