// Text is valid UTF-8 wherever it is stored (issue 14): GBK bytes from a Windows file name or a
// terminal's --reason are decoded on the way in, a database that already holds such bytes is
// repaired when opened, and the exports that choked on them work again.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include "base/Sql.hpp"
#include "base/Text.hpp"
#include "demo/Demo.hpp"
#include "store/Schema.hpp"
#include "store/Store.hpp"
#include "sync/Export.hpp"
#include "sync/Package.hpp"
#include "TempDir.hpp"

using namespace jiceng;

namespace {
// 王娜 and 退回 as a Chinese Windows terminal sends them (GBK).
const std::string kGbkName = "\xCD\xF5\xC4\xC8";
const std::string kGbkReason = "\xCD\xCB\xBB\xD8";

bool all_audit_text_valid(Store& s) {
  sql::Stmt st(s.handle(), "SELECT user, reason, detail FROM audit");
  while (st.step())
    for (int c = 0; c < 3; ++c)
      if (find_invalid_utf8(st.text(c))) return false;
  return true;
}
}  // namespace

TEST_CASE("the UTF-8 check is strict: overlong forms, surrogates and code points past U+10FFFF are refused") {
  CHECK_FALSE(find_invalid_utf8("王娜 ok 😀"));
  CHECK(find_invalid_utf8("a\xC0\xAF") == 1);          // overlong '/'
  CHECK(find_invalid_utf8("ab\xE0\x80\xAF") == 2);     // overlong, three bytes
  CHECK(find_invalid_utf8("\xED\xA0\x80") == 0);       // an encoded surrogate (CESU-8)
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);   // U+110000
  CHECK(find_invalid_utf8("\xF0\x9F\x98") == 0);       // cut short
  CHECK(find_invalid_utf8(kGbkName) == 0);
}

TEST_CASE("bytes that are not UTF-8 are decoded as GB18030, or each bad one replaced") {
  CHECK(to_valid_utf8(kGbkName) == "王娜");
  CHECK(to_valid_utf8("已提交") == "已提交");
  // Not GB18030 either (a lone 0xFF): the bad byte becomes U+FFFD, the rest stays.
  CHECK(to_valid_utf8("村\xFF名") == "村\xEF\xBF\xBD名");
  CHECK(to_valid_utf8("\xED\xA0\x80x") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx");
}

TEST_CASE("a reason and a user typed in a GBK terminal are stored as the Chinese they are") {
  test::TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  write_demo_town(*s);
  s->set_value({"V01", "new_members", "2020", "3"}, Actor{kGbkName, {}}, kGbkReason);
  sql::Stmt st(s->handle(), "SELECT user, reason FROM audit WHERE action = 'set_value' ORDER BY id DESC LIMIT 1");
  REQUIRE(st.step());
  CHECK(st.text(0) == "王娜");
  CHECK(st.text(1) == "退回");
  CHECK(all_audit_text_valid(*s));
}

TEST_CASE("a database holding bytes that are not UTF-8 is repaired when opened, and exports again") {
  test::TempDir dir;
  const std::string path = dir.file("old.db");
  {
    auto s = Store::open(path);
    write_demo_town(*s);
  }
  {
    // What an earlier release let through: raw GBK and a stray byte, stored as text.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sql::exec(db, R"(
      INSERT INTO audit(at, user, device, action, reason, detail) VALUES
        ('2020-11-02T08:00:00Z', CAST(x'CDF5C4C8' AS TEXT), 'dev-1', 'import_csv', CAST(x'CDCBBBD8' AS TEXT), '{}');
      UPDATE orgs SET name = CAST(x'E69D91FF' AS TEXT) WHERE code = 'V01';
      PRAGMA user_version = 6;
    )");
    sqlite3_close(db);
  }
  auto s = Store::open(path);
  CHECK(sql::scalar_int(s->handle(), "PRAGMA user_version") == Store::schema_version());
  CHECK(all_audit_text_valid(*s));
  sql::Stmt st(s->handle(), "SELECT user, reason FROM audit WHERE action = 'import_csv'");
  REQUIRE(st.step());
  CHECK(st.text(0) == "王娜");
  CHECK(st.text(1) == "退回");
  CHECK(s->find_org("V01")->name == "村\xEF\xBF\xBD");
  // The package of the whole town, audit trail included, is written and read back.
  sync::ExportOptions o;
  o.everything = true;
  const std::string text = sync::package_text(sync::build_package(*s, o), new_device_key(s->device_id()));
  CHECK_FALSE(find_invalid_utf8(text));
  CHECK(text.find("村\xEF\xBF\xBD") != std::string::npos);
}
