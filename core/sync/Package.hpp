#pragma once
// The exchange package: one text file a tablet, the town office or a county sends on a USB stick
// or through a chat app. Format (docs/SYNC.md):
//
//   line 1   {"bytes":N,"device":"<id>","format":"jiceng-package","key":"<hex>","recipients":[…],
//             "sha256":"<hex>","signature":"<hex>","version":3}
//   the rest exactly N bytes (the body), whose SHA-256 is the header's
//
// `key` is the sending device's Ed25519 public key and `signature` its signature over the sender's
// device id and the checksum (store/DeviceKeys.hpp). With `recipients` the body is the payload sealed
// for those devices (sync/Sealing.hpp); without, it is the payload itself, and then it carries no
// member's personal fields (name, gender, birth date). The payload is JSON.
// Version 2 had neither `device` nor `recipients` (always open, with personal fields) and is still
// imported; version 1 had no signature and is read, never imported.
//
// The header is read first, so a newer format is named as such instead of failing on content;
// a short file is "truncated", a changed one "tampered with". Rows are tables (a column list and
// arrays) rather than objects, which keeps a village's year at a third of the size to parse.
#include <optional>
#include <string>
#include <vector>

#include "base/Error.hpp"
#include "store/DeviceKeys.hpp"
#include "sync/Identity.hpp"
#include "sync/Sealing.hpp"

namespace jiceng::sync {

constexpr int kFormatVersion = 3;
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

// The town's own sections and indicators (Store::town_indicators) travel with every package, so a
// tablet learns an indicator the office defined before its values arrive. Absent in older packages.
struct PackageSection {
  std::string id, name;
};
struct PackageIndicator {
  std::string id, definition, state, defined_at, defined_by;
};

struct PackageAudit {
  std::string at, user, device, action, org, indicator, period;  // org by code, may be empty
  std::optional<double> old_value, new_value;
  std::string reason, detail;
  std::string signature;  // by the device that wrote it (core/store/AuditSigning.hpp); "" before signing
};

struct Package {
  std::string id;           // random; a package imported once is recognised by it
  std::string created_at, created_by;
  std::string device;       // the sender's device id
  std::string device_name;  // its name there (core/store/Devices.hpp), when it has one; absent in older packages
  std::string destination;  // the name the sender exported to
  bool everything = false;  // all data of the organisations, not only changes since the last export
  bool personal = true;     // members carry name, gender and birth date (only ever in a sealed package)
  TownIdentity town;
  std::vector<std::string> roots;  // codes of the organisations chosen (their subtrees are inside)
  std::vector<PackageOrg> orgs;    // the chosen subtrees and their ancestors, parents first
  std::vector<PackageValue> values;
  std::vector<PackageMember> members;
  std::vector<PackageTarget> targets;
  std::vector<PackageAudit> audit;
  std::vector<PackageSection> sections;
  std::vector<PackageIndicator> indicators;
  // The sender signs its entries (a package from before signing lacks the column): then every
  // entry of the sender's own device must carry its signature.
  bool audit_signed = true;
};

// The file's text: header line and body, signed with the sender's key; sealed for `to` (other
// devices' keys) when there are any. A package with personal fields is never written open.
std::string package_text(const Package& p, const DeviceKey& sender, const std::vector<DeviceKey>& to = {});
// The same around a payload's JSON as it is (the fuzz target's sealed inputs).
std::string package_file(std::string payload, const std::string& device, const DeviceKey& sender,
                         const std::vector<DeviceKey>& to);
// Writes the file through a temporary name and a rename, so a reader never sees half a package.
void write_package(const Package& p, const DeviceKey& sender, const std::string& path, const std::vector<DeviceKey>& to = {});

struct ReadPackage {
  Package package;     // when `sealed`, only package.device (from the header) is known
  std::string sha256;  // the body's checksum, as hex
  size_t bytes = 0;
  int version = 0;
  std::string key;     // the sender's public key (version 2 on; its signature checked); empty: unsigned
  std::vector<Recipient> recipients;  // the devices it is sealed for; empty: an open package
  bool sealed = false;  // sealed and not opened here (no receiver key given): the payload is unread
  std::string body;     // the sealed body, kept while `sealed`
};
// Reads and checks a package; throws InputError (naming the file) when it is not a package, is
// of a newer format, is truncated, fails its checksum or its signature, or lacks a field. A sealed
// package is opened with `receiver` (this database's own key) and refused when it is not among
// its recipients; without a receiver it is returned `sealed`, its header checked.
ReadPackage read_package(const std::string& path, const DeviceKey* receiver = nullptr);
ReadPackage parse_package(const std::string& text, const std::string& source, const DeviceKey* receiver = nullptr);
// Opens a package read `sealed` with this database's own key; throws InputError at `source` when
// the key is not among its recipients or the body does not decrypt. Does nothing to an open one.
void open_package(ReadPackage& read, const DeviceKey& receiver, const std::string& source);

// Whether a file's text starts like a package (a header line naming the format, or the start of
// one cut short), so callers can tell packages from databases before reading them.
bool looks_like_package(std::string_view text);

// The payload's JSON as a Package (PackageRead.cpp); throws InputError at `where` for a missing
// field or column, or a value of the wrong type.
Package package_from_payload(std::string_view payload, const Location& where);


}  // namespace jiceng::sync
