#pragma once
// A CSV file with a header row, its cells addressed by column (a strings key such as "member.name",
// looked up by its Chinese text). Used by the organisation and member imports (RecordsCsv,
// MemberImport). A row with the wrong number of fields is reported, not thrown, so that a preview
// can list every bad row.
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/Error.hpp"
#include "csv/ValuesCsv.hpp"
#include "model/Model.hpp"

namespace jiceng {

class CsvTable {
 public:
  // Throws InputError (file, line 1 or the line of the bad byte) when the text is not CSV, is
  // empty, or lacks a required column.
  CsvTable(std::string_view text, const std::string& file, std::initializer_list<const char*> required);
  size_t size() const { return rows_.size() - 1; }
  const std::string& file() const { return file_; }
  bool has(const char* key) const;
  int line(size_t row) const { return rows_[row + 1].line; }
  // The reason when the row has not as many fields as the header; empty when it has.
  std::string shape_error(size_t row) const;
  // The trimmed cell, empty when the column is absent (or the row short).
  std::string get(size_t row, const char* key) const;
  Location at(size_t row, const char* key) const;

 private:
  std::string file_;
  std::vector<CsvRow> rows_;
  std::map<std::string, size_t> cols_;
};

// An enum from its id ("activist") or its Chinese label ("入党积极分子"); n labels are tried.
template <class E>
std::optional<E> parse_labelled(const std::string& s, std::optional<E> (*parse)(std::string_view), int n) {
  if (auto v = parse(s)) return v;
  for (int i = 0; i < n; ++i)
    if (label(E(i)) == s) return E(i);
  return std::nullopt;
}

}  // namespace jiceng
