#pragma once
// Making packages: the changes of chosen organisations since the last export to a destination
// (or everything), with their audit entries and the town's identity; and making a tablet's own
// copy of a town database.
#include <string>
#include <vector>

#include "model/Model.hpp"
#include "sync/Package.hpp"

namespace jiceng {
class Store;
}

namespace jiceng::sync {

inline constexpr const char* kDefaultDestination = "town";
// The county gets counts, not names: a package to it is always open (ExportOptions::open).
inline constexpr const char* kCountyDestination = "county";

struct ExportOptions {
  std::vector<std::string> orgs;  // codes or names, each with its subtree; empty: the whole town
  std::string destination = kDefaultDestination;  // who the package is for ("town", "county", a tablet's name)
  bool everything = false;        // all data, not only what changed since the last export there
  Actor actor;
  bool open = false;  // not sealed, for a receiver without a key here: no personal fields (always for the county)
};

struct ExportSummary {
  std::string package_id;
  size_t orgs = 0, values = 0, removed = 0, members = 0, targets = 0, audit = 0;
  std::vector<std::string> sealed_for;  // the devices that can open it; empty: an open package
};

// The devices a package from this database is sealed for (besides itself): every other device
// whose key is registered here (the office for a tablet, the tablets for the office). With none,
// a package goes open, without personal fields.
std::vector<DeviceKey> receivers(const Store& store);
// 「加密发给：…」 or 「未加密，不含党员个人信息」, for the line after an export.
std::string sealing_text(const Store& store, const ExportSummary& summary);

// The package as it would be written now; changes nothing. Members' personal fields and the
// history's mentions of them are left out when the package will be open (options.open, or no
// receiver registered).
Package build_package(Store& store, const ExportOptions& options);
// Builds the package, writes it to `path` and remembers what was sent (only once the file is
// complete), all or nothing. Throws InputError for an unknown organisation or an unwritable file.
ExportSummary export_package(Store& store, const ExportOptions& options, const std::string& path);

// Copies a town database for one tablet: a new device id with a key pair of its own, registered
// here (and this database's key registered there, store/DeviceKeys.hpp), meta 'clone_of' naming this
// device; the copy starts in step with the town — its first package to `destination` holds only
// what the tablet changed afterwards. Refuses to overwrite an existing file.
// `actor` is who set the tablet up, in both databases' audit entries.
void clone_for_device(Store& town, const std::string& path, const std::string& destination = kDefaultDestination,
                      const Actor& actor = Actor{});

}  // namespace jiceng::sync
