// The town's own indicators and sections (docs/CATALOG.md, "Town indicators"): stored beside the
// built-in catalog, checked with it as one catalog, audited, and never able to take a built-in id
// or reuse one of their own.
#include <sodium.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "store/Store.hpp"

namespace jiceng {

using nlohmann::json;
using sql::Stmt;

namespace {

constexpr const char* kSource = "town_indicators";

// Random rather than counted: two offices (or a county's towns, or a tablet and its office) never
// make the same id for different things, so ids match only where a definition travelled.
std::string fresh_id(sqlite3* db, std::string_view prefix, const char* table) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
  static const char* hex = "0123456789abcdef";
  for (;;) {
    unsigned char bytes[4];
    randombytes_buf(bytes, sizeof bytes);
    std::string id(prefix);
    for (unsigned char b : bytes) id += {hex[b >> 4], hex[b & 15]};
    Stmt st(db, std::string("SELECT 1 FROM ") + table + " WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return id;
  }
}

// Values, targets, or a county's rolled-up figures: what a change of meaning would misread.
int64_t uses(sqlite3* db, const std::string& id) {
  Stmt used(db, "SELECT (SELECT count(*) FROM indicator_values WHERE indicator_id = ?1) + "
                "(SELECT count(*) FROM targets WHERE indicator_id = ?1) + "
                "(SELECT count(*) FROM county_figures WHERE indicator_id = ?1)");
  used.bind(1, id);
  used.step();
  return used.int64(0);
}

// What a stored value means; none of it may change once values or targets exist.
bool same_meaning(const Indicator& a, const Indicator& b) {
  return a.unit == b.unit && a.kind == b.kind && a.level == b.level && a.aggregate == b.aggregate &&
         a.frequency == b.frequency && a.rollup == b.rollup && a.integer == b.integer;
}

}  // namespace

std::vector<Store::TownIndicator> Store::town_indicators() const {
  Stmt st(db_, "SELECT id, definition, state, defined_at, defined_by FROM town_indicators ORDER BY sort, id");
  std::vector<TownIndicator> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)});
  return out;
}

std::unique_ptr<Catalog> Store::build_catalog(const std::vector<TownIndicator>& rows,
                                              std::vector<std::string>* problems) const {
  std::vector<Section> sections;
  Stmt st(db_, "SELECT id, name FROM town_sections ORDER BY sort, id");
  while (st.step()) sections.push_back({st.text(0), st.text(1)});
  std::vector<Catalog::TownDefinition> defs;
  for (const auto& r : rows)
    if (r.state != "deleted") defs.push_back({r.definition, r.state == "retired"});
  if (!problems) return std::make_unique<Catalog>(Catalog::extend(base_, sections, defs, kSource));
  try {
    return std::make_unique<Catalog>(Catalog::extend(base_, sections, defs, kSource));
  } catch (const InputError&) {
    // One definition no longer fits (a newer built-in catalog took its name): load the others, so
    // the town keeps working, and tell the admin which one was left out and why.
  }
  std::vector<Catalog::TownDefinition> fitting;
  for (const auto& d : defs) {
    fitting.push_back(d);
    try {
      Catalog::extend(base_, sections, fitting, kSource);
    } catch (const InputError& e) {
      fitting.pop_back();
      problems->push_back(e.what());
    }
  }
  try {
    return std::make_unique<Catalog>(Catalog::extend(base_, sections, fitting, kSource));
  } catch (const InputError& e) {  // the town's sections themselves are broken
    problems->push_back(e.what());
    return std::make_unique<Catalog>(base_);
  }
}

void Store::reload_catalog() {
  bool has_tables = sql::scalar_int(db_, "SELECT count(*) FROM sqlite_schema WHERE name = 'town_indicators'") > 0;
  std::vector<std::string> problems;
  auto c = has_tables ? build_catalog(town_indicators(), &problems) : std::make_unique<Catalog>(base_);
  catalogs_.push_back(std::move(c));
  catalog_problems_ = std::move(problems);
}

std::string Store::define_indicator(const std::string& definition_json, const Actor& actor, const std::string& reason) {
  require_role(actor, {Role::Admin});
  json def;
  try {
    def = json::parse(definition_json);
  } catch (const json::exception&) {
    throw InputError(tr("catalog.town_bad_json"), Location{kSource, 0, ""});
  }
  if (!def.is_object()) throw InputError(tr("catalog.town_bad_json"), Location{kSource, 0, ""});
  std::string id;
  transaction([&] {
    if (!def.contains("id")) def["id"] = fresh_id(db_, kTownIdPrefix, "town_indicators");
    if (!def["id"].is_string()) throw InputError(tr("catalog.town_id", {{"id", def["id"].dump()}}), Location{kSource, 0, "id"});
    id = def["id"].get<std::string>();
    const Indicator fresh = catalog().read_town_indicator(def.dump(), kSource);

    std::vector<TownIndicator> rows = town_indicators();
    auto it = std::find_if(rows.begin(), rows.end(), [&](const TownIndicator& r) { return r.id == id; });
    std::string old;
    if (it != rows.end()) {
      if (it->state == "deleted") throw InputError(tr("catalog.town_id_reserved", {{"id", id}}), Location{kSource, 0, "id"});
      old = it->definition;
      const Indicator* before = catalog().find(id);
      if (before && uses(db_, id) > 0 && !same_meaning(*before, fresh))
        throw InputError(tr("catalog.town_meaning_fixed", {{"name", before->name}}), Location{kSource, 0, "unit"});
      it->definition = def.dump();
    } else {
      rows.push_back({id, def.dump(), "active", now_iso(), actor.user});
    }
    // The whole catalog is checked with the new definition before anything is written; a stored
    // definition that no longer fits (catalog_problems) does not block a new one that does.
    std::unique_ptr<Catalog> next;
    try {
      next = build_catalog(rows, nullptr);
    } catch (const InputError&) {
      std::vector<std::string> problems;
      next = build_catalog(rows, &problems);
      if (!next->find(id)) throw;
    }
    if (old == def.dump()) return;
    Stmt(db_, "INSERT INTO town_indicators(id, definition, state, defined_at, defined_by, sort) "
              "VALUES(?1, ?2, 'active', ?3, ?4, (SELECT coalesce(max(sort), 0) + 1 FROM town_indicators)) "
              "ON CONFLICT(id) DO UPDATE SET definition = excluded.definition, defined_at = excluded.defined_at, "
              "defined_by = excluded.defined_by")
        .bind(1, id).bind(2, def.dump()).bind(3, now_iso()).bind(4, actor.user).run();
    catalogs_.push_back(std::move(next));
    catalog_changed_ = true;
    mirror_catalog();
    json d = {{"old", old.empty() ? json() : json::parse(old)}, {"new", def}};
    audit({0, {}, actor.user, actor.device, "define_indicator", {}, id, {}, {}, {}, reason, d.dump()});
  });
  return id;
}

void Store::retire_indicator(const std::string& id, bool retired, const Actor& actor, const std::string& reason) {
  require_role(actor, {Role::Admin});
  transaction([&] {
    Stmt st(db_, "SELECT state FROM town_indicators WHERE id = ?");
    st.bind(1, id);
    if (!st.step() || st.text(0) == "deleted")
      throw InputError(tr("catalog.town_unknown", {{"id", id}}), Location{kSource, 0, "id"});
    const std::string to = retired ? "retired" : "active";
    if (st.text(0) == to) return;
    Stmt(db_, "UPDATE town_indicators SET state = ?, defined_at = ?, defined_by = ? WHERE id = ?")
        .bind(1, to).bind(2, now_iso()).bind(3, actor.user).bind(4, id).run();
    reload_catalog();
    catalog_changed_ = true;
    json d = {{"old", st.text(0)}, {"new", to}};
    audit({0, {}, actor.user, actor.device, retired ? "retire_indicator" : "restore_indicator", {}, id, {}, {}, {},
           reason, d.dump()});
  });
}

void Store::delete_indicator(const std::string& id, const Actor& actor, const std::string& reason) {
  require_role(actor, {Role::Admin});
  transaction([&] {
    std::vector<TownIndicator> rows = town_indicators();
    auto it = std::find_if(rows.begin(), rows.end(), [&](const TownIndicator& r) { return r.id == id; });
    if (it == rows.end() || it->state == "deleted")
      throw InputError(tr("catalog.town_unknown", {{"id", id}}), Location{kSource, 0, "id"});
    const std::string name = catalog().find(id) ? catalog().find(id)->name : id;
    if (uses(db_, id) > 0) throw InputError(tr("catalog.town_in_use", {{"name", name}}), Location{kSource, 0, "id"});
    it->state = "deleted";
    try {
      build_catalog(rows, nullptr);
    } catch (const InputError&) {  // another town indicator's formula or rule names it
      throw InputError(tr("catalog.town_referenced", {{"name", name}}), Location{kSource, 0, "id"});
    }
    Stmt(db_, "UPDATE town_indicators SET state = 'deleted', defined_at = ?, defined_by = ? WHERE id = ?")
        .bind(1, now_iso()).bind(2, actor.user).bind(3, id).run();
    Stmt(db_, "DELETE FROM indicators WHERE id = ?").bind(1, id).run();
    reload_catalog();
    catalog_changed_ = true;
    audit({0, {}, actor.user, actor.device, "delete_indicator", {}, id, {}, {}, {}, reason,
           json{{"definition", json::parse(it->definition)}}.dump()});
  });
}

std::string Store::add_section(const std::string& name, const Actor& actor) {
  require_role(actor, {Role::Admin});
  if (name.empty()) throw InputError(tr("catalog.town_section_name"), Location{kSource, 0, "section"});
  for (const auto& s : catalog().sections())
    if (s.name == name) return s.id;
  std::string id;
  transaction([&] {
    id = fresh_id(db_, "ts_", "town_sections");
    Stmt(db_, "INSERT INTO town_sections(id, name, sort) VALUES(?, ?, (SELECT coalesce(max(sort), 0) + 1 FROM town_sections))")
        .bind(1, id).bind(2, name).run();
    reload_catalog();
    catalog_changed_ = true;
    audit({0, {}, actor.user, actor.device, "add_section", {}, {}, {}, {}, {}, {}, json{{"id", id}, {"name", name}}.dump()});
  });
  return id;
}

std::vector<Section> Store::town_sections() const {
  Stmt st(db_, "SELECT id, name FROM town_sections ORDER BY sort, id");
  std::vector<Section> out;
  while (st.step()) out.push_back({st.text(0), st.text(1)});
  return out;
}

void Store::receive_section(const std::string& id, const std::string& name, const Actor& actor) {
  if (id.rfind("ts_", 0) != 0 || name.empty() || catalog().section(id)) return;  // known, or not a town's
  transaction([&] {
    Stmt(db_, "INSERT INTO town_sections(id, name, sort) VALUES(?, ?, (SELECT coalesce(max(sort), 0) + 1 FROM town_sections))")
        .bind(1, id).bind(2, name).run();
    reload_catalog();
    catalog_changed_ = true;
    audit({0, {}, actor.user, actor.device, "add_section", {}, {}, {}, {}, {}, {}, json{{"id", id}, {"name", name}}.dump()});
  });
}

std::string Store::receive_indicator(const TownIndicator& remote, const Actor& actor, const std::string& reason) {
  std::vector<TownIndicator> rows = town_indicators();
  auto it = std::find_if(rows.begin(), rows.end(), [&](const TownIndicator& r) { return r.id == remote.id; });
  if (it != rows.end() && (it->definition == remote.definition && it->state == remote.state)) return {};
  if (it != rows.end() && remote.defined_at < it->defined_at) return {};  // ours is the later one: it goes back
  const std::string name = catalog().find(remote.id) ? catalog().find(remote.id)->name : remote.id;
  auto refuse = [&](const std::string& why) {
    return tr("sync.import.indicator_kept", {{"name", name}, {"id", remote.id}, {"why", why}});
  };
  // Changed on both sides within the same second: which is later cannot be told.
  if (it != rows.end() && remote.defined_at == it->defined_at) return refuse(tr("sync.import.indicator_same_time"));
  if (remote.state != "active" && remote.state != "retired" && remote.state != "deleted")
    return refuse(tr("sync.import.indicator_bad_state", {{"state", remote.state}}));
  std::string conflict;
  std::string old;
  try {
    const Indicator fresh = catalog().read_town_indicator(remote.definition, "package");
    if (fresh.id != remote.id) return refuse(tr("catalog.town_id", {{"id", fresh.id}}));
    if (it != rows.end()) {
      const Indicator* before = catalog().find(remote.id);
      const int64_t used = uses(db_, remote.id);
      if (used > 0 && before && !same_meaning(*before, fresh)) return refuse(tr("catalog.town_meaning_fixed", {{"name", name}}));
      if (used > 0 && remote.state == "deleted") return refuse(tr("catalog.town_in_use", {{"name", name}}));
      old = it->definition;
      *it = remote;
    } else {
      rows.push_back(remote);
    }
    transaction([&] {
      auto next = build_catalog(rows, nullptr);  // names unique, formulas and rules known, or refused
      Stmt(db_, "INSERT INTO town_indicators(id, definition, state, defined_at, defined_by, sort) "
                "VALUES(?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(sort), 0) + 1 FROM town_indicators)) "
                "ON CONFLICT(id) DO UPDATE SET definition = excluded.definition, state = excluded.state, "
                "defined_at = excluded.defined_at, defined_by = excluded.defined_by")
          .bind(1, remote.id).bind(2, remote.definition).bind(3, remote.state).bind(4, remote.defined_at)
          .bind(5, remote.defined_by).run();
      if (remote.state == "deleted") Stmt(db_, "DELETE FROM indicators WHERE id = ?").bind(1, remote.id).run();
      catalogs_.push_back(std::move(next));
      catalog_changed_ = true;
      mirror_catalog();
      json d = {{"old", old.empty() ? json() : json::parse(old)}, {"new", json::parse(remote.definition)}, {"state", remote.state}};
      audit({0, {}, actor.user, actor.device, "define_indicator", {}, remote.id, {}, {}, {}, reason, d.dump()});
    });
  } catch (const InputError& e) {
    conflict = refuse(e.what());
  }
  return conflict;
}

}  // namespace jiceng
