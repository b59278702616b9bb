#pragma once
// Helpers for the exchange tests: a whole database as text, to prove a refusal wrote nothing;
// a package's payload as its receiver reads it, for tests that play the forger.
#include <sqlite3.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/Error.hpp"
#include "store/Store.hpp"
#include "sync/Import.hpp"
#include "sync/Sealing.hpp"
#include "TempDir.hpp"

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

// The refusal (as a person reads it) of importing `path` into `s`; empty when it went in.
inline std::string import_refusal(Store& s, const std::string& path, const Actor& actor) {
  try {
    sync::import_package_file(s, path, actor);
  } catch (const InputError& e) {
    return e.describe();
  }
  return {};
}

// The JSON payload of the package at `path`, opened with `receiver`'s key when it is sealed.
inline std::string payload_of(const std::string& path, const Store& receiver) {
  const std::string text = slurp(path);
  const auto header = nlohmann::json::parse(text.substr(0, text.find('\n')));
  const std::string body = text.substr(text.find('\n') + 1);
  if (!header.contains("recipients")) return body;
  std::vector<sync::Recipient> to;
  for (const auto& r : header["recipients"]) to.push_back({r["device"], r["sealed"]});
  return sync::open_payload(body, header["device"], to, *stored_device_key(receiver));
}

}  // namespace jiceng::test
