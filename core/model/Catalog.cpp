// Loads and checks the indicator catalog (format: docs/CATALOG.md). Every problem becomes an
// InputError in Chinese naming the indicator and field, so a broken catalog never half-loads.
#include "model/Catalog.hpp"

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "base/Assets.hpp"
#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "model/Expr.hpp"

namespace jiceng {
namespace {

using nlohmann::json;

constexpr std::string_view kKinds[] = {"count",  "money",  "percent",      "length", "area",
                                       "weight", "volume", "person_times", "month",  "year"};
constexpr std::string_view kLevels[] = {"village", "town"};
constexpr std::string_view kAggregates[] = {"sum", "max", "formula", "roster", "org_count"};
constexpr std::string_view kFrequencies[] = {"yearly", "monthly"};
constexpr std::string_view kRollups[] = {"sum", "last", "max"};
constexpr std::string_view kDirections[] = {"up", "down"};
constexpr std::string_view kRuleOps[] = {"le", "ge", "lt", "gt"};
// Roster filters the figures engine counts (model/Figures.cpp): members = full + probationary.
constexpr std::string_view kRosters[] = {"members",   "full",       "probationary",   "applicants",
                                         "activists", "candidates", "reserve_cadres", "developed"};
constexpr std::string_view kOrgKinds[] = {"village", "community", "unit", "general_branch", "branch"};

const std::set<std::string> kKeys = {"id",      "name",     "section",   "unit",   "kind",  "level",  "aggregate",
                                     "formula", "roster",   "org_kind",  "frequency", "rollup", "direction",
                                     "target",  "has_target", "integer", "decimals", "min",  "max",    "rules",
                                     "aliases", "note", "entry_unit", "entry_factor", "entry_decimals"};

template <size_t N>
std::string choices(const std::string_view (&names)[N]) {
  std::string out;
  for (size_t i = 0; i < N; ++i) out += (i ? "、" : "") + std::string(names[i]);
  return out;
}

// 1-based line of the byte offset, for messages about the catalog file.
int line_at(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + int(std::count(text.begin(), text.begin() + offset, '\n'));
}

// nlohmann::json keeps no positions, so an indicator is located by its `"id": "<id>"` entry.
// Only called when reporting an error.
int line_of_id(std::string_view text, const std::string& id, int occurrence = 1) {
  const std::string quoted = "\"" + id + "\"";
  for (size_t at = text.find("\"id\""); at != std::string_view::npos; at = text.find("\"id\"", at + 4)) {
    size_t p = text.find_first_not_of(" \t\r\n", at + 4);
    if (p == std::string_view::npos || text[p] != ':') continue;
    p = text.find_first_not_of(" \t\r\n", p + 1);
    if (p != std::string_view::npos && text.substr(p, quoted.size()) == quoted && --occurrence == 0)
      return line_at(text, at);
  }
  return 0;
}

// Parses one indicator object; `fail` throws with the indicator's location.
class IndicatorReader {
 public:
  IndicatorReader(const json& j, std::string id, std::string_view text, const std::string& source)
      : j_(j), id_(std::move(id)), text_(text), source_(source) {}

  [[noreturn]] void fail(const std::string& message, const std::string& field) const {
    throw InputError(message, Location{source_, line_of_id(text_, id_), field});
  }
  [[noreturn]] void bad_type(const std::string& field, const char* type_key) const {
    fail(tr("catalog.bad_type", {{"id", id_}, {"field", field}, {"expected", tr(type_key)}}), field);
  }
  bool has(const char* key) const { return j_.contains(key) && !j_.at(key).is_null(); }

  std::string text(const char* key, bool required) const {
    if (!j_.contains(key)) {
      if (required) fail(tr("catalog.missing_field", {{"id", id_}, {"field", key}}), key);
      return {};
    }
    const json& v = j_.at(key);
    if (!v.is_string()) bad_type(key, "catalog.type.string");
    std::string s = v.get<std::string>();
    if (required && s.empty()) fail(tr("catalog.missing_field", {{"id", id_}, {"field", key}}), key);
    return s;
  }

  template <size_t N>
  int choice(const char* key, const std::string_view (&names)[N], int fallback) const {
    if (!j_.contains(key)) return fallback;
    std::string s = text(key, true);
    for (size_t i = 0; i < N; ++i)
      if (names[i] == s) return int(i);
    fail(tr("catalog.bad_choice", {{"id", id_}, {"field", key}, {"value", s}, {"choices", choices(names)}}), key);
  }

  std::optional<bool> flag(const char* key) const {
    if (!j_.contains(key)) return std::nullopt;
    if (!j_.at(key).is_boolean()) bad_type(key, "catalog.type.bool");
    return j_.at(key).get<bool>();
  }

  // Absent: fallback; null: explicitly no bound.
  std::optional<double> bound(const char* key, std::optional<double> fallback) const {
    if (!j_.contains(key)) return fallback;
    const json& v = j_.at(key);
    if (v.is_null()) return std::nullopt;
    if (!v.is_number()) bad_type(key, "catalog.type.number");
    return v.get<double>();
  }

  std::vector<std::string> strings(const char* key) const {
    std::vector<std::string> out;
    if (!j_.contains(key)) return out;
    const json& v = j_.at(key);
    if (!v.is_array()) bad_type(key, "catalog.type.strings");
    for (const auto& s : v) {
      if (!s.is_string() || s.get<std::string>().empty()) bad_type(key, "catalog.type.strings");
      out.push_back(s.get<std::string>());
    }
    return out;
  }

  std::vector<CrossRule> rules() const {
    std::vector<CrossRule> out;
    if (!j_.contains("rules")) return out;
    const json& v = j_.at("rules");
    if (!v.is_array()) bad_type("rules", "catalog.type.rules");
    int index = 0;
    for (const auto& r : v) {
      ++index;
      auto bad = [&] { fail(tr("catalog.bad_rule", {{"id", id_}, {"index", std::to_string(index)}}), "rules"); };
      if (!r.is_object() || r.size() != 1) bad();
      auto it = r.begin();
      if (!it.value().is_string()) bad();
      if (std::find(std::begin(kRuleOps), std::end(kRuleOps), it.key()) == std::end(kRuleOps)) bad();
      out.push_back({it.key(), it.value().get<std::string>()});
    }
    return out;
  }

 private:
  const json& j_;
  std::string id_;
  std::string_view text_;
  const std::string& source_;
};

bool valid_id(const std::string& id) {
  if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// Kind-dependent defaults (docs/CATALOG.md): whole numbers for counts, two places for money, …
void apply_kind_defaults(Indicator& ind) {
  switch (ind.kind) {
    case IndicatorKind::Count:
    case IndicatorKind::PersonTimes: ind.integer = true; ind.decimals = 0; ind.min = 0; break;
    case IndicatorKind::Money: ind.integer = false; ind.decimals = 2; ind.min = 0; break;
    case IndicatorKind::Percent: ind.integer = false; ind.decimals = 1; ind.min = 0; ind.max = 100; break;
    case IndicatorKind::Length:
    case IndicatorKind::Area:
    case IndicatorKind::Weight: ind.integer = false; ind.decimals = 1; ind.min = 0; break;
    case IndicatorKind::Volume: ind.integer = false; ind.decimals = 2; ind.min = 0; break;
    case IndicatorKind::Month: ind.integer = true; ind.decimals = 0; ind.min = 1; ind.max = 12; break;
    case IndicatorKind::Year: ind.integer = true; ind.decimals = 0; ind.min = 1949; ind.max = 2200; break;
  }
}

// Catalog formulas are plain arithmetic over ids; the richer Expr language is for templates.
void check_formula_node(const ExprNode& n, const IndicatorReader& r, const std::string& id) {
  using K = ExprNode::Kind;
  bool ok = n.kind == K::Number || n.kind == K::Ident || (n.kind == K::Unary && n.text == "neg") ||
            (n.kind == K::Binary && (n.text == "+" || n.text == "-" || n.text == "*" || n.text == "/"));
  if (!ok) {
    std::string token = n.kind == K::Call ? n.text + "()" : n.kind == K::String ? "\"" + n.text + "\"" : n.text;
    r.fail(tr("catalog.formula_operator", {{"id", id}, {"token", token}}), "formula");
  }
  for (const auto& a : n.args) check_formula_node(*a, r, id);
}

Indicator read_indicator(const json& j, int index, const std::set<std::string>& sections, std::string_view text,
                         const std::string& source) {
  if (!j.is_object())
    throw InputError(tr("catalog.not_object", {{"index", std::to_string(index)}}), Location{source, 0, "indicators"});
  if (!j.contains("id") || !j.at("id").is_string() || j.at("id").get<std::string>().empty())
    throw InputError(tr("catalog.missing_id", {{"index", std::to_string(index)}}), Location{source, 0, "id"});
  Indicator ind;
  ind.id = j.at("id").get<std::string>();
  IndicatorReader r(j, ind.id, text, source);
  if (!valid_id(ind.id)) r.fail(tr("catalog.bad_id", {{"id", ind.id}}), "id");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!kKeys.count(it.key())) r.fail(tr("catalog.unknown_field", {{"id", ind.id}, {"field", it.key()}}), it.key());

  ind.name = r.text("name", true);
  ind.section = r.text("section", true);
  if (!sections.count(ind.section))
    r.fail(tr("catalog.unknown_section", {{"id", ind.id}, {"value", ind.section}}), "section");
  ind.unit = r.text("unit", true);
  if (!j.contains("kind")) r.fail(tr("catalog.missing_field", {{"id", ind.id}, {"field", "kind"}}), "kind");
  ind.kind = IndicatorKind(r.choice("kind", kKinds, 0));
  apply_kind_defaults(ind);

  ind.level = Level(r.choice("level", kLevels, 0));
  ind.aggregate = Aggregate(r.choice("aggregate", kAggregates, 0));
  ind.frequency = Frequency(r.choice("frequency", kFrequencies, 0));
  ind.rollup = Rollup(r.choice("rollup", kRollups, 0));
  ind.direction = Direction(r.choice("direction", kDirections, 0));

  // Each aggregate owns one field; a stray one is a sign of a typo in the aggregate.
  auto owned = [&](const char* field, Aggregate owner) {
    bool present = j.contains(field);
    if (ind.aggregate == owner && !present)
      r.fail(tr("catalog.missing_field", {{"id", ind.id}, {"field", field}}), field);
    if (ind.aggregate != owner && present)
      r.fail(tr("catalog.field_not_allowed", {{"id", ind.id}, {"field", field}, {"aggregate", std::string(to_string(owner))}}),
             field);
  };
  owned("formula", Aggregate::Formula);
  owned("roster", Aggregate::Roster);
  owned("org_kind", Aggregate::OrgCount);
  ind.formula = r.text("formula", ind.aggregate == Aggregate::Formula);
  if (ind.aggregate == Aggregate::Roster) ind.roster = kRosters[r.choice("roster", kRosters, 0)];
  if (ind.aggregate == Aggregate::OrgCount) ind.org_kind = kOrgKinds[r.choice("org_kind", kOrgKinds, 0)];

  // "target" is the documented key; "has_target" mirrors the struct field and is accepted too.
  ind.has_target = r.flag("target").value_or(r.flag("has_target").value_or(false));
  if (auto i = r.flag("integer")) {
    ind.integer = *i;
    if (!ind.integer && !j.contains("decimals") && ind.decimals == 0) ind.decimals = 2;
  }
  if (j.contains("decimals")) {
    const json& d = j.at("decimals");
    if (!d.is_number_integer() || d.get<int>() < 0 || d.get<int>() > 6) r.bad_type("decimals", "catalog.type.decimals");
    ind.decimals = d.get<int>();
  }
  if (ind.integer && ind.decimals != 0) r.fail(tr("catalog.integer_decimals", {{"id", ind.id}}), "decimals");
  ind.min = r.bound("min", ind.min);
  ind.max = r.bound("max", ind.max);
  if (ind.min && ind.max && *ind.min > *ind.max)
    r.fail(tr("catalog.min_above_max", {{"id", ind.id}, {"min", format_number(*ind.min, 6)}, {"max", format_number(*ind.max, 6)}}),
           "min");
  // An entry unit comes with its factor: "typed in 元, 10000 of them a 万元".
  ind.entry_unit = r.text("entry_unit", false);
  if (j.contains("entry_unit") != j.contains("entry_factor"))
    r.fail(tr("catalog.entry_pair", {{"id", ind.id}}), j.contains("entry_unit") ? "entry_factor" : "entry_unit");
  if (j.contains("entry_factor")) {
    const json& f = j.at("entry_factor");
    if (!f.is_number() || !(f.get<double>() > 0) || f.get<double>() > 1e8) r.bad_type("entry_factor", "catalog.type.factor");
    ind.entry_factor = f.get<double>();
    ind.entry_decimals = ind.kind == IndicatorKind::Money ? 2 : ind.decimals;
  }
  if (j.contains("entry_decimals")) {
    const json& d = j.at("entry_decimals");
    if (!d.is_number_integer() || d.get<int>() < 0 || d.get<int>() > 6) r.bad_type("entry_decimals", "catalog.type.decimals");
    ind.entry_decimals = d.get<int>();
  }
  ind.rules = r.rules();
  ind.aliases = r.strings("aliases");
  ind.note = r.text("note", false);

  if (ind.aggregate == Aggregate::Formula) {
    try {
      check_formula_node(Expr::parse(ind.formula).root(), r, ind.id);
    } catch (const ExprError& e) {
      r.fail(tr("catalog.bad_formula", {{"id", ind.id}, {"formula", ind.formula}, {"detail", e.what()}}), "formula");
    }
  }
  return ind;
}

}  // namespace

Catalog Catalog::parse(std::string_view text, const std::string& source) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann's own text is English; say where instead (line and character column).
    size_t end = std::min<size_t>(e.byte ? e.byte - 1 : 0, text.size());
    size_t start = text.rfind('\n', end ? end - 1 : 0);
    start = start == std::string_view::npos ? 0 : start + 1;
    size_t column = 1;
    for (size_t i = start; i < end; ++i) column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    throw InputError(tr("catalog.bad_json", {{"column", std::to_string(column)}}),
                     Location{source, line_at(text, end), ""});
  } catch (const json::exception&) {
    // Well-formed but unreadable: a number beyond what a double holds (out_of_range 406).
    throw InputError(tr("catalog.number_out_of_range"), Location{source, 0, ""});
  }
  if (!root.is_object() || !root.contains("version") || root["version"] != 1) {
    std::string v = root.is_object() && root.contains("version") ? root["version"].dump() : "";
    throw InputError(tr("catalog.bad_version", {{"value", v}}), Location{source, 0, "version"});
  }

  Catalog c;
  std::set<std::string> section_ids;
  const json empty = json::array();
  const json& sections = root.contains("sections") ? root["sections"] : empty;
  if (!sections.is_array()) throw InputError(tr("catalog.bad_section", {{"index", "1"}}), Location{source, 0, "sections"});
  int index = 0;
  for (const auto& s : sections) {
    ++index;
    if (!s.is_object() || !s.contains("id") || !s.contains("name") || !s["id"].is_string() || !s["name"].is_string() ||
        s["id"].get<std::string>().empty() || s["name"].get<std::string>().empty())
      throw InputError(tr("catalog.bad_section", {{"index", std::to_string(index)}}), Location{source, 0, "sections"});
    Section sec{s["id"].get<std::string>(), s["name"].get<std::string>()};
    if (!section_ids.insert(sec.id).second)
      throw InputError(tr("catalog.duplicate_section", {{"id", sec.id}}), Location{source, 0, "sections"});
    c.sections_.push_back(std::move(sec));
  }

  const json& inds = root.contains("indicators") ? root["indicators"] : empty;
  if (!inds.is_array() || inds.empty()) throw InputError(tr("catalog.no_indicators"), Location{source, 0, "indicators"});
  index = 0;
  std::set<std::string> ids;
  for (const auto& j : inds) {
    Indicator ind = read_indicator(j, ++index, section_ids, text, source);
    if (ind.id.rfind(kTownIdPrefix, 0) == 0)
      throw InputError(tr("catalog.town_prefix", {{"id", ind.id}}), Location{source, line_of_id(text, ind.id), "id"});
    if (!ids.insert(ind.id).second)  // point at the second entry with this id
      throw InputError(tr("catalog.duplicate_id", {{"id", ind.id}}), Location{source, line_of_id(text, ind.id, 2), "id"});
    c.indicators_.push_back(std::move(ind));
  }
  c.index(text, source);
  return c;
}

void Catalog::index(std::string_view text, const std::string& source) {
  Catalog& c = *this;
  std::unordered_map<std::string, size_t> by_id;
  for (size_t i = 0; i < c.indicators_.size(); ++i) by_id.emplace(c.indicators_[i].id, i);
  // Ids, names and aliases share one lookup, so each must point at exactly one indicator.
  for (size_t i = 0; i < c.indicators_.size(); ++i) c.by_key_.emplace(c.indicators_[i].id, i);
  for (size_t i = 0; i < c.indicators_.size(); ++i) {
    const Indicator& ind = c.indicators_[i];
    std::vector<std::string> keys{ind.name};
    keys.insert(keys.end(), ind.aliases.begin(), ind.aliases.end());
    for (const auto& k : keys) {
      auto [it, inserted] = c.by_key_.emplace(k, i);
      if (!inserted && it->second != i)
        throw InputError(tr("catalog.duplicate_name", {{"id", ind.id}, {"name", k}, {"other", c.indicators_[it->second].id}}),
                         Location{source, line_of_id(text, ind.id), k == ind.name ? "name" : "aliases"});
    }
  }

  // Formula inputs and rule partners must be known ids.
  std::vector<std::vector<size_t>> inputs(c.indicators_.size());
  for (size_t i = 0; i < c.indicators_.size(); ++i) {
    const Indicator& ind = c.indicators_[i];
    auto at = [&](const char* field) { return Location{source, line_of_id(text, ind.id), field}; };
    if (ind.aggregate == Aggregate::Formula) {
      for (const auto& name : Expr::parse(ind.formula).identifiers()) {
        auto it = by_id.find(name);
        if (it == by_id.end()) throw InputError(tr("catalog.formula_unknown", {{"id", ind.id}, {"other", name}}), at("formula"));
        inputs[i].push_back(it->second);
      }
    }
    for (const auto& rule : ind.rules) {
      if (!by_id.count(rule.other))
        throw InputError(tr("catalog.rule_unknown", {{"id", ind.id}, {"other", rule.other}}), at("rules"));
      if (rule.other == ind.id) throw InputError(tr("catalog.rule_self", {{"id", ind.id}}), at("rules"));
    }
  }

  // Topological order of derived indicators (depth-first, catalog order among equals); a formula
  // that reaches itself is reported with the whole loop.
  std::vector<int> state(c.indicators_.size(), 0);  // 0 new, 1 on the path, 2 done
  std::vector<size_t> path;
  std::function<void(size_t)> visit = [&](size_t i) {
    if (state[i] == 2) return;
    if (state[i] == 1) {
      std::string loop;
      auto from = std::find(path.begin(), path.end(), i);
      for (auto it = from; it != path.end(); ++it) loop += c.indicators_[*it].id + " → ";
      loop += c.indicators_[i].id;
      const std::string& id = c.indicators_[i].id;
      throw InputError(tr("catalog.cycle", {{"id", id}, {"path", loop}}), Location{source, line_of_id(text, id), "formula"});
    }
    state[i] = 1;
    path.push_back(i);
    for (size_t in : inputs[i]) visit(in);
    path.pop_back();
    state[i] = 2;
    if (c.indicators_[i].derived()) c.order_.push_back(i);
  };
  for (size_t i = 0; i < c.indicators_.size(); ++i)
    if (c.indicators_[i].derived()) visit(i);
}

Indicator Catalog::read_town_indicator(std::string_view text, const std::string& source) const {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception&) {
    throw InputError(tr("catalog.town_bad_json"), Location{source, 0, ""});
  }
  std::set<std::string> section_ids;
  for (const auto& s : sections_) section_ids.insert(s.id);
  Indicator ind = read_indicator(j, 1, section_ids, text, source);
  if (ind.id.rfind(kTownIdPrefix, 0) != 0 || ind.id.size() <= kTownIdPrefix.size())
    throw InputError(tr("catalog.town_id", {{"id", ind.id}}), Location{source, 0, "id"});
  // Templates name indicators bare ({老党员数 | 余}), so a town's name must read as one identifier.
  bool one_identifier = false;
  try {
    const Expr e = Expr::parse(ind.name);
    one_identifier = e.root().kind == ExprNode::Kind::Ident && e.root().text == ind.name;
  } catch (const ExprError&) {
  }
  if (!one_identifier) throw InputError(tr("catalog.town_bad_name", {{"name", ind.name}}), Location{source, 0, "name"});
  ind.town = true;
  return ind;
}

Catalog Catalog::extend(const Catalog& base, const std::vector<Section>& sections,
                        const std::vector<TownDefinition>& indicators, const std::string& source) {
  Catalog c;
  c.sections_ = base.sections_;
  for (const auto& s : sections) {
    if (c.section(s.id)) throw InputError(tr("catalog.duplicate_section", {{"id", s.id}}), Location{source, 0, "sections"});
    c.sections_.push_back(s);
  }
  c.indicators_ = base.indicators_;
  std::set<std::string> ids;
  for (const auto& ind : c.indicators_) ids.insert(ind.id);
  for (const auto& def : indicators) {
    Indicator ind = c.read_town_indicator(def.json, source);
    ind.retired = def.retired;
    if (!ids.insert(ind.id).second) throw InputError(tr("catalog.duplicate_id", {{"id", ind.id}}), Location{source, 0, "id"});
    c.indicators_.push_back(std::move(ind));
  }
  c.index({}, source);
  return c;
}

const Catalog& Catalog::builtin() {
  static const Catalog c = parse(asset("catalog.json"), "assets/catalog.json");
  return c;
}

const Indicator* Catalog::find(std::string_view key) const {
  auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : &indicators_[it->second];
}

const Indicator& Catalog::at(std::string_view id) const {
  if (const Indicator* ind = find(id)) return *ind;
  throw InputError(tr("catalog.unknown_indicator", {{"key", std::string(id)}}));
}

const Section* Catalog::section(std::string_view id) const {
  for (const auto& s : sections_)
    if (s.id == id) return &s;
  return nullptr;
}

size_t Catalog::index_of(std::string_view id) const {
  auto it = by_key_.find(id);
  return it == by_key_.end() ? std::string::npos : it->second;
}

std::string_view to_string(IndicatorKind k) { return kKinds[int(k)]; }
std::string_view to_string(Aggregate a) { return kAggregates[int(a)]; }

}  // namespace jiceng
