#pragma once
// The importer's word lists (vendor markers, units, context words), read from
// assets/templates/import_rules.json so they can be extended without touching code.
#include <map>
#include <string>
#include <vector>

namespace jiceng::summary {

struct ImportRules {
  int vendor_threshold = 3;
  std::vector<std::u32string> vendor_strong, vendor_weak, title_words, unnumbered_headings;
  std::vector<std::u32string> year_before, number_before, text_after;
  std::vector<std::u32string> units;  // longest first
  std::vector<std::vector<std::u32string>> unit_equivalents;
  // Extra phrases per indicator id that templates use besides the catalog's names and aliases.
  std::map<std::string, std::vector<std::u32string>> phrases;
  // Words that change what a figure means (summary/import/ImportMeaning.hpp).
  struct Meaning {
    std::vector<std::u32string> forecast, remaining, threshold_after, threshold_before, subgroups, participation_after, activities;
    std::vector<std::string> forecast_sections;  // sections of forward-looking figures (下一步打算)
    std::vector<std::u32string> forward_topic;   // words a forward-looking figure's paragraph names
    std::map<std::string, std::vector<std::u32string>> requires_topic;  // by indicator id or section
  } meaning;
  // How a blank no indicator means is named as a proposed town indicator (summary/import/ImportNaming.hpp).
  struct Naming {
    std::vector<std::u32string> leading, trailing, person_nouns, after_stops, town_units, town_words;
    std::vector<std::pair<std::u32string, std::u32string>> unit_names;  // unit → what its count is called; longest first
    std::u32string money_suffix, percent_suffix, threshold_suffix;
    std::string other_section;
  } naming;

  static const ImportRules& builtin();
  bool units_equivalent(const std::u32string& a, const std::u32string& b) const;
};

std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view s);
bool starts_with(std::u32string_view s, std::u32string_view prefix);
bool ends_with(std::u32string_view s, std::u32string_view suffix);

}  // namespace jiceng::summary
