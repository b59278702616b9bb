#include "Settings.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Text.hpp"

namespace jiceng::gui {

namespace {
const char* mode_name(TabletMode m) { return m == TabletMode::On ? "on" : m == TabletMode::Off ? "off" : "auto"; }
TabletMode parse_mode(const std::string& s) {
  return s == "on" ? TabletMode::On : s == "off" ? TabletMode::Off : TabletMode::Auto;
}

// A field of the right type, else the fallback: a hand-edited file must not stop the app.
std::string text(const nlohmann::json& j, const char* key, const std::string& fallback = {}) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}
double number(const nlohmann::json& j, const char* key, double fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}
}  // namespace

Settings Settings::load(const std::filesystem::path& file) {
  Settings s;
  std::ifstream in(file);
  if (!in) return s;
  auto j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return s;
  s.tablet = parse_mode(text(j, "tablet", "auto"));
  s.text_scale = float(std::clamp(number(j, "text_scale", 1.0), 0.75, 2.0));
  s.database = text(j, "database");
  s.year = int(std::clamp(number(j, "year", 0), 0.0, 9999.0));
  s.idle_minutes = int(std::clamp(number(j, "idle_minutes", 10), 1.0, 240.0));
  s.exchange_dir = text(j, "exchange_dir");
  if (auto r = j.find("recent"); r != j.end() && r->is_array())
    for (const auto& e : *r)
      if (e.is_object() && !text(e, "path").empty()) s.recent.push_back({text(e, "path"), text(e, "name")});
  return s;
}

bool Settings::save(const std::filesystem::path& file) const {
  nlohmann::json j = {{"tablet", mode_name(tablet)}, {"text_scale", text_scale}, {"database", database},
                      {"year", year}, {"recent", nlohmann::json::array()}, {"exchange_dir", exchange_dir},
                      {"idle_minutes", idle_minutes}};
  for (const auto& r : recent) j["recent"].push_back({{"path", r.path}, {"name", r.name}});
  try {
    write_file(file.string(), j.dump(2));
    return true;
  } catch (const InputError&) {
    return false;
  }
}

void Settings::remember(const std::string& path, const std::string& name) {
  recent.erase(std::remove_if(recent.begin(), recent.end(), [&](const RecentTown& r) { return r.path == path; }),
               recent.end());
  recent.insert(recent.begin(), {path, name});
  if (recent.size() > 8) recent.resize(8);
}

}  // namespace jiceng::gui
