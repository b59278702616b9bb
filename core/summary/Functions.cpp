#include "summary/Functions.hpp"

namespace jiceng::summary {

const std::vector<FunctionInfo>& functions() {
  static const std::vector<FunctionInfo> table = {
      {"rate", {"比率", "比例"}, 2, 2, "summary.fn.rate"},
      {"prev", {"上年"}, 1, 1, "summary.fn.prev"},
      {"change", {"较上年"}, 1, 2, "summary.fn.change"},
      {"growth", {"增长率"}, 1, 1, "summary.fn.growth"},
      {"sum_villages", {"各村合计"}, 1, 2, "summary.fn.sum_villages"},
      {"count_villages", {"村数"}, 1, 1, "summary.fn.count_villages"},
      {"villages", {"村名"}, 1, 1, "summary.fn.villages"},
      {"target", {"目标"}, 1, 1, "summary.fn.target"},
      {"blank", {"待补"}, 1, 1, "summary.fn.blank"},
      {"round", {"四舍五入"}, 1, 2, "summary.fn.round"},
      {"min", {"较小值"}, 2, 2, "summary.fn.min"},
      {"max", {"较大值"}, 2, 2, "summary.fn.max"},
      {"abs", {"绝对值"}, 1, 1, "summary.fn.abs"},
  };
  return table;
}

const FunctionInfo* find_function(std::string_view name) {
  for (const auto& f : functions()) {
    if (f.id == name) return &f;
    for (auto a : f.aliases)
      if (a == name) return &f;
  }
  return nullptr;
}

const std::vector<BuiltinInfo>& builtins() {
  static const std::vector<BuiltinInfo> table = {
      {Builtin::Year, "year", {"年份", "本年"}},
      {Builtin::NextYear, "next_year", {"下一年"}},
      {Builtin::TownName, "town_name", {"镇名"}},
  };
  return table;
}

std::optional<Builtin> find_builtin(std::string_view name) {
  for (const auto& b : builtins()) {
    if (b.id == name) return b.word;
    for (auto n : b.names)
      if (n == name) return b.word;
  }
  return std::nullopt;
}

std::string_view builtin_name(Builtin word) {
  for (const auto& b : builtins())
    if (b.word == word) return b.names.front();
  return {};
}

}  // namespace jiceng::summary
