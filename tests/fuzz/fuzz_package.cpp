// Exchange packages: the first byte (mod 3) chooses what is fuzzed. 0: a whole package file
// (header, recipients, checksum, signature, body). 1: a payload whose checksum is made to match,
// from a sender the demo town registered, merged into it: what a damaged package from a trusted
// tablet reaches. 2: the same payload sealed for the demo town and signed, read and opened as a
// file. A refused package leaves the town exactly as it was.
#include "base/Text.hpp"
#include "FuzzSupport.hpp"
#include "store/Store.hpp"
#include "sync/Import.hpp"
#include "sync/Package.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jiceng;
  if (size == 0) return 0;
  const int mode = data[0] % 3;
  const std::string bytes(fuzz::text(data + 1, size - 1));
  std::optional<sync::ReadPackage> read;
  fuzz::refused_cleanly([&] {
    if (mode == 0) {
      read = sync::parse_package(bytes, "数据包.jcpkg");
    } else if (mode == 2) {
      const auto& from = fuzz::fuzz_sender();
      read = sync::parse_package(sync::package_file(bytes, from.device, from, {fuzz::fuzz_receiver()}), "数据包.jcpkg",
                                 &fuzz::fuzz_receiver());
    } else {
      // As if signed by a device the town registered: what a tablet's own bug or a stolen key sends.
      read = sync::ReadPackage{sync::package_from_payload(bytes, Location{"数据包.jcpkg", 2, {}}),
                               sha256_hex(bytes), bytes.size(), sync::kFormatVersion, fuzz::fuzz_sender().public_key};
      read->package.device = fuzz::fuzz_sender().device;
    }
  });
  if (!read) return 0;

  const std::string town = fuzz::fresh_demo_town();
  auto store = Store::open(town, Catalog::builtin(), Store::Access::Existing);
  const bool written = fuzz::refused_cleanly(
      [&] { sync::import_package(*store, *read, Actor{"管理员", "", Role::Admin, {}}, "数据包.jcpkg"); });
  store.reset();
  if (!written && fuzz::database_digest(town) != fuzz::demo_digest()) {
    std::fprintf(stderr, "\n== contract broken: a refused package changed the database\n");
    std::abort();
  }
  return 0;
}
