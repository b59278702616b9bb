#include "summary/import/ImportRules.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/Assets.hpp"
#include "base/Text.hpp"

namespace jiceng::summary {

std::u32string to_u32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) out += utf8_next(utf8, i);
  return out;
}

std::string to_utf8(std::u32string_view s) { return utf8_encode(s); }

bool starts_with(std::u32string_view s, std::u32string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool ends_with(std::u32string_view s, std::u32string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

const ImportRules& ImportRules::builtin() {
  static const ImportRules rules = [] {
    ImportRules r;
    auto j = nlohmann::json::parse(asset("templates/import_rules.json"));
    auto list = [&](const char* key) {
      std::vector<std::u32string> out;
      for (const auto& s : j.at(key)) out.push_back(to_u32(s.get<std::string>()));
      return out;
    };
    r.vendor_threshold = j.value("vendor_threshold", 3);
    r.vendor_strong = list("vendor_strong");
    r.vendor_weak = list("vendor_weak");
    r.title_words = list("title_words");
    r.unnumbered_headings = list("unnumbered_headings");
    r.year_before = list("year_before");
    r.number_before = list("number_before");
    r.text_after = list("text_after");
    r.units = list("units");
    // Longest first, so "人次" wins over "人" and "平方米" over "平方".
    std::stable_sort(r.units.begin(), r.units.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (const auto& group : j.at("unit_equivalents")) {
      std::vector<std::u32string> g;
      for (const auto& s : group) g.push_back(to_u32(s.get<std::string>()));
      r.unit_equivalents.push_back(std::move(g));
    }
    if (j.contains("phrases"))
      for (auto& [id, list] : j.at("phrases").items())
        for (const auto& ph : list) r.phrases[id].push_back(to_u32(ph.get<std::string>()));
    const auto& m = j.at("meaning");
    auto words = [&](const char* key) {
      std::vector<std::u32string> out;
      for (const auto& s : m.at(key)) out.push_back(to_u32(s.get<std::string>()));
      return out;
    };
    r.meaning.forecast = words("forecast");
    r.meaning.remaining = words("remaining");
    r.meaning.threshold_after = words("threshold_after");
    r.meaning.threshold_before = words("threshold_before");
    r.meaning.subgroups = words("subgroups");
    r.meaning.participation_after = words("participation_after");
    r.meaning.activities = words("activities");
    r.meaning.forecast_sections = m.at("forecast_sections").get<std::vector<std::string>>();
    r.meaning.forward_topic = words("forward_topic");
    for (auto& [key, list] : m.at("requires_topic").items())
      for (const auto& w : list) r.meaning.requires_topic[key].push_back(to_u32(w.get<std::string>()));
    const auto& n = j.at("naming");
    auto naming = [&](const char* key) {
      std::vector<std::u32string> out;
      for (const auto& s : n.at(key)) out.push_back(to_u32(s.get<std::string>()));
      // Longest first, so "累计" is dropped whole before "计" is tried.
      std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
      return out;
    };
    r.naming.leading = naming("leading");
    r.naming.trailing = naming("trailing");
    r.naming.person_nouns = naming("person_nouns");
    r.naming.after_stops = naming("after_stops");
    r.naming.town_units = naming("town_units");
    r.naming.town_words = naming("town_words");
    for (auto& [unit, name] : n.at("unit_names").items()) r.naming.unit_names.emplace_back(to_u32(unit), to_u32(name.get<std::string>()));
    std::stable_sort(r.naming.unit_names.begin(), r.naming.unit_names.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    r.naming.money_suffix = to_u32(n.at("money_suffix").get<std::string>());
    r.naming.percent_suffix = to_u32(n.at("percent_suffix").get<std::string>());
    r.naming.threshold_suffix = to_u32(n.at("threshold_suffix").get<std::string>());
    r.naming.other_section = n.at("other_section").get<std::string>();
    return r;
  }();
  return rules;
}

bool ImportRules::units_equivalent(const std::u32string& a, const std::u32string& b) const {
  if (a == b) return true;
  for (const auto& g : unit_equivalents) {
    bool ha = std::find(g.begin(), g.end(), a) != g.end();
    bool hb = std::find(g.begin(), g.end(), b) != g.end();
    if (ha && hb) return true;
  }
  return false;
}

}  // namespace jiceng::summary
