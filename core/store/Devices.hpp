#pragma once
// Device names: a person-readable name per device id (「王娜的平板」), so that histories say which
// tablet typed a value instead of 「dev-5a1e64decf16」. Names live in the device_names table
// (schema v8); an admin sets them in 设置 ▸ 关于 (audited); a package carries its sender's name,
// which the receiving database learns when it has none of its own for that device (docs/USERS.md).
#include <string>
#include <unordered_map>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {

class Store;

// Every name this database knows, by device id.
using DeviceNames = std::unordered_map<std::string, std::string>;
DeviceNames device_names(const Store& store);
std::string device_name(const Store& store, const std::string& device);  // empty when unnamed

// What a history shows for a device: its name, else a short form of its id (「5a1e64」 for
// dev-5a1e64decf16).
std::string device_label(const DeviceNames& names, const std::string& device);
std::string short_device_id(const std::string& device);

struct KnownDevice {
  std::string id, name;  // name empty when none is set
  bool self = false;     // this database's own device
};
// This device first, then every device seen in values, history and packages taken in or whose
// key is registered (store/DeviceKeys.hpp), named ones before unnamed, each group by id.
std::vector<KnownDevice> known_devices(const Store& store);

// Sets (or, with an empty name, clears) a device's name: admins only, one transaction with an
// audit entry holding the old and new name. Throws InputError for a name too long or a non-admin.
void set_device_name(Store& store, const std::string& device, const std::string& name, const Actor& actor);
// A name learnt from a package: kept only when this database has none for that device (a name an
// admin set here wins). Inside the caller's transaction; the import's audit entry covers it.
void learn_device_name(Store& store, const std::string& device, const std::string& name, const std::string& at);

constexpr size_t kDeviceNameMax = 20;  // characters: it must fit a history's column

}  // namespace jiceng
