#include "sync/History.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/Sql.hpp"
#include "store/Store.hpp"

namespace jiceng::sync {

using sql::Stmt;

namespace {

// Both lists as one, newest first. A tablet copied from the town holds the town's list of
// packages taken in (so none is taken twice) but only those taken in on this device are its history.
constexpr const char* kHistory = R"sql(
SELECT 1, exported_at, exported_by, destination, '', '', file, package_id, everything, roots, counts
  FROM sync_exports
UNION ALL
SELECT 0, imported_at, imported_by, device, sent_by, sent_at, coalesce(json_extract(counts, '$.file'), ''),
       package_id, 0, roots, counts
  FROM sync_imports WHERE received_on = '' OR received_on = ?1
ORDER BY 2 DESC, 1 DESC, 8
)sql";

int count(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<int>() : 0;
}

ExchangeRecord read_record(const Stmt& st, const std::unordered_map<std::string, std::string>& names) {
  ExchangeRecord r;
  r.sent = st.int64(0) != 0;
  r.at = st.text(1);
  r.by = st.text(2);
  r.peer = st.text(3);
  r.sender = st.text(4);
  r.sent_at = st.text(5);
  r.file = std::filesystem::path(st.text(6)).filename().string();
  r.package_id = st.text(7);
  r.everything = st.int64(8) != 0;
  const auto roots = nlohmann::json::parse(st.text(9), nullptr, false);
  if (roots.is_array())
    for (const auto& code : roots)
      if (code.is_string()) {
        auto it = names.find(code.get<std::string>());
        r.orgs.push_back(it == names.end() ? code.get<std::string>() : it->second);
      }
  const auto c = nlohmann::json::parse(st.text(10), nullptr, false);
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
  std::string sql = kHistory;
  if (limit) sql += " LIMIT " + std::to_string(limit);
  Stmt st(store.handle(), sql);
  st.bind(1, store.device_id());
  std::vector<ExchangeRecord> out;
  while (st.step()) out.push_back(read_record(st, names));
  return out;
}

std::optional<ExchangeRecord> last_sent(const Store& store, const std::string& destination) {
  Stmt st(store.handle(),
          "SELECT 1, exported_at, exported_by, destination, '', '', file, package_id, everything, roots, counts "
          "FROM sync_exports WHERE destination = ? ORDER BY exported_at DESC LIMIT 1");
  st.bind(1, destination);
  if (!st.step()) return std::nullopt;
  return read_record(st, org_names(store));
}

}  // namespace jiceng::sync
