#include "base/Assets.hpp"

#include <map>
#include <stdexcept>

namespace jiceng::assets_detail {
const std::map<std::string_view, std::string_view>& table();
}

namespace jiceng {

std::string_view asset(std::string_view path) {
  const auto& t = assets_detail::table();
  auto it = t.find(path);
  if (it == t.end()) throw std::out_of_range("missing asset: " + std::string(path));
  return it->second;
}

bool has_asset(std::string_view path) { return assets_detail::table().count(path) > 0; }

std::vector<std::string> asset_paths(std::string_view folder) {
  std::vector<std::string> out;
  for (const auto& [path, _] : assets_detail::table())
    if (path.substr(0, folder.size()) == folder) out.emplace_back(path);
  return out;
}

}  // namespace jiceng
