#include "base/Numbers.hpp"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace jiceng {

#if defined(__cpp_lib_to_chars)

NumberPrefix read_number(std::string_view text) {
  NumberPrefix r;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), r.value);
  r.length = size_t(p - text.data());
  r.ok = ec == std::errc();
  return r;
}

std::string shortest_number(double v) {
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, p);
}

#else

NumberPrefix read_number(std::string_view text) {
  NumberPrefix r;
  if (text.empty()) return r;
  const char first = text[0];
  if (first != '-' && first != '.' && first != 'i' && first != 'I' && first != 'n' && first != 'N' &&
      (first < '0' || first > '9'))
    return r;  // strtod would skip spaces and take '+'
  const std::string copy(text);
  const size_t digits = copy[0] == '-' ? 1 : 0;
  if (copy.compare(digits, 2, "0x") == 0 || copy.compare(digits, 2, "0X") == 0) {
    r.value = 0;  // from_chars reads the "0" of "0x…" and stops
    r.length = digits + 1;
    r.ok = true;
    return r;
  }
  char* end = nullptr;
  errno = 0;
  r.value = std::strtod(copy.c_str(), &end);
  r.length = size_t(end - copy.c_str());
  r.ok = r.length > 0 && errno != ERANGE;
  if (errno == ERANGE) r.value = 0;  // as from_chars: the value is left alone
  return r;
}

std::string shortest_number(double v) {
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

#endif

}  // namespace jiceng
