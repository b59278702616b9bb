// 数据交换 driven headless at 1280×800 and 800×1280: the clerk exports their villages into a
// folder (a USB stick) and the package reads back with their values; the office imports a tablet's
// package (counts on screen, values arrive, a conflict leads on to 冲突处理), a second import
// changes nothing, a corrupt file is refused by name and writes nothing, a clerk may not import;
// 收发记录 lists both directions; a new tablet starts its town from a package or a database file.
#include <doctest/doctest.h>

#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/Sql.hpp"
#include "demo/Demo.hpp"
#include "platform/Fonts.hpp"
#include "store/DeviceKeys.hpp"
#include "store/Store.hpp"
#include "sync/Export.hpp"
#include "sync/Import.hpp"
#include "sync/Package.hpp"
#include "SyncFixtures.hpp"
#include "Towns.hpp"
#include "UiTestSupport.hpp"
#include "views/ExchangeView.hpp"
#include "widgets/Widgets.hpp"

using namespace jiceng;
using namespace jiceng::gui;
using namespace jiceng::test_ui;

namespace {

ExchangeView& exchange(Headless& h) { return dynamic_cast<ExchangeView&>(h.app().view(ViewId::Exchange)); }

// Scrolls the screen (mouse wheel over its empty margin) until `mark` is on screen.
bool reveal(Headless& h, const std::string& mark) {
  h.frame();
  // The content's left margin, just left of the screen's title when it was last on screen.
  static float margin_x = 4;
  if (auto t = ui::find_mark("exchange.title")) margin_x = t->min.x - 3;
  // Down until it is well inside the screen (not cut at the bottom edge), else back up.
  const float bottom = ImGui::GetIO().DisplaySize.y * 0.7f;
  auto placed = [&] {
    auto r = ui::find_mark(mark);
    return r && r->center().y < bottom;
  };
  auto scroll = [&](float wheel) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(margin_x, 300);
    io.MouseWheel = wheel;
    h.frame();
  };
  for (int i = 0; i < 40 && !placed(); ++i) scroll(-1);
  for (int i = 0; i < 40 && !h.visible(mark); ++i) scroll(1);
  return h.visible(mark);
}

bool tap(Headless& h, const std::string& mark) { return reveal(h, mark) && h.click(mark); }

// Types the folder into the folder field, as a person does (the field's text is selected on tap).
void choose_folder(Headless& h, const fs::path& dir) {
  REQUIRE(tap(h, "exchange.folder"));
  h.type(dir.string());
  h.press_enter();
  CHECK(exchange(h).folder() == dir.string());
}

std::optional<double> value(Store& s, const char* org, const char* ind, const char* period) {
  auto v = s.value(s.require_org(org).id, s.catalog().find(ind)->id, *Period::parse(period));
  return v ? std::optional(v->value) : std::nullopt;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("数据交换: the clerk exports their two villages into the folder; the package holds their values") {
  for (const Size& size : kSizes) {
    CAPTURE(tag(size));
    const fs::path dir = fresh_dir("exchange_export_" + tag(size));
    const fs::path usb = dir / "usb";
    fs::create_directories(usb);
    Headless h(town_options(dir, ViewId::Exchange, size.w, size.h));
    CHECK(h.visible("exchange.title"));
    CHECK(h.app().tablet() == (size.w < 1000));
    choose_folder(h, usb);
    // Signed out nobody exports: the card says so and offers no button; the screen points to the
    // top bar's sign-in.
    REQUIRE(reveal(h, "exchange.export.card"));
    CHECK_FALSE(h.visible("exchange.export.run"));
    REQUIRE(reveal(h, "signin.prompt"));
    sign_in(h, "clerk", "3456");
    const Actor clerk = *signed_in(h.app().context());
    Store& s = h.app().store();
    s.set_value({"青石村", "走访群众户数", "2020-11", "99"}, clerk);

    // The clerk's own villages are chosen, and only those are offered.
    const Org qingshi = s.require_org("青石村"), taoyuan = s.require_org("桃源村");
    ExchangeView& v = exchange(h);
    CHECK_FALSE(v.whole_town());
    CHECK(v.chosen() == std::set<OrgId>{qingshi.id, taoyuan.id});
    CHECK(v.choices().size() == 2);
    CHECK_FALSE(h.visible("exchange.export.town"));
    REQUIRE(reveal(h, "exchange.export.org." + qingshi.code));
    CHECK(h.visible("exchange.export.org." + taoyuan.code));
    REQUIRE(reveal(h, "exchange.export.run"));
    if (size.w < 1000) {  // finger-sized on the tablet
      auto b = ui::find_mark("exchange.export.run");
      REQUIRE(b);
      CHECK(b->max.y - b->min.y >= 2.0f * h.fonts().body_px());
    }
    REQUIRE(h.click("exchange.export.run"));

    // One file in the folder, named for the town and the villages, said on screen.
    std::vector<fs::path> written;
    for (const auto& e : fs::directory_iterator(usb)) written.push_back(e.path());
    REQUIRE(written.size() == 1);
    const std::string name = written[0].filename().string();
    CHECK(contains(name, "青石村"));
    CHECK(contains(name, "桃源村"));
    CHECK(written[0].extension() == ".json");
    CHECK(fs::equivalent(written[0], v.exported_path()));
    CHECK(contains(v.export_message(), name));
    CHECK(reveal(h, "exchange.export.msg"));

    // Read back by core: the clerk's package, with the clerk's figures and nothing of other villages.
    const sync::ReadPackage rp = sync::read_package(written[0].string());
    CHECK(rp.package.created_by == "王娜");
    CHECK(rp.package.destination == "town");
    CHECK(rp.package.roots == std::vector<std::string>{qingshi.code, taoyuan.code});
    bool found = false;
    size_t values = 0;
    for (const auto& pv : rp.package.values) {
      const Org o = s.require_org(pv.org);
      CHECK((s.is_within(o.id, qingshi.id) || s.is_within(o.id, taoyuan.id)));
      if (!pv.now.value) continue;
      ++values;
      const auto here = s.value(o.id, pv.indicator, *Period::parse(pv.period));
      REQUIRE(here);
      CHECK(here->value == *pv.now.value);
      found |= pv.org == qingshi.code && pv.indicator == "visited_households" && pv.period == "2020-11" && *pv.now.value == 99;
    }
    CHECK(found);
    CHECK(values > 100);  // the first package to the office holds everything of both villages

    // 收发记录 lists it.
    REQUIRE(v.history().size() == 1);
    CHECK(contains(v.history()[0].head, "发出"));
    CHECK(contains(v.history()[0].head, "镇党建办"));
    CHECK(contains(v.history()[0].detail, "青石村"));
    CHECK(contains(v.history()[0].detail, name));
    CHECK(reveal(h, "exchange.history.0"));
    // Exporting again sends only what changed since: nothing.
    REQUIRE(tap(h, "exchange.export.run"));
    CHECK(contains(v.export_message(), "数值 0 个"));
    CHECK(v.history().size() == 2);
  }
}

TEST_CASE("数据交换: the office imports a tablet's package; again changes nothing; a corrupt file writes nothing") {
  for (const Size& size : kSizes) {
    CAPTURE(tag(size));
    const fs::path dir = fresh_dir("exchange_import_" + tag(size));
    const fs::path usb = dir / "usb";
    fs::create_directories(usb);
    const Actor office{"组织委员", "", Role::Admin, {}};
    {
      // The town and a tablet copied from it: the tablet changes two figures, the office one of them.
      auto town = Store::open((dir / "town.db").string());
      write_demo_town(*town);
      sync::clone_for_device(*town, (dir / "tablet.db").string());
      auto tablet = Store::open((dir / "tablet.db").string());
      tablet->set_value({"青石村", "走访群众户数", "2020-11", "77"}, office);
      tablet->set_value({"青石村", "新建冷库数", "2020", "3"}, office);
      town->set_value({"青石村", "走访群众户数", "2020-11", "80"}, office);
      sync::export_package(*tablet, {{"青石村"}, "town", false, Actor{"王娜", "", Role::Admin, {}}},
                           (usb / "qingshi.json").string());
      // The same file damaged on the way (one byte changed), older than the good one.
      std::string text = read_file(usb / "qingshi.json");
      text[text.size() - 30] = text[text.size() - 30] == '1' ? '2' : '1';
      std::ofstream(usb / "broken.json", std::ios::binary) << text;
      fs::last_write_time(usb / "broken.json", fs::last_write_time(usb / "qingshi.json") - std::chrono::hours(1));
    }
    Headless h(town_options(dir, ViewId::Exchange, size.w, size.h));
    Store& s = h.app().store();
    ExchangeView& v = exchange(h);
    choose_folder(h, usb);
    REQUIRE(v.files().size() == 2);
    CHECK(v.files()[0].name == "qingshi.json");  // newest first
    CHECK(v.files()[1].name == "broken.json");
    CHECK(contains(v.files()[0].size, "KB"));

    // A clerk may not import: refused in core, said on screen, nothing written.
    REQUIRE(reveal(h, "signin.prompt"));
    sign_in(h, "clerk", "3456");
    CHECK_FALSE(h.visible("signin.prompt"));
    const std::string before = test::snapshot(s);
    REQUIRE(tap(h, "exchange.file.qingshi.json"));
    CHECK(v.files()[0].checked);
    REQUIRE(tap(h, "exchange.import.run"));
    CHECK(contains(v.import_message(), "管理员或领导"));
    CHECK(test::snapshot(s) == before);

    sign_in(h, "admin", "246810");
    // The damaged file alone: refused by name, in Chinese, nothing written.
    REQUIRE(tap(h, "exchange.file.qingshi.json"));  // untick the good one
    REQUIRE(tap(h, "exchange.file.broken.json"));
    CHECK_FALSE(v.files()[0].checked);
    CHECK(v.files()[1].checked);
    REQUIRE(tap(h, "exchange.import.run"));
    REQUIRE(v.import_lines().size() == 1);
    CHECK(v.import_lines()[0].refused);
    CHECK(contains(v.import_lines()[0].text, "broken.json"));
    CHECK(contains(v.import_lines()[0].text, "校验不符"));
    CHECK(contains(v.import_message(), "拒绝 1 个"));
    CHECK(reveal(h, "exchange.result.broken.json"));
    CHECK(test::snapshot(s) == before);
    CHECK_FALSE(h.visible("exchange.import.conflicts"));

    // The good one: counts on screen, the tablet's new figure arrives, the figure both changed waits.
    REQUIRE(tap(h, "exchange.file.qingshi.json"));
    REQUIRE(tap(h, "exchange.import.run"));
    REQUIRE(v.import_lines().size() == 1);
    const ImportLine line = v.import_lines()[0];
    INFO(line.text);
    CHECK_FALSE(line.refused);
    CHECK(contains(line.text, "更新 1"));
    CHECK(contains(line.text, "冲突 1"));
    CHECK(line.conflicts == 1);
    CHECK(reveal(h, "exchange.result.qingshi.json"));
    CHECK(value(s, "青石村", "新建冷库数", "2020") == 3);
    CHECK(value(s, "青石村", "走访群众户数", "2020-11") == 80);

    // Again: recognised, nothing changes.
    const std::string after = test::snapshot(s);
    REQUIRE(tap(h, "exchange.file.qingshi.json"));
    REQUIRE(tap(h, "exchange.import.run"));
    REQUIRE(v.import_lines().size() == 1);
    CHECK(contains(v.import_lines()[0].text, "已经导入过"));
    CHECK(contains(v.import_message(), "已导入过 1 个"));
    CHECK(test::snapshot(s) == after);

    // The office sends the whole town on: 收发记录 shows the package sent, then the one taken in.
    CHECK(v.whole_town());  // an admin's default
    REQUIRE(tap(h, "exchange.export.run"));
    CHECK(contains(v.export_message(), "已导出"));
    REQUIRE(v.history().size() == 2);
    CHECK(contains(v.history()[0].head, "发出"));
    CHECK(contains(v.history()[0].detail, "青禾镇"));
    CHECK(contains(v.history()[1].head, "收到"));
    CHECK(contains(v.history()[1].head, "王娜"));
    CHECK(contains(v.history()[1].detail, "更新 1"));
    CHECK(contains(v.history()[1].detail, "qingshi.json"));
    REQUIRE(reveal(h, "exchange.history.1"));
    CHECK(h.visible("exchange.history.0"));

    // Both files at once: the good one is known, the damaged one refused; neither writes.
    const std::string sent = test::snapshot(s);
    REQUIRE(tap(h, "exchange.file.qingshi.json"));
    REQUIRE(tap(h, "exchange.file.broken.json"));
    REQUIRE(tap(h, "exchange.import.run"));
    REQUIRE(v.import_lines().size() == 2);
    CHECK(contains(v.import_lines()[0].text, "已经导入过"));
    CHECK(v.import_lines()[1].refused);
    CHECK(test::snapshot(s) == sent);
  }
}

TEST_CASE("数据交换: a conflict found on import opens 冲突处理") {
  const fs::path dir = fresh_dir("exchange_conflict");
  const fs::path usb = dir / "usb";
  fs::create_directories(usb);
  const Actor office{"组织委员", "", Role::Admin, {}};
  {
    auto town = Store::open((dir / "town.db").string());
    write_demo_town(*town);
    sync::clone_for_device(*town, (dir / "tablet.db").string());
    auto tablet = Store::open((dir / "tablet.db").string());
    tablet->set_value({"青石村", "走访群众户数", "2020-11", "77"}, office);
    town->set_value({"青石村", "走访群众户数", "2020-11", "80"}, office);
    sync::export_package(*tablet, {{"青石村"}, "town", false, office}, (usb / "a.json").string());
  }
  Headless h(town_options(dir, ViewId::Exchange, 800, 1280));
  choose_folder(h, usb);
  sign_in(h, "admin", "246810");
  REQUIRE(tap(h, "exchange.file.a.json"));
  REQUIRE(tap(h, "exchange.import.run"));
  REQUIRE(tap(h, "exchange.import.conflicts"));
  CHECK(h.app().current() == ViewId::Conflicts);
  CHECK(h.visible("conflicts.title"));
}

TEST_CASE("数据交换: a tablet the office never registered is paired by its fingerprint, then its package goes in") {
  const fs::path dir = fresh_dir("exchange_pair");
  const fs::path usb = dir / "usb";
  fs::create_directories(usb);
  const Actor office{"组织委员", "", Role::Admin, {}};
  std::string fingerprint;
  {
    // A tablet that started from a package of the town, not from `package clone`: it knows the
    // office's key (and seals for it), the office does not know the tablet's.
    auto town = Store::open((dir / "town.db").string());
    write_demo_town(*town);
    sync::export_package(*town, {{}, "新平板", true, office}, (dir / "start.json").string());
    auto tablet = Store::open((dir / "tablet.db").string());
    REQUIRE(sync::import_package_file(*tablet, (dir / "start.json").string(), office).adopted);
    tablet->set_value({"青石村", "新建冷库数", "2020", "6"}, office);
    REQUIRE(sync::export_package(*tablet, {{"青石村"}, "town", false, office}, (usb / "a.json").string()).sealed_for ==
            std::vector<std::string>{town->device_id()});
    fingerprint = key_fingerprint(own_device_key(*tablet).public_key);
  }
  Headless h(town_options(dir, ViewId::Exchange, 800, 1280));
  ExchangeView& v = exchange(h);
  choose_folder(h, usb);
  sign_in(h, "leader", "2345");
  REQUIRE(tap(h, "exchange.file.a.json"));
  REQUIRE(tap(h, "exchange.import.run"));
  REQUIRE(v.import_lines().size() == 1);
  CHECK(v.import_lines()[0].refused);
  CHECK(contains(v.import_lines()[0].text, fingerprint));
  CHECK_FALSE(reveal(h, "exchange.pair.a.json"));  // a leader may import, not register devices
  sign_in(h, "admin", "246810");
  REQUIRE(tap(h, "exchange.file.a.json"));
  REQUIRE(tap(h, "exchange.import.run"));
  CHECK(contains(v.import_message(), "拒绝 1"));
  REQUIRE(tap(h, "exchange.pair.a.json"));
  CHECK_FALSE(v.import_lines()[0].refused);
  CHECK(contains(v.import_message(), "导入 1 个"));
  CHECK(contains(v.import_message(), "拒绝 0"));
  CHECK(value(h.app().store(), "青石村", "新建冷库数", "2020") == 6);
  const auto keys = registered_keys(h.app().store());
  REQUIRE(keys.size() == 1);
  CHECK(key_fingerprint(keys[0].public_key) == fingerprint);
  CHECK(keys[0].how == "admin");
  CHECK(keys[0].registered_by == "周敏");
  // 设置 ▸ 关于 shows the devices' keys.
  h.app().navigate(ViewId::Settings);
  h.frame();
  REQUIRE(tap(h, "settings.tab.about"));
  int paired = 0;
  for (int i = 1; i < 12 && !paired; ++i)
    if (reveal(h, "settings.about.device." + std::to_string(i) + ".revoke")) paired = i;
  REQUIRE(paired > 0);  // the one registered device, with its 停用 for an admin
  CHECK(reveal(h, "settings.about.device." + std::to_string(paired) + ".key"));

  // The tablet is lost: 停用, then 确认停用. Its packages are refused from then on.
  const std::string revoke = "settings.about.device." + std::to_string(paired) + ".revoke";
  REQUIRE(tap(h, revoke));
  CHECK(registered_keys(h.app().store())[0].how == "admin");  // one tap only arms it
  REQUIRE(tap(h, revoke));
  CHECK(registered_keys(h.app().store())[0].how == "revoked");
  CHECK(reveal(h, "settings.about.notice"));
  CHECK_FALSE(reveal(h, revoke));  // nothing left to revoke
}

TEST_CASE("数据交换: a new tablet starts its town from the office's package or database file, without signing in") {
  for (const Size& size : kSizes) {
    CAPTURE(tag(size));
    const fs::path dir = fresh_dir("exchange_start_" + tag(size));
    const fs::path usb = dir / "usb";
    const fs::path data = dir / "data";
    fs::create_directories(usb);
    fs::create_directories(data);
    std::string town_id, office_device;
    {
      // The office: the demo town with one figure of its own, sent whole, and its database file.
      auto office = Store::open((dir / "office.db").string());
      write_demo_town(*office);
      office->set_value({"柳河村", "收集意见建议数", "2020-11", "123"}, Actor{});
      sync::export_package(*office, {{}, "tablet", true, Actor{"周敏", "", Role::Admin, {}}}, (usb / "town.json").string());
      town_id = office->meta("town_id");
      office_device = office->device_id();
    }
    fs::copy_file(dir / "office.db", usb / "office.db");
    std::ofstream(usb / "notes.json") << "{\"not\": \"a package\"}";
    // The tablet's own database is empty: no town yet, nobody to sign in.
    { auto empty = Store::open((data / "tablet.db").string()); }
    HeadlessOptions o = town_options(data, ViewId::Exchange, size.w, size.h);
    o.database = (data / "tablet.db").string();
    Headless h(o);
    ExchangeView& v = exchange(h);
    CHECK(h.app().store().is_empty());
    CHECK_FALSE(h.visible("signin.open"));
    CHECK_FALSE(h.visible("exchange.export.card"));
    choose_folder(h, usb);
    REQUIRE(reveal(h, "exchange.start.card"));

    // Not a town's file: refused by name.
    REQUIRE(tap(h, "exchange.start.file.notes.json"));
    REQUIRE(tap(h, "exchange.start.run"));
    CHECK(contains(v.start_message(), "notes.json"));
    CHECK(contains(v.start_message(), "既不是数据包"));
    CHECK(h.app().store().is_empty());

    // The package: an empty database takes it in and becomes the town's copy, and is opened.
    REQUIRE(tap(h, "exchange.start.file.town.json"));
    REQUIRE(tap(h, "exchange.start.run"));
    Store& from_package = h.app().store();
    const std::string package_db = from_package.path();
    CHECK(contains(v.start_message(), "青禾镇"));
    CHECK(utf8_path(from_package.path()).parent_path() == data);
    CHECK(from_package.meta("town_id") == town_id);
    CHECK(value(from_package, "柳河村", "收集意见建议数", "2020-11") == 123);
    CHECK(from_package.device_id() != office_device);
    REQUIRE(v.history().size() == 1);
    CHECK(contains(v.history()[0].detail, "新建本镇"));
    CHECK(contains(v.history()[0].head, "周敏"));
    CHECK(h.app().status().town == "青禾镇");

    // The database file: copied into the data folder with a device id of its own; its accounts come along.
    REQUIRE(reveal(h, "exchange.start.file.office.db"));
    REQUIRE(tap(h, "exchange.start.file.office.db"));
    REQUIRE(tap(h, "exchange.start.run"));
    Store& from_db = h.app().store();
    CHECK(from_db.path() != package_db);
    CHECK(utf8_path(from_db.path()).parent_path() == data);
    CHECK(from_db.meta("town_id") == town_id);
    CHECK(from_db.device_id() != office_device);
    CHECK(value(from_db, "柳河村", "收集意见建议数", "2020-11") == 123);
    CHECK(fs::exists(usb / "office.db"));  // the office's file itself is left as it was
    sign_in(h, "clerk", "3456");  // the accounts came with the office's file
    CHECK(signed_in(h.app().context()));
  }
}

TEST_CASE("数据交换: a tablet started from its `package clone` file keeps the id and key the office registered") {
  const fs::path dir = fresh_dir("exchange_start_clone");
  const fs::path usb = dir / "usb";
  const fs::path data = dir / "data";
  fs::create_directories(usb);
  fs::create_directories(data);
  std::string tablet_device;
  {
    auto office = Store::open((dir / "office.db").string());
    write_demo_town(*office);
    sync::clone_for_device(*office, (usb / "tablet.db").string());
    tablet_device = Store::open((usb / "tablet.db").string())->device_id();
  }
  { auto empty = Store::open((data / "tablet.db").string()); }
  HeadlessOptions o = town_options(data, ViewId::Exchange, 800, 1280);
  o.database = (data / "tablet.db").string();
  Headless h(o);
  choose_folder(h, usb);
  REQUIRE(tap(h, "exchange.start.file.tablet.db"));
  REQUIRE(tap(h, "exchange.start.run"));
  Store& tablet = h.app().store();
  CHECK(utf8_path(tablet.path()).parent_path() == data);
  CHECK(tablet.device_id() == tablet_device);
  // Its first package goes into the office without pairing.
  tablet.set_value({"青石村", "新建冷库数", "2020", "5"}, Actor{"王娜", "", Role::Admin, {}});
  sync::export_package(tablet, {{"青石村"}, "town", false, Actor{"王娜", "", Role::Admin, {}}}, (usb / "a.json").string());
  auto office = Store::open((dir / "office.db").string());
  CHECK(sync::import_package_file(*office, (usb / "a.json").string(), Actor{"周敏", "", Role::Admin, {}}).updated == 1);
}

TEST_CASE("数据交换 in the navigation: seven names fit a portrait tablet; 设置 leads to starting from a file") {
  const fs::path dir = fresh_dir("exchange_nav");
  Headless h(town_options(dir, ViewId::Settings, 800, 1280));
  float last = 0;
  for (ViewId id : kAllViews) {
    const std::string mark = "nav." + std::string(view_name(id));
    auto r = ui::find_mark(mark);
    REQUIRE(r);
    CHECK(r->min.x >= last);
    CHECK(r->max.x <= 800);
    CHECK(r->max.x - r->min.x >= ImGui::CalcTextSize(h.app().view(id).title().c_str()).x);
    last = r->max.x;
  }
  REQUIRE(tap(h, "settings.start_from_file"));
  CHECK(h.app().current() == ViewId::Exchange);
  CHECK(h.visible("exchange.start.card"));
}
