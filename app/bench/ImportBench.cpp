#include "ImportBench.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "demo/Synthetic.hpp"
#include "store/Store.hpp"
#include "sync/Export.hpp"
#include "sync/Identity.hpp"
#include "sync/Import.hpp"

namespace jiceng {

using namespace sync;

namespace {
using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

struct TempFolder {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("jiceng-sync-bench-" + random_hex_id(6));
  TempFolder() { std::filesystem::create_directories(path); }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};
}  // namespace

ImportBench bench_import_packages(int villages, BenchLoad load) {
  TempFolder dir;
  const std::string town_path = (dir.path / "town.db").string();
  const std::string tablet_path = (dir.path / "tablet.db").string();
  const SyntheticSpec spec{villages, 2020, true, 11, 11};
  const Actor clerk{"clerk", {}};
  {
    auto town = Store::open(town_path);
    write_synthetic_orgs(*town, spec);
    // Month: the office already holds the year; each tablet then revises its November figures.
    if (load == BenchLoad::Month) town->set_values(synthetic_values(*town, spec), clerk);
    clone_for_device(*town, tablet_path);
  }
  // One file stands in for the villages' tablets: each package holds one village, as each
  // village's tablet would send.
  ImportBench b;
  std::vector<std::string> files;
  {
    auto tablet = Store::open(tablet_path);
    auto values = synthetic_values(*tablet, spec);
    if (load == BenchLoad::Month) {
      std::set<std::string> ruled;  // figures named in a cross-field rule keep their value
      for (const auto& ind : tablet->catalog().indicators())
        for (const auto& r : ind.rules) ruled.insert({ind.id, r.other});
      std::erase_if(values, [&](const ValueInput& v) { return v.period != "2020-11" || ruled.count(v.indicator); });
      for (auto& v : values) v.value = std::to_string(std::stod(v.value) + 1);
    }
    tablet->set_values(values, clerk);
    std::vector<std::string> codes;
    for (const auto& o : tablet->orgs())
      if (o.kind == OrgKind::Village) codes.push_back(o.code);
    auto t0 = Clock::now();
    for (const auto& code : codes) {
      files.push_back((dir.path / (code + ".jcpkg")).string());
      export_package(*tablet, {{code}, kDefaultDestination, false, clerk}, files.back());
      b.bytes += std::filesystem::file_size(files.back());
    }
    b.export_ms = ms_since(t0);
  }
  auto town = Store::open(town_path);
  auto t0 = Clock::now();
  const std::clock_t c0 = std::clock();
  PackageImporter importer(*town, Actor{"office", {}});
  for (const auto& o : importer.import_files(files)) {
    if (!o.result) throw std::runtime_error(o.refusal);  // a synthetic package is never refused
    b.values += size_t(o.result->added + o.result->updated);
    b.audit += size_t(o.result->audit_added);
  }
  b.import_ms = ms_since(t0);
  b.import_cpu_ms = 1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC;
  b.packages = files.size();
  return b;
}

}  // namespace jiceng
