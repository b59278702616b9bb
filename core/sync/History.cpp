#include "sync/History.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "store/Replica.hpp"
#include "store/Store.hpp"

namespace jiceng::sync {

namespace {

int count(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<int>() : 0;
}

ExchangeRecord read_record(const ExchangeRow& row, const std::unordered_map<std::string, std::string>& names) {
  ExchangeRecord r;
  r.sent = row.sent;
  r.at = row.at;
  r.by = row.by;
  r.peer = row.peer;
  r.sender = row.sender;
  r.sent_at = row.sent_at;
  r.file = std::filesystem::path(row.file).filename().string();
  r.package_id = row.package_id;
  r.everything = row.everything;
  const auto roots = nlohmann::json::parse(row.roots, nullptr, false);
  if (roots.is_array())
    for (const auto& code : roots)
      if (code.is_string()) {
        auto it = names.find(code.get<std::string>());
        r.orgs.push_back(it == names.end() ? code.get<std::string>() : it->second);
      }
  const auto c = nlohmann::json::parse(row.counts, nullptr, false);
  if (c.is_object()) {
    r.values = count(c, "values");
    r.removed = count(c, "removed");
    r.members = count(c, "members");
    r.targets = count(c, "targets");
    r.audit = count(c, "audit");
    r.added = count(c, "added");
    r.updated = count(c, "updated");
    r.deleted = r.sent ? 0 : count(c, "removed");
    r.unchanged = count(c, "unchanged");
    r.conflicts = count(c, "conflicts");
    r.members_changed = count(c, "members_added") + count(c, "members_updated") + count(c, "members_removed");
    auto a = c.find("adopted");
    r.adopted = !r.sent && a != c.end() && a->is_boolean() && a->get<bool>();
  }
  return r;
}

std::unordered_map<std::string, std::string> org_names(const Store& store) {
  std::unordered_map<std::string, std::string> names;
  for (const auto& o : store.orgs()) names[o.code] = o.name;
  return names;
}

}  // namespace

std::vector<ExchangeRecord> exchange_history(const Store& store, size_t limit) {
  const auto names = org_names(store);
  std::vector<ExchangeRecord> out;
  for (const auto& row : exchange_rows(store, limit)) out.push_back(read_record(row, names));
  return out;
}

std::optional<ExchangeRecord> last_sent(const Store& store, const std::string& destination) {
  auto row = last_export_row(store, destination);
  if (!row) return std::nullopt;
  return read_record(*row, org_names(store));
}

}  // namespace jiceng::sync
