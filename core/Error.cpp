#include "Error.hpp"

#include "Strings.hpp"

namespace jiceng {

std::string InputError::describe() const {
  std::string prefix;
  if (!where_.file.empty()) prefix += tr("where.file", {{"file", where_.file}});
  if (where_.line > 0) prefix += tr("where.line", {{"line", std::to_string(where_.line)}});
  if (!where_.field.empty()) prefix += tr("where.field", {{"field", where_.field}});
  if (prefix.empty()) return what();
  return prefix + tr("where.sep") + what();
}

}  // namespace jiceng
