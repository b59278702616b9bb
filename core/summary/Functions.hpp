#pragma once
// The words of the template language besides indicators: the functions a placeholder may call and
// the built-in words (年份, 下一年, 镇名). One table each, read by the evaluator (SummaryContext),
// the checker (validate_expression), the importer (which writes these words into templates) and
// the editor (which lists them with their help). Catalog formulas are arithmetic only.
#include <optional>
#include <string_view>
#include <vector>

namespace jiceng::summary {

// One function a placeholder may call. Names are matched exactly (Chinese or English).
struct FunctionInfo {
  std::string_view id;                     // English name, also accepted in templates
  std::vector<std::string_view> aliases;   // Chinese names; the first is canonical
  int min_args = 0;
  int max_args = 0;
  std::string_view help_key;               // strings key of a one-line description
};
const std::vector<FunctionInfo>& functions();
const FunctionInfo* find_function(std::string_view name);

// Built-in words usable as identifiers.
enum class Builtin { Year, NextYear, TownName };
struct BuiltinInfo {
  Builtin word;
  std::string_view id;                     // English name, also accepted in templates
  std::vector<std::string_view> names;     // Chinese names; the first is canonical
};
const std::vector<BuiltinInfo>& builtins();
std::optional<Builtin> find_builtin(std::string_view name);
// The canonical (Chinese) name of a built-in word, as the importer writes it into a template.
std::string_view builtin_name(Builtin word);

}  // namespace jiceng::summary
