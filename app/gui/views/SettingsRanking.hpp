#pragma once
// 设置 → 排名规则: the weights of the village ranking's parts and the A/B/C band limits, kept in the
// town file (core/report/Ranking.hpp). Leaders and admins change them; the store refuses anyone else.
#include <string>
#include <vector>

#include "Context.hpp"
#include "report/Ranking.hpp"
#include "views/SignIn.hpp"

namespace jiceng::gui {

struct RankingForm {
  uint64_t loaded_revision = ~uint64_t(0);
  uint64_t loaded_generation = 0;  // which open town the form was read from (revisions restart per file)
  RankingSettings settings;
  std::vector<std::pair<std::string, std::string>> parts;  // (part id, name): reporting, then sections
  std::vector<double> weights;                               // one per part, as edited
  double band_a = 90, band_b = 75, band_c = 60;
  bool pace = true;
  bool dirty = false;
  std::string message;
  bool ok = false;
};

// Marks: settings.rank.weight.<part>, settings.rank.band.A|B|C, settings.rank.pace,
// settings.rank.save, settings.rank.reset, settings.rank.msg.
void draw_ranking_settings(Context& ctx, RankingForm& form);

}  // namespace jiceng::gui
