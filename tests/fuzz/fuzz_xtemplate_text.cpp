// The X-template importer on a text file (any encoding a purchased template comes in).
#include "Catalog.hpp"
#include "FuzzSupport.hpp"
#include "summary/ImportSource.hpp"
#include "summary/Importer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jiceng;
  fuzz::refused_cleanly([&] {
    const auto source = summary::read_text_source(fuzz::text(data, size), "模板.txt");
    summary::import_xtemplate(source, Catalog::builtin());
  });
  return 0;
}
