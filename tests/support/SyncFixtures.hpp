#pragma once
// Helpers for the exchange tests: a whole database as text, to prove a refusal wrote nothing.
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <vector>

#include "Store.hpp"

namespace jiceng::test {

// Every row of every table, in a stable order.
inline std::string snapshot(const Store& s) {
  auto rows = [&](const std::string& sql) {
    std::vector<std::string> out;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(s.handle(), sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return out;
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string line;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* t = sqlite3_column_text(st, c);
        line += t ? reinterpret_cast<const char*>(t) : "NULL";
        line += '|';
      }
      out.push_back(line);
    }
    sqlite3_finalize(st);
    return out;
  };
  std::string out;
  for (const auto& t : rows("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
    const std::string name = t.substr(0, t.size() - 1);
    out += "## " + name + "\n";
    auto lines = rows("SELECT * FROM \"" + name + "\"");
    std::sort(lines.begin(), lines.end());
    for (const auto& r : lines) out += r + "\n";
  }
  return out;
}

}  // namespace jiceng::test
