#include "sync/County.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <set>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "model/Figures.hpp"
#include "store/Store.hpp"
#include "sync/Identity.hpp"
#include "sync/Import.hpp"
#include "sync/Package.hpp"

namespace jiceng::sync {

using sql::Stmt;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(tr("sync.county.cannot_read"), Location{path});
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// A scratch copy of the source, removed with its WAL files whatever happens.
struct Scratch {
  std::string path = (std::filesystem::temp_directory_path() / ("jiceng-rollup-" + random_hex_id(8) + ".db")).string();
  std::unique_ptr<Store> store;
  ~Scratch() {
    store.reset();
    std::error_code ec;
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path + ext, ec);
  }
};

// The town database copied (VACUUM INTO reads it without writing; opening the copy migrates the
// copy, never the town's own file).
void load_database(Scratch& s, const std::string& source) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(source.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw InputError(tr("sync.county.not_source"), Location{source});
  }
  try {
    Stmt(db, "VACUUM INTO ?").bind(1, s.path).run();
  } catch (const std::exception&) {
    sqlite3_close(db);
    throw InputError(tr("sync.county.not_source"), Location{source});
  }
  sqlite3_close(db);
  s.store = Store::open(s.path);
}

// A package of a whole town, imported into an empty scratch database.
void load_package(Scratch& s, const std::string& source, const Actor& actor) {
  const ReadPackage p = read_package(source);
  // Sealed for the town's own devices: the county gets the open package made for it, without names.
  if (p.sealed) throw InputError(tr("sync.county.sealed_package"), Location{source});
  std::string root;
  for (const auto& o : p.package.orgs)
    if (o.parent.empty()) root = o.code;
  bool whole = false;
  for (const auto& r : p.package.roots) whole = whole || r == root;
  if (!whole || !p.package.everything) throw InputError(tr("sync.county.partial_package"), Location{source});
  s.store = Store::open(s.path);
  import_package(*s.store, p, actor, source);
}

}  // namespace

void make_county(Store& county) {
  if (is_county(county)) return;
  if (!county.is_empty()) throw InputError(tr("sync.county.is_town"), Location{county.path()});
  county.set_meta("role", "county");
}

RollupResult roll_up(Store& county, const std::string& source, const Actor& actor) {
  // Refused early, and made a county only with the first town it takes: a refused roll-up writes nothing.
  if (!is_county(county) && !county.is_empty()) throw InputError(tr("sync.county.is_town"), Location{county.path()});
  if (!std::filesystem::exists(source)) throw InputError(tr("sync.county.cannot_read"), Location{source});
  const std::string bytes = read_file(source);
  Scratch s;
  if (looks_like_package(bytes)) load_package(s, source, actor);
  else load_database(s, source);
  Store& town = *s.store;
  if (is_county(town)) throw InputError(tr("sync.county.source_is_county"), Location{source});
  auto root = town.town();
  if (!root) throw InputError(tr("sync.county.no_town"), Location{source});

  RollupResult r;
  const TownIdentity id = town_identity(town);
  r.town = {id.id, id.code, id.name, std::filesystem::path(source).filename().string(), now_iso()};
  sqlite3* db = county.handle();
  county.transaction([&] {
    make_county(county);
    Stmt same(db, "SELECT 1 FROM county_towns WHERE code = ? AND name = ? AND town_id != ?");
    same.bind(1, id.code).bind(2, id.name).bind(3, id.id);
    if (same.step()) throw InputError(tr("sync.county.same_name", {{"name", id.name}, {"code", id.code}}), Location{source});
    Stmt had(db, "SELECT sort FROM county_towns WHERE town_id = ?");
    had.bind(1, id.id);
    r.replaced = had.step();
    const int64_t sort = r.replaced ? had.int64(0) : sql::scalar_int(db, "SELECT coalesce(max(sort), 0) + 1 FROM county_towns");
    for (const char* table : {"county_figures", "county_units", "county_years", "county_orgs"})
      Stmt(db, std::string("DELETE FROM ") + table + " WHERE town_id = ?").bind(1, id.id).run();
    Stmt(db, "INSERT INTO county_towns(town_id, code, name, source, source_sha256, rolled_up_at, sort) VALUES(?,?,?,?,?,?,?) "
             "ON CONFLICT(town_id) DO UPDATE SET code = excluded.code, name = excluded.name, source = excluded.source, "
             "source_sha256 = excluded.source_sha256, rolled_up_at = excluded.rolled_up_at")
        .bind(1, id.id).bind(2, id.code).bind(3, id.name).bind(4, r.town.source).bind(5, sha256_hex(bytes))
        .bind(6, r.town.rolled_up_at).bind(7, sort).run();

    // The town and its reporting units: the tree the county drills into.
    Stmt org(db, "INSERT INTO county_orgs(town_id, code, name, kind, parent_code, sort) VALUES(?,?,?,?,?,?)");
    std::vector<OrgId> kept;
    for (const auto& o : town.orgs()) {
      if (o.parent && !is_reporting_unit(o.kind)) continue;
      org.bind(1, id.id).bind(2, o.code).bind(3, o.name).bind(4, std::string(to_string(o.kind)))
          .bind(5, o.parent ? root->code : std::string()).bind(6, o.sort).run();
      kept.push_back(o.id);
    }
    // The town's own indicators, matched by id; one whose definition differs here is left out.
    for (const auto& sec : town.town_sections()) county.receive_section(sec.id, sec.name, actor);
    std::set<std::string> left_out;
    for (const auto& t : town.town_indicators()) {
      const bool known = county.catalog().find(t.id) != nullptr;
      std::string why = county.receive_indicator(t, actor, tr("sync.county.indicator_reason", {{"town", id.name}}));
      const Indicator* here = county.catalog().find(t.id);
      const Indicator* there = town.catalog().find(t.id);
      if (!why.empty() || (here && there && (here->unit != there->unit || here->kind != there->kind))) {
        left_out.insert(t.id);
        r.notes.push_back(why.empty() ? tr("sync.county.indicator_differs", {{"town", id.name}, {"name", there ? there->name : t.id}}) : why);
      } else if (!known && here) {
        ++r.indicators_received;
      }
    }
    Stmt fig(db, "INSERT INTO county_figures(town_id, year, org_code, indicator_id, value, target) VALUES(?,?,?,?,?,?)");
    Stmt unit(db, "INSERT INTO county_units(town_id, year, org_code, filled, expected, status) VALUES(?,?,?,?,?,?)");
    Stmt year(db, "INSERT INTO county_years(town_id, year, last_month) VALUES(?,?,?)");
    for (int y : town.years()) {
      // The town's own computation: the county shows exactly what the town's dashboard shows.
      const YearFigures f = YearFigures::compute(town, y);
      year.bind(1, id.id).bind(2, y).bind(3, f.last_month()).run();
      for (OrgId o : kept) {
        const std::string& code = f.org(o)->code;
        for (const auto& ind : town.catalog().indicators()) {
          if (left_out.count(ind.id)) continue;
          auto v = f.value(o, ind.id);
          auto t = f.target(o, ind.id);
          if (!v && !t) continue;
          fig.bind(1, id.id).bind(2, y).bind(3, code).bind(4, ind.id).bind(5, v).bind(6, t).run();
          ++r.figures;
        }
      }
      for (const auto& u : build_dashboard(f).units)
        unit.bind(1, id.id).bind(2, y).bind(3, u.org.code).bind(4, u.filled).bind(5, u.expected)
            .bind(6, u.lowest ? std::string(to_string(*u.lowest)) : std::string()).run();
      r.years.push_back(y);
    }
    nlohmann::json d = {{"town", id.id}, {"code", id.code}, {"name", id.name}, {"source", r.town.source},
                        {"years", r.years}, {"replaced", r.replaced}};
    county.record_audit({0, {}, actor.user, actor.device, "county_rollup", std::nullopt, {}, {}, {}, {}, {}, d.dump()});
  });
  return r;
}

std::vector<CountyTown> county_towns(const Store& county) {
  Stmt st(county.handle(), "SELECT town_id, code, name, source, rolled_up_at FROM county_towns ORDER BY sort");
  std::vector<CountyTown> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)});
  return out;
}

void remove_town(Store& county, const std::string& key, const Actor& actor) {
  std::optional<CountyTown> found;
  for (auto& t : county_towns(county))
    if (t.id == key || t.code == key || t.name == key) {
      if (found) throw InputError(tr("sync.county.ambiguous", {{"town", key}}));
      found = t;
    }
  if (!found) throw InputError(tr("sync.county.unknown_town", {{"town", key}}));
  county.transaction([&] {
    // Foreign keys cascade from county_towns to the town's orgs, figures, units and years.
    Stmt(county.handle(), "DELETE FROM county_towns WHERE town_id = ?").bind(1, found->id).run();
    nlohmann::json d = {{"town", found->id}, {"code", found->code}, {"name", found->name}};
    county.record_audit({0, {}, actor.user, actor.device, "county_remove", std::nullopt, {}, {}, {}, {}, {}, d.dump()});
  });
}

}  // namespace jiceng::sync
