#pragma once
// The exchange benchmark jiceng-bench calls: a synthetic town of N villages whose tablets each
// send one package; the town office imports them all (one batch, as `package import` does).
#include <cstddef>

namespace jiceng {

enum class BenchLoad {
  Month,  // the routine case: each tablet sends one month's figures (November), the year before already in
  Year,   // the heavy case: each tablet sends its whole year (monthly figures for 11 months and yearly ones)
};

struct ImportBench {
  double import_ms = 0;  // reading, checking (SHA-256) and merging every package (wall clock)
  double import_cpu_ms = 0;  // the same in CPU time, which a busy machine inflates less
  size_t packages = 0;
  size_t values = 0;     // values written at the town
  size_t audit = 0;      // history entries added at the town
  size_t bytes = 0;      // total size of the packages
  double export_ms = 0;  // making the packages on the tablet (not part of the import)
};

// Builds the data in a temporary folder (removed afterwards) and times the import only.
ImportBench bench_import_packages(int villages, BenchLoad load = BenchLoad::Year);

}  // namespace jiceng
