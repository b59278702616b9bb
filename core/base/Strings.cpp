#include "base/Strings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/Assets.hpp"

namespace jiceng {
namespace {

const std::unordered_map<std::string, std::string>& table() {
  static const auto t = [] {
    std::unordered_map<std::string, std::string> m;
    // One file per module (core.json, cli.json, app.json, …) so modules never edit the same file.
    for (const auto& path : asset_paths("strings/zh_CN/")) {
      auto j = nlohmann::json::parse(asset(path));
      for (auto& [k, v] : j.items()) m.emplace(k, v.get<std::string>());
    }
    return m;
  }();
  return t;
}

}  // namespace

const std::string& tr(std::string_view key) {
  const auto& t = table();
  auto it = t.find(std::string(key));
  if (it != t.end()) return it->second;
  // Unknown keys are shown as themselves; keep them alive for the returned reference.
  static thread_local std::unordered_map<std::string, std::string> missing;
  return missing.try_emplace(std::string(key), std::string(key)).first->second;
}

std::string tr(std::string_view key, std::initializer_list<Arg> args) {
  return format_fields(tr(key), args);
}

std::string format_fields(std::string_view pattern, std::initializer_list<Arg> args) {
  std::string out;
  out.reserve(pattern.size() + 32);
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '{') {
      size_t close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = pattern.substr(i + 1, close - i - 1);
        bool found = false;
        for (const auto& [k, v] : args)
          if (k == name) { out += v; found = true; break; }
        if (found) { i = close + 1; continue; }
      }
    }
    out += pattern[i++];
  }
  return out;
}

std::string format_number(double v, int decimals) {
  if (!std::isfinite(v)) return "-";
  // A small amount keeps two significant digits (0.035 万元, not "0" or "0.04"): a village's
  // 万元 figures are often below 1, and a nonzero figure that reads 0 is read as nothing at all.
  // Below 1e-6 it is floating-point dust from a subtraction, not an amount.
  const double a = std::fabs(v);
  if (a >= 1e-6 && a < 1) decimals = std::max(decimals, 1 - int(std::floor(std::log10(a))));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

}  // namespace jiceng
