#include "csv/MembersCsv.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "csv/CsvTable.hpp"
#include "model/MemberStages.hpp"
#include "store/Store.hpp"
#include "store/StoreDetail.hpp"

namespace jiceng {
namespace {

// The text columns a file may carry besides 姓名 and 所在支部 (compared one by one for "changed").
struct TextColumn {
  const char* key;
  std::string Member::*field;
};
const TextColumn kTextColumns[] = {
    {"member.gender", &Member::gender},
    {"member.birth_date", &Member::birth_date},
    {"member.applied_on", &Member::applied_on},
    {"member.talked_on", &Member::talked_on},
    {"member.activist_on", &Member::activist_on},
    {"member.candidate_on", &Member::candidate_on},
    {"member.probationary_on", &Member::probationary_on},
    {"member.full_on", &Member::full_on},
};

std::string base_name(const std::string& path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Finds the stored member a row means: by number, or by branch + name (+ birth date when the file
// has that column). Built once from the roster, for the plan and again inside apply's transaction.
class Matcher {
 public:
  Matcher(const Store& store, bool with_birth) : with_birth_(with_birth) {
    for (auto& m : store.members()) {
      by_key_[key(m)].push_back(m.id);
      by_id_.emplace(m.id, std::move(m));
    }
  }
  using Key = std::tuple<OrgId, std::string, std::string>;
  Key key(const Member& m) const { return {m.branch, m.name, with_birth_ ? m.birth_date : std::string()}; }
  const Member* by_id(int64_t id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &it->second;
  }
  std::vector<int64_t> by_key(const Member& m) const {
    auto it = by_key_.find(key(m));
    return it == by_key_.end() ? std::vector<int64_t>{} : it->second;
  }

 private:
  bool with_birth_;
  std::map<int64_t, Member> by_id_;
  std::map<Key, std::vector<int64_t>> by_key_;
};

std::optional<int64_t> parse_id(const std::string& s) {
  if (s.empty() || s.size() > 15 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoll(s);
}

std::optional<bool> parse_yes_no(const std::string& s) {
  if (s == tr("records.yes") || s == "1" || s == "true") return true;
  if (s.empty() || s == tr("records.no") || s == "0" || s == "false") return false;
  return std::nullopt;
}

// One row of the file → one row of the plan. `seen` holds the lines of the people met so far.
class RowPlanner {
 public:
  RowPlanner(const Store& store, const CsvTable& t, const Matcher& match, const Actor& actor)
      : store_(store), t_(t), match_(match), actor_(actor) {}

  MemberImportRow plan(size_t r) {
    MemberImportRow row;
    row.line = t_.line(r);
    row.branch = t_.get(r, "member.branch");
    auto fail = [&](const char* key, const std::string& message) {
      row.kind = ImportRowKind::Error;
      row.field = key ? tr(key) : std::string();
      row.message = message;
      return row;
    };
    if (auto bad = t_.shape_error(r); !bad.empty()) return fail(nullptr, bad);

    // Who the row is about.
    Member m;
    m.name = t_.get(r, "member.name");
    if (m.name.empty()) return fail("member.name", tr("store.member_needs_name"));
    auto branch = store_.find_org(row.branch);
    if (!branch) return fail("member.branch", tr("store.unknown_org", {{"org", row.branch}}));
    if (branch->kind != OrgKind::Branch) return fail("member.branch", tr("store.member_needs_branch", {{"name", m.name}}));
    m.branch = branch->id;
    row.branch = branch->name;  // the name, also when the file gives the code
    m.birth_date = t_.get(r, "member.birth_date");
    if (!m.birth_date.empty() && !valid_date(m.birth_date))
      return fail("member.birth_date", tr("pipeline.bad_date", {{"field", tr("member.birth_date")}, {"value", m.birth_date}}));
    const std::string number = t_.get(r, "member.id");
    std::string identity;
    if (!number.empty()) {
      auto id = parse_id(number);
      if (!id) return fail("member.id", tr("members_import.bad_id", {{"id", number}}));
      const Member* found = match_.by_id(*id);
      if (!found) return fail("member.id", tr("store.unknown_member", {{"id", number}}));
      row.before = *found;
      identity = "#" + number;
    } else {
      const auto ids = match_.by_key(m);
      if (ids.size() > 1) return fail("member.name", tr("members_import.ambiguous", {{"n", std::to_string(ids.size())}}));
      if (ids.size() == 1) row.before = *match_.by_id(ids.front());
    }
    if (row.before) identity = "#" + std::to_string(row.before->id);
    else identity = std::to_string(m.branch) + "\x1f" + m.name + "\x1f" + m.birth_date;
    if (auto [it, fresh] = seen_.emplace(identity, row.line); !fresh)
      return fail("member.name", tr("members_import.same_as_line", {{"line", std::to_string(it->second)}}));

    // What the file says about them, over what is stored.
    Member out = row.before ? *row.before : Member{};
    out.name = m.name;
    out.branch = m.branch;
    for (const auto& c : kTextColumns)
      if (t_.has(c.key)) out.*c.field = t_.get(r, c.key);
    const std::string stage = t_.get(r, "member.stage");
    auto parsed = parse_labelled<MemberStage>(stage, parse_member_stage, 5);
    if (!parsed) return fail("member.stage", tr("records.bad_stage", {{"stage", stage}}));
    out.stage = *parsed;
    if (t_.has("member.reserve_cadre")) {
      const std::string v = t_.get(r, "member.reserve_cadre");
      auto yes = parse_yes_no(v);
      if (!yes) return fail("member.reserve_cadre", tr("members_import.bad_yes_no", {{"value", v}}));
      out.reserve_cadre = *yes;
    }
    row.member = out;

    if (row.before) {
      row.member.id = row.before->id;
      row.changed = changed_columns(*row.before, out);
      if (row.changed.empty()) {
        row.kind = ImportRowKind::Unchanged;
        return row;
      }
    }
    // The store's own checks (rights, dates, pipeline order), as apply will meet them.
    try {
      if (row.before) check_member(store_, *row.before, actor_);
      check_member(store_, out, actor_);
    } catch (const InputError& e) {
      row.kind = ImportRowKind::Error;
      row.field = e.where().field;
      row.message = e.what();
      return row;
    }
    row.kind = row.before ? ImportRowKind::Changed : ImportRowKind::New;
    return row;
  }

 private:
  static std::vector<std::string> changed_columns(const Member& a, const Member& b) {
    std::vector<std::string> out;
    if (a.name != b.name) out.push_back(tr("member.name"));
    if (a.branch != b.branch) out.push_back(tr("member.branch"));
    if (a.stage != b.stage) out.push_back(tr("member.stage"));
    for (const auto& c : kTextColumns)
      if (a.*c.field != b.*c.field) out.push_back(tr(c.key));
    if (a.reserve_cadre != b.reserve_cadre) out.push_back(tr("member.reserve_cadre"));
    return out;
  }

  const Store& store_;
  const CsvTable& t_;
  const Matcher& match_;
  const Actor& actor_;
  std::map<std::string, int> seen_;
};

}  // namespace

size_t MemberImportPlan::count(ImportRowKind k) const {
  return size_t(std::count_if(rows.begin(), rows.end(), [&](const MemberImportRow& r) { return r.kind == k; }));
}

std::string MemberImportPlan::error_text(const MemberImportRow& row) const {
  return InputError(row.message, Location{file, row.line, row.field}).describe();
}

std::string MemberImportPlan::summary() const {
  if (!file_error.empty()) return file_error;
  const std::string name = base_name(file);
  if (errors() == 0 && to_write() == 0) {
    if (rows.empty()) return tr("members_import.no_rows", {{"file", name}});
    return tr("members_import.nothing_to_do", {{"n", std::to_string(rows.size())}});
  }
  return tr("members_import.summary", {{"file", name}, {"rows", std::to_string(rows.size())},
                                      {"new", std::to_string(count(ImportRowKind::New))},
                                      {"changed", std::to_string(count(ImportRowKind::Changed))},
                                      {"unchanged", std::to_string(count(ImportRowKind::Unchanged))},
                                      {"errors", std::to_string(count(ImportRowKind::Error))}});
}

MemberImportPlan plan_members_import(const Store& store, std::string_view text, const std::string& file,
                                     const Actor& actor) {
  MemberImportPlan plan;
  plan.file = file;
  std::optional<CsvTable> t;
  try {
    t.emplace(text, file, std::initializer_list<const char*>{"member.name", "member.branch", "member.stage"});
  } catch (const InputError& e) {
    plan.file_error = e.describe();
    return plan;
  }
  plan.match_birth_date = t->has("member.birth_date");
  const Matcher match(store, plan.match_birth_date);
  RowPlanner planner(store, *t, match, actor);
  plan.rows.reserve(t->size());
  for (size_t r = 0; r < t->size(); ++r) plan.rows.push_back(planner.plan(r));
  return plan;
}

MemberImportPlan plan_members_import_file(const Store& store, const std::string& path, const Actor& actor) {
  std::string text;
  try {
    text = read_file(path);
  } catch (const InputError& e) {
    MemberImportPlan plan;
    plan.file = path;
    plan.file_error = e.describe();
    return plan;
  }
  return plan_members_import(store, text, path, actor);
}

MemberImportResult apply_members_import(Store& store, const MemberImportPlan& plan, const Actor& actor) {
  if (!plan.file_error.empty()) throw InputError(plan.file_error);
  for (const auto& row : plan.rows)
    if (row.kind == ImportRowKind::Error) throw InputError(row.message, Location{plan.file, row.line, row.field});
  MemberImportResult result;
  const std::string reason = tr("csv.import_reason", {{"file", base_name(plan.file)}});
  store.transaction([&] {
    // The roster may have moved on since the preview: every row must still find what it found.
    const Matcher now(store, plan.match_birth_date);
    for (const auto& row : plan.rows) {
      const Location where{plan.file, row.line, {}};
      if (row.before) {
        const Member* current = now.by_id(row.before->id);
        if (!current || !(*current == *row.before)) throw InputError(tr("members_import.stale"), where);
      } else if (!now.by_key(row.member).empty()) {
        throw InputError(tr("members_import.stale"), where);
      }
      try {
        if (row.kind == ImportRowKind::New) {
          store.add_members({row.member}, actor);
          ++result.added;
        } else if (row.kind == ImportRowKind::Changed) {
          store.update_member(row.member, actor, reason);
          ++result.updated;
        } else {
          ++result.unchanged;
        }
      } catch (const InputError& e) {
        throw InputError(e.what(), Location{plan.file, row.line, e.where().field});
      }
    }
    // One entry for the import itself (file and counts) beside each member's own, when it wrote anything.
    if (result.added + result.updated > 0)
      store.record_audit({0, {}, actor.user, actor.device, "import_members", std::nullopt, {}, {}, {}, {}, reason,
                          nlohmann::json{{"file", base_name(plan.file)}, {"added", result.added},
                                         {"updated", result.updated}, {"unchanged", result.unchanged}}.dump()});
  });
  const std::string name = base_name(plan.file);
  result.summary = result.added + result.updated == 0
                       ? tr("members_import.nothing_to_do", {{"n", std::to_string(result.unchanged)}})
                       : tr("members_import.done", {{"file", name}, {"added", std::to_string(result.added)},
                                                    {"updated", std::to_string(result.updated)},
                                                    {"unchanged", std::to_string(result.unchanged)}});
  return result;
}

MemberImportResult import_members_csv(Store& store, const std::string& path, const Actor& actor) {
  return apply_members_import(store, plan_members_import_file(store, path, actor), actor);
}

}  // namespace jiceng
