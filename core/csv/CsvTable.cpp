#include "csv/CsvTable.hpp"

#include "base/Strings.hpp"
#include "base/Text.hpp"

namespace jiceng {

CsvTable::CsvTable(std::string_view text, const std::string& file, std::initializer_list<const char*> required)
    : file_(file) {
  rows_ = parse_csv(text, file);
  if (rows_.empty()) throw InputError(tr("csv.empty"), Location{file, 1});
  for (size_t i = 0; i < rows_[0].fields.size(); ++i) cols_.emplace(trim(rows_[0].fields[i]), i);
  for (const char* key : required)
    if (!has(key)) throw InputError(tr("csv.missing_column", {{"column", tr(key)}}), Location{file, rows_[0].line});
}

bool CsvTable::has(const char* key) const { return cols_.count(tr(key)) > 0; }

std::string CsvTable::shape_error(size_t row) const {
  const size_t n = rows_[row + 1].fields.size(), expected = rows_[0].fields.size();
  if (n == expected) return {};
  return tr("csv.wrong_field_count", {{"count", std::to_string(n)}, {"expected", std::to_string(expected)}});
}

std::string CsvTable::get(size_t row, const char* key) const {
  auto it = cols_.find(tr(key));
  const auto& fields = rows_[row + 1].fields;
  return it == cols_.end() || it->second >= fields.size() ? std::string() : trim(fields[it->second]);
}

Location CsvTable::at(size_t row, const char* key) const { return Location{file_, line(row), tr(key)}; }

}  // namespace jiceng
