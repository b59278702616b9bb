// The demo town: loads its layout, writes organisations, roster, targets and values in one
// transaction. The roster and the figures are made in demo/DemoRoster.cpp and demo/DemoValues.cpp.
#include "demo/Demo.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "base/Assets.hpp"
#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "demo/DemoDetail.hpp"
#include "store/Store.hpp"
#include "store/Users.hpp"

namespace jiceng {
namespace demo {

double Rng::real(double lo, double hi, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return range(int(std::lround(lo * scale)), int(std::lround(hi * scale))) / scale;
}

int Unit::quota(int year) const {
  if (auto it = quota_override.find(year); it != quota_override.end()) return it->second;
  if (!village()) return 1;
  if (big()) return 2;
  if (population >= 1000) return 1;
  return year == kYear ? 1 : 0;  // small villages got a quota only in 2020
}

int Unit::developed(int year) const {
  if (year == kYear && story == Story::Behind) return 0;
  if (year == kFirstYear && story == Story::Weak) return 0;  // the weak branch developed nobody in 2019
  return quota(year) + (year == kYear ? developed_extra : 0);
}

int Unit::reserve_target() const {
  if (!village()) return 0;
  return big() ? 3 : 2;
}

int Unit::reserve_at(int year, int month) const {
  const int target = reserve_target();
  if (target == 0) return 0;
  switch (story) {
    case Story::Behind: return 1;
    case Story::Weak: return year == kYear && month >= 5 ? target : 0;  // rectification added them in May
    default: break;
  }
  // One more cadre joined in spring 2020; the month differs by unit but is fixed by its code.
  const int joined = 2 + (code.back() - '0') % 4;
  return year == kYear && month >= joined ? target : target - 1;
}

Town load_town() {
  auto j = nlohmann::json::parse(asset("demo/town.json"));
  Town t;
  t.code = j["town"]["code"].get<std::string>();
  t.name = j["town"]["name"].get<std::string>();
  for (const auto& u : j["units"]) {
    Unit unit;
    unit.code = u["code"].get<std::string>();
    unit.name = u["name"].get<std::string>();
    unit.kind = parse_org_kind(u["kind"].get<std::string>()).value();
    unit.population = u["population"].get<int>();
    unit.members = u["members"].get<int>();
    const std::string story = u["story"].get<std::string>();
    unit.story = story == "behind"        ? Story::Behind
                 : story == "weak"        ? Story::Weak
                 : story == "unsubmitted" ? Story::Unsubmitted
                 : story == "late"        ? Story::Late
                                          : Story::OnTrack;
    unit.cold_store_year = u.value("cold_store", 0);
    unit.developed_extra = u.value("developed_extra", 0);
    unit.dues_yuan = u.value("dues_yuan", 2.0);
    if (u.contains("quota"))
      for (auto& [year, q] : u["quota"].items()) unit.quota_override[std::stoi(year)] = q.get<int>();
    unit.general_branch = u.value("general_branch", std::string());
    if (u.contains("branches")) unit.branches = u["branches"].get<std::vector<std::string>>();
    else unit.branches = {unit.name + tr("demo.branch_suffix")};
    t.units.push_back(std::move(unit));
  }
  for (auto& [year, code] : j["weak_branch"].items()) t.weak_branch[std::stoi(year)] = code.get<std::string>();
  for (auto& [year, figures] : j["town_figures"].items())
    t.town_figures[std::stoi(year)] = figures.get<std::map<std::string, double>>();
  return t;
}

}  // namespace demo

// One user of each role, with PINs printed in the README so anyone can try the sign-in; their
// hashes are in the asset (users.json keeps each PIN beside its hash for people and tests).
static void add_demo_users(Store& store, const Actor& actor) {
  const auto users = nlohmann::json::parse(asset("demo/users.json"));
  for (const auto& u : users) {
    User user;
    user.login = u.at("login");
    user.name = u.at("name");
    user.role = parse_role(u.at("role").get<std::string>()).value();
    for (const auto& code : u.value("orgs", nlohmann::json::array())) user.orgs.push_back(store.require_org(code.get<std::string>()).id);
    add_user_hashed(store, user, u.at("pin_hash"), u.at("pin").get<std::string>().size(), actor);
  }
}

void write_demo_town(Store& store) {
  if (!store.is_empty()) throw InputError(tr("demo.not_empty"));
  demo::Town town = demo::load_town();
  demo::Rng rng(kDemoSeed);
  const Actor actor{tr("demo.actor"), ""};
  const std::string reason = tr("demo.reason");

  store.transaction([&] {
    store.set_meta("town_name", town.name);
    store.set_meta("demo", "1");
    for (const auto& [year, code] : town.weak_branch) store.set_meta("weak_branch_org." + std::to_string(year), code);

    const OrgId town_id = store.add_org(Org{0, town.code, town.name, OrgKind::Town, std::nullopt, 0}, actor);
    int sort = 0;
    for (auto& u : town.units) {
      u.id = store.add_org(Org{0, u.code, u.name, u.kind, town_id, sort += 10}, actor);
      OrgId parent = u.id;
      if (!u.general_branch.empty())
        parent = store.add_org(Org{0, u.code + "-Z", u.general_branch, OrgKind::GeneralBranch, u.id, 0}, actor);
      int n = 0;
      for (const auto& b : u.branches) {
        const std::string code = u.code + "-" + std::to_string(++n);
        u.branch_ids.push_back(store.add_org(Org{0, code, b, OrgKind::Branch, parent, n}, actor));
      }
    }

    store.add_members(demo::build_roster(town, rng), actor);
    for (const auto& t : demo::build_targets(town, town_id, store.catalog()))
      store.set_target(t.org, t.indicator, demo::kYear, t.value, actor, reason);
    store.set_values(demo::build_values(town, store.catalog(), rng), actor, reason);
    add_demo_users(store, actor);
  });
}

}  // namespace jiceng
