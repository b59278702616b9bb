#pragma once
// The indicator catalog: every figure the summary states, with its unit, how it rolls up over
// months and villages, whether it has a target, and the rules a value must obey. Loaded from
// assets/catalog.json; the format is documented in docs/CATALOG.md.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/Text.hpp"
#include "model/Model.hpp"

namespace jiceng {

enum class IndicatorKind { Count, Money, Percent, Length, Area, Weight, Volume, PersonTimes, Month, Year };

// Where a figure is entered: by each village/unit (the town figure is then computed) or once for
// the whole town (e.g. the town's own Party-building meetings).
enum class Level { Village, Town };

// How the town (or a village's) figure is obtained.
enum class Aggregate {
  Sum,       // typed per village; town = sum over villages
  Max,       // typed per village; town = largest (e.g. the month standardisation was reached)
  Formula,   // computed from other indicators with `formula`, at every level; never typed
  Roster,    // counted from the member roster (`roster` filter)
  OrgCount,  // counted from the organisation tree (`org_kind`)
};

// How often a value is typed, and how months roll up into the year.
enum class Frequency { Yearly, Monthly };
enum class Rollup { Sum, Last, Max };

// Whether more is better (most figures) or less is (poor households remaining).
enum class Direction { Up, Down };

struct CrossRule {
  std::string op;     // "le", "ge", "lt", "gt": this value <op> the other indicator's value
  std::string other;  // indicator id
};

struct Indicator {
  std::string id;       // stable ASCII id, e.g. "new_members"
  std::string name;     // Chinese name, e.g. "发展党员数"
  std::string section;  // section id
  std::string unit;     // 个, 名, 万元, %, …
  IndicatorKind kind = IndicatorKind::Count;
  Level level = Level::Village;
  Aggregate aggregate = Aggregate::Sum;
  std::string formula;   // for Formula: an expression over indicator ids (see model/Expr.hpp)
  std::string roster;    // for Roster: "members", "full", "probationary", "activists", …
  std::string org_kind;  // for OrgCount: "village", "general_branch", "branch"
  Frequency frequency = Frequency::Yearly;
  Rollup rollup = Rollup::Sum;
  Direction direction = Direction::Up;
  bool has_target = false;
  bool integer = true;
  int decimals = 0;  // decimals shown: 0 counts, 2 money, 1 percent
  std::optional<double> min, max;
  // The unit people type in when it differs from the report unit `unit` (a village's 党费 typed in
  // 元, reported in 万元): entry_factor entry units make one report unit; entry_decimals places
  // are kept of what is typed. Forms, `jiceng-cli set` and CSV use it; the store, packages, the
  // dashboard and the summary keep the report unit (core/model/Rules.hpp converts, exactly).
  std::string entry_unit;
  double entry_factor = 1;
  int entry_decimals = 0;
  std::vector<CrossRule> rules;
  std::vector<std::string> aliases;  // other names clerks use; help the template importer
  std::string note;                  // one line of help shown beside the input
  // Defined by the town (Store::define_indicator), not shipped in assets/catalog.json. Town ids
  // start with "t_", a prefix the built-in catalog never uses, so no update can take one.
  bool town = false;
  // A town indicator no longer collected: its values stay readable, forms no longer ask for it.
  bool retired = false;

  bool derived() const {
    return aggregate == Aggregate::Formula || aggregate == Aggregate::Roster ||
           aggregate == Aggregate::OrgCount;
  }
  bool typed() const { return !derived(); }
  bool has_entry_unit() const { return !entry_unit.empty(); }
  const std::string& typed_unit() const { return has_entry_unit() ? entry_unit : unit; }
  // Who types this indicator: a town-level figure the town itself, a village-level one each
  // reporting unit (village, community, town-level unit); nobody a computed one. Branches type
  // nothing: their figures are their village's. The store's writer, the forms, completeness and
  // the overdue list all ask this one question.
  bool typed_by(OrgKind kind) const {
    if (derived()) return false;
    return level == Level::Town ? kind == OrgKind::Town : is_reporting_unit(kind);
  }
};

struct Section {
  std::string id;
  std::string name;
};

class Catalog {
 public:
  // The catalog compiled in from assets/catalog.json (parsed once).
  static const Catalog& builtin();
  // Parse a catalog; throws InputError naming `source` and the offending indicator.
  static Catalog parse(std::string_view json_text, const std::string& source);
  // `base` plus a town's own sections and indicators (each indicator one JSON object in the
  // catalog.json format, ids starting with "t_"), checked like a catalog file as a whole: names
  // unique across both, formulas and rules naming known ids. Throws InputError naming `source`.
  struct TownDefinition {
    std::string json;  // one indicator object
    bool retired = false;
  };
  static Catalog extend(const Catalog& base, const std::vector<Section>& sections,
                        const std::vector<TownDefinition>& indicators, const std::string& source);
  // Reads one town indicator definition against this catalog's sections (for messages before
  // anything is stored); throws InputError naming the field.
  Indicator read_town_indicator(std::string_view json_text, const std::string& source) const;

  const std::vector<Indicator>& indicators() const { return indicators_; }
  const std::vector<Section>& sections() const { return sections_; }
  // By id, Chinese name or alias; nullptr when unknown.
  const Indicator* find(std::string_view key) const;
  const Indicator& at(std::string_view id) const;  // throws InputError when unknown
  const Section* section(std::string_view id) const;
  size_t index_of(std::string_view id) const;  // position in indicators(); npos when unknown
  // Derived indicators in an order where every formula's inputs come first.
  const std::vector<size_t>& evaluation_order() const { return order_; }

 private:
  std::vector<Indicator> indicators_;
  std::vector<Section> sections_;
  TextMap<size_t> by_key_;
  std::vector<size_t> order_;

  // Builds the lookups and the evaluation order once indicators_ and sections_ are filled.
  void index(std::string_view text, const std::string& source);
};

constexpr std::string_view kTownIdPrefix = "t_";

std::string_view to_string(IndicatorKind k);
std::string_view to_string(Aggregate a);

}  // namespace jiceng
