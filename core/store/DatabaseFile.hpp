#pragma once
// A town's database file made whole or not at all: built under a temporary name and moved into
// place only when complete, so a failure (disk full, a refused seed) never leaves half a town. The
// app's new and demo towns, `jiceng-cli demo` and the build's demo database all come through here.
#include <filesystem>
#include <functional>
#include <string>

namespace jiceng {

class Store;

// Removes a database file and its journal files (-wal, -shm, -journal), whichever exist.
void remove_database_files(const std::filesystem::path& path);

// Copies a database file consistently (VACUUM INTO) without writing to it, even while another
// process has it open. False when `source` is not a readable SQLite file or `to` cannot be written.
bool copy_database(const std::string& source, const std::string& to);

// Opens a fresh database at a temporary name beside `path` (or `seed` moved there: it is used up),
// lets `fill` write it, and renames it to `path`. Throws InputError naming `path` when it cannot be
// written; whatever `fill` throws passes through. Either way nothing is left at the temporary name.
void build_database(const std::filesystem::path& path, const std::function<void(Store&)>& fill,
                    const std::filesystem::path& seed = {});

}  // namespace jiceng
