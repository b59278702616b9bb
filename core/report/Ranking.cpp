#include "report/Ranking.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/JsonWriter.hpp"
#include "base/Strings.hpp"
#include "store/Store.hpp"

namespace jiceng {

std::string_view to_string(Band b) {
  constexpr std::string_view names[] = {"A", "B", "C", "D"};
  return names[int(b)];
}

// ---- Settings ---------------------------------------------------------------------------------

double RankingSettings::weight(std::string_view part) const {
  for (const auto& [k, w] : weights)
    if (k == part) return w;
  return part == "reporting" ? 0.0 : default_section_weight;
}

Band RankingSettings::band(double score) const {
  if (score >= band_a) return Band::A;
  if (score >= band_b) return Band::B;
  if (score >= band_c) return Band::C;
  return Band::D;
}

nlohmann::json RankingSettings::to_json() const {
  nlohmann::json w = nlohmann::json::object();
  for (const auto& [k, v] : weights) w[k] = v;
  return {{"weights", w},
          {"default_section_weight", default_section_weight},
          {"bands", {{"A", band_a}, {"B", band_b}, {"C", band_c}}},
          {"pace", pace}};
}

RankingSettings RankingSettings::from_json(const nlohmann::json& j, const Location& where) {
  auto fail = [&](const std::string& field, const std::string& key, std::initializer_list<Arg> args) -> void {
    Location at = where;
    at.field = field;
    throw InputError(tr(key, args), at);
  };
  auto number = [&](const nlohmann::json& v, const std::string& field) {
    if (!v.is_number()) fail(field, "dashboard.settings.not_number", {{"field", field}});
    const double x = v.get<double>();
    if (!std::isfinite(x)) fail(field, "dashboard.settings.not_number", {{"field", field}});
    return x;
  };
  if (!j.is_object()) fail("", "dashboard.settings.not_object", {});
  RankingSettings s;
  for (const auto& [key, value] : j.items()) {
    if (key == "weights") {
      if (!value.is_object()) fail(key, "dashboard.settings.not_object", {});
      s.weights.clear();
      for (const auto& [part, w] : value.items()) {
        const double x = number(w, "weights." + part);
        if (x < 0) fail("weights." + part, "dashboard.settings.negative_weight", {{"field", part}});
        s.weights.emplace_back(part, x);
      }
    } else if (key == "default_section_weight") {
      s.default_section_weight = number(value, key);
      if (s.default_section_weight < 0) fail(key, "dashboard.settings.negative_weight", {{"field", key}});
    } else if (key == "bands") {
      if (!value.is_object()) fail(key, "dashboard.settings.not_object", {});
      for (const auto& [band, limit] : value.items()) {
        const std::string field = "bands." + band;
        const double x = number(limit, field);
        if (x < 0 || x > 100) fail(field, "dashboard.settings.band_range", {{"band", band}});
        if (band == "A") s.band_a = x;
        else if (band == "B") s.band_b = x;
        else if (band == "C") s.band_c = x;
        else fail(field, "dashboard.settings.unknown_band", {{"band", band}});
      }
    } else if (key == "pace") {
      if (!value.is_boolean()) fail(key, "dashboard.settings.not_bool", {{"field", key}});
      s.pace = value.get<bool>();
    } else {
      fail(key, "dashboard.settings.unknown_field", {{"field", key}});
    }
  }
  if (!(s.band_a >= s.band_b && s.band_b >= s.band_c)) fail("bands", "dashboard.settings.band_order", {});
  return s;
}

RankingSettings RankingSettings::load(const Store& store) {
  const std::string text = store.meta(kMetaKey);
  if (text.empty()) return {};
  const Location where{};  // the messages name the setting and its field themselves
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) throw InputError(tr("dashboard.settings.bad_json"), where);
  return from_json(j, where);
}

RankingSettings RankingSettings::load_or_default(const Store& store, std::string* problem) {
  try {
    return load(store);
  } catch (const InputError& e) {
    if (problem) *problem = tr("dashboard.settings.using_defaults", {{"problem", e.describe()}});
    return {};
  }
}

void RankingSettings::save(Store& store, const Actor& actor) const {
  const auto j = to_json();
  from_json(j);  // the same checks as on load, before anything is written
  store.set_setting(kMetaKey, j.dump(), actor);
}

// ---- Ranking ----------------------------------------------------------------------------------

Ranking build_ranking(const YearFigures& f, const Dashboard& d, const RankingSettings& s,
                      const OverdueReport& overdue, const DashboardSettings& ds) {
  Ranking r;
  r.settings = s;
  r.elapsed = d.as_of_month / 12.0;
  const auto& inds = f.catalog().indicators();

  // Per village: each targeted indicator's progress and status, gathered by section.
  struct Acc {
    double sum = 0;
    int n = 0;
  };
  std::vector<std::string> section_ids;
  for (const auto& sec : f.catalog().sections()) section_ids.push_back(sec.id);
  std::vector<size_t> section_of(inds.size());
  for (size_t i = 0; i < inds.size(); ++i)
    section_of[i] = size_t(std::find(section_ids.begin(), section_ids.end(), inds[i].section) - section_ids.begin());
  std::vector<bool> used(section_ids.size() + 1, false);
  std::vector<std::vector<Acc>> acc;
  std::unordered_map<OrgId, int> late_by_org;  // a province has 20 000 villages: no linear finds
  for (const auto& u : overdue.units) late_by_org[u.org] = u.late_periods;

  for (size_t u = 0; u < d.units.size(); ++u) {
    const UnitStatus& us = d.units[u];
    if (us.org.kind != OrgKind::Village && us.org.kind != OrgKind::Community) continue;
    RankedUnit ru;
    ru.unit = u;
    ru.org = us.org.id;
    ru.filled = us.completeness;
    // A form filled but never submitted is not reported: each period past its due date and still
    // missing or 草稿 takes its share off (a village 11 months late of 11 reports 0).
    ru.due_periods = overdue.due_periods;
    if (auto it = late_by_org.find(us.org.id); it != late_by_org.end()) ru.late_periods = it->second;
    const double on_time = ru.due_periods > 0 ? 1.0 - double(ru.late_periods) / ru.due_periods : 1.0;
    ru.reporting = ru.filled * std::clamp(on_time, 0.0, 1.0);
    ru.overall = us.progress;
    std::vector<Acc> a(section_ids.size() + 1);
    for (size_t i = 0; i < inds.size(); ++i) {
      if (!inds[i].has_target) continue;
      auto t = f.target(us.org.id, inds[i].id);
      if (!t) continue;
      auto [p, status] = assess(inds[i], f.value(us.org.id, inds[i].id), t, r.elapsed, ds);
      a[section_of[i]].sum += p.value_or(0);
      ++a[section_of[i]].n;
      used[section_of[i]] = true;
      if (status == Progress::Behind || status == Progress::NoData) ru.behind.push_back(i);
    }
    acc.push_back(std::move(a));
    r.units.push_back(std::move(ru));
  }

  std::vector<size_t> shown;  // section indices that become columns
  for (size_t k = 0; k < section_ids.size(); ++k)
    if (used[k]) {
      shown.push_back(k);
      r.sections.push_back(section_ids[k]);
    }

  const double reporting_w = s.weight("reporting");
  for (size_t u = 0; u < r.units.size(); ++u) {
    RankedUnit& ru = r.units[u];
    double total = 0, weights = 0;
    for (size_t k : shown) {
      const Acc& a = acc[u][k];
      if (a.n == 0) {
        ru.sections.push_back(std::nullopt);
        continue;
      }
      const double completion = a.sum / a.n;
      ru.sections.push_back(completion);
      const double w = s.weight(section_ids[k]);
      const double part = s.pace && r.elapsed > 0 ? std::min(1.0, completion / r.elapsed) : completion;
      total += w * part;
      weights += w;
    }
    total += reporting_w * ru.reporting;
    weights += reporting_w;
    ru.score = weights > 0 ? 100.0 * total / weights : 0;
    // Scores are shown to one decimal: villages equal at that precision rank equal.
    ru.score = std::round(ru.score * 10) / 10;
    ru.band = s.band(ru.score);
  }

  // Villages ahead of the year's pace all score 100 on their sections, so among equal scores the
  // one further along its whole-year targets (overall, to the 0.1 % shown) ranks first.
  auto key = [](const RankedUnit& u) { return std::pair(u.score, std::round(u.overall.value_or(-1) * 1000)); };
  std::stable_sort(r.units.begin(), r.units.end(),
                   [&](const RankedUnit& a, const RankedUnit& b) { return key(a) > key(b); });
  for (size_t i = 0; i < r.units.size(); ++i)
    r.units[i].rank = i > 0 && key(r.units[i]) == key(r.units[i - 1]) ? r.units[i - 1].rank : int(i) + 1;
  return r;
}

void write_json(JsonWriter& w, const Ranking& r, const Dashboard& d, const YearFigures& f,
                const std::string& settings_problem) {
  w.object("ranking").member("elapsed", r.elapsed).member("sections", r.sections).member("settings", r.settings.to_json());
  if (!settings_problem.empty()) w.member("settings_problem", settings_problem);
  w.array("villages");
  for (const auto& ru : r.units) {
    const Org& o = d.units[ru.unit].org;
    nlohmann::json sections = nlohmann::json::object();
    for (size_t k = 0; k < r.sections.size(); ++k) sections[r.sections[k]] = json_or_null(ru.sections[k]);
    nlohmann::json behind = nlohmann::json::array();
    for (size_t i : ru.behind) behind.push_back(f.catalog().indicators()[i].id);
    w.element({{"rank", ru.rank}, {"code", o.code}, {"name", o.name}, {"sections", sections},
               {"reporting", ru.reporting}, {"filled", ru.filled}, {"late_periods", ru.late_periods},
               {"due_periods", ru.due_periods}, {"overall", json_or_null(ru.overall)}, {"score", ru.score},
               {"band", to_string(ru.band)}, {"behind", behind}});
  }
  w.end().end();
}

}  // namespace jiceng
