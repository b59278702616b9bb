#pragma once
// What every fuzz target shares: the contract a parser of outside data must keep, checked on each
// input, and scratch files (the parsers under test read paths, and the importers write a town).
//
// The contract: bad input is refused with an InputError (or ExprError) whose message is valid
// UTF-8 and in Chinese; any other exception, a crash or a sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "store/DeviceKeys.hpp"

namespace jiceng::fuzz {

// The input as text (the bytes unchanged).
inline std::string_view text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs `parse`; a refusal must keep the contract above, anything else aborts with the reason.
// Returns true when `parse` returned normally.
bool refused_cleanly(const std::function<void()>& parse);

// A scratch folder of this process (under /dev/shm when there is one: the targets write a file
// per input). `name` is a file name inside it.
std::string scratch(const std::string& name);
// Writes the input to scratch(name) and returns its path.
std::string scratch_file(const std::string& name, std::string_view bytes);

// A copy of the demo town (written once per process), fresh for each input.
std::string fresh_demo_town();
// A digest of every row of every table of a database file: equal before and after means the
// database holds exactly what it held.
std::string database_digest(const std::string& path);
// A sending device the demo town has registered, so that a fuzzed payload reaches the merge.
const DeviceKey& fuzz_sender();
// The demo town's own key: what a package sealed for it is sealed to.
const DeviceKey& fuzz_receiver();
// The digest of the untouched demo town.
const std::string& demo_digest();

}  // namespace jiceng::fuzz
