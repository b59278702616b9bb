// Implausible values (issue 13, item 4): a clerk typed 50 meaning 50 元 into a 万元 field and the
// town's total rose thirteenfold. A single typed value far (×5 or ÷5) from last year's same period
// or from its target share asks for confirmation; the confirmed write's audit entry keeps both.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "base/Strings.hpp"
#include "model/Plausibility.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "summary/Format.hpp"

using namespace jiceng;

namespace {

const Indicator& ind(const char* id) { return Catalog::builtin().at(id); }

std::string warning_of(const char* id, Period p, double v, PlausibilityBasis b) {
  auto w = assess_plausibility(ind(id), p, v, b);
  return w ? w->message : std::string();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The detail JSON of the newest audit entry of one value.
nlohmann::json last_detail(Store& s, OrgId org, const char* indicator, const char* period) {
  auto h = s.history({org, indicator, period, 1});
  REQUIRE(h.size() == 1);
  return nlohmann::json::parse(h[0].detail);
}

}  // namespace

TEST_CASE("plausibility: far above or below last year's same period warns, naming both figures") {
  const Period nov{2020, 11};
  CHECK(warning_of("dues", nov, 50, {3.2, {}}) == "500000 元是去年同期（32000 元）的 15.6 倍，请确认数值和单位是否正确");
  CHECK(warning_of("dues", nov, 0.5, {3.2, {}}) == "5000 元是去年同期（32000 元）的 1/6.4，请确认数值和单位是否正确");
  // The thresholds themselves: exactly ×5 and ÷5 ask, just inside does not.
  CHECK_FALSE(warning_of("dues", nov, 20, {4.0, {}}).empty());
  CHECK(warning_of("dues", nov, 19.9, {4.0, {}}).empty());
  CHECK_FALSE(warning_of("dues", nov, 0.8, {4.0, {}}).empty());
  CHECK(warning_of("dues", nov, 0.81, {4.0, {}}).empty());
  // The sentence speaks in the unit the clerk types (元 for 党费; the store keeps 万元).
  CHECK(warning_of("dues", nov, 50, {0.0035, {}}) ==
        "500000 元是去年同期（35 元）的 14286 倍，请确认数值和单位是否正确");
}

TEST_CASE("plausibility: no reference, a zero reference, a zero value or small counts say nothing") {
  const Period nov{2020, 11};
  CHECK_FALSE(assess_plausibility(ind("dues"), nov, 50, {}));
  CHECK_FALSE(assess_plausibility(ind("dues"), nov, 50, {0.0, {}}));   // nothing last year: no scale
  CHECK_FALSE(assess_plausibility(ind("dues"), nov, 0, {3.2, 40.0}));  // zero is never a unit slip
  CHECK_FALSE(assess_plausibility(ind("visited_households"), nov, 6, {1.0, {}}));  // 1 → 6 households
  CHECK(assess_plausibility(ind("visited_households"), nov, 60, {1.0, {}}));
  CHECK(assess_plausibility(ind("visited_households"), nov, 1, {12.0, {}}));
}

TEST_CASE("plausibility: a month compares with a twelfth of the year's target, a year or a stock with all of it") {
  // 收缴党费 adds up over the months: November expects 4.8 / 12 = 0.4 万元.
  auto m = assess_plausibility(ind("dues"), {2020, 11}, 50, {std::nullopt, 4.8});
  REQUIRE(m);
  CHECK(m->message == "500000 元是本月目标份额（全年目标 48000 元的 1/12，约 4000 元）的 125 倍，请确认数值和单位是否正确");
  REQUIRE(m->references.size() == 1);
  CHECK(m->references[0].kind == PlausibilityReference::Kind::TargetShare);
  CHECK(m->references[0].reference == doctest::Approx(0.4));
  CHECK_FALSE(assess_plausibility(ind("dues"), {2020, 11}, 0.45, {std::nullopt, 4.8}));
  // A yearly figure against the whole target.
  auto y = assess_plausibility(ind("micro_loans"), {2020, 0}, 3, {std::nullopt, 300.0});
  REQUIRE(y);
  CHECK(y->message == "3 万元是全年目标（300 万元）的 1/100，请确认数值和单位是否正确");
  // 后备干部 is the month-end count (rollup last): a month holds the whole target, not a twelfth.
  CHECK_FALSE(assess_plausibility(ind("reserve_cadres"), {2020, 11}, 12, {std::nullopt, 12.0}));
  // Both references off: one sentence names both.
  auto both = assess_plausibility(ind("dues"), {2020, 11}, 50, {0.35, 4.8});
  REQUIRE(both);
  CHECK(both->references.size() == 2);
  CHECK(has(both->message, "去年同期（3500 元）的 143 倍，也是本月目标份额"));
}

TEST_CASE("plausibility: the store's references are the same month last year and the organisation's own target") {
  test::SmallTownDb db;
  Store& s = *db.s;
  const OrgId v1 = db.t.v1;
  s.set_value({"V1", "dues", "2019-11", "0.35"}, {});
  s.set_target(v1, "dues", 2020, 4.8, {});
  s.set_target(db.t.v2, "micro_loans", 2020, 300, {});  // another village's target is not V1's
  auto b = plausibility_basis(s, ind("dues"), v1, {2020, 11});
  CHECK(b.last_year == 0.35);
  CHECK(b.target == 4.8);
  auto none = plausibility_basis(s, ind("micro_loans"), v1, {2020, 0});
  CHECK_FALSE(none.last_year);
  CHECK_FALSE(none.target);
  CHECK_FALSE(check_plausibility(s, ind("micro_loans"), v1, {2020, 0}, 3));  // no reference: no warning
  CHECK(check_plausibility(s, ind("dues"), v1, {2020, 11}, 50));
  CHECK_FALSE(plausibility_basis(s, ind("dues"), v1, {2020, 10}).last_year);  // October 2019 was not typed
}

TEST_CASE("plausibility: an unconfirmed implausible value is not written; a confirmed one is, audited with the warning") {
  test::SmallTownDb db;
  Store& s = *db.s;
  const OrgId v1 = db.t.v1;
  const Actor clerk{"王娜", "tablet-1", Role::Clerk, {v1}};
  s.set_value({"V1", "dues", "2019-11", "0.35"}, {});
  s.enter_value({"V1", "dues", "2020-11", "0.4"}, clerk, false);  // plausible: written at once
  CHECK(s.value(v1, "dues", {2020, 11})->value == 0.4);
  CHECK_FALSE(last_detail(s, v1, "dues", "2020-11").contains("plausibility"));
  const size_t entries = s.history().size();

  // 50 万元 where 50 元 was meant: refused with the sentence (in 元, the unit the clerk types),
  // nothing written, nothing audited.
  std::string shown;
  try {
    s.enter_value({"V1", "dues", "2020-11", "50"}, clerk, false);
  } catch (const ImplausibleValue& e) {
    shown = e.warning().message;
  }
  CHECK(shown == "500000 元是去年同期（3500 元）的 143 倍，请确认数值和单位是否正确");
  CHECK(s.value(v1, "dues", {2020, 11})->value == 0.4);
  CHECK(s.history().size() == entries);

  // Confirmed: written, and the audit entry says what was asked and that it was confirmed.
  s.enter_value({"V1", "dues", "2020-11", "50"}, clerk, true, "村里代收了全年党费");
  CHECK(s.value(v1, "dues", {2020, 11})->value == 50);
  auto h = s.history({v1, "dues", "2020-11", 1});
  REQUIRE(h.size() == 1);
  CHECK(h[0].user == "王娜");
  CHECK(h[0].old_value == 0.4);
  CHECK(h[0].new_value == 50);
  CHECK(h[0].reason == "村里代收了全年党费");
  auto d = nlohmann::json::parse(h[0].detail);
  CHECK(d["status"] == "draft");
  CHECK(d["plausibility"]["warning"] == shown);
  CHECK(d["plausibility"]["confirmed"] == true);

  // A broken rule is said first: a negative value is refused as before, whatever the confirmation.
  CHECK_THROWS_AS(s.enter_value({"V1", "dues", "2020-11", "-5"}, clerk, true), InputError);
  // Imports, packages and the demo write many values unchecked (set_value / set_values).
  s.set_value({"V1", "dues", "2020-10", "900"}, {});
  CHECK(s.value(v1, "dues", {2020, 10})->value == 900);
}

TEST_CASE("numbers: a nonzero amount below 1 never reads 0; ordinary figures print as before") {
  CHECK(format_number(0.035, 2) == "0.035");
  CHECK(format_number(0.0035, 2) == "0.0035");
  CHECK(format_number(0.0349, 1) == "0.035");
  CHECK(format_number(-0.035, 2) == "-0.035");
  CHECK(format_number(0.5, 0) == "0.5");
  CHECK(format_number(0.25, 2) == "0.25");
  CHECK(format_number(0, 2) == "0");
  CHECK(format_number(1234.5, 2) == "1234.5");
  CHECK(format_number(1234.5678, 2) == "1234.57");
  CHECK(format_number(12.3456, 1) == "12.3");
  CHECK(format_number(3, 0) == "3");
  CHECK(format_number(1e-12, 2) == "0");  // floating-point dust, not an amount
  // The summary's formats: nothing nonzero rounds to 0, normal figures are unchanged.
  CHECK(format_figure(0.3, summary::FormatKind::Integer, 2) == "0.3");
  CHECK(format_figure(0.035, summary::FormatKind::Approx, 2) == "0.035");
  CHECK(format_figure(0.035, summary::FormatKind::ApproxYu, 2) == "0.035");
  CHECK(format_figure(0.035, summary::FormatKind::Money, 2) == "0.035");
  CHECK(format_figure(1234.5, summary::FormatKind::Integer, 2) == "1235");
  CHECK(format_figure(12.37, summary::FormatKind::ApproxYu, 2) == "12余");
  CHECK(format_figure(0, summary::FormatKind::Integer, 2) == "0");
}
