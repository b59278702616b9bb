#pragma once
// Settings of this installation, kept as JSON in the platform's config folder. Plain struct, one
// comment per field; unknown or broken files fall back to the defaults (never a crash).
#include <filesystem>
#include <string>
#include <vector>

namespace jiceng::gui {

enum class TabletMode { Auto, On, Off };

struct RecentTown {
  std::string path;  // database file
  std::string name;  // town name when it was last open (shown without opening the file)
};

struct Settings {
  TabletMode tablet = TabletMode::Auto;  // Auto: on for small or touch screens
  float text_scale = 1.0f;               // the user's text size on top of the screen's DPI scale
  std::string database;                  // database opened last; empty: the data folder's town.db
  int year = 0;                          // year shown last; 0: the latest year with data
  std::vector<RecentTown> recent;        // towns opened before, newest first (at most 8)
  int idle_minutes = 10;                 // signed out after this long without a touch or key (1–240)
  std::string exchange_dir;              // 数据交换's folder for packages (a USB stick); empty: the home folder

  static Settings load(const std::filesystem::path& file);
  // Writes atomically (temporary file + rename); returns false when the folder is not writable.
  bool save(const std::filesystem::path& file) const;
  void remember(const std::string& path, const std::string& name);
};

}  // namespace jiceng::gui
