#include "sync/Identity.hpp"

#include <sodium.h>

#include <stdexcept>

#include "store/Store.hpp"

namespace jiceng::sync {

std::string random_hex_id(size_t bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not initialise");
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

TownIdentity town_identity(Store& store) {
  TownIdentity t;
  t.id = store.meta("town_id");
  if (t.id.empty()) {  // a file whose id was removed by hand: give it one now
    t.id = random_hex_id();
    store.set_meta("town_id", t.id);
  }
  if (auto root = store.town()) {
    t.code = root->code;
    t.name = root->name;
  }
  return t;
}

bool is_county(const Store& store) { return store.meta("role") == "county"; }

}  // namespace jiceng::sync
