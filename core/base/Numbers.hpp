#pragma once
// Doubles to and from text, independent of the locale. std::from_chars / std::to_chars do it where
// the standard library has them for floating point (GCC 12); Emscripten 3.1.6's libc++ lacks them,
// so there the C library does it (strtod, snprintf; a browser's C locale is always "C").
#include <cstddef>
#include <string>
#include <string_view>

namespace jiceng {

struct NumberPrefix {
  double value = 0;
  size_t length = 0;  // bytes read; 0 when the text does not start with a number
  bool ok = false;    // false: no number, or out of range
};
// Reads the number at the start of `text` like std::from_chars (general format): no leading
// space or '+', no hexadecimal.
NumberPrefix read_number(std::string_view text);

// The shortest text that reads back as exactly `v` ("0.1", "25", "1e+23").
std::string shortest_number(double v);

}  // namespace jiceng
