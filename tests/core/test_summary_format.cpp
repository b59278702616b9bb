// How figures are written: integers, 万元, rates, approximate 余/多, Chinese numerals, name lists.
#include <doctest/doctest.h>

#include "summary/Format.hpp"
#include "summary/Renderer.hpp"

using namespace jiceng::summary;

TEST_CASE("format: each kind writes a figure as an official document does") {
  CHECK(format_figure(18, FormatKind::Auto, 0) == "18");
  CHECK(format_figure(3.9896, FormatKind::Auto, 2) == "3.99");
  CHECK(format_figure(60, FormatKind::Auto, 2) == "60");       // no trailing zeros
  CHECK(format_figure(139.5, FormatKind::Money, 0) == "139.5");
  CHECK(format_figure(1321.849, FormatKind::Money, 0) == "1321.85");
  CHECK(format_figure(79.759, FormatKind::Auto, 1) == "79.8");  // rates to 0.1
  CHECK(format_figure(79.759, FormatKind::Percent, 0) == "79.8%");
  CHECK(format_figure(100, FormatKind::Percent, 0) == "100%");
  CHECK(format_figure(12.5, FormatKind::Integer, 2) == "13");
  CHECK(format_figure(12.46, FormatKind::Decimal1, 0) == "12.5");
  CHECK(format_figure(12.456, FormatKind::Decimal2, 0) == "12.46");
  CHECK(format_figure(12, FormatKind::Chinese, 0) == "十二");
  CHECK(format_figure(2.5, FormatKind::Chinese, 1) == "2.5");  // not a whole number: digits
}

TEST_CASE("format: 余 and 多 state a lower bound, and only when the figure is not exact") {
  CHECK(approx_floor(7) == 7);
  CHECK(approx_floor(58) == 50);
  CHECK(approx_floor(126) == 120);
  CHECK(approx_floor(3265) == 3200);
  CHECK(approx_floor(11560) == 11500);
  CHECK(approx_floor(3.6) == 3);
  CHECK(format_figure(3265, FormatKind::ApproxYu, 0) == "3200余");
  CHECK(format_figure(3265, FormatKind::ApproxDuo, 0) == "3200多");
  CHECK(format_figure(3200, FormatKind::ApproxYu, 0) == "3200");  // exact: no 余
  CHECK(format_figure(9, FormatKind::ApproxYu, 0) == "9");
  CHECK(format_figure(12.37, FormatKind::Approx, 2) == "12");      // for "X万余元" wording
}

TEST_CASE("format: names join with 、 and 和; numerals; heading numbers") {
  CHECK(join_names({}).empty());
  CHECK(join_names({"桃源村"}) == "桃源村");
  CHECK(join_names({"桃源村", "苇子峪村"}) == "桃源村和苇子峪村");
  CHECK(join_names({"甲村", "乙村", "丙村"}) == "甲村、乙村和丙村");
  CHECK(chinese_numeral(0) == "零");
  CHECK(chinese_numeral(10) == "十");
  CHECK(chinese_numeral(15) == "十五");
  CHECK(chinese_numeral(20) == "二十");
  CHECK(chinese_numeral(105) == "一百零五");
  CHECK(chinese_numeral(1010) == "一千零一十");
  CHECK(heading_number(1, 6) == "六、");
  CHECK(heading_number(2, 3) == "（三）");
  CHECK(heading_number(3, 2) == "2.");
  CHECK(heading_number(4, 11) == "（11）");
}

TEST_CASE("format: names a clerk types, in Chinese or English") {
  CHECK(parse_format_name("整数") == FormatKind::Integer);
  CHECK(parse_format_name("int") == FormatKind::Integer);
  CHECK(parse_format_name("万元") == FormatKind::Money);
  CHECK(parse_format_name("百分比") == FormatKind::Percent);
  CHECK(parse_format_name("余") == FormatKind::ApproxYu);
  CHECK(parse_format_name("多") == FormatKind::ApproxDuo);
  CHECK(parse_format_name("约数") == FormatKind::Approx);
  CHECK(!parse_format_name("百分"));
  CHECK(format_name(FormatKind::Percent) == "百分比");
  CHECK(format_names().size() == 9);
}
