// jiceng-demo-db OUT.db: writes the built-in demo town for the browser build to ship ready-made.
// A tablet's first start used to write the demo town itself: 10 000 rows in WebAssembly, 1.8–2.2 s
// of a cold start (docs/PERFORMANCE.md). scripts/web.sh runs this under Node with the browser's own
// core and SQLite, so the file is what the tablet would have written, and the tablet only copies it.
// Each tablet gives its copy a device id of its own (gui/Towns.cpp open_town), so that opening it
// is a plain open: no catalog mirror or schema work on the tablet.
#include <cstdio>

#include "demo/Demo.hpp"
#include "store/DatabaseFile.hpp"
#include "store/Store.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: jiceng-demo-db OUT.db\n");
    return 2;
  }
  try {
    jiceng::build_database(argv[1], [](jiceng::Store& s) { jiceng::write_demo_town(s); });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jiceng-demo-db: %s\n", e.what());
    return 1;
  }
  return 0;
}
