// core/'s folders are layers (docs/DESIGN.md): a folder includes only the folders below it, so the
// store never reads the reports it feeds and the figures engine runs on any ValueSource. core/ never
// includes the user interface's libraries. A new include across the layers fails here first.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "TempDir.hpp"

namespace fs = std::filesystem;

TEST_CASE("layers: each folder of core/ includes only the folders below it, and never ImGui or GLFW") {
  const std::map<std::string, std::set<std::string>> below = {
      {"base", {}},
      {"model", {"base"}},
      {"store", {"base", "model"}},
      {"report", {"base", "model", "store"}},
      {"csv", {"base", "model", "store"}},
      {"demo", {"base", "model", "store"}},
      {"summary", {"base", "model", "store"}},
      {"export", {"base", "model", "store", "summary"}},
      {"sync", {"base", "model", "store", "report"}},
  };
  const std::regex local(R"re(#include\s+"([a-z]+)/)re");
  const std::regex ui(R"re(#include\s+[<"](imgui|GLFW|backends/imgui))re");
  const std::regex raw(R"re((\.|->)handle\(\))re");
  const std::regex sqlite(R"re(#include\s+[<"](sqlite3\.h|base/Sql\.hpp))re");
  const fs::path root = fs::path(JICENG_SOURCE_DIR) / "core";
  size_t includes = 0;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    const auto ext = e.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    const std::string rel = fs::relative(e.path(), root).generic_string();
    const std::string folder = rel.substr(0, rel.find('/'));
    auto allowed = below.find(folder);
    if (allowed == below.end()) {
      FAIL_CHECK("core/" << rel << " lies outside the layer folders");
      continue;
    }
    const std::string text = jiceng::test::slurp(e.path().string());
    for (std::sregex_iterator m(text.begin(), text.end(), local), end; m != end; ++m) {
      const std::string to = (*m)[1];
      ++includes;
      if (to != folder && !allowed->second.count(to)) FAIL_CHECK("core/" << rel << " includes " << to << "/");
    }
    if (std::regex_search(text, ui)) FAIL_CHECK("core/" << rel << " includes a user-interface library");
    // The connection stays in the store: no folder above it reaches it or opens SQLite itself.
    if (folder != "store" && folder != "base" && (std::regex_search(text, raw) || std::regex_search(text, sqlite)))
      FAIL_CHECK("core/" << rel << " reaches SQLite outside the store");
  }
  CHECK(includes > 300);  // the scan itself found the code
}
