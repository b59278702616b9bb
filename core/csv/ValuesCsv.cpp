#include "csv/ValuesCsv.hpp"

#include "model/Rules.hpp"

#include <algorithm>
#include <map>

#include "base/Error.hpp"
#include "base/Numbers.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "store/Store.hpp"

namespace jiceng {

std::vector<CsvRow> parse_csv(std::string_view text, const std::string& file) {
  if (auto bad = find_invalid_utf8(text))
    throw InputError(tr("csv.not_utf8"), Location{file, line_of(text, *bad)});
  text = strip_bom(text);
  std::vector<CsvRow> rows;
  CsvRow row{1, {}};
  std::string field;
  int line = 1;
  bool quoted = false, field_started = false, after_quote = false;
  auto end_field = [&] { row.fields.push_back(std::move(field)); field.clear(); field_started = after_quote = false; };
  auto end_row = [&] {
    end_field();
    bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (!blank) rows.push_back(std::move(row));
    row = CsvRow{line + 1, {}};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
        else { quoted = false; after_quote = true; }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == ',') { end_field(); continue; }
    if (c == '\r') continue;
    if (c == '\n') { end_row(); ++line; continue; }
    if (after_quote) throw InputError(tr("csv.text_after_quote"), Location{file, line});
    if (c == '"') {
      if (field_started) throw InputError(tr("csv.stray_quote"), Location{file, line});
      quoted = true;
      field_started = true;
      continue;
    }
    field += c;
    field_started = true;
  }
  if (quoted) throw InputError(tr("csv.unclosed_quote"), Location{file, row.line});
  if (field_started || !row.fields.empty()) end_row();
  return rows;
}

namespace {
// Excel and WPS run a cell that starts with one of these as a formula (=HYPERLINK(...) in an
// organisation's name would become a live link); OWASP's advice is a leading apostrophe.
bool looks_like_formula(std::string_view s) {
  return !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
}
}  // namespace

std::string csv_field(std::string_view s) {
  std::string text = looks_like_formula(s) ? "'" + std::string(s) : std::string(s);
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) { if (c == '"') out += '"'; out += c; }
  return out + "\"";
}

std::string csv_text(std::string_view field) {
  if (field.size() > 1 && field.front() == '\'' && looks_like_formula(field.substr(1))) field.remove_prefix(1);
  return std::string(field);
}

namespace {

// Column names accepted in a header, Chinese first (what Excel users type), then English.
struct Column {
  const char* key;
  std::vector<std::string> names;
};

const std::vector<Column>& columns() {
  static const std::vector<Column> c = {
      {"org", {tr("csv.col.org_code"), tr("csv.col.org_name"), "org", "org_code"}},
      {"indicator", {tr("csv.col.indicator_code"), tr("csv.col.indicator_name"), "indicator"}},
      {"period", {tr("csv.col.period"), "period"}},
      {"value", {tr("csv.col.value"), "value"}},
      {"status", {tr("csv.col.status"), "status"}},
      {"unit", {tr("csv.col.unit"), "unit"}},
  };
  return c;
}

std::string shortest(double v) { return shortest_number(v); }

}  // namespace

size_t import_values_csv(Store& store, const std::string& path, const Actor& actor) {
  const std::string text = read_file(path);
  auto rows = parse_csv(text, path);
  if (rows.empty()) throw InputError(tr("csv.empty"), Location{path, 1});
  // Map columns by header; the first matching name of each kind wins (codes before names).
  std::map<std::string, size_t> col;
  const auto& header = rows[0].fields;
  for (const auto& c : columns())
    for (const auto& name : c.names) {
      auto it = std::find_if(header.begin(), header.end(), [&](const std::string& h) { return trim(h) == name; });
      if (it != header.end() && !col.count(c.key)) col[c.key] = size_t(it - header.begin());
    }
  for (const char* required : {"org", "indicator", "period", "value"})
    if (!col.count(required))
      throw InputError(tr("csv.missing_column", {{"column", tr(std::string("csv.col.") + (std::string(required) == "org" ? "org_code" : std::string(required) == "indicator" ? "indicator_code" : required))}}),
                       Location{path, 1});
  std::vector<ValueInput> inputs;
  for (size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    if (row.fields.size() != header.size())
      throw InputError(tr("csv.wrong_field_count", {{"count", std::to_string(row.fields.size())},
                                                    {"expected", std::to_string(header.size())}}),
                       Location{path, row.line});
    ValueInput in;
    in.org = csv_text(trim(row.fields[col["org"]]));
    in.indicator = csv_text(trim(row.fields[col["indicator"]]));
    in.period = trim(row.fields[col["period"]]);
    in.value = row.fields[col["value"]];
    in.where = Location{path, row.line, {}};
    // The unit says how the number is meant. Without the column a figure with an entry unit is
    // ambiguous (an older export holds 万元, a clerk's sheet 元): refused rather than guessed.
    if (const Indicator* ind = store.catalog().find(in.indicator); ind && ind->has_entry_unit()) {
      const std::string unit = col.count("unit") ? trim(row.fields[col["unit"]]) : std::string();
      if (unit == ind->entry_unit) in.entry_unit = true;
      else if (unit != ind->unit)
        throw InputError(tr(col.count("unit") ? "csv.bad_unit" : "csv.unit_needed",
                            {{"name", ind->name}, {"unit", unit}, {"entry", ind->entry_unit}, {"report", ind->unit}}),
                         Location{path, row.line, tr("csv.col.unit")});
    }
    if (col.count("status")) {
      std::string s = trim(row.fields[col["status"]]);
      if (!s.empty()) {
        in.status = parse_value_status(s);
        if (!in.status) throw InputError(tr("csv.bad_status", {{"status", s}}), Location{path, row.line, tr("csv.col.status")});
      }
    }
    inputs.push_back(std::move(in));
  }
  return store.set_values(inputs, actor, tr("csv.import_reason", {{"file", path}}));
}

std::string export_values_csv(const Store& store, int year) {
  const Catalog& cat = store.catalog();
  auto values = store.values(year);
  auto orgs = store.orgs();
  std::map<OrgId, size_t> org_order;
  for (size_t i = 0; i < orgs.size(); ++i) org_order[orgs[i].id] = i;
  std::sort(values.begin(), values.end(), [&](const ValueRecord& a, const ValueRecord& b) {
    return std::tuple(org_order[a.org], cat.index_of(a.indicator), a.period) <
           std::tuple(org_order[b.org], cat.index_of(b.indicator), b.period);
  });
  std::string out = "\xEF\xBB\xBF";
  out += tr("csv.col.org_code") + "," + tr("csv.col.org_name") + "," + tr("csv.col.indicator_code") + "," +
         tr("csv.col.indicator_name") + "," + tr("csv.col.period") + "," + tr("csv.col.value") + "," +
         tr("csv.col.unit") + "," + tr("csv.col.status") + "\r\n";
  for (const auto& v : values) {
    const Org& o = orgs[org_order[v.org]];
    const Indicator* ind = cat.find(v.indicator);
    out += csv_field(o.code) + "," + csv_field(o.name) + "," + csv_field(v.indicator) + "," +
           csv_field(ind ? ind->name : v.indicator) + "," + v.period.str() + "," +
           // In the unit people type (元 for 党费), so the sheet reads as the form does.
           (ind ? shortest(stored_to_typed(*ind, v.value)) + "," + csv_field(ind->typed_unit()) : shortest(v.value) + ",") +
           "," + label(v.status) + "\r\n";
  }
  return out;
}

}  // namespace jiceng
