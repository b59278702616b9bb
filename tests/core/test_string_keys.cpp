// Every message key the code looks up exists in assets/strings: a missing key would show the key
// itself ("store.unknown_org") to a clerk instead of a sentence.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "base/Strings.hpp"
#include "TempDir.hpp"

namespace fs = std::filesystem;

TEST_CASE("strings: every tr(\"key\") in core/, app/ and platform/ names a sentence in assets/strings") {
  // The key as the whole argument: `tr("editor.kind.heading" + level)` completes a prefix at run time.
  const std::regex call(R"re(\btr\(\s*"([a-z_0-9]+\.[a-z_0-9.]+)"\s*[,)])re");
  std::set<std::string> missing;
  size_t keys = 0;
  for (const char* folder : {"core", "app", "platform"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(JICENG_SOURCE_DIR) / folder)) {
      const auto ext = e.path().extension();
      if (ext != ".cpp" && ext != ".hpp") continue;
      const std::string text = jiceng::test::slurp(e.path().string());
      for (std::sregex_iterator m(text.begin(), text.end(), call), end; m != end; ++m) {
        const std::string key = (*m)[1];
        ++keys;
        if (jiceng::tr(key) == key)
          missing.insert(fs::relative(e.path(), JICENG_SOURCE_DIR).string() + ": " + key);
      }
    }
  }
  CHECK(keys > 1000);  // the scan itself found the code
  for (const auto& m : missing) FAIL_CHECK(m);
}
