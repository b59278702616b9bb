#pragma once
// Where the app keeps its files: the XDG folders on Linux, %APPDATA% on Windows, Application
// Support on macOS. Folders are created on first use.
#include <filesystem>

namespace jiceng::platform {

// Databases (one file per town) live here.
std::filesystem::path data_dir();
// Settings of this installation (tablet mode, recent towns).
std::filesystem::path config_dir();
// Files that only save time and may be deleted any day (the glyph atlas). In the browser they
// live with the data, in IndexedDB.
std::filesystem::path cache_dir();
// The demo town the browser's page fetched ready-made for a first start (platform/web/shell.js),
// or empty: the desktop, a later start, or no such file on the site.
std::filesystem::path ready_demo_town();

}  // namespace jiceng::platform
