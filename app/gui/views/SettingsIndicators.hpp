#pragma once
// 设置 → 指标: the town's own indicators beside the built-in catalog (core/store/Store.hpp, "Town
// indicators"). An admin adds one (name, unit, kind, section or a new section, who types it, how
// often, whether it has a target, bounds), changes it, retires or restores it, and deletes one
// nothing uses; the store checks and audits every change. Others see the list read-only.
#include <cstdint>
#include <string>
#include <vector>

#include "Context.hpp"

namespace jiceng::gui {

struct IndicatorsForm {
  struct Row {
    std::string id, name, unit, section, level, frequency, state;
  };
  uint64_t loaded_revision = ~uint64_t(0);
  uint64_t loaded_generation = 0;
  std::vector<Row> rows;
  std::vector<std::pair<std::string, std::string>> sections;  // (id, name) to choose from
  std::vector<std::string> problems;                          // definitions that no longer load
  bool open = false;       // the add/change form is shown
  std::string id;          // the indicator being changed; empty: a new one
  std::string name, unit, note, new_section, min, max;
  int kind = 0;            // index into the kinds a town may use
  int section = 0;         // index into sections; == sections.size(): a new section
  bool town_level = false, monthly = false, target = false;
  std::string error, notice;
};

// Marks: settings.ind.add, settings.ind.row.<id>, settings.ind.edit.<id>, settings.ind.retire.<id>,
// settings.ind.restore.<id>, settings.ind.delete.<id>, settings.ind.form.{name,unit,kind.<k>,
// section.<i>,section.new,new_section,level.town,monthly,target,min,max,note,save,cancel,error},
// settings.ind.notice, settings.ind.read_only.
void draw_indicator_settings(Context& ctx, IndicatorsForm& form);

}  // namespace jiceng::gui
