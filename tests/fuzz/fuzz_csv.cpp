// CSV files into the demo town: the first byte chooses the importer (values, organisations,
// members), the rest is the file. A refused file leaves the town exactly as it was.
#include "csv/MembersCsv.hpp"
#include "csv/OrgsCsv.hpp"
#include "csv/ValuesCsv.hpp"
#include "FuzzSupport.hpp"
#include "store/Store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jiceng;
  if (size == 0) return 0;
  const int kind = data[0] % 3;
  const std::string_view file = fuzz::text(data + 1, size - 1);
  // The tokenizer alone first: every importer starts with it.
  fuzz::refused_cleanly([&] { parse_csv(file, "数据.csv"); });

  const std::string path = fuzz::scratch_file("数据.csv", file);
  const std::string town = fuzz::fresh_demo_town();
  auto store = Store::open(town, Catalog::builtin(), Store::Access::Existing);
  const Actor admin{"管理员", "", Role::Admin, {}};
  const bool written = fuzz::refused_cleanly([&] {
    if (kind == 0) import_values_csv(*store, path, Actor{"管理员", {}});
    if (kind == 1) import_orgs_csv(*store, path, admin);
    if (kind == 2) import_members_csv(*store, path, admin);
  });
  store.reset();
  if (!written && fuzz::database_digest(town) != fuzz::demo_digest()) {
    std::fprintf(stderr, "\n== contract broken: a refused CSV import changed the database\n");
    std::abort();
  }
  return 0;
}
