// A summary template's block text: literal text and placeholders checked against the catalog.
#include "FuzzSupport.hpp"
#include "model/Catalog.hpp"
#include "summary/Template.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  jiceng::fuzz::refused_cleanly(
      [&] { jiceng::summary::parse_segments(jiceng::fuzz::text(data, size), jiceng::Catalog::builtin()); });
  return 0;
}
