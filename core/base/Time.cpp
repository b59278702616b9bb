#include "base/Time.hpp"

#include <cstdio>
#include <cstdlib>

namespace jiceng {

std::string now_iso() {
  if (const char* pinned = std::getenv("JICENG_NOW")) return pinned;
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  // snprintf, not strftime: this runs for every audit entry, and the browser build's strftime is
  // JavaScript (a tenth of a first start's demo town went into it).
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::tm local_tm(std::time_t t) {
  std::tm tm{};
#ifdef _WIN32
  localtime_s(&tm, &t);
#else
  localtime_r(&t, &tm);
#endif
  return tm;
}

std::string local_time_text(std::time_t t, const char* format) {
  const std::tm tm = local_tm(t);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

std::string local_time_text(const std::string& iso) {
  std::tm tm{};
  if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                  &tm.tm_sec) != 6)
    return iso;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
#ifdef _WIN32
  return local_time_text(_mkgmtime(&tm));
#else
  return local_time_text(timegm(&tm));
#endif
}

}  // namespace jiceng
