#include "sync/County.hpp"

#include <filesystem>
#include <set>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "model/Figures.hpp"
#include "store/DatabaseFile.hpp"
#include "store/Store.hpp"
#include "sync/Identity.hpp"
#include "sync/Import.hpp"
#include "sync/Package.hpp"

namespace jiceng::sync {

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
  if (!copy_database(source, s.path)) throw InputError(tr("sync.county.not_source"), Location{source});
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
  county.transaction([&] {
    make_county(county);
    if (county_name_taken(county, id.code, id.name, id.id))
      throw InputError(tr("sync.county.same_name", {{"name", id.name}, {"code", id.code}}), Location{source});
    CountyTownWriter rows(county, r.town, sha256_hex(bytes));
    r.replaced = rows.replaced();

    // The town and its reporting units: the tree the county drills into.
    std::vector<OrgId> kept;
    for (const auto& o : town.orgs()) {
      if (o.parent && !is_reporting_unit(o.kind)) continue;
      rows.org(o.code, o.name, o.kind, o.parent ? root->code : std::string(), o.sort);
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
    for (int y : town.years()) {
      // The town's own computation: the county shows exactly what the town's dashboard shows.
      const YearFigures f = YearFigures::compute(town, y);
      rows.year(y, f.last_month());
      for (OrgId o : kept) {
        const std::string& code = f.org(o)->code;
        for (const auto& ind : town.catalog().indicators()) {
          if (left_out.count(ind.id)) continue;
          auto v = f.value(o, ind.id);
          auto t = f.target(o, ind.id);
          if (!v && !t) continue;
          rows.figure(y, code, ind.id, v, t);
          ++r.figures;
        }
      }
      for (const auto& u : build_dashboard(f).units)
        rows.unit(y, u.org.code, u.filled, u.expected, u.lowest ? std::string(to_string(*u.lowest)) : std::string());
      r.years.push_back(y);
    }
    nlohmann::json d = {{"town", id.id}, {"code", id.code}, {"name", id.name}, {"source", r.town.source},
                        {"years", r.years}, {"replaced", r.replaced}};
    county.record_audit({0, {}, actor.user, actor.device, "county_rollup", std::nullopt, {}, {}, {}, {}, {}, d.dump()});
  });
  return r;
}

std::vector<CountyTown> county_towns(const Store& county) {
  return county_town_rows(county);
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
    remove_county_town_rows(county, found->id);
    nlohmann::json d = {{"town", found->id}, {"code", found->code}, {"name", found->name}};
    county.record_audit({0, {}, actor.user, actor.device, "county_remove", std::nullopt, {}, {}, {}, {}, {}, d.dump()});
  });
}

}  // namespace jiceng::sync
