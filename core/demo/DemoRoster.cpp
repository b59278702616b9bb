// The demo roster: fictional people at every stage of joining the Party, with stage dates that keep
// DOMAIN.md §1's timing (talk within a month, ≥ 6 months as applicant, > 1 year as activist,
// a year of probation).
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "base/Assets.hpp"
#include "demo/DemoDetail.hpp"

namespace jiceng::demo {
namespace {

using namespace std::chrono;

// The day the demo data describes: the end of November 2020.
constexpr sys_days kToday = sys_days{2020y / November / 30};

std::string iso(sys_days d) {
  year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buf;
}

sys_days day_in(Rng& rng, sys_days from, sys_days to) {
  return from + days{rng.range(0, int((to - from).count()))};
}

sys_days plus_years(sys_days d, int n) {
  year_month_day ymd{d};
  year_month_day r = ymd + years{n};
  if (!r.ok()) r = r.year() / r.month() / last;  // 29 February in a common year
  return sys_days{r};
}

class RosterMaker {
 public:
  RosterMaker(Rng& rng) : rng_(rng) {
    auto j = nlohmann::json::parse(asset("demo/names.json"));
    surnames_ = j["surnames"].get<std::vector<std::string>>();
    male_ = j["male"].get<std::vector<std::string>>();
    female_ = j["female"].get<std::vector<std::string>>();
  }

  // One person whose stages up to `stage` are dated backwards from the date that stage was reached.
  Member person(const Unit& u, OrgId branch, MemberStage stage, sys_days reached, int min_age, int max_age) {
    Member m;
    m.branch = branch;
    m.stage = stage;
    const int women = u.village() ? 28 : 50;  // rural branches are mostly men, offices and schools even
    m.gender = rng_.chance(women) ? "女" : "男";
    m.name = unique_name(m.gender == "女");

    sys_days probationary{}, candidate{}, activist{}, applied{};
    switch (stage) {
      case MemberStage::Full:
      case MemberStage::Probationary: probationary = reached; break;
      case MemberStage::Candidate: candidate = reached; break;
      case MemberStage::Activist: activist = reached; break;
      case MemberStage::Applicant: applied = reached; break;
    }
    if (stage >= MemberStage::Probationary) {
      candidate = probationary - days{rng_.range(60, 200)};  // review and training as 发展对象
      m.probationary_on = iso(probationary);
      sys_days full = plus_years(probationary, 1);
      if (full <= kToday) {
        m.stage = MemberStage::Full;
        m.full_on = iso(full);
      } else {
        m.stage = MemberStage::Probationary;
      }
    }
    if (stage >= MemberStage::Candidate) {
      activist = candidate - days{rng_.range(380, 700)};  // more than a year as 积极分子
      m.candidate_on = iso(candidate);
    }
    if (stage >= MemberStage::Activist) {
      applied = activist - days{rng_.range(185, 400)};  // about six months as applicant or more
      m.activist_on = iso(activist);
    }
    m.applied_on = iso(applied);
    sys_days talked = applied + days{rng_.range(5, 28)};  // the branch talks within a month
    if (talked <= kToday) m.talked_on = iso(talked);

    // Old enough when applying (18+) and of the age band asked for today.
    sys_days born_latest = std::min(plus_years(applied, -18), plus_years(kToday, -min_age));
    sys_days born_earliest = plus_years(kToday, -max_age);
    if (born_earliest > born_latest) born_earliest = born_latest - days{365};
    m.birth_date = iso(day_in(rng_, born_earliest, born_latest));
    return m;
  }

  sys_days date(int y0, int y1) { return day_in(rng_, sys_days{year{y0} / January / 1}, sys_days{year{y1} / December / 31}); }
  sys_days between(sys_days a, sys_days b) { return day_in(rng_, a, b); }
  Rng& rng() { return rng_; }

 private:
  std::string unique_name(bool female) {
    for (int attempt = 0;; ++attempt) {
      std::string n = rng_.pick(surnames_) + rng_.pick(female ? female_ : male_);
      // After many clashes a second given-name part makes the name unique.
      if (attempt > 20) n += rng_.pick(female ? female_ : male_);
      if (used_.insert(n).second) return n;
    }
  }

  Rng& rng_;
  std::vector<std::string> surnames_, male_, female_;
  std::set<std::string> used_;
};

}  // namespace

std::vector<Member> build_roster(const Town& town, Rng& rng) {
  RosterMaker mk(rng);
  std::vector<Member> out;
  for (const Unit& u : town.units) {
    size_t next = 0;
    auto branch = [&] { return u.branch_ids[next++ % u.branch_ids.size()]; };
    const bool office = !u.village();
    const int developed19 = u.developed(kFirstYear), developed20 = u.developed(kYear);
    const int reserve = u.reserve_at(kYear, kLastMonth);
    const int old = u.members - developed19 - developed20 - reserve;

    // Reserve cadres: younger full members groomed for the village committee.
    for (int i = 0; i < reserve; ++i) {
      Member m = mk.person(u, branch(), MemberStage::Full, mk.date(2009, 2018), 26, 42);
      m.reserve_cadre = true;
      out.push_back(std::move(m));
    }
    // Long-standing members: rural branches are old, offices younger.
    for (int i = 0; i < old; ++i) {
      sys_days joined = office ? mk.date(1992, 2018) : (mk.rng().chance(35) ? mk.date(1968, 1989) : mk.date(1990, 2018));
      out.push_back(mk.person(u, branch(), MemberStage::Full, joined, office ? 26 : 30, office ? 59 : 88));
    }
    // Developed in 2019 (full members since 2020) and in 2020 (still probationary).
    for (int i = 0; i < developed19; ++i)
      out.push_back(mk.person(u, branch(), MemberStage::Full, mk.between(sys_days{2019y / March / 1}, sys_days{2019y / November / 28}), 22, 40));
    for (int i = 0; i < developed20; ++i)
      out.push_back(mk.person(u, branch(), MemberStage::Probationary, mk.between(sys_days{2020y / January / 6}, sys_days{2020y / November / 20}), 22, 40));
    // The pipeline: next year's 发展对象, 积极分子 and fresh applicants.
    const int candidates = u.quota(kYear) > 0 ? (u.big() ? 2 : 1) : 0;
    for (int i = 0; i < candidates; ++i)
      out.push_back(mk.person(u, branch(), MemberStage::Candidate, mk.between(kToday - days{240}, kToday - days{20}), 22, 40));
    const int activists = mk.rng().range(1, u.big() ? 4 : 3);
    for (int i = 0; i < activists; ++i)
      out.push_back(mk.person(u, branch(), MemberStage::Activist, mk.between(kToday - days{390}, kToday - days{30}), 20, 40));
    const int applicants = mk.rng().range(0, 2);
    for (int i = 0; i < applicants; ++i)
      out.push_back(mk.person(u, branch(), MemberStage::Applicant, mk.between(kToday - days{170}, kToday - days{3}), 19, 38));
  }
  return out;
}

}  // namespace jiceng::demo
