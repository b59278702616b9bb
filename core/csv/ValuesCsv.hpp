#pragma once
// Values as CSV, the way town offices exchange figures with Excel: UTF-8 with a BOM, a header row
// 组织代码,组织名称,指标代码,指标名称,期间,数值,状态. Export then import round-trips exactly.
#include <string>
#include <string_view>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {

class Store;

// RFC 4180 fields of one record per row, each with its 1-based starting line. Hand-written
// rather than libcsv because every error must name the line, and quoted fields may span lines.
struct CsvRow {
  int line = 0;
  std::vector<std::string> fields;
};
std::vector<CsvRow> parse_csv(std::string_view text, const std::string& file);  // throws InputError
// One field as written: quoted when needed, and text a spreadsheet would run as a formula
// (=, +, -, @, tab, CR first) gets a leading apostrophe, which csv_text takes off again on import.
std::string csv_field(std::string_view s);
std::string csv_text(std::string_view field);

// Imports a values CSV as `actor` (the store checks their role and villages): all rows or none.
// Returns the number of values that changed.
size_t import_values_csv(Store& store, const std::string& path, const Actor& actor);
// The CSV text of every value of a year (yearly and monthly), tree order then catalog order.
std::string export_values_csv(const Store& store, int year);

}  // namespace jiceng
