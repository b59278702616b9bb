#include "views/SettingsIndicators.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Numbers.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "store/Store.hpp"
#include "views/SignIn.hpp"
#include "widgets/SettingsForm.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

using nlohmann::json;

// The kinds a town indicator may have: months and years are the catalog's own plan figures.
constexpr IndicatorKind kKinds[] = {IndicatorKind::Count,  IndicatorKind::PersonTimes, IndicatorKind::Money,
                                    IndicatorKind::Percent, IndicatorKind::Area,       IndicatorKind::Length,
                                    IndicatorKind::Weight, IndicatorKind::Volume};

std::string kind_label(IndicatorKind k) { return tr("settings.ind.kind." + std::string(to_string(k))); }
// The unit a new indicator of a kind starts with (the admin may type another).
std::string default_unit(IndicatorKind k) { return tr("settings.ind.unit." + std::string(to_string(k))); }

void load(Context& ctx, IndicatorsForm& f) {
  f.loaded_revision = ctx.store->revision();
  f.loaded_generation = ctx.generation;
  const Catalog& cat = ctx.store->catalog();
  f.rows.clear();
  for (const auto& t : ctx.store->town_indicators()) {
    if (t.state == "deleted") continue;
    IndicatorsForm::Row r{t.id, t.id, "", "", "", "", t.state};
    if (const Indicator* ind = cat.find(t.id)) {
      r.name = ind->name;
      r.unit = ind->unit;
      r.section = cat.section(ind->section) ? cat.section(ind->section)->name : ind->section;
      r.level = tr(ind->level == Level::Town ? "settings.ind.level_town" : "settings.ind.level_village");
      r.frequency = tr(ind->frequency == Frequency::Monthly ? "settings.ind.monthly_short" : "settings.ind.yearly_short");
    }
    for (const auto& s : {r.name, r.unit, r.section, r.level, r.frequency}) ctx.need_text(s);
    f.rows.push_back(std::move(r));
  }
  f.sections.clear();
  for (const auto& s : cat.sections()) {
    f.sections.emplace_back(s.id, s.name);
    ctx.need_text(s.name);
  }
  f.problems = ctx.store->catalog_problems();
  for (const auto& p : f.problems) ctx.need_text(p);
}

void open_form(IndicatorsForm& f, const Catalog& cat, const std::string& id) {
  f.open = true;
  f.error.clear();
  f.id = id;
  const Indicator* ind = id.empty() ? nullptr : cat.find(id);
  f.name = ind ? ind->name : "";
  f.unit = ind ? ind->unit : default_unit(kKinds[0]);
  f.note = ind ? ind->note : "";
  f.kind = 0;
  for (size_t k = 0; ind && k < std::size(kKinds); ++k)
    if (kKinds[k] == ind->kind) f.kind = int(k);
  f.section = 0;
  for (size_t i = 0; ind && i < f.sections.size(); ++i)
    if (f.sections[i].first == ind->section) f.section = int(i);
  f.new_section.clear();
  f.town_level = ind && ind->level == Level::Town;
  f.monthly = ind && ind->frequency == Frequency::Monthly;
  f.target = ind && ind->has_target;
  f.min = ind && ind->min ? shortest_number(*ind->min) : "";
  f.max = ind && ind->max ? shortest_number(*ind->max) : "";
}

// The definition the form says, over the stored one (so keys the form does not show, such as
// aliases and rules, are kept).
json definition(const Store& store, const IndicatorsForm& f, const std::string& section) {
  json def = json::object();
  for (const auto& t : store.town_indicators())
    if (t.id == f.id) def = json::parse(t.definition);
  def["name"] = trim(f.name);
  def["unit"] = trim(f.unit);
  def["kind"] = std::string(to_string(kKinds[f.kind]));
  def["section"] = section;
  def["level"] = f.town_level ? "town" : "village";
  def["frequency"] = f.monthly ? "monthly" : "yearly";
  if (f.monthly && !def.contains("rollup")) def["rollup"] = "sum";
  def["target"] = f.target;
  def["note"] = f.note;
  for (const auto& [key, text] : {std::pair<const char*, const std::string&>{"min", f.min}, {"max", f.max}}) {
    def.erase(key);
    if (text.empty()) continue;
    const NumberPrefix n = read_number(text);
    if (!n.ok || n.length != text.size())
      throw InputError(tr("settings.ind.bad_bound", {{"text", text}}), Location{{}, 0, key});
    def[key] = n.value;
  }
  return def;
}

void save(Context& ctx, IndicatorsForm& f, const Actor& actor) {
  Store& store = *ctx.store;
  try {
    std::string id;
    store.transaction([&] {  // a new section and the indicator in it, or neither
      const bool new_section = f.section >= int(f.sections.size());
      const std::string section = new_section ? store.add_section(trim(f.new_section), actor) : f.sections[size_t(f.section)].first;
      id = store.define_indicator(definition(store, f, section).dump(), actor);
    });
    f.open = false;
    f.notice = tr(f.id.empty() ? "settings.ind.added" : "settings.ind.changed", {{"name", store.catalog().at(id).name}});
    ctx.need_text(f.notice);
  } catch (const std::exception& e) {
    f.error = failure_text(e);
    ctx.need_text(f.error);
  }
}

void act(Context& ctx, IndicatorsForm& f, const std::function<void()>& change, const std::string& notice) {
  try {
    change();
    f.notice = notice;
  } catch (const std::exception& e) {
    f.notice = failure_text(e);
  }
  ctx.need_text(f.notice);
}

void draw_form(Context& ctx, IndicatorsForm& f, const Actor& actor) {
  ui::card_rule();
  ui::paragraph(tr(f.id.empty() ? "settings.ind.new" : "settings.ind.edit_title"));
  for (const std::string* s : {&f.name, &f.unit, &f.note, &f.new_section}) ctx.need_text(*s);
  ui::text_field("settings.ind.name", "##name", &f.name, 0, "settings.ind.form.name");
  ui::muted(tr("settings.ind.name_help"));
  ImGui::TextUnformatted(tr("settings.ind.kind").c_str());
  for (size_t k = 0; k < std::size(kKinds); ++k) {
    if (k) ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < ui::em(5)) ImGui::NewLine();
    if (ImGui::RadioButton(kind_label(kKinds[k]).c_str(), f.kind == int(k))) {
      if (f.unit == default_unit(kKinds[f.kind])) f.unit = default_unit(kKinds[k]);  // follow the kind unless typed
      f.kind = int(k);
    }
    ui::mark("settings.ind.form.kind." + std::string(to_string(kKinds[k])));
  }
  ui::text_field("settings.ind.unit", "##unit", &f.unit, 0, "settings.ind.form.unit");
  ImGui::TextUnformatted(tr("settings.ind.section").c_str());
  for (size_t i = 0; i <= f.sections.size(); ++i) {
    const std::string label = i < f.sections.size() ? f.sections[i].second : tr("settings.ind.section_new");
    if (i) ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(label.c_str()).x + ui::em(2)) ImGui::NewLine();
    if (ImGui::RadioButton(label.c_str(), f.section == int(i))) f.section = int(i);
    ui::mark(i < f.sections.size() ? "settings.ind.form.section." + f.sections[i].first : std::string("settings.ind.form.section.new"));
  }
  if (f.section >= int(f.sections.size()))
    ui::text_field("settings.ind.new_section", "##new_section", &f.new_section, 0, "settings.ind.form.new_section");
  ImGui::Checkbox(tr("settings.ind.town_level").c_str(), &f.town_level);
  ui::mark("settings.ind.form.level.town");
  ImGui::Checkbox(tr("settings.ind.monthly").c_str(), &f.monthly);
  ui::mark("settings.ind.form.monthly");
  ImGui::Checkbox(tr("settings.ind.target").c_str(), &f.target);
  ui::mark("settings.ind.form.target");
  ui::text_field("settings.ind.min", "##min", &f.min, ImGuiInputTextFlags_CharsDecimal, "settings.ind.form.min");
  ui::text_field("settings.ind.max", "##max", &f.max, ImGuiInputTextFlags_CharsDecimal, "settings.ind.form.max");
  ui::text_field("settings.ind.note", "##note", &f.note, 0, "settings.ind.form.note");
  if (!f.error.empty()) {
    ui::paragraph(f.error, ui::color::accent);
    ui::mark("settings.ind.form.error");
  }
  if (ui::form_button(tr("settings.ind.save"), "settings.ind.form.save", ctx)) save(ctx, f, actor);
  ImGui::SameLine();
  if (ui::form_button(tr("users.cancel"), "settings.ind.form.cancel", ctx)) f.open = false;
}

}  // namespace

void draw_indicator_settings(Context& ctx, IndicatorsForm& f) {
  if (f.loaded_revision != ctx.store->revision() || f.loaded_generation != ctx.generation) load(ctx, f);
  ui::begin_card("indicators", tr("settings.ind.title"));
  ui::muted(tr("settings.ind.explain"));
  for (const auto& p : f.problems) ui::paragraph(p, ui::color::warn);
  const Actor* actor = signed_in(ctx);
  const bool admin = actor && actor->role == Role::Admin;
  if (!admin) {
    sign_in_prompt(ctx, tr("settings.ind.sign_in"));
    ui::muted(tr("settings.ind.read_only"));
    ui::mark("settings.ind.read_only");
  }
  if (!f.notice.empty()) {
    ui::paragraph(f.notice);
    ui::mark("settings.ind.notice");
  }
  if (admin && !f.open && ui::form_button(tr("settings.ind.add"), "settings.ind.add", ctx)) open_form(f, ctx.store->catalog(), "");
  if (admin && f.open) draw_form(ctx, f, *actor);
  if (f.rows.empty()) ui::muted(tr("settings.ind.none"));
  for (const auto& r : f.rows) {
    ImGui::PushID(r.id.c_str());
    ui::card_rule();
    const std::string line = tr("settings.ind.row", {{"name", r.name}, {"unit", r.unit}, {"section", r.section},
                                                     {"level", r.level}, {"frequency", r.frequency}});
    ctx.need_text(line);
    ui::paragraph(line, r.state == "retired" ? ui::color::muted : 0);
    ui::mark("settings.ind.row." + r.id);
    if (r.state == "retired") ui::muted(tr("settings.ind.retired"));
    if (admin) {
      if (ui::flow_button(tr("settings.ind.edit"), "settings.ind.edit." + r.id, ctx, true)) {
        open_form(f, ctx.store->catalog(), r.id);
        ImGui::SetScrollY(0);  // the form is at the top
      }
      if (r.state == "retired") {
        if (ui::flow_button(tr("settings.ind.restore"), "settings.ind.restore." + r.id, ctx, false))
          act(ctx, f, [&] { ctx.store->retire_indicator(r.id, false, *actor); }, tr("settings.ind.restored", {{"name", r.name}}));
      } else if (ui::flow_button(tr("settings.ind.retire"), "settings.ind.retire." + r.id, ctx, false)) {
        act(ctx, f, [&] { ctx.store->retire_indicator(r.id, true, *actor); }, tr("settings.ind.retired_now", {{"name", r.name}}));
      }
      if (ui::flow_button(tr("settings.ind.delete"), "settings.ind.delete." + r.id, ctx, false))
        act(ctx, f, [&] { ctx.store->delete_indicator(r.id, *actor); }, tr("settings.ind.deleted", {{"name", r.name}}));
    }
    ImGui::PopID();
    if (f.loaded_revision != ctx.store->revision()) break;  // the list changed under the loop
  }
  ui::end_card();
}

}  // namespace jiceng::gui
