// The desktop side of platform/Files.hpp: the app reads and writes ordinary folders the person
// chose (the exchange screen's folder field), so nothing is downloaded or picked through a browser.
#include "Files.hpp"

#include <filesystem>
#include <system_error>

namespace jiceng::platform {

bool files_through_browser() { return false; }

void offer_download(const std::string&, const std::string&) {}

void pick_files(const std::string&) {}

std::vector<std::string> take_picked_files() { return {}; }

std::string scratch_dir() {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = std::filesystem::current_path(ec);
  dir /= "jiceng";
  std::filesystem::create_directories(dir, ec);
  const auto u = dir.u8string();
  return std::string(reinterpret_cast<const char*>(u.data()), u.size());
}

}  // namespace jiceng::platform
