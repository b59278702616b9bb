#pragma once
// How a figure is written in the summary: integers, 万元 with at most two decimals, rates to 0.1,
// approximate "余/多" wording, Chinese numerals, and lists of names joined the Chinese way.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng::summary {

enum class FormatKind {
  Auto,      // by the figure: the indicator's decimals, 1 for rates, integers for counts
  Integer,   // 整数: rounded to a whole number
  Decimal1,  // 一位小数: at most one decimal
  Decimal2,  // 两位小数: at most two decimals
  Money,     // 万元: at most two decimals
  Percent,   // 百分比: at most one decimal, followed by "%"
  Approx,    // 约数: rounded down to two significant digits, no suffix ("X万余元" templates)
  ApproxYu,  // 余: rounded down with "余" when not exact ("3200余")
  ApproxDuo, // 多: same with "多"
  Chinese,   // 汉字: Chinese numerals for small whole numbers ("十二")
};

// A format name as a clerk types it after "|" (Chinese or English); nullopt when unknown.
std::optional<FormatKind> parse_format_name(std::string_view name);
// The canonical (Chinese) name, as written back into a template.
std::string_view format_name(FormatKind k);
// All canonical names, for error messages and the editor's picker.
std::vector<std::string> format_names();

// Writes a number. `auto_decimals` is what Auto uses (from the indicator or the function).
std::string format_figure(double v, FormatKind kind, int auto_decimals);

// The approximate lower bound used by 约数/余/多: whole numbers below 10 (and for fractions below
// 100), tens for whole numbers below 100, two significant digits below 10000, three from there on.
double approx_floor(double v);

// 0–9999 as Chinese numerals ("十二", "一百零五"); larger values fall back to digits.
std::string chinese_numeral(long long v);

// "A", "A和B", "A、B和C".
std::string join_names(const std::vector<std::string>& names);

}  // namespace jiceng::summary
