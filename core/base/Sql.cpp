#include "base/Sql.hpp"

#include <sqlite3.h>

#include <stdexcept>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"

namespace jiceng::sql {

// SQLite's refusal as an exception. Another process holding the file (after the busy timeout) or
// a full disk are the user's situation, said in Chinese; anything else is the program's fault.
[[noreturn]] static void fail(int rc, const std::string& message) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: throw InputError(tr("store.busy"));
    case SQLITE_FULL: throw InputError(tr("store.disk_full"));
    default: throw std::runtime_error("SQLite: " + message);
  }
}

static void check(sqlite3* db, int rc) {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) fail(rc, sqlite3_errmsg(db));
}

Stmt::Stmt(sqlite3* db, std::string_view s) : db_(db) {
  check(db, sqlite3_prepare_v2(db, s.data(), int(s.size()), &st_, nullptr));
}
Stmt::~Stmt() { sqlite3_finalize(st_); }

Stmt& Stmt::bind(int i, std::string_view v) {
  // Every text stored passes here: bytes that are not UTF-8 (GBK from a Windows file name or a
  // terminal) are decoded, never stored raw, where they would break every JSON export after.
  if (find_invalid_utf8(v)) {
    const std::string valid = to_valid_utf8(v);
    check(db_, sqlite3_bind_text(st_, i, valid.data(), int(valid.size()), SQLITE_TRANSIENT));
  } else {
    check(db_, sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT));
  }
  return *this;
}
Stmt& Stmt::bind(int i, int64_t v) { check(db_, sqlite3_bind_int64(st_, i, v)); return *this; }
Stmt& Stmt::bind(int i, double v) { check(db_, sqlite3_bind_double(st_, i, v)); return *this; }
Stmt& Stmt::bind_null(int i) { check(db_, sqlite3_bind_null(st_, i)); return *this; }
Stmt& Stmt::bind_blob(int i, std::string_view bytes) {
  check(db_, sqlite3_bind_blob(st_, i, bytes.data(), int(bytes.size()), SQLITE_TRANSIENT));
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = sqlite3_errmsg(db_);
  sqlite3_reset(st_);
  fail(rc, msg);
}

void Stmt::run() {
  while (step()) {}
  reset();
}

void Stmt::reset() {
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
}

bool Stmt::is_null(int c) const { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
int64_t Stmt::int64(int c) const { return sqlite3_column_int64(st_, c); }
double Stmt::real(int c) const { return sqlite3_column_double(st_, c); }
std::string Stmt::text(int c) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(st_, c));
  return p ? std::string(p, sqlite3_column_bytes(st_, c)) : std::string();
}
std::string_view Stmt::view(int c) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(st_, c));
  return p ? std::string_view(p, size_t(sqlite3_column_bytes(st_, c))) : std::string_view();
}
std::optional<double> Stmt::opt_real(int c) const { return is_null(c) ? std::nullopt : std::optional(real(c)); }
std::optional<int64_t> Stmt::opt_int64(int c) const { return is_null(c) ? std::nullopt : std::optional(int64(c)); }

void exec(sqlite3* db, std::string_view s) {
  char* err = nullptr;
  if (const int rc = sqlite3_exec(db, std::string(s).c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
    std::string msg = err ? err : "unknown";
    sqlite3_free(err);
    fail(rc, msg);
  }
}

int64_t scalar_int(sqlite3* db, std::string_view s) {
  Stmt st(db, s);
  return st.step() ? st.int64(0) : 0;
}

}  // namespace jiceng::sql
