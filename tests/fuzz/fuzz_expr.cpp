// Expressions as written in a template's placeholders and the catalog's formulas.
#include "FuzzSupport.hpp"
#include "model/Expr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  jiceng::fuzz::refused_cleanly([&] { jiceng::Expr::parse(jiceng::fuzz::text(data, size)); });
  return 0;
}
