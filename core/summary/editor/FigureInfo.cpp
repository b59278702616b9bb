#include "summary/editor/FigureInfo.hpp"

#include <map>

#include "base/Strings.hpp"
#include "store/Devices.hpp"

namespace jiceng::editor {
namespace {

std::string when(const std::string& iso) {
  // "2020-11-30T08:12:00Z" → "2020-11-30 08:12"
  if (iso.size() >= 16 && iso[10] == 'T') return iso.substr(0, 10) + " " + iso.substr(11, 5);
  return iso;
}

// The device by its name, else a short id (core/store/Devices.hpp): never the raw id.
std::string record_source(const ValueRecord& r, const DeviceNames& devices) {
  return tr("editor.info.typed", {{"user", r.updated_by},
                                  {"at", when(r.updated_at)},
                                  {"device", device_label(devices, r.device)},
                                  {"status", label(r.status)}});
}

std::string how(const Indicator& ind) {
  switch (ind.aggregate) {
    case Aggregate::Formula: return tr("editor.info.how.formula", {{"formula", ind.formula}});
    case Aggregate::Roster: return tr("editor.info.how.roster");
    case Aggregate::OrgCount: return tr("editor.info.how.orgs");
    case Aggregate::Max: return tr("editor.info.how.max");
    case Aggregate::Sum:
      return ind.level == Level::Town ? tr("editor.info.how.town") : tr("editor.info.how.sum");
  }
  return {};
}

}  // namespace

FigureExplanation explain_figure(const Store& store, const YearFigures& f, const std::string& expression,
                                 const std::string& shown, const std::vector<std::string>& indicator_ids) {
  FigureExplanation out;
  out.expression = expression;
  out.shown = shown;
  if (indicator_ids.empty()) return out;
  const DeviceNames devices = device_names(store);
  // Latest record per (org, indicator) and how many months each has, from one read of the year.
  struct Seen { ValueRecord latest; int months = 0; bool yearly = false; };
  std::map<std::pair<OrgId, std::string>, Seen> seen;
  for (const ValueRecord& r : store.values(f.year())) {
    bool wanted = false;
    for (const auto& id : indicator_ids) wanted = wanted || id == r.indicator;
    if (!wanted) continue;
    Seen& s = seen[{r.org, r.indicator}];
    if (r.period.is_year()) {
      s.yearly = true;
      s.latest = r;
    } else {
      ++s.months;
      if (!s.yearly && (s.months == 1 || r.updated_at >= s.latest.updated_at)) s.latest = r;
    }
  }
  const OrgId town = f.town().id;
  for (const auto& id : indicator_ids) {
    const Indicator* ind = f.catalog().find(id);
    if (!ind) continue;
    IndicatorFigure x;
    x.indicator = ind;
    if (const Section* sec = f.catalog().section(ind->section)) x.section = sec->name;
    x.town_value = f.town_value(ind->id);
    x.target = f.town_target(ind->id);
    x.how = how(*ind);
    // Units only where the town figure is made from them.
    const bool per_unit = ind->level == Level::Village || ind->aggregate == Aggregate::Formula ||
                          ind->aggregate == Aggregate::Roster;
    if (ind->level == Level::Town && ind->typed()) {
      auto it = seen.find({town, ind->id});
      UnitFigure u{f.town().name, x.town_value, tr("editor.info.no_record")};
      if (it != seen.end())
        u.source = it->second.yearly ? record_source(it->second.latest, devices)
                                     : tr("editor.info.monthly", {{"months", std::to_string(it->second.months)},
                                                                  {"latest", record_source(it->second.latest, devices)}});
      x.units.push_back(u);
    } else if (per_unit) {
      for (OrgId uid : f.reporting_units()) {
        const Org* o = f.org(uid);
        UnitFigure u{o ? o->name : std::to_string(uid), f.value(uid, ind->id), {}};
        if (ind->typed()) {
          auto it = seen.find({uid, ind->id});
          if (it == seen.end()) u.source = tr("editor.info.no_record");
          else if (it->second.yearly) u.source = record_source(it->second.latest, devices);
          else
            u.source = tr("editor.info.monthly", {{"months", std::to_string(it->second.months)},
                                                  {"latest", record_source(it->second.latest, devices)}});
        } else {
          u.source = x.how;
        }
        x.units.push_back(std::move(u));
      }
    }
    out.indicators.push_back(std::move(x));
  }
  return out;
}

}  // namespace jiceng::editor
