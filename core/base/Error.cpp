#include "base/Error.hpp"

#include "base/Strings.hpp"

namespace jiceng {

std::string InputError::describe() const {
  std::string prefix;
  if (!where_.file.empty()) prefix += tr("where.file", {{"file", where_.file}});
  if (where_.line > 0) prefix += tr("where.line", {{"line", std::to_string(where_.line)}});
  if (!where_.field.empty()) prefix += tr("where.field", {{"field", where_.field}});
  if (prefix.empty()) return what();
  return prefix + tr("where.sep") + what();
}

std::string failure_text(const std::exception& e, bool with_where) {
  if (const auto* input = dynamic_cast<const InputError*>(&e)) return with_where ? input->describe() : input->what();
  return tr("error.not_saved", {{"reason", e.what()}});
}

}  // namespace jiceng
