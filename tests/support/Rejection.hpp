#pragma once
// What a person would read when an action is refused: the InputError's full text, or "" if the
// action went through.
#include <functional>
#include <string>

#include "base/Error.hpp"

namespace jiceng::test {

inline std::string rejection(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const InputError& e) {
    return e.describe();
  }
  return {};
}

}  // namespace jiceng::test
