// End-to-end: the real jiceng-cli's summary, check and template commands on real files.
// Needs the jiceng-cli binary of the same build (built with the default target).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "RunCli.hpp"
#include "TempDir.hpp"

using jiceng::test::run_cli;
using jiceng::test::shell_quote;

using jiceng::test::slurp;

namespace {

struct Demo {
  jiceng::test::TempDir dir;
  std::string db = dir.file("town.db");
  Demo() {
    REQUIRE_MESSAGE(std::filesystem::exists(std::string(JICENG_BIN_DIR) + "/jiceng-cli"), "build jiceng-cli first");
    REQUIRE(run_cli("demo " + shell_quote(db)).code == 0);
  }
  std::string q(const std::string& name) const { return shell_quote(dir.file(name)); }
};

}  // namespace

TEST_CASE("cli summary: the demo town in txt, md and html, and --json") {
  Demo d;
  for (std::string fmt : {"txt", "md", "html"}) {
    auto r = run_cli("summary " + shell_quote(d.db) + " --year 2020 --format " + fmt + " --out " + d.q("s." + fmt));
    INFO(fmt << ": " << r.err);
    REQUIRE(r.code == 0);
    std::string text = slurp(d.dir.file("s." + fmt));
    CHECK(text.find("青禾镇2020年基层党建工作总结") != std::string::npos);
    CHECK(text.find("待补") == std::string::npos);
  }
  auto j = run_cli("summary " + shell_quote(d.db) + " --year 2020 --format html --out " + d.q("j.html") + " --json");
  REQUIRE(j.code == 0);
  auto json = nlohmann::json::parse(j.out);
  CHECK(json["ok"] == true);
  CHECK(json["figures"].get<int>() > 90);
  CHECK(json["unresolved"].empty());
  auto bad = run_cli("summary " + shell_quote(d.db) + " --year 2020 --format pdf", d.dir.file("err"));
  CHECK(bad.code == 2);
}

TEST_CASE("cli summary: the gate refuses a final export naming what is missing; --draft writes it marked") {
  Demo d;
  {
    std::ofstream t(d.dir.file("t.tpl"));
    t << "【标题】{年份}年总结\n全镇发展党员{发展党员数}名，{待补(\"涉及的村\")}已建成冷库。\n";
  }
  auto r = run_cli("summary " + shell_quote(d.db) + " --year 2020 --template " + d.q("t.tpl") + " --out " + d.q("final.txt"),
                   d.dir.file("err"));
  CHECK(r.code == 3);
  CHECK(!std::filesystem::exists(d.dir.file("final.txt")));
  CHECK(r.err.find("【待补：涉及的村】") != std::string::npos);
  CHECK(r.err.find("第 2 段") != std::string::npos);
  auto draft = run_cli("summary " + shell_quote(d.db) + " --year 2020 --template " + d.q("t.tpl") + " --draft --out " +
                       d.q("draft.txt"));
  CHECK(draft.code == 0);
  std::string text = slurp(d.dir.file("draft.txt"));
  CHECK(text.find("【草稿】") == 0);
  CHECK(text.find("全镇发展党员18名，【待补：涉及的村】已建成冷库。") != std::string::npos);
  // The previous year has no summary data at all: the default template refuses.
  auto old = run_cli("summary " + shell_quote(d.db) + " --year 2018 --out " + d.q("2018.txt") + " --json", d.dir.file("err"));
  CHECK(old.code == 3);
  CHECK(nlohmann::json::parse(old.out)["unresolved"].size() > 50);
}

TEST_CASE("cli check: the demo passes; a template with a wrong typed number fails with the reason") {
  Demo d;
  auto ok = run_cli("check " + shell_quote(d.db) + " --year 2020 --json");
  CHECK(ok.code == 0);
  CHECK(nlohmann::json::parse(ok.out)["ok"] == true);
  {
    std::ofstream t(d.dir.file("t.tpl"));
    t << "【标题】总结\n全年发展党员99名。\n";
  }
  auto bad = run_cli("check " + shell_quote(d.db) + " --year 2020 --template " + d.q("t.tpl"));
  CHECK(bad.code == 3);
  CHECK(bad.out.find("99名") != std::string::npos);
  CHECK(bad.out.find("发展党员数") != std::string::npos);
}

TEST_CASE("cli template: import --json/--out, check with line and character, default") {
  Demo d;
  std::string src = shell_quote(std::string(JICENG_SOURCE_DIR) + "/tests/data/xtemplates/town_summary_a.txt");
  auto r = run_cli("template import " + src + " --json --out " + d.q("imported.tpl"));
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["paragraphs"] == 11);
  CHECK(j["placeholders"].size() == 45);
  CHECK(slurp(d.dir.file("imported.tpl")) == j["template"].get<std::string>());
  CHECK(run_cli("template check " + d.q("imported.tpl")).code == 0);
  // The imported template renders on the demo data as a draft, its unplaced blanks marked.
  auto draft = run_cli("summary " + shell_quote(d.db) + " --year 2020 --template " + d.q("imported.tpl") + " --draft");
  CHECK(draft.code == 0);
  CHECK(draft.out.find("2020年基层党建工作总结") != std::string::npos);

  {
    std::ofstream t(d.dir.file("bad.tpl"));
    t << "【标题】总结\n\n发展党员{发展党员人数量}名\n";
  }
  auto bad = run_cli("template check " + d.q("bad.tpl"), d.dir.file("err"));
  CHECK(bad.code == 3);
  CHECK(bad.err.find("第 3 行") != std::string::npos);
  CHECK(bad.err.find("第 6 个字符") != std::string::npos);
  CHECK(bad.err.find("发展党员人数量") != std::string::npos);

  CHECK(run_cli("template default --out " + d.q("default.tpl")).code == 0);
  CHECK(run_cli("template check " + d.q("default.tpl")).code == 0);
}
