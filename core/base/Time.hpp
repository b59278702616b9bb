#pragma once
// Time: the current time as the store keeps it (UTC, ISO 8601), and local wall-clock time as every
// screen and the command line show it.
#include <ctime>
#include <string>

namespace jiceng {

// Current time as ISO 8601 UTC ("2020-12-01T08:00:00Z"); tests may pin it with JICENG_NOW.
std::string now_iso();

std::tm local_tm(std::time_t t);
// strftime of the local time; the default is the screens' "2020-12-01 08:00".
std::string local_time_text(std::time_t t, const char* format = "%Y-%m-%d %H:%M");
// A stored UTC time ("2020-12-01T00:00:00Z") as local "2020-12-01 08:00"; unparsable text unchanged.
std::string local_time_text(const std::string& iso_utc);

}  // namespace jiceng
