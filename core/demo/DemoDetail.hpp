#pragma once
// Internals of the demo town shared by demo/Demo.cpp, demo/DemoRoster.cpp and demo/DemoValues.cpp.
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "model/Model.hpp"
#include "store/Store.hpp"

namespace jiceng::demo {

// Random numbers that are the same on every platform: std::mt19937's sequence is fixed by the
// standard, the std::uniform_* distributions are not, so the mapping to ranges is our own.
class Rng {
 public:
  explicit Rng(uint32_t seed) : gen_(seed) {}
  int range(int lo, int hi) { return lo + int(gen_() % uint32_t(hi - lo + 1)); }
  // A number in [lo, hi] with `decimals` places.
  double real(double lo, double hi, int decimals);
  bool chance(int percent) { return range(1, 100) <= percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[size_t(range(0, int(v.size()) - 1))]; }

 private:
  std::mt19937 gen_;
};

// What a unit's 2020 data says about it (assets/demo/town.json "story").
enum class Story { OnTrack, Behind, Weak, Unsubmitted, Late };

constexpr int kFirstYear = 2019, kYear = 2020;
constexpr int kLastMonth = 11;  // the summary is written in December: data up to November

struct Unit {
  std::string code, name;
  OrgKind kind = OrgKind::Village;
  int population = 0;  // 农村户籍人口; 0 for town-level units
  int members = 0;     // 正式 + 预备党员
  Story story = Story::OnTrack;
  int cold_store_year = 0;
  std::map<int, int> quota_override;  // year → 发展党员任务数 when not the population rule
  int developed_extra = 0;            // 2020 members developed beyond the quota
  double dues_yuan = 2;               // average monthly 党费 per member, 元
  std::string general_branch;         // 党总支 name, empty when none
  std::vector<std::string> branches;  // 党支部 names
  // Filled while writing.
  OrgId id = 0;
  std::vector<OrgId> branch_ids;

  bool village() const { return kind == OrgKind::Village || kind == OrgKind::Community; }
  bool big() const { return population >= 2000; }
  double scale() const { return population / 1000.0; }
  // The plan the roster and the figures share (no randomness, so both agree).
  int quota(int year) const;      // 发展党员任务数
  int developed(int year) const;  // members who became 预备党员 in the year
  int reserve_target() const;     // 后备干部 the town wants by the end of 2020
  int reserve_at(int year, int month) const;  // 后备干部 on the books in that month
};

struct Town {
  std::string code, name;
  std::vector<Unit> units;
  std::map<int, std::string> weak_branch;  // year → unit code of the 软弱涣散 branch rectified
  std::map<int, std::map<std::string, double>> town_figures;  // year → yearly town-level figures
};

// Reads assets/demo/town.json.
Town load_town();
// The member roster, every stage date consistent with DOMAIN.md §1; unit branch ids must be set.
std::vector<Member> build_roster(const Town& town, Rng& rng);

struct TargetInput {
  OrgId org = 0;
  std::string indicator;
  double value = 0;
};
// 2020 targets of every unit and the town (the sum of its units).
std::vector<TargetInput> build_targets(const Town& town, OrgId town_id, const Catalog& catalog);
// Values of every typed indicator: 2019 (months 1–12 and yearly) and 2020 (months 1–11 and yearly).
std::vector<ValueInput> build_values(const Town& town, const Catalog& catalog, Rng& rng);

}  // namespace jiceng::demo
