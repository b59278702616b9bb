// Reading a package's payload. simdjson rather than nlohmann::json: a town office imports
// hundreds of packages at once and parsing was a quarter of the import's time (docs/SYNC.md).
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "base/Strings.hpp"
#include "sync/Package.hpp"
#include "sync/PackageColumns.hpp"

namespace jiceng::sync {

namespace {

using simdjson::dom::element;

// A table's rows, with its columns found by name (never by position, so a reader notices a
// column that is missing instead of reading the wrong one).
class Table {
 public:
  // A column of `optional` that the package lacks reads as null in every row.
  Table(element doc, const char* name, const std::vector<std::string>& wanted,
        const std::vector<std::string>& optional = {})
      : name_(name) {
    element t = doc[name];
    std::vector<std::string_view> cols;
    for (element c : t["columns"].get_array()) cols.push_back(c.get_string());
    for (const auto& w : wanted) {
      size_t i = 0;
      while (i < cols.size() && cols[i] != w) ++i;
      const bool may_lack = std::find(optional.begin(), optional.end(), w) != optional.end();
      if (i == cols.size() && !may_lack)
        throw InputError(tr("sync.package.missing_column", {{"table", name}, {"column", w}}));
      at_.push_back(i == cols.size() ? kAbsent : i);
    }
    rows_ = t["rows"].get_array();
  }
  bool has(size_t wanted) const { return at_[wanted] != kAbsent; }
  // Calls fn(row) with each row's cells in the order asked for.
  template <class Fn>
  void each(Fn fn) const {
    std::array<element, 32> cells;
    std::array<element, 32> wanted;
    for (element row : rows_) {
      size_t n = 0;
      for (element c : row.get_array()) {
        if (n == cells.size()) break;
        cells[n++] = c;
      }
      for (size_t i = 0; i < at_.size(); ++i) {
        if (at_[i] == kAbsent) {
          wanted[i] = null_;
          continue;
        }
        if (at_[i] >= n) throw InputError(tr("sync.package.payload_damaged"));
        wanted[i] = cells[at_[i]];
      }
      fn(wanted);
    }
  }

 private:
  static constexpr size_t kAbsent = size_t(-1);
  const char* name_;
  std::vector<size_t> at_;
  simdjson::dom::array rows_;
  simdjson::dom::parser null_parser_;
  element null_ = null_parser_.parse(simdjson::padded_string(std::string_view("null")));
};

std::string str(element e) { return std::string(std::string_view(e.get_string())); }
std::optional<double> opt_num(element e) {
  if (e.is_null()) return std::nullopt;
  return double(e.get_double());
}
// Member records are compared as text, so they are re-serialised exactly as the writer does.
std::string record_text(element e) {
  if (e.is_null()) return {};
  return nlohmann::json::parse(simdjson::minify(e)).dump();
}

}  // namespace

Package package_from_payload(std::string_view payload, const Location& where) {
  try {
    simdjson::dom::parser parser;
    const simdjson::padded_string padded(payload);
    element j = parser.parse(padded);
    Package p;
    element head = j["package"];
    p.id = str(head["id"]);
    p.created_at = str(head["created_at"]);
    p.created_by = str(head["created_by"]);
    p.device = str(head["device"]);
    if (element name; !head["device_name"].get(name) && name.is_string()) p.device_name = str(name);
    p.destination = str(head["destination"]);
    p.everything = bool(head["everything"].get_bool());
    if (element personal; !head["personal"].get(personal) && personal.is_bool()) p.personal = bool(personal.get_bool());
    element town = j["town"];
    p.town = {str(town["id"]), str(town["code"]), str(town["name"])};
    for (element r : j["roots"].get_array()) p.roots.push_back(str(r));

    Table(j, "orgs", columns::kOrgs).each([&](const auto& c) {
      p.orgs.push_back({str(c[0]), str(c[1]), str(c[2]), str(c[3]), int(int64_t(c[4].get_int64()))});
    });
    Table(j, "values", columns::kValues).each([&](const auto& c) {
          p.values.push_back({str(c[0]), str(c[1]), str(c[2]), {opt_num(c[3]), str(c[4])}, {opt_num(c[5]), str(c[6])},
                              str(c[7]), str(c[8]), str(c[9])});
        });
    Table(j, "members", columns::kMembers).each([&](const auto& c) {
      p.members.push_back({str(c[0]), record_text(c[1]), record_text(c[2])});
    });
    Table(j, "targets", columns::kTargets).each([&](const auto& c) {
      p.targets.push_back({str(c[0]), str(c[1]), int(int64_t(c[2].get_int64())), double(c[3].get_double())});
    });
    if (element t; !j["indicators"].get(t)) {
      Table(j, "sections", columns::kSections).each([&](const auto& c) { p.sections.push_back({str(c[0]), str(c[1])}); });
      Table(j, "indicators", columns::kIndicators).each([&](const auto& c) {
        p.indicators.push_back({str(c[0]), str(c[1]), str(c[2]), str(c[3]), str(c[4])});
      });
    }
    const Table audit(j, "audit", columns::kAudit, columns::kAuditOptional);
    p.audit_signed = audit.has(11);
    audit.each([&](const auto& c) {
          p.audit.push_back({str(c[0]), str(c[1]), str(c[2]), str(c[3]), str(c[4]), str(c[5]), str(c[6]),
                             opt_num(c[7]), opt_num(c[8]), str(c[9]), str(c[10]), c[11].is_null() ? std::string() : str(c[11])});
        });
    return p;
  } catch (const InputError& e) {
    throw InputError(e.what(), where);
  } catch (const simdjson::simdjson_error&) {
    // The library's words name a JSON type, not what a person can act on.
    throw InputError(tr("sync.package.payload_damaged"), where);
  } catch (const nlohmann::json::exception&) {
    throw InputError(tr("sync.package.payload_damaged"), where);
  }
}

}  // namespace jiceng::sync
