#include "Towns.hpp"

#include <algorithm>

#include "Demo.hpp"
#include "Error.hpp"
#include "Strings.hpp"

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

namespace {

void remove_db_files(const fs::path& p) {
  std::error_code ec;
  for (const char* ext : {"", "-wal", "-shm", "-journal"}) fs::remove(fs::path(p.native() + ext), ec);
}

// Builds a database into a temporary file and moves it into place only when complete.
template <class Fill>
void build_database(const fs::path& path, Fill&& fill) {
  fs::path tmp = path;
  tmp += ".new";
  remove_db_files(tmp);
  try {
    auto store = Store::open(path_utf8(tmp));
    fill(*store);
  } catch (...) {
    remove_db_files(tmp);
    throw;
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    remove_db_files(tmp);
    throw InputError(tr("app.town.cannot_write", {{"file", path_utf8(path)}}), Location{path_utf8(path)});
  }
}

}  // namespace

std::unique_ptr<Store> open_town(const fs::path& path, bool* created_demo) {
  if (created_demo) *created_demo = false;
  if (!fs::exists(path)) {
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    build_database(path, [](Store& s) {
      write_demo_town(s);
      if (s.meta("demo") != "1") s.set_meta("demo", "1");
    });
    if (created_demo) *created_demo = true;
  }
  return Store::open(path_utf8(path));
}

fs::path create_empty_town(const fs::path& data_dir, const std::string& raw_name) {
  // A town name becomes a file name: drop characters file systems reject.
  std::string name;
  for (char c : raw_name)
    if (static_cast<unsigned char>(c) >= 0x20 && std::string_view("/\\:*?\"<>|").find(c) == std::string_view::npos)
      name += c;
  while (!name.empty() && name.back() == ' ') name.pop_back();
  while (!name.empty() && name.front() == ' ') name.erase(name.begin());
  if (name.empty()) throw InputError(tr("app.town.name_required"), Location{{}, 0, tr("app.town.name")});
  fs::path path = data_dir / utf8_path(name + ".db");
  for (int i = 2; fs::exists(path); ++i) path = data_dir / utf8_path(name + "-" + std::to_string(i) + ".db");
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
