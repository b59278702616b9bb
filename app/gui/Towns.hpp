#pragma once
// Town databases: one SQLite file per town in the data folder. A first start writes the built-in
// demo town (labelled 示例数据); 「新建空白镇」 makes a database holding only the town itself.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "Settings.hpp"
#include "store/Store.hpp"

namespace jiceng::gui {

// The database a first start uses: <data folder>/town.db.
std::filesystem::path default_database(const std::filesystem::path& data_dir);

// Opens a town database. When the file does not exist yet the demo town is written into it first
// (into a temporary file that is renamed, so a failure leaves nothing half-made). Throws InputError.
std::unique_ptr<Store> open_town(const std::filesystem::path& path, bool* created_demo = nullptr);

// A new database holding only the town; returns its path. Throws InputError on an unusable name.
std::filesystem::path create_empty_town(const std::filesystem::path& data_dir, const std::string& name);

// A new tablet's town from a file the town office sent (「用镇党建办发来的文件开始」), told apart by
// its content: a package is taken in by an empty database, which becomes the town's copy; a
// database file is copied, must open as a town, and the copy gets a device id of its own (two
// tablets started from one file must not look like one device). No sign-in: the new database has
// no users yet. The new file goes into data_dir, named after the town; returns its path. Throws
// InputError naming the file when it is neither, is damaged, or is a county's database.
std::filesystem::path start_town_from_file(const std::filesystem::path& data_dir, const std::string& file);

std::string town_name(const Store& store);
bool is_demo(const Store& store);

// The recent list followed by the other databases in the data folder (named by file), without
// opening any of them.
std::vector<RecentTown> known_towns(const std::filesystem::path& data_dir, const Settings& settings);

std::filesystem::path utf8_path(const std::string& s);
std::string path_utf8(const std::filesystem::path& p);

}  // namespace jiceng::gui
