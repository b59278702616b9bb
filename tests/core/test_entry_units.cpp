// Entry units (Indicator::entry_unit): a village's 党费 is typed in 元 and reported in 万元. The
// conversion is exact both ways, sums show no binary drift, and a CSV that does not say its unit is
// refused rather than read a factor of 10 000 wrong.
#include <doctest/doctest.h>

#include "base/Numbers.hpp"
#include "base/Strings.hpp"
#include "model/Figures.hpp"
#include "model/Rules.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "TempDir.hpp"

using namespace jiceng;

namespace {
const Actor kAdmin{"组织委员", "", Role::Admin, {}};
}  // namespace

TEST_CASE("entry units: 元 typed, 万元 kept, and back again exactly") {
  const Indicator& dues = Catalog::builtin().at("dues");
  REQUIRE(dues.has_entry_unit());
  CHECK(dues.typed_unit() == "元");
  CHECK(dues.unit == "万元");
  for (double yuan : {47.0, 0.01, 0.1, 0.2, 62.35, 123456.78, 99999.99}) {
    CAPTURE(yuan);
    const double stored = typed_to_stored(dues, yuan, {});
    CHECK(stored == decimal_round(yuan / 10000, 6));
    CHECK(stored_to_typed(dues, stored) == yuan);  // exactly what was typed
  }
  CHECK(format_number(typed_to_stored(dues, 47, {}), 6) == "0.0047");
  CHECK_THROWS_AS(typed_to_stored(dues, 47.555, {}), InputError);  // 元 keeps 分, no finer
  // An indicator without an entry unit passes through untouched.
  const Indicator& members = Catalog::builtin().at("new_members");
  CHECK(typed_to_stored(members, 3, {}) == 3);
}

TEST_CASE("entry units: 0.1 元 + 0.2 元 is 0.3 元 in the town's figure, and 0.1 + 0.2 万元 prints 0.3") {
  test::TempDir dir;
  auto s = Store::open(dir.file("t.db"));
  test::make_small_town(*s);
  ValueInput a{"V1", "dues", "2020-03", "0.1"}, b{"V2", "dues", "2020-03", "0.2"};
  a.entry_unit = b.entry_unit = true;
  s->set_values({a, b}, kAdmin);
  const YearFigures f = YearFigures::compute(*s, 2020);
  const Indicator& dues = s->catalog().at("dues");
  const double v1 = *f.month_value(s->require_org("V1").id, "dues", 3), v2 = *f.month_value(s->require_org("V2").id, "dues", 3);
  CHECK(stored_to_typed(dues, v1 + v2) == 0.3);
  CHECK(format_number(stored_to_typed(dues, v1 + v2), 2) == "0.3");
  // Typed in the report unit (an import in 万元): the sum still prints as the decimals say.
  s->set_values({{"V1", "dues", "2020-04", "0.1"}, {"V2", "dues", "2020-04", "0.2"}}, kAdmin);
  const YearFigures g = YearFigures::compute(*s, 2020);
  const double sum = *g.month_value(s->require_org("V1").id, "dues", 4) + *g.month_value(s->require_org("V2").id, "dues", 4);
  CHECK(format_number(sum, 6) == "0.3");
}

TEST_CASE("entry units: a catalog names the unit and its factor together, or is refused") {
  const char* half = R"({"version": 1, "sections": [{"id": "s", "name": "组"}],
    "indicators": [{"id": "fee", "name": "费用", "section": "s", "unit": "万元", "kind": "money", "entry_unit": "元"}]})";
  CHECK_THROWS_AS(Catalog::parse(half, "c.json"), InputError);
  const char* zero = R"({"version": 1, "sections": [{"id": "s", "name": "组"}],
    "indicators": [{"id": "fee", "name": "费用", "section": "s", "unit": "万元", "kind": "money", "entry_unit": "元", "entry_factor": 0}]})";
  CHECK_THROWS_AS(Catalog::parse(zero, "c.json"), InputError);
  const char* area = R"({"version": 1, "sections": [{"id": "s", "name": "组"}],
    "indicators": [{"id": "land", "name": "流转土地", "section": "s", "unit": "亩", "kind": "area",
                    "entry_unit": "平方米", "entry_factor": 666.6667, "entry_decimals": 0}]})";
  const Catalog c = Catalog::parse(area, "c.json");
  const Indicator& land = c.at("land");
  CHECK(stored_to_typed(land, typed_to_stored(land, 2000, {})) == 2000);
}
