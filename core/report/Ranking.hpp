#pragma once
// The village ranking of the progress dashboard: each village's completion by section and overall,
// its reporting completeness, a weighted score and an A/B/C/D band, and which of its figures are
// behind. Pure logic over YearFigures and the Dashboard, so `jiceng-cli dashboard` and the screen
// show the same ranking. Weights and band limits are town settings kept in the database (meta key
// "ranking.settings", JSON); docs/DASHBOARD.md explains the score.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/Error.hpp"
#include "report/Dashboard.hpp"
#include "report/Overdue.hpp"

namespace jiceng {

class JsonWriter;

class Store;

enum class Band { A, B, C, D };
std::string_view to_string(Band b);  // "A" … "D"

struct RankingSettings {
  // Weight of each part of the score: "reporting" (share of the form filled, times the share of
  // due periods submitted on time) and section ids
  // (completion of the section's targets). Parts missing here weigh default_section_weight
  // (sections) or nothing (reporting).
  std::vector<std::pair<std::string, double>> weights{{"reporting", 0.5}};
  double default_section_weight = 1.0;
  // Lowest score (0–100) of bands A, B and C; below band_c is D.
  double band_a = 90, band_b = 75, band_c = 60;
  // Score sections by progress against the share of the year elapsed (11 of 12 months done and
  // 11/12 of the target reached scores 100), so bands mean the same in June as in December.
  bool pace = true;

  double weight(std::string_view part) const;
  Band band(double score) const;

  // The meta key and its JSON form: {"weights": {...}, "default_section_weight": 1,
  // "bands": {"A": 90, "B": 75, "C": 60}, "pace": true}.
  static constexpr const char* kMetaKey = "ranking.settings";
  nlohmann::json to_json() const;
  // Throws InputError naming the field when a weight is negative, a band limit is outside 0–100
  // or the limits are not in descending order A ≥ B ≥ C.
  static RankingSettings from_json(const nlohmann::json& j, const Location& where = {});
  static RankingSettings load(const Store& store);  // defaults when the town never set them
  // For screens and reports that must still show a ranking: the defaults when the stored setting
  // is broken, with what is wrong (file, field) in `problem`.
  static RankingSettings load_or_default(const Store& store, std::string* problem);
  // Checked first (nothing half-written); leaders and admins only, recorded in the audit.
  void save(Store& store, const Actor& actor) const;
};

struct RankedUnit {
  size_t unit = 0;  // index into Dashboard::units
  OrgId org = 0;
  // Completion (0–1) of each Ranking::sections entry: mean progress over the village's targets in
  // that section, a target without a figure counting 0; nullopt when the section sets it none.
  std::vector<std::optional<double>> sections;
  double filled = 0;               // share of the form filled: filled / expected
  int late_periods = 0;            // periods past their due date and not submitted (Overdue)
  int due_periods = 0;             // periods past their due date (Overdue)
  double reporting = 0;            // filled × (1 − late_periods / due_periods): the 填报 part
  std::optional<double> overall;   // mean progress over all its targets (Dashboard's progress)
  double score = 0;                // 0–100
  Band band = Band::D;
  int rank = 0;                    // 1 = best; equal scores and overall completion share a rank
  std::vector<size_t> behind;      // catalog indices of its targeted figures 滞后 or 无数据
};

struct Ranking {
  std::vector<std::string> sections;  // ids of sections with a target for some village, catalog order
  std::vector<RankedUnit> units;      // villages and communities, best first
  double elapsed = 1;                 // share of the year elapsed (as_of_month / 12)
  RankingSettings settings;
};

// `overdue`: who has not submitted by the due date (build_overdue), which lowers the 填报 part, so
// the ranking never praises a village the late list names.
Ranking build_ranking(const YearFigures& figures, const Dashboard& dashboard, const RankingSettings& settings,
                      const OverdueReport& overdue, const DashboardSettings& dashboard_settings = {});
// The member "ranking" into the object `w` has open; `settings_problem` (a broken stored setting,
// ranked by the defaults) is said there too when not empty.
void write_json(JsonWriter& w, const Ranking& r, const Dashboard& d, const YearFigures& figures,
                const std::string& settings_problem = {});

}  // namespace jiceng
