// The desktop's side of the platform services that differ in the browser (platform/web/): threads,
// a blocking frame loop, files that are durable by themselves, whole system fonts.
#include <thread>

#include "Backend.hpp"
#include "Fonts.hpp"
#include "Storage.hpp"

namespace jiceng::platform {

void run_beside(const std::function<void()>& side, const std::function<void()>& main) {
  std::jthread worker(side);  // joined when this returns, also when main throws
  main();
}

bool has_threads() { return true; }

bool run_loop(const std::function<bool()>& frame) {
  while (frame()) {
  }
  return false;
}

void want_numeric_keyboard() {}
void report_first_frame(double, const std::string&) {}
void report_screen_shown(double) {}
void report_frame(double, const char*) {}

StorageInfo storage_info() { return {}; }
void flush_storage() {}
void set_test_probe(std::function<std::string(const std::string&)>) {}

std::optional<FontFile> fetch_fallback_font() { return std::nullopt; }

}  // namespace jiceng::platform
