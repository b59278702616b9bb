#include "Towns.hpp"

#include <algorithm>

#include <fstream>
#include <stdexcept>
#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "demo/Demo.hpp"
#include "platform/Paths.hpp"
#include "store/DatabaseFile.hpp"
#include "sync/Export.hpp"
#include "sync/Identity.hpp"
#include "sync/Import.hpp"

namespace jiceng::gui {
namespace fs = std::filesystem;

fs::path utf8_path(const std::string& s) {
  return fs::path(std::u8string(reinterpret_cast<const char8_t*>(s.data()), s.size()));
}

std::string path_utf8(const fs::path& p) {
  auto u = p.u8string();
  return std::string(reinterpret_cast<const char*>(u.data()), u.size());
}

fs::path default_database(const fs::path& data_dir) { return data_dir / "town.db"; }

std::unique_ptr<Store> open_town(const fs::path& path, bool* created_demo) {
  if (created_demo) *created_demo = false;
  if (!fs::exists(path)) {
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    auto write_demo = [](Store& s) {
      write_demo_town(s);
      if (s.meta("demo") != "1") s.set_meta("demo", "1");
    };
    // The browser's first start takes the demo town its site ships (app/demo-db): writing it in
    // WebAssembly took 2 s. It gets a device id of its own; any trouble, and the town is written.
    const fs::path ready = platform::ready_demo_town();
    bool copied = false;
    if (!ready.empty()) {
      try {
        build_database(path, [](Store& s) {
          if (!is_demo(s) || !s.town()) throw std::runtime_error("not a demo town");
          s.set_meta("device_id", "dev-" + sync::random_hex_id(8));  // this device's, as a clone's
        }, ready);
        copied = true;
      } catch (const std::exception&) {
      }
      std::error_code ec;
      fs::remove(ready, ec);  // used up, or not a demo town: later starts open the town itself
    }
    if (!copied) build_database(path, write_demo);
    if (created_demo) *created_demo = true;
  }
  return Store::open(path_utf8(path));
}

namespace {

// A town name as a file name: without the characters file systems reject.
std::string file_name_of(const std::string& raw_name) {
  std::string name;
  for (char c : raw_name)
    if (static_cast<unsigned char>(c) >= 0x20 && std::string_view("/\\:*?\"<>|").find(c) == std::string_view::npos)
      name += c;
  while (!name.empty() && name.back() == ' ') name.pop_back();
  while (!name.empty() && name.front() == ' ') name.erase(name.begin());
  return name;
}

// <data>/<name>.db, or <name>-2.db … when that is taken.
fs::path free_database_path(const fs::path& data_dir, const std::string& name) {
  fs::path path = data_dir / utf8_path(name + ".db");
  for (int i = 2; fs::exists(path); ++i) path = data_dir / utf8_path(name + "-" + std::to_string(i) + ".db");
  return path;
}

}  // namespace

fs::path create_empty_town(const fs::path& data_dir, const std::string& raw_name) {
  const std::string name = file_name_of(raw_name);
  if (name.empty()) throw InputError(tr("app.town.name_required"), Location{{}, 0, tr("app.town.name")});
  const fs::path path = free_database_path(data_dir, name);
  build_database(path, [&](Store& s) {
    Org town;
    town.code = "TOWN";
    town.name = name;
    town.kind = OrgKind::Town;
    s.add_org(town, Actor{});
    s.set_meta("town_name", name);
  });
  return path;
}

namespace {

fs::path start_from_package(const fs::path& data_dir, const std::string& file) {
  const sync::ReadPackage package = sync::read_package(file);  // a damaged one is refused by name here
  // Sealed for devices the sender knows; a new database has no key it could have been sealed for.
  if (package.sealed) throw InputError(tr("exchange.start.sealed"), Location{file});
  std::string name = file_name_of(package.package.town.name);
  if (name.empty()) name = "town";
  const fs::path path = free_database_path(data_dir, name);
  build_database(path, [&](Store& s) {
    // Nobody can sign in to an empty database: the setting-up is the system's, as a clone's is.
    const sync::ImportResult r = sync::import_package(s, package, Actor{}, file);
    if (!r.adopted || !s.town()) throw InputError(tr("exchange.start.no_town"), Location{file});
  });
  return path;
}

// A desktop database is in WAL mode and its header says so: bytes 18 and 19 (the file format's write
// and read versions) are 2. The browser's SQLite is built without WAL and calls such a file "not a
// database". Only the main file came along (a copy made by `package clone` holds everything in it),
// so marking the scratch copy a rollback-journal file (1 and 1, what PRAGMA journal_mode = DELETE
// writes) loses nothing and opens it with any SQLite; on the desktop Store::open turns WAL on again.
void open_without_wal(const fs::path& db) {
  std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
  char version[2] = {};
  if (!f.seekg(18).read(version, 2) || version[0] != 2 || version[1] != 2) return;
  const char rollback[2] = {1, 1};
  f.seekp(18).write(rollback, 2);
}

fs::path start_from_database(const fs::path& data_dir, const std::string& file) {
  // The office's file is never opened in place (opening migrates it): a scratch copy is checked,
  // then moved (a tablet's clone) or cloned (any other copy) into the data folder.
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  const fs::path scratch = data_dir / ("incoming-" + sync::random_hex_id(6) + ".tmp");
  fs::copy_file(utf8_path(file), scratch, ec);
  if (ec) {
    remove_database_files(scratch);
    throw InputError(tr("exchange.start.cannot_copy", {{"reason", ec.message()}}), Location{file});
  }
  open_without_wal(scratch);
  struct Cleanup {
    fs::path p;
    ~Cleanup() { remove_database_files(p); }
  } cleanup{scratch};
  std::unique_ptr<Store> source;
  try {
    source = Store::open(path_utf8(scratch));
  } catch (const InputError& e) {
    throw InputError(e.what(), Location{file});  // the person chose `file`, not our scratch copy
  }
  if (sync::is_county(*source)) throw InputError(tr("exchange.start.county"), Location{file});
  if (!source->town()) throw InputError(tr("exchange.start.no_town"), Location{file});
  std::string name = file_name_of(town_name(*source));
  if (name.empty()) name = "town";
  const fs::path path = free_database_path(data_dir, name);
  if (!source->meta("clone_of").empty()) {
    // A copy the office made for one tablet (`package clone`): the office registered its device
    // id and key, so it is taken as it is and its packages are accepted there without pairing.
    source.reset();
    fs::rename(scratch, path, ec);
    if (ec) throw InputError(tr("exchange.start.cannot_copy", {{"reason", ec.message()}}), Location{file});
  } else {
    // The office's own file (or another copy): a device id and key of this tablet's own, which
    // the office registers when it compares fingerprints at the first import.
    sync::clone_for_device(*source, path_utf8(path));
    source.reset();
  }
  auto copy = Store::open(path_utf8(path));
  copy->transaction([&] {
    const nlohmann::json d = {{"file", path_utf8(utf8_path(file).filename())}, {"device", copy->device_id()}};
    copy->record_audit({0, {}, "system", {}, "start_from_file", std::nullopt, {}, {}, {}, {}, {}, d.dump()});
  });
  return path;
}

}  // namespace

fs::path start_town_from_file(const fs::path& data_dir, const std::string& file) {
  std::string head(64, '\0');
  {
    std::ifstream in(utf8_path(file), std::ios::binary);
    if (!in) throw InputError(tr("exchange.start.cannot_read"), Location{file});
    in.read(head.data(), std::streamsize(head.size()));
    head.resize(size_t(in.gcount()));
  }
  if (sync::looks_like_package(head)) return start_from_package(data_dir, file);
  if (head.rfind("SQLite format 3", 0) == 0) return start_from_database(data_dir, file);
  throw InputError(tr("exchange.start.not_town_file"), Location{file});
}

std::string town_name(const Store& store) {
  std::string n = store.meta("town_name");
  if (n.empty())
    if (auto t = store.town()) n = t->name;
  if (n.empty()) n = path_utf8(utf8_path(store.path()).stem());
  return n;
}

bool is_demo(const Store& store) { return store.meta("demo") == "1"; }

std::vector<RecentTown> known_towns(const fs::path& data_dir, const Settings& settings) {
  std::vector<RecentTown> out;
  for (const auto& r : settings.recent)
    if (fs::exists(utf8_path(r.path))) out.push_back(r);
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(data_dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".db") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::string p = path_utf8(fs::absolute(f));
    bool listed = std::any_of(out.begin(), out.end(), [&](const RecentTown& r) {
      return fs::equivalent(utf8_path(r.path), f, ec);
    });
    if (!listed) out.push_back({p, path_utf8(f.stem())});
  }
  return out;
}

}  // namespace jiceng::gui
