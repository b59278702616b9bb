#pragma once
// A thin RAII layer over the sqlite3 C API: prepared statements with typed binds and columns.
// Errors become std::runtime_error with SQLite's text; callers turn user-caused ones into
// InputError before they reach a person.
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace jiceng::sql {

class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }

  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, int v) { return bind(i, int64_t(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind_null(int i);
  // The bytes as they are (bind() of text makes them valid UTF-8 first).
  Stmt& bind_blob(int i, std::string_view bytes);
  template <class T>
  Stmt& bind(int i, const std::optional<T>& v) { return v ? bind(i, *v) : bind_null(i); }

  bool step();  // true while a row is available
  void run();   // step to completion, then reset for reuse
  void reset();

  bool is_null(int col) const;
  int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  // The text without a copy, valid until the next step or reset (hot scans).
  std::string_view view(int col) const;
  std::optional<double> opt_real(int col) const;
  std::optional<int64_t> opt_int64(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

void exec(sqlite3* db, std::string_view sql);
int64_t scalar_int(sqlite3* db, std::string_view sql);

}  // namespace jiceng::sql
