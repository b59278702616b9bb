#include "store/DatabaseFile.hpp"

#include <sqlite3.h>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "store/Store.hpp"

namespace jiceng {

namespace fs = std::filesystem;

namespace {
std::string utf8_of(const fs::path& p) {
  const auto u = p.u8string();
  return std::string(reinterpret_cast<const char*>(u.data()), u.size());
}
}  // namespace

void remove_database_files(const fs::path& path) {
  std::error_code ec;
  for (const char* ext : {"", "-wal", "-shm", "-journal"}) fs::remove(fs::path(path.native() + ext), ec);
}

void build_database(const fs::path& path, const std::function<void(Store&)>& fill, const fs::path& seed) {
  fs::path tmp = path;
  tmp += ".new";
  remove_database_files(tmp);
  try {
    if (!seed.empty()) fs::rename(seed, tmp);
    auto store = Store::open(utf8_of(tmp));
    fill(*store);
    sql::exec(store->handle(), "VACUUM");  // written in one go: no free pages to carry around
  } catch (...) {
    remove_database_files(tmp);
    throw;
  }
  // A journal left by an older file of that name would be replayed into the new one.
  std::error_code ec;
  for (const char* ext : {"-wal", "-shm", "-journal"}) fs::remove(fs::path(path.native() + ext), ec);
  fs::rename(tmp, path, ec);
  if (ec) {
    remove_database_files(tmp);
    throw InputError(tr("file.cannot_write"), Location{utf8_of(path)});
  }
}

bool copy_database(const std::string& source, const std::string& to) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(source.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return false;
  }
  bool ok = true;
  try {
    sql::Stmt(db, "VACUUM INTO ?").bind(1, to).run();
  } catch (const std::exception&) {
    ok = false;
  }
  sqlite3_close(db);
  return ok;
}

}  // namespace jiceng
