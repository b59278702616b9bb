#pragma once
// Local wall-clock time, as every screen shows it (the store keeps UTC, ISO 8601).
#include <ctime>
#include <string>

namespace jiceng::gui::ui {

std::tm local_tm(std::time_t t);
// strftime of the local time; the default is the screens' "2020-12-01 08:00".
std::string local_time_text(std::time_t t, const char* format = "%Y-%m-%d %H:%M");
// A stored UTC time ("2020-12-01T00:00:00Z") as local "2020-12-01 08:00"; unparsable text unchanged.
std::string local_time_text(const std::string& iso_utc);

}  // namespace jiceng::gui::ui
