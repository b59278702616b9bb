#pragma once
// Errors a person can act on: a Chinese message plus where the problem is (file, line, field).
// Throwing one means nothing was written: every write happens inside a transaction that rolls back.
#include <stdexcept>
#include <string>

namespace jiceng {

struct Location {
  std::string file;   // file the input came from, empty for typed input
  int line = 0;       // 1-based line, 0 when not applicable
  std::string field;  // column or field name
};

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message, Location where = {})
      : std::runtime_error(message), where_(std::move(where)) {}
  const Location& where() const { return where_; }
  // "文件 a.csv 第 3 行 字段「数值」：<message>" — the full text shown to the user.
  std::string describe() const;

 private:
  Location where_;
};

// What to tell a person when a write failed: an InputError's message (with where it is when
// `with_where`), or, for anything else (SQLite: database locked, disk full, read-only file), that
// the change was not saved and why. Screens catch std::exception at every write so that such a
// failure is a message, never the end of the app.
std::string failure_text(const std::exception& e, bool with_where = false);

}  // namespace jiceng
