#include "views/SettingsRanking.hpp"

#include <imgui.h>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "store/Store.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

// Reads the town's settings into the form (again whenever the data changed under it and the
// person has not started editing).
void load(Context& ctx, RankingForm& f) {
  f.loaded_revision = ctx.store->revision();
  f.loaded_generation = ctx.generation;
  f.message.clear();
  // A broken setting is shown and can be overwritten; the ranking uses the defaults meanwhile.
  f.settings = RankingSettings::load_or_default(*ctx.store, &f.message);
  f.ok = false;
  f.parts = {{"reporting", tr("settings.rank.reporting")}};
  // Only sections with targets are scored (core/report/Ranking.cpp): the others would be dead knobs.
  const auto& cat = ctx.store->catalog();
  for (const auto& s : cat.sections())
    for (const auto& ind : cat.indicators())
      if (ind.section == s.id && ind.has_target) {
        f.parts.emplace_back(s.id, s.name);
        break;
      }
  f.weights.clear();
  for (const auto& [id, name] : f.parts) {
    f.weights.push_back(f.settings.weight(id));
    ctx.need_text(name);
  }
  f.band_a = f.settings.band_a;
  f.band_b = f.settings.band_b;
  f.band_c = f.settings.band_c;
  f.pace = f.settings.pace;
  f.dirty = false;
  ctx.need_text(f.message);
}

RankingSettings from_form(const RankingForm& f) {
  RankingSettings s;
  s.weights.clear();
  for (size_t i = 0; i < f.parts.size(); ++i) s.weights.emplace_back(f.parts[i].first, f.weights[i]);
  s.default_section_weight = f.settings.default_section_weight;
  s.band_a = f.band_a;
  s.band_b = f.band_b;
  s.band_c = f.band_c;
  s.pace = f.pace;
  return s;
}

}  // namespace

void draw_ranking_settings(Context& ctx, RankingForm& f) {
  // Another town opened: its own rules, whatever was being edited for the last one is dropped.
  if (f.loaded_generation != ctx.generation) f.dirty = false;
  if (!f.dirty && (f.loaded_revision != ctx.store->revision() || f.loaded_generation != ctx.generation)) load(ctx, f);
  ui::begin_card("ranking", tr("settings.rank.title"));
  ui::muted(tr("settings.rank.explain"));
  sign_in_prompt(ctx, tr("settings.rank.sign_in"));
  const Actor* actor = signed_in(ctx);
  ImGui::BeginDisabled(!actor);
  ImGui::TextUnformatted(tr("settings.rank.weights").c_str());
  const float label_w = ui::em(9);
  for (size_t i = 0; i < f.parts.size(); ++i) {
    ImGui::PushID(int(i));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(f.parts[i].second.c_str());
    ImGui::SameLine(label_w);
    f.dirty |= ui::stepper("w", &f.weights[i], 0.5, 1, 0, 10);
    ui::mark("settings.rank.weight." + f.parts[i].first);
    ImGui::PopID();
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(tr("settings.rank.bands").c_str());
  const struct {
    const char* band;
    double* limit;
  } bands[] = {{"A", &f.band_a}, {"B", &f.band_b}, {"C", &f.band_c}};
  for (const auto& b : bands) {
    ImGui::PushID(b.band);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("settings.rank.band", {{"band", b.band}}).c_str());
    ImGui::SameLine(label_w);
    f.dirty |= ui::stepper("b", b.limit, 5, 0, 0, 100);
    ui::mark(std::string("settings.rank.band.") + b.band);
    ImGui::PopID();
  }
  if (ImGui::Checkbox(tr("settings.rank.pace").c_str(), &f.pace)) f.dirty = true;
  ui::mark("settings.rank.pace");
  ImGui::Spacing();
  ImGui::BeginDisabled(!f.dirty);
  if (ImGui::Button(tr("settings.rank.save").c_str()) && actor) {
    try {
      from_form(f).save(*ctx.store, *actor);
      f.dirty = false;
      load(ctx, f);
      f.message = tr("settings.rank.saved");
      f.ok = true;
    } catch (const std::exception& e) {
      f.message = failure_text(e);  // nothing was written; the form keeps what was typed
      f.ok = false;
    }
    ctx.need_text(f.message);
  }
  ui::mark("settings.rank.save");
  ImGui::SameLine();
  if (ImGui::Button(tr("settings.rank.undo").c_str())) load(ctx, f);
  ui::mark("settings.rank.undo");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(tr("settings.rank.defaults").c_str())) {
    const auto loaded = f.loaded_revision;
    f.settings = {};
    for (size_t i = 0; i < f.parts.size(); ++i) f.weights[i] = f.settings.weight(f.parts[i].first);
    f.band_a = f.settings.band_a;
    f.band_b = f.settings.band_b;
    f.band_c = f.settings.band_c;
    f.pace = f.settings.pace;
    f.dirty = true;
    f.loaded_revision = loaded;
  }
  ui::mark("settings.rank.defaults");
  ImGui::EndDisabled();
  if (!f.message.empty()) {
    ui::paragraph(f.message, f.ok ? ui::color::ok : ui::color::accent);
    ui::mark("settings.rank.msg");
  }
  ctx.pending_edits += f.dirty ? 1 : 0;
  ui::end_card();
}

}  // namespace jiceng::gui
