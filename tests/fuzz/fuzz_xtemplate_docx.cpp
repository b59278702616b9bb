// The X-template importer on a .docx (a zip of WordprocessingML parts).
#include "FuzzSupport.hpp"
#include "model/Catalog.hpp"
#include "summary/import/Importer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jiceng;
  const std::string path = fuzz::scratch_file("模板.docx", fuzz::text(data, size));
  fuzz::refused_cleanly([&] { summary::import_xtemplate(path, Catalog::builtin()); });
  return 0;
}
