#pragma once
// 收发记录: the packages this device sent (sync_exports) and took in (sync_imports), newest first,
// with what each held — for the exchange screen's history list. Reads only.
#include <optional>
#include <string>
#include <vector>

namespace jiceng {
class Store;
}

namespace jiceng::sync {

struct ExchangeRecord {
  bool sent = false;        // true: made here and sent; false: taken in here
  std::string at;           // when it was exported / imported here (ISO 8601 UTC)
  std::string by;           // who exported / imported it here
  std::string peer;         // sent: the destination ("town", "county", a tablet's name); taken in: the sender's device
  std::string sender;       // taken in: who made the package (empty when not known, before schema v6)
  std::string sent_at;      // taken in: when the package was made
  std::string file;         // the file's name (without its folder)
  std::string package_id;
  bool everything = false;  // sent: the whole data of the organisations, not only changes
  std::vector<std::string> orgs;  // names of the chosen organisations; empty: not known
  // What a sent package held.
  int values = 0, removed = 0, members = 0, targets = 0, audit = 0;
  // What a package taken in did here.
  int added = 0, updated = 0, deleted = 0, unchanged = 0, conflicts = 0, members_changed = 0;
  bool adopted = false;     // it made an empty database this town's copy
};

// Sent and taken-in packages of this device, newest first; `limit` 0 for all.
std::vector<ExchangeRecord> exchange_history(const Store& store, size_t limit = 0);

// The last package sent to `destination`, if any (for "changes since the last package to …").
std::optional<ExchangeRecord> last_sent(const Store& store, const std::string& destination);

}  // namespace jiceng::sync
