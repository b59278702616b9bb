#include "store/Devices.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "store/Store.hpp"

namespace jiceng {

using sql::Stmt;

DeviceNames device_names(const Store& store) {
  DeviceNames out;
  Stmt st(store.handle(), "SELECT device, name FROM device_names");
  while (st.step()) out[st.text(0)] = st.text(1);
  return out;
}

std::string device_name(const Store& store, const std::string& device) {
  Stmt st(store.handle(), "SELECT name FROM device_names WHERE device = ?");
  st.bind(1, device);
  return st.step() ? st.text(0) : std::string();
}

std::string short_device_id(const std::string& device) {
  // Ids are "dev-" + hex (store/Store.cpp, sync/Export.cpp); six hex digits tell a town's tablets apart.
  // Anything else (an id from before, a test's) is shown as it is.
  if (device.rfind("dev-", 0) != 0) return device;
  return device.substr(4, 6);
}

std::string device_label(const DeviceNames& names, const std::string& device) {
  if (device.empty()) return {};
  auto it = names.find(device);
  return it != names.end() && !it->second.empty() ? it->second : short_device_id(device);
}

std::vector<KnownDevice> known_devices(const Store& store) {
  const DeviceNames names = device_names(store);
  const std::string self = store.device_id();
  std::set<std::string> ids;
  for (const auto& [id, name] : names) ids.insert(id);
  Stmt st(store.handle(),
          "SELECT device FROM audit UNION SELECT device FROM indicator_values UNION SELECT device FROM sync_imports "
          "UNION SELECT device FROM device_keys");
  while (st.step()) ids.insert(st.text(0));
  ids.erase("");
  ids.erase(self);
  std::vector<KnownDevice> out{{self, names.count(self) ? names.at(self) : "", true}};
  for (const auto& id : ids) out.push_back({id, names.count(id) ? names.at(id) : "", false});
  std::stable_sort(out.begin() + 1, out.end(),
                   [](const KnownDevice& a, const KnownDevice& b) { return !a.name.empty() && b.name.empty(); });
  return out;
}

void set_device_name(Store& store, const std::string& device, const std::string& name, const Actor& actor) {
  if (actor.role != Role::Admin)
    throw InputError(tr("auth.role_refused", {{"user", actor.user}, {"role", label(actor.role)}}));
  const std::string n = trim(name);
  if (device.empty()) throw InputError(tr("devices.unknown"));
  if (utf8_length(n) > kDeviceNameMax)
    throw InputError(tr("devices.too_long", {{"max", std::to_string(kDeviceNameMax)}}), Location{{}, 0, tr("devices.name")});
  const std::string old = device_name(store, device);
  if (old == n) return;
  store.transaction([&] {
    if (n.empty())
      Stmt(store.handle(), "DELETE FROM device_names WHERE device = ?").bind(1, device).run();
    else
      Stmt(store.handle(),
           "INSERT INTO device_names(device, name, updated_at, updated_by) VALUES(?1, ?2, ?3, ?4) "
           "ON CONFLICT(device) DO UPDATE SET name = ?2, updated_at = ?3, updated_by = ?4")
          .bind(1, device).bind(2, n).bind(3, now_iso()).bind(4, actor.user).run();
    const nlohmann::json d = {{"device", device}, {"old", old}, {"name", n}};
    store.record_audit({0, {}, actor.user, actor.device, "device_name", std::nullopt, {}, {}, {}, {},
                        tr("devices.audit_reason", {{"old", old.empty() ? short_device_id(device) : old},
                                                    {"name", n.empty() ? short_device_id(device) : n}}),
                        d.dump()});
  });
}

void learn_device_name(Store& store, const std::string& device, const std::string& name, const std::string& at) {
  const std::string n = trim(name);
  if (device.empty() || n.empty() || utf8_length(n) > kDeviceNameMax) return;
  Stmt(store.handle(), "INSERT OR IGNORE INTO device_names(device, name, updated_at, updated_by) VALUES(?, ?, ?, '')")
      .bind(1, device).bind(2, n).bind(3, at).run();
}

}  // namespace jiceng
