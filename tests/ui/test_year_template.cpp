// A new year's purchased X-template, end to end as the town office does it: the admin imports the
// 2021 template, accepts the proposed town indicators in one tap, types the one redacted village
// name, collects the new figures on the 数据采集 form, and exports the .docx — which holds no X and
// no 待补.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "export/Zip.hpp"
#include "Headless.hpp"
#include "store/Store.hpp"
#include "summary/editor/ImportReview.hpp"
#include "UiTestSupport.hpp"
#include "views/CollectView.hpp"
#include "views/SummaryEditor.hpp"

using namespace jiceng;
using namespace jiceng::gui;
using summary_editor::Editor;
namespace fs = std::filesystem;

namespace {

// The document's words: the text of every run of word/document.xml.
std::string docx_text(const std::string& path) {
  std::ifstream f(fs::u8path(path), std::ios::binary);
  std::stringstream bytes;
  bytes << f.rdbuf();
  for (const auto& e : exporter::unzip_bytes(bytes.str())) {
    if (e.name != "word/document.xml") continue;
    std::string text;
    bool tag = false;
    for (char c : e.data) {
      if (c == '<') tag = true;
      else if (c == '>') tag = false;
      else if (!tag) text += c;
    }
    return text;
  }
  return {};
}

void enter(Headless& h, const std::string& indicator, const std::string& text) {
  REQUIRE(h.click("collect.field." + indicator));
  h.type(text);
  h.press_enter();
}

}  // namespace

TEST_CASE("a 2021 X-template: import, accept the new town indicators, collect them, export a complete .docx") {
  // Tall enough that the whole collect form and the review list are on screen without scrolling.
  Headless h(test_ui::town_options(test_ui::fresh_dir("year_template"), ViewId::Summary, 1280, 4000));
  Store& s = h.app().store();
  test_ui::sign_in(h, "admin", "246810");
  Editor* e = summary_editor::editor_of(h.app().view(ViewId::Summary));
  REQUIRE(e);

  REQUIRE(h.click("summary.import"));
  REQUIRE(h.click("import.path"));
  h.type(std::string(JICENG_SOURCE_DIR) + "/tests/data/xtemplates/town_2021_c.txt");
  REQUIRE(h.click("import.read"));
  REQUIRE(e->review);
  const size_t proposals = e->review->open_proposals();
  CHECK(proposals >= 10);
  REQUIRE(h.click("import.accept_all"));
  CHECK_FALSE(e->message_error);
  CHECK(e->review->open_proposals() == 0);
  CHECK(e->review->unresolved_numeric() == 0);
  for (const char* name : {"老党员数", "流动党员数", "女党员数", "参与志愿服务党员数"}) {
    CAPTURE(name);
    const Indicator* ind = s.catalog().find(name);
    REQUIRE(ind);
    CHECK(ind->town);
    CHECK(ind->unit == "名");
  }
  // The redacted village's name, chosen from the town's list.
  size_t village = 0;
  while (village < e->review->items().size() && e->review->items()[village].blank.kind != summary::BlankKind::Village) ++village;
  REQUIRE(village < e->review->items().size());
  REQUIRE(h.click("import.fixed." + std::to_string(village)));
  REQUIRE(h.click("import.village.V05"));
  REQUIRE(h.click("import.fixed.ok"));
  REQUIRE(h.click("import.apply"));
  REQUIRE(e->tpl);
  CHECK(e->tpl->to_text().find("待补") == std::string::npos);

  // 数据采集: 青石村 types the village figures of 2020, the town its own.
  std::vector<const Indicator*> village_level, town_level;
  for (const auto& ind : s.catalog().indicators())
    if (ind.town) (ind.level == Level::Town ? town_level : village_level).push_back(&ind);
  REQUIRE(village_level.size() >= 8);
  // The demo town's 2020 is approved: the leader reopens it for the new figures, as the dashboard would.
  const Actor leader{"镇党委书记", "", Role::Leader, {}};
  for (const char* org : {"V01", "T00"})
    if (auto st = s.period_status(s.find_org(org)->id, Period{2020, 0}); st && *st != ValueStatus::Draft)
      s.reopen(s.find_org(org)->id, Period{2020, 0}, leader, "补录 2021 年模板新增的指标");
  REQUIRE(h.click("nav.collect"));
  REQUIRE(h.click("collect.org"));
  REQUIRE(h.click("collect.org.V01"));
  REQUIRE(h.click("collect.period"));
  REQUIRE(h.click("collect.period.0"));
  int typed = 10;
  for (const Indicator* ind : village_level) enter(h, ind->id, std::to_string(++typed));
  REQUIRE(h.click("collect.org"));
  REQUIRE(h.click("collect.org.T00"));
  for (const Indicator* ind : town_level) enter(h, ind->id, std::to_string(++typed));
  const OrgId v01 = s.find_org("V01")->id;
  CHECK(s.value(v01, s.catalog().at("老党员数").id, Period{2020, 0}));

  // The final document: every figure from data, no X, no 待补.
  REQUIRE(h.click("nav.summary"));
  REQUIRE(h.click("summary.export"));
  REQUIRE(h.click("export.format.docx"));
  REQUIRE(h.click("export.go"));
  CAPTURE(e->message);
  REQUIRE_FALSE(e->message_error);
  const std::string text = docx_text(e->export_path);
  REQUIRE(text.size() > 200);
  CHECK(text.find('X') == std::string::npos);
  CHECK(text.find("待补") == std::string::npos);
  CHECK(text.find("收入最高的苇子峪村") != std::string::npos);
  const auto old_members = s.value(v01, s.catalog().at("老党员数").id, Period{2020, 0});
  REQUIRE(old_members);
  CHECK(text.find("老党员" + std::to_string(int(old_members->value)) + "名") != std::string::npos);
}
