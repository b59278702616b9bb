// Numbers, dates and periods as typed, and text repair: a clerk's keyboard and Windows file names.
#include <cmath>

#include "base/Numbers.hpp"
#include "base/Text.hpp"
#include "FuzzSupport.hpp"
#include "model/Catalog.hpp"
#include "model/MemberStages.hpp"
#include "model/Model.hpp"
#include "model/Rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jiceng;
  const std::string_view t = fuzz::text(data, size);
  const auto n = read_number(t);
  if (n.length > t.size()) __builtin_trap();
  if (n.ok && std::isfinite(n.value) && read_number(shortest_number(n.value)).value != n.value) __builtin_trap();  // reads back exactly
  for (const auto& ind : Catalog::builtin().indicators())
    if (ind.typed()) fuzz::refused_cleanly([&] { parse_figure(t, ind, Location{"", 0, ind.name}); });
  Period::parse(t);
  const std::string s(t);
  valid_date(s);
  if (const auto half = s.find(','); half != std::string::npos) days_between(s.substr(0, half), s.substr(half + 1));
  const std::string repaired = to_valid_utf8(t);
  if (find_invalid_utf8(repaired)) __builtin_trap();  // everything stored passes through it
  return 0;
}
