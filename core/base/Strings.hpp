#pragma once
// User-facing text. Every message a person reads comes from assets/strings/zh_CN/*.json, looked up by
// key; "{name}" fields are filled from the arguments.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace jiceng {

using Arg = std::pair<std::string_view, std::string>;

// The text for key; the key itself (so a missing string is visible, never blank).
const std::string& tr(std::string_view key);
// The text for key with {field}s replaced.
std::string tr(std::string_view key, std::initializer_list<Arg> args);
// Fill {field}s of an arbitrary pattern.
std::string format_fields(std::string_view pattern, std::initializer_list<Arg> args);

// Numbers as users read them: no trailing zeros, at most `decimals` places — except that a nonzero
// value below 1 keeps at least two significant digits, so it never reads "0" (0.035, 0.5).
std::string format_number(double v, int decimals = 2);

}  // namespace jiceng
