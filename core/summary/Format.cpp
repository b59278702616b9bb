#include "summary/Format.hpp"

#include <cmath>

#include "base/Strings.hpp"

namespace jiceng::summary {
namespace {

struct FormatAlias {
  std::string_view name;
  FormatKind kind;
};

// First entry of each kind is its canonical name.
constexpr FormatAlias kFormats[] = {
    {"整数", FormatKind::Integer},   {"int", FormatKind::Integer},
    {"一位小数", FormatKind::Decimal1}, {"1位小数", FormatKind::Decimal1}, {"dec1", FormatKind::Decimal1},
    {"两位小数", FormatKind::Decimal2}, {"二位小数", FormatKind::Decimal2}, {"2位小数", FormatKind::Decimal2},
    {"dec2", FormatKind::Decimal2},
    {"万元", FormatKind::Money},     {"金额", FormatKind::Money},     {"money", FormatKind::Money},
    {"百分比", FormatKind::Percent}, {"percent", FormatKind::Percent},
    {"约数", FormatKind::Approx},    {"约", FormatKind::Approx},     {"approx", FormatKind::Approx},
    {"余", FormatKind::ApproxYu},    {"余数", FormatKind::ApproxYu},  {"yu", FormatKind::ApproxYu},
    {"多", FormatKind::ApproxDuo},   {"duo", FormatKind::ApproxDuo},
    {"汉字", FormatKind::Chinese},   {"中文", FormatKind::Chinese},   {"chinese", FormatKind::Chinese},
};

}  // namespace

std::optional<FormatKind> parse_format_name(std::string_view name) {
  for (const auto& f : kFormats)
    if (f.name == name) return f.kind;
  return std::nullopt;
}

std::string_view format_name(FormatKind k) {
  for (const auto& f : kFormats)
    if (f.kind == k) return f.name;
  return {};
}

std::vector<std::string> format_names() {
  std::vector<std::string> out;
  FormatKind last = FormatKind::Auto;
  for (const auto& f : kFormats) {
    if (f.kind == last) continue;
    out.emplace_back(f.name);
    last = f.kind;
  }
  return out;
}

double approx_floor(double v) {
  if (v < 0) return -approx_floor(-v);
  // Whole numbers below 10 and for fractional figures below 100 ("12.37万元" → "12万余元"),
  // tens for whole numbers below 100 ("58人" → "50余人"), two significant digits below 10000 (3265 → 3200),
  // three from there on (11560 → 11500).
  if (v < 10 || (v < 100 && std::fabs(v - std::round(v)) > 1e-9)) return std::floor(v + 1e-9);
  double digits = std::floor(std::log10(v));
  double scale = v < 100 ? 10 : std::pow(10.0, digits - (v < 10000 ? 1 : 2));
  return std::floor(v / scale + 1e-9) * scale;
}

std::string format_figure(double v, FormatKind kind, int auto_decimals) {
  // A nonzero figure never prints as 0 in the official document: what a whole-number or 约/余/多
  // format would round to nothing is stated as it is (format_number keeps two significant digits).
  const bool rounds_away = kind == FormatKind::Integer ? std::round(v) == 0
                           : kind == FormatKind::Approx || kind == FormatKind::ApproxYu || kind == FormatKind::ApproxDuo
                               ? std::fabs(v) < 1
                               : false;
  if (v != 0 && rounds_away) return format_number(v, auto_decimals);
  switch (kind) {
    case FormatKind::Auto: return format_number(v, auto_decimals);
    case FormatKind::Integer: return format_number(std::round(v), 0);
    case FormatKind::Decimal1: return format_number(v, 1);
    case FormatKind::Decimal2:
    case FormatKind::Money: return format_number(v, 2);
    case FormatKind::Percent: return format_number(v, 1) + "%";
    case FormatKind::Approx: return format_number(approx_floor(v), 0);
    case FormatKind::ApproxYu:
    case FormatKind::ApproxDuo: {
      double f = approx_floor(v);
      // An exact figure is stated as it is: "余" would claim more than there is.
      if (std::fabs(f - v) < 1e-9) return format_number(v, 0);
      return format_number(f, 0) + (kind == FormatKind::ApproxYu ? "余" : "多");
    }
    case FormatKind::Chinese: {
      double r = std::round(v);
      if (std::fabs(r - v) > 1e-9 || r < 0 || r > 9999) return format_number(v, auto_decimals);
      return chinese_numeral(static_cast<long long>(r));
    }
  }
  return format_number(v, auto_decimals);
}

std::string chinese_numeral(long long v) {
  static const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const char* units[] = {"", "十", "百", "千"};
  if (v < 0 || v > 9999) return std::to_string(v);
  if (v < 10) return digits[v];
  std::string out;
  int d[4] = {int(v / 1000), int(v / 100 % 10), int(v / 10 % 10), int(v % 10)};
  bool started = false, zero_pending = false;
  for (int i = 0; i < 4; ++i) {
    int u = 3 - i;
    if (d[i] == 0) {
      if (started) zero_pending = true;
      continue;
    }
    if (zero_pending) { out += digits[0]; zero_pending = false; }
    // "十二", not "一十二", when ten leads.
    if (!(u == 1 && d[i] == 1 && !started)) out += digits[d[i]];
    out += units[u];
    started = true;
  }
  return out;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? "和" : "、";
    out += names[i];
  }
  return out;
}

}  // namespace jiceng::summary
