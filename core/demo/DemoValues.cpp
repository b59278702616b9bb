// The demo figures: 2020 targets and two years of values for every typed indicator, sized for a
// rural town of about 19 000 people, each consistent with the catalog's rules. Three villages fall
// behind their targets, one has submitted nothing for 2020, one is still typing November.
#include <cmath>

#include "base/Strings.hpp"
#include "demo/DemoDetail.hpp"

namespace jiceng::demo {
namespace {

using Figures = std::map<std::string, double>;

double round_to(double v, int decimals) {
  const double s = std::pow(10.0, decimals);
  return std::round(v * s) / s;
}
int whole(double v) { return int(std::lround(v)); }
int round_step(double v, int step) { return std::max(step, whole(v / step) * step); }

// Seasons of village work: spring clean-up campaigns, quiet winters (mean 1).
constexpr double kSeason[12] = {0.7, 0.6, 1.3, 1.5, 1.3, 1.0, 0.9, 0.9, 1.0, 1.1, 1.0, 0.7};

// The poverty ledger of a village: card-registered households and persons, and how many remained
// poor at the end of 2018, 2019 and 2020. Deterministic so that targets and values agree.
struct Ledger {
  int households = 0, persons = 0;
  int remaining_h[3] = {0, 0, 0}, remaining_p[3] = {0, 0, 0};  // end of 2018, 2019, 2020
};

Ledger ledger(const Unit& u) {
  Ledger l;
  if (!u.village()) return l;
  l.households = whole(u.scale() * 22);
  l.persons = whole(l.households * 2.6);
  l.remaining_h[0] = whole(l.households * 0.3);
  l.remaining_h[1] = std::max(1, whole(l.households * 0.07));
  if (u.story == Story::Behind) {
    l.remaining_h[1] = std::max(l.remaining_h[1], 3);
    l.remaining_h[2] = l.remaining_h[1] > 3 ? 2 : 1;  // a few households not yet lifted
  }
  l.remaining_p[0] = whole(l.remaining_h[0] * 2.7);
  l.remaining_p[1] = whole(l.remaining_h[1] * 2.5);
  l.remaining_p[2] = l.remaining_h[2] * 2;
  return l;
}

double income_2019(const Unit& u) {
  if (!u.village()) return 0;
  return round_to(3.5 + u.scale() * 6.5 + ((u.code.back() - '0') % 4) * 3.1, 2);
}

int branches(const Unit& u) { return int(u.branch_ids.empty() ? u.branches.size() : u.branch_ids.size()); }

// The 2020 target of a unit, NaN when it has none.
double target_of(const Unit& u, const std::string& id) {
  const double none = std::nan("");
  const double f = u.scale();
  const int m = u.members;
  if (id == "standard_branches") return branches(u);
  if (id == "visited_households") return u.village() ? round_step(f * 600, 10) : round_step(m * 15, 10);
  if (id == "branch_meetings") return branches(u) * 30;
  if (id == "new_members") return u.quota(kYear) > 0 ? u.quota(kYear) : none;
  if (id == "trainees") return round_step(m * 3, 10);
  if (id == "dues") return round_to(m * u.dues_yuan * 12 / 10000, 2);
  if (!u.village()) return none;
  const Ledger l = ledger(u);
  if (id == "reserve_cadres") return u.reserve_target();
  if (id == "lifted_households") return l.remaining_h[1];
  if (id == "lifted_persons") return l.remaining_p[1];
  if (id == "village_projects") return 1 + u.big() + (f > 1.3);
  if (id == "household_projects") return whole(l.households * 0.5);
  if (id == "micro_loans") return round_to(f * 25, 1);
  if (id == "houses_renovated") return whole(1 + f * 2);
  if (id == "new_roads") return round_to(f * 1.6, 1);
  if (id == "street_lights") return round_step(f * 24, 5);
  if (id == "toilets_rebuilt") return round_step(f * 55, 10);
  if (id == "collective_income") return round_to(income_2019(u) * 1.15, 1);
  return none;
}

// How far a unit gets against its targets in a year (1 = exactly the target).
double performance(const Unit& u, int year, Rng& rng) {
  if (year != kYear) return rng.real(0.92, 1.04, 2);
  if (u.story == Story::Behind) return rng.real(0.5, 0.7, 2);
  return rng.real(0.95, 1.1, 2);
}

// A yearly figure reached against a target: 2019 had no stored targets, so it is sized by 2020's.
double achieve(const Unit& u, const std::string& id, double perf, int decimals) {
  return round_to(target_of(u, id) * perf, decimals);
}

Figures unit_yearly(const Unit& u, int year, Rng& rng) {
  Figures v;
  const bool y20 = year == kYear, vil = u.village();
  const double f = u.scale(), perf = performance(u, year, rng);
  const int m = u.members;

  v["rural_population"] = vil ? u.population + (y20 ? 0 : rng.range(8, 40)) : 0;
  // The pandemic response happened in 2020 only.
  const int donors = y20 ? whole(m * rng.real(0.6, 0.95, 2)) : 0;
  v["response_members"] = y20 ? whole(m * rng.real(0.72, 0.95, 2)) : 0;
  v["commando_teams"] = y20 ? (vil ? 1 + u.big() + (f > 1.3) : 1) : 0;
  v["donor_members"] = donors;
  v["donation_amount"] = round_to(donors * (vil ? rng.range(100, 400) : rng.range(300, 1000)) / 10000.0, 2);

  v["standard_branches"] = branches(u);
  // The weak branch met the standard last, in September 2020, after its rectification.
  v["standard_month"] = y20 ? (u.story == Story::Weak ? 9 : rng.range(3, 7)) : rng.range(8, 12);
  v["new_members"] = u.developed(year);
  v["new_member_quota"] = u.quota(year);
  v["reserve_cadres_recruited"] = u.reserve_at(year, 12) >= 2 && rng.chance(y20 ? 35 : 25) ? 1 : 0;

  const Ledger l = ledger(u);
  const int i = y20 ? 2 : 1;  // index of this year's end in the ledger
  v["registered_poor_households"] = l.households;
  v["registered_poor_persons"] = l.persons;
  v["lifted_households"] = l.remaining_h[i - 1] - l.remaining_h[i];
  v["lifted_persons"] = l.remaining_p[i - 1] - l.remaining_p[i];
  v["poor_households_remaining"] = l.remaining_h[i];
  v["poor_persons_remaining"] = l.remaining_p[i];

  // Town-level units run no poverty projects; their figures are a true zero, not a gap.
  const char* village_only[] = {"household_project_funds", "supported_households", "village_projects",
                                "household_projects", "cold_stores", "micro_loans", "houses_renovated",
                                "education_aid_students", "health_aid_times", "outside_jobs", "welfare_posts",
                                "disability_subsidy", "new_roads", "street_lights", "cleaning_posts",
                                "toilets_rebuilt", "collective_income"};
  if (!vil) {
    for (const char* id : village_only) v[id] = 0;
    return v;
  }
  v["household_project_funds"] = round_to(l.households * rng.real(0.25, 0.45, 2), 1);
  v["supported_households"] = whole(l.households * rng.real(0.6, 0.95, 2));
  v["village_projects"] = whole(target_of(u, "village_projects") * perf);
  v["household_projects"] = whole(target_of(u, "household_projects") * perf);
  v["cold_stores"] = u.cold_store_year == year ? 1 : 0;
  v["micro_loans"] = achieve(u, "micro_loans", perf, 1);
  v["houses_renovated"] = whole(target_of(u, "houses_renovated") * perf);
  v["education_aid_students"] = whole(f * rng.range(6, 12));
  v["health_aid_times"] = whole(f * rng.range(30, 70));
  v["outside_jobs"] = whole(l.households * rng.real(0.8, 1.5, 2));
  v["welfare_posts"] = whole(f * rng.range(2, 5));
  v["disability_subsidy"] = whole(f * rng.range(8, 16));
  v["new_roads"] = achieve(u, "new_roads", perf, 1);
  v["street_lights"] = whole(target_of(u, "street_lights") * perf);
  v["cleaning_posts"] = std::max(2, whole(f * rng.range(2, 4)));
  v["toilets_rebuilt"] = whole(target_of(u, "toilets_rebuilt") * perf);
  v["collective_income"] = y20 ? round_to(income_2019(u) * (u.story == Story::Behind ? rng.real(0.95, 1.05, 2)
                                                                                    : rng.real(1.12, 1.3, 2)), 2)
                               : income_2019(u);
  return v;
}

Figures unit_monthly(const Unit& u, int year, int month, double perf, Rng& rng) {
  Figures v;
  const bool vil = u.village();
  const double f = u.scale(), season = kSeason[month - 1];
  auto noise = [&] { return rng.real(0.8, 1.2, 2); };
  const int b = branches(u);

  const int visited = whole(target_of(u, "visited_households") / 12 * perf * noise());
  const int suggestions = whole(visited * rng.real(0.06, 0.12, 2));
  v["visited_households"] = visited;
  v["suggestions"] = suggestions;
  v["problems_solved"] = whole(suggestions * rng.real(0.6, 0.95, 2));
  v["branch_meetings"] = whole(target_of(u, "branch_meetings") / 12 * perf * noise());
  v["party_days"] = perf < 0.8 && rng.chance(30) ? 0 : b;
  v["trainees"] = whole(target_of(u, "trainees") / 12 * perf * noise());
  // Dues in 万元 to the 元 (4 places): a village branch collects tens of 元 a month.
  v["dues"] = round_to(u.members * u.dues_yuan * std::min(perf, 1.0) * rng.real(0.95, 1.05, 2) / 10000, 4);
  v["reserve_cadres"] = u.reserve_at(year, month);
  v["cleanup_labor"] = vil ? whole(f * 45 * season * noise()) : whole(u.members * 0.5 * season);
  v["manure_removed"] = vil ? round_to(f * 6 * season * noise(), 1) : 0;
  v["ruined_walls"] = vil ? rng.range(0, std::max(1, whole(f * 3))) : 0;
  v["rubbish_removed"] = vil ? std::max(0.01, round_to(f * 0.02 * season * noise(), 2)) : 0;
  return v;
}

Figures town_monthly(int year, int month, Rng& rng) {
  Figures v;
  const int meetings = rng.range(2, 4);
  v["town_meetings"] = meetings;
  v["site_visits"] = rng.range(1, std::min(2, meetings));
  // Training classes for 积极分子/发展对象: spring and autumn (2020's spring class moved to June).
  const bool class_month = year == kYear ? (month == 6 || month == 10) : (month == 4 || month == 9);
  v["training_classes"] = class_month ? 1 : 0;
  return v;
}

// The status a clerk's values have reached by the end of November 2020.
ValueStatus status_of(const Unit* u, const Period& p) {
  if (p.year < kYear) return ValueStatus::Approved;
  if (u && u->story == Story::Unsubmitted) return ValueStatus::Draft;
  if (p.month >= 1 && p.month <= 9) return ValueStatus::Approved;
  if (u && u->story == Story::Late && p.month == kLastMonth) return ValueStatus::Draft;
  return ValueStatus::Submitted;
}

// Appends one ValueInput per typed indicator of `figures`, in catalog order.
void emit(std::vector<ValueInput>& out, const Catalog& catalog, const std::string& org, const Unit* u,
          const Period& p, const Figures& figures) {
  for (const auto& [id, value] : figures) catalog.at(id);  // a renamed indicator fails loudly
  for (const auto& ind : catalog.indicators()) {
    auto it = figures.find(ind.id);
    if (it == figures.end()) continue;
    ValueInput in;
    in.org = org;
    in.indicator = ind.id;
    in.period = p.str();
    in.value = format_number(it->second, 6);
    in.status = status_of(u, p);
    out.push_back(std::move(in));
  }
}

}  // namespace

std::vector<TargetInput> build_targets(const Town& town, OrgId town_id, const Catalog& catalog) {
  std::vector<TargetInput> out;
  for (const auto& ind : catalog.indicators()) {
    if (!ind.has_target) continue;
    double total = 0;
    bool any = false;
    for (const Unit& u : town.units) {
      double t = target_of(u, ind.id);
      if (std::isnan(t)) continue;
      out.push_back({u.id, ind.id, t});
      total += t;
      any = true;
    }
    // The county's target for the town is what the town split among its units.
    if (any) out.push_back({town_id, ind.id, round_to(total, 4)});
  }
  return out;
}

std::vector<ValueInput> build_values(const Town& town, const Catalog& catalog, Rng& rng) {
  std::vector<ValueInput> out;
  for (int year : {kFirstYear, kYear}) {
    const int months = year == kYear ? kLastMonth : 12;
    for (const Unit& u : town.units) {
      emit(out, catalog, u.code, &u, Period{year, 0}, unit_yearly(u, year, rng));
      const double perf = year == kYear && u.story == Story::Behind ? rng.real(0.5, 0.7, 2) : rng.real(1.0, 1.12, 2);
      for (int month = 1; month <= months; ++month)
        emit(out, catalog, u.code, &u, Period{year, month}, unit_monthly(u, year, month, perf, rng));
    }
    if (auto it = town.town_figures.find(year); it != town.town_figures.end())
      emit(out, catalog, town.code, nullptr, Period{year, 0}, it->second);
    for (int month = 1; month <= months; ++month)
      emit(out, catalog, town.code, nullptr, Period{year, month}, town_monthly(year, month, rng));
  }
  return out;
}

}  // namespace jiceng::demo
