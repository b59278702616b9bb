#pragma once
// The exchange package: one text file a tablet, the town office or a county sends on a USB stick
// or through a chat app. Format (docs/SYNC.md):
//
//   line 1   {"bytes":N,"format":"jiceng-package","key":"<hex>","sha256":"<hex>","signature":"<hex>","version":2}
//   the rest exactly N bytes of JSON (the payload), whose SHA-256 is the header's
//
// `key` is the sending device's Ed25519 public key and `signature` its signature over the sender's
// device id and the checksum (sync/Signing.hpp); version 1 had neither and is read, never imported.
//
// The header is read first, so a newer format is named as such instead of failing on content;
// a short file is "truncated", a changed one "tampered with". Rows are tables (a column list and
// arrays) rather than objects, which keeps a village's year at a third of the size to parse.
#include <optional>
#include <string>
#include <vector>

#include "Error.hpp"
#include "sync/Identity.hpp"
#include "sync/Signing.hpp"

namespace jiceng::sync {

constexpr int kFormatVersion = 2;
inline constexpr const char* kFormatName = "jiceng-package";

// A value's state on one side: absent (no value) or a value with its status word.
struct ValueState {
  std::optional<double> value;  // nullopt: no value (never typed, or removed)
  std::string status;           // "draft" / "submitted" / "approved"; empty when absent
  bool operator==(const ValueState&) const = default;
};

struct PackageOrg {
  std::string code, name, kind;  // kind as in the database ("village", …)
  std::string parent;            // parent's code; empty for the town
  int sort = 0;
};

struct PackageValue {
  std::string org, indicator, period;  // org by code
  ValueState now;                      // the sender's current state
  ValueState base;                     // what the sender last sent to (or got from) this destination
  std::string updated_at, updated_by, device;  // who wrote `now` (empty when removed)
};

struct PackageMember {
  std::string uid;          // stable across databases
  std::string record;       // the member as compact JSON (docs/SYNC.md); empty: removed
  std::string base_record;  // the record last sent to this destination; empty: none
};

struct PackageTarget {
  std::string org, indicator;
  int year = 0;
  double value = 0;
};

struct PackageAudit {
  std::string at, user, device, action, org, indicator, period;  // org by code, may be empty
  std::optional<double> old_value, new_value;
  std::string reason, detail;
};

struct Package {
  std::string id;           // random; a package imported once is recognised by it
  std::string created_at, created_by;
  std::string device;       // the sender's device id
  std::string device_name;  // its name there (core/Devices.hpp), when it has one; absent in older packages
  std::string destination;  // the name the sender exported to
  bool everything = false;  // all data of the organisations, not only changes since the last export
  TownIdentity town;
  std::vector<std::string> roots;  // codes of the organisations chosen (their subtrees are inside)
  std::vector<PackageOrg> orgs;    // the chosen subtrees and their ancestors, parents first
  std::vector<PackageValue> values;
  std::vector<PackageMember> members;
  std::vector<PackageTarget> targets;
  std::vector<PackageAudit> audit;
};

// The file's text: header line and payload, signed with the sender's key.
std::string package_text(const Package& p, const DeviceKey& sender);
// Writes the file through a temporary name and a rename, so a reader never sees half a package.
void write_package(const Package& p, const DeviceKey& sender, const std::string& path);

struct ReadPackage {
  Package package;
  std::string sha256;  // the payload's checksum, as hex
  size_t bytes = 0;
  int version = 0;
  std::string key;     // the sender's public key (version 2; its signature checked); empty: unsigned
};
// Reads and checks a package; throws InputError (naming the file) when it is not a package, is
// of a newer format, is truncated, fails its checksum or its signature, or lacks a field.
ReadPackage read_package(const std::string& path);
ReadPackage parse_package(const std::string& text, const std::string& source);

// Whether a file's text starts like a package (a header line naming the format, or the start of
// one cut short), so callers can tell packages from databases before reading them.
bool looks_like_package(std::string_view text);

// The payload's JSON as a Package (PackageRead.cpp); throws InputError at `where` for a missing
// field or column, or a value of the wrong type.
Package package_from_payload(std::string_view payload, const Location& where);


}  // namespace jiceng::sync
