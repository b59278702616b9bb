#pragma once
// What device keys (store/DeviceKeys.cpp) and sealing (sync/Sealing.cpp) share of libsodium: starting it, and keys as hex digits.
#include <sodium.h>

#include <stdexcept>
#include <string>

namespace jiceng::sodium {

inline void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not initialise");
}

inline std::string to_hex(const unsigned char* bytes, size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, n);
  hex.pop_back();
  return hex;
}

// Exactly `n` bytes from 2n hex digits, or false.
inline bool from_hex(const std::string& hex, unsigned char* out, size_t n) {
  size_t len = 0;
  return hex.size() == n * 2 && sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == n;
}

}  // namespace jiceng::sodium
