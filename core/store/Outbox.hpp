#pragma once
// What a package to another device is made of, as the store reads it, and what the store keeps
// once it is sent: the base each destination last got (values and member records), the history
// mark per destination and choice of organisations, and the ledger of packages sent. The package
// exporter (sync/Export.cpp) chooses and seals; these are its statements.
//
// `orgs` is always a JSON array of organisation ids, so each query reads only their rows by index.
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {

class Store;

// A value of the chosen organisations with what was last sent to the destination. A value removed
// here since it was sent comes with `value` absent.
struct OutValue {
  OrgId org = 0;
  std::string indicator, period;
  std::optional<double> value;
  std::string status, at, by, device;
  std::optional<double> base;
  std::string base_status;
};
void outbox_values(const Store& store, const std::string& destination, const std::string& orgs,
                   const std::function<void(const OutValue&)>& fn);
// Member records last sent to the destination, by uid.
std::unordered_map<std::string, std::string> sent_member_records(const Store& store, const std::string& destination);
std::vector<Target> targets_of(const Store& store, const std::string& orgs);  // every year, by year and organisation
// The last audit entry a destination got for this choice of organisations (0: none).
int64_t history_mark(const Store& store, const std::string& mark_key);
int64_t last_audit_id(const Store& store);
// The chosen organisations' audit entries after `mark`, oldest first, with their signatures.
void audit_after(const Store& store, int64_t mark, const std::string& orgs,
                 const std::function<void(const AuditEntry&, const std::string& signature)>& fn);

// ---- Once sent (inside the exporter's transaction) ---------------------------------------------
// What a destination holds now, after a package: values (absent: it holds none) and member
// records (empty: none). Each batch prepares its statements once.
struct SentValue {
  OrgId org = 0;
  std::string indicator, period;
  std::optional<double> value;
  std::string status;
};
void remember_sent_values(Store& store, const std::string& destination, const std::vector<SentValue>& values);
void remember_sent_members(Store& store, const std::string& destination,
                           const std::vector<std::pair<std::string, std::string>>& uid_records);
void remember_history_mark(Store& store, const std::string& mark_key, int64_t audit_id, const std::string& at,
                           const std::string& package_id);
struct SentRow {
  std::string package, at, user, destination;
  bool everything = false;
  std::string roots, file, counts;  // JSON, JSON, name, JSON
};
void record_export(Store& store, const SentRow& row);

// A copy of the town's file for another device (VACUUM INTO, consistent while the town is open):
// its own device id, marked as `clone_of` the office, without the office's exchanges, conflicts
// and device keys, and in step with the office as of now (every value is the base sent to
// `destination`). Throws InputError when the copy cannot be written; leaves no file then.
void copy_for_device(Store& town, const std::string& path, const std::string& device, const std::string& destination);

}  // namespace jiceng
