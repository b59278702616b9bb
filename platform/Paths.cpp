#include "Paths.hpp"

#include <cstdlib>

namespace jiceng::platform {
namespace fs = std::filesystem;
namespace {

fs::path env_path(const char* name) {
  const char* v = std::getenv(name);
  return (v && *v) ? fs::path(v) : fs::path();
}

fs::path home() {
#ifdef _WIN32
  return env_path("USERPROFILE");
#else
  fs::path h = env_path("HOME");
  return h.empty() ? fs::current_path() : h;
#endif
}

fs::path ensure(fs::path p) {
  std::error_code ec;
  fs::create_directories(p, ec);  // an unwritable folder shows up when the database is opened
  return p;
}

// An XDG base directory (the variable, else its default under home) with jiceng's folder in it.
[[maybe_unused]] fs::path xdg_dir(const char* variable, const fs::path& fallback_under_home) {
  fs::path base = env_path(variable);
  if (base.empty()) base = home() / fallback_under_home;
  return ensure(base / "jiceng");
}

}  // namespace

fs::path data_dir() {
#if defined(__EMSCRIPTEN__)
  // The browser build: the page mounts the site's IndexedDB here before the app starts.
  return ensure("/data");
#elif defined(_WIN32)
  fs::path base = env_path("APPDATA");
  if (base.empty()) base = home() / "AppData" / "Roaming";
  return ensure(base / "Jiceng");
#elif defined(__APPLE__)
  return ensure(home() / "Library" / "Application Support" / "Jiceng");
#else
  return xdg_dir("XDG_DATA_HOME", fs::path(".local") / "share");
#endif
}

fs::path config_dir() {
#if defined(_WIN32) || defined(__APPLE__) || defined(__EMSCRIPTEN__)
  return data_dir();
#else
  return xdg_dir("XDG_CONFIG_HOME", ".config");
#endif
}

fs::path cache_dir() {
#if defined(_WIN32) || defined(__APPLE__) || defined(__EMSCRIPTEN__)
  return data_dir();
#else
  return xdg_dir("XDG_CACHE_HOME", ".cache");
#endif
}

fs::path ready_demo_town() {
#if defined(__EMSCRIPTEN__)
  const fs::path ready = data_dir() / "demo-town.ready";  // beside the towns: moved, not copied
  std::error_code ec;
  if (fs::exists(ready, ec)) return ready;
#endif
  return {};
}

}  // namespace jiceng::platform
