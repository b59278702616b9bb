#pragma once
// Who a database belongs to: the town's id (a random id made once per town and carried by every
// copy of its file), its code and its name. Packages carry it; a package from another town is
// refused. A county database (role "county") holds several towns' roll-ups instead of one town.
#include <string>

namespace jiceng {
class Store;
}

namespace jiceng::sync {

struct TownIdentity {
  std::string id;    // 32 hex digits
  std::string code;  // the root organisation's code
  std::string name;  // the root organisation's name
};

// The store's identity; creates the id when the file has none.
TownIdentity town_identity(Store& store);
// A new random id: 16 bytes as 32 lowercase hex digits (package ids, device ids).
std::string random_hex_id(size_t bytes = 16);
// "town" (default) or "county".
bool is_county(const Store& store);

}  // namespace jiceng::sync
