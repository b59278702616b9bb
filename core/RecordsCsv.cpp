#include "RecordsCsv.hpp"

#include <map>

#include "Csv.hpp"
#include "Error.hpp"
#include "Store.hpp"
#include "Strings.hpp"
#include "Text.hpp"

namespace jiceng {
namespace {

// Rows of a CSV addressed by header name; a missing required column is an error on line 1.
class Table {
 public:
  Table(const std::string& path, std::initializer_list<const char*> required) : path_(path) {
    rows_ = parse_csv(read_file(path), path);
    if (rows_.empty()) throw InputError(tr("csv.empty"), Location{path, 1});
    for (size_t i = 0; i < rows_[0].fields.size(); ++i) cols_[trim(rows_[0].fields[i])] = i;
    for (const char* key : required)
      if (!cols_.count(tr(key))) throw InputError(tr("csv.missing_column", {{"column", tr(key)}}), Location{path, 1});
    for (size_t r = 1; r < rows_.size(); ++r)
      if (rows_[r].fields.size() != rows_[0].fields.size())
        throw InputError(tr("csv.wrong_field_count", {{"count", std::to_string(rows_[r].fields.size())},
                                                      {"expected", std::to_string(rows_[0].fields.size())}}),
                         Location{path, rows_[r].line});
  }
  size_t size() const { return rows_.size() - 1; }
  std::string get(size_t row, const char* key) const {
    auto it = cols_.find(tr(key));
    return it == cols_.end() ? std::string() : trim(rows_[row + 1].fields[it->second]);
  }
  Location at(size_t row, const char* key) const { return Location{path_, rows_[row + 1].line, tr(key)}; }

 private:
  std::string path_;
  std::vector<CsvRow> rows_;
  std::map<std::string, size_t> cols_;
};

template <class E>
std::optional<E> parse_labelled(const std::string& s, std::optional<E> (*parse)(std::string_view), int n) {
  if (auto v = parse(s)) return v;
  for (int i = 0; i < n; ++i)
    if (label(E(i)) == s) return E(i);
  return std::nullopt;
}

// Re-throws a store error with the CSV position, keeping the store's message.
template <class F>
void at_row(const Location& where, F&& fn) {
  try {
    fn();
  } catch (const InputError& e) {
    Location l = where;
    if (!e.where().field.empty()) l.field = e.where().field;
    throw InputError(e.what(), l);
  }
}

}  // namespace

size_t import_orgs_csv(Store& store, const std::string& path, const Actor& actor) {
  Table t(path, {"records.col.code", "records.col.name", "records.col.kind", "records.col.parent"});
  store.transaction([&] {
    for (size_t r = 0; r < t.size(); ++r) {
      Org o;
      o.code = t.get(r, "records.col.code");
      o.name = t.get(r, "records.col.name");
      auto kind = parse_labelled<OrgKind>(t.get(r, "records.col.kind"), parse_org_kind, 6);
      if (!kind) throw InputError(tr("records.bad_kind", {{"kind", t.get(r, "records.col.kind")}}), t.at(r, "records.col.kind"));
      o.kind = *kind;
      o.sort = int(r);
      const std::string parent = t.get(r, "records.col.parent");
      if (!parent.empty()) {
        auto p = store.find_org(parent);
        if (!p) throw InputError(tr("store.unknown_org", {{"org", parent}}), t.at(r, "records.col.parent"));
        o.parent = p->id;
      }
      at_row(t.at(r, "records.col.code"), [&] { store.add_org(o, actor); });
    }
  });
  return t.size();
}

size_t import_members_csv(Store& store, const std::string& path, const Actor& actor) {
  Table t(path, {"member.name", "member.branch", "member.stage"});
  std::vector<std::pair<Member, Location>> members;
  for (size_t r = 0; r < t.size(); ++r) {
    Member m;
    m.name = t.get(r, "member.name");
    m.gender = t.get(r, "member.gender");
    m.birth_date = t.get(r, "member.birth_date");
    const std::string branch = t.get(r, "member.branch");
    auto b = store.find_org(branch);
    if (!b) throw InputError(tr("store.unknown_org", {{"org", branch}}), t.at(r, "member.branch"));
    m.branch = b->id;
    auto stage = parse_labelled<MemberStage>(t.get(r, "member.stage"), parse_member_stage, 5);
    if (!stage) throw InputError(tr("records.bad_stage", {{"stage", t.get(r, "member.stage")}}), t.at(r, "member.stage"));
    m.stage = *stage;
    m.applied_on = t.get(r, "member.applied_on");
    m.talked_on = t.get(r, "member.talked_on");
    m.activist_on = t.get(r, "member.activist_on");
    m.candidate_on = t.get(r, "member.candidate_on");
    m.probationary_on = t.get(r, "member.probationary_on");
    m.full_on = t.get(r, "member.full_on");
    const std::string reserve = t.get(r, "member.reserve_cadre");
    m.reserve_cadre = reserve == tr("records.yes") || reserve == "1" || reserve == "true";
    members.emplace_back(std::move(m), t.at(r, "member.name"));
  }
  store.transaction([&] {
    for (const auto& entry : members) {
      const Member& m = entry.first;  // a named reference: clang 14 cannot capture structured bindings
      at_row(entry.second, [&] { store.add_members({m}, actor); });
    }
  });
  return members.size();
}

}  // namespace jiceng
