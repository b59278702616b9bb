#pragma once
// Read-only access to the files of assets/, compiled into the binary (see embed_assets.cmake).
#include <string>
#include <string_view>
#include <vector>

namespace jiceng {

// The contents of assets/<path>; throws std::out_of_range when there is no such asset.
std::string_view asset(std::string_view path);
bool has_asset(std::string_view path);
// Paths of every embedded asset under the given folder (e.g. "templates/").
std::vector<std::string> asset_paths(std::string_view folder);

}  // namespace jiceng
