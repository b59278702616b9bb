// The X-template importer on a text file (any encoding a purchased template comes in).
#include "FuzzSupport.hpp"
#include "model/Catalog.hpp"
#include "summary/import/Importer.hpp"
#include "summary/import/ImportSource.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jiceng;
  fuzz::refused_cleanly([&] {
    const auto source = summary::read_text_source(fuzz::text(data, size), "模板.txt");
    summary::import_xtemplate(source, Catalog::builtin());
  });
  return 0;
}
