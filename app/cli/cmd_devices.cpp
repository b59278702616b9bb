// jiceng-cli devices list / trust / revoke: the devices whose packages this database takes
// (core/store/DeviceKeys.hpp). `trust` is the pairing step for a tablet the office did not clone: the
// admin compares the fingerprint printed here with the one the tablet shows in 设置 ▸ 关于, then
// registers it. `revoke` is the step for a lost tablet.
#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "Cli.hpp"
#include "store/DeviceKeys.hpp"
#include "store/Devices.hpp"
#include "store/Store.hpp"
#include "sync/Package.hpp"

namespace jiceng::cli {
namespace {

using namespace jiceng::sync;

std::string label_of(const Store& store, const std::string& device) {
  return device_label({{device, device_name(store, device)}}, device);
}

int run_list(const Args& a) {
  a.allow_only({"json"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const DeviceKey own = own_device_key(*store);  // made on first use
  const auto keys = registered_keys(*store);
  if (a.flag("json")) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& k : keys)
      list.push_back({{"device", k.device}, {"name", device_name(*store, k.device)}, {"public_key", k.public_key},
                      {"fingerprint", key_fingerprint(k.public_key)}, {"how", k.how}, {"registered_at", k.registered_at},
                      {"registered_by", k.registered_by}});
    out(nlohmann::json{{"self", {{"device", own.device}, {"name", device_name(*store, own.device)},
                                 {"public_key", own.public_key}, {"fingerprint", key_fingerprint(own.public_key)}}},
                       {"registered", list}}.dump(2));
    return kOk;
  }
  out(tr("sync.cli.devices.self", {{"device", own.device}, {"name", label_of(*store, own.device)},
                                   {"fingerprint", key_fingerprint(own.public_key)}}));
  if (keys.empty()) out(tr("sync.cli.devices.none"));
  for (const auto& k : keys)
    out(tr("sync.cli.devices.row", {{"device", k.device}, {"name", label_of(*store, k.device)},
                                    {"fingerprint", key_fingerprint(k.public_key)}, {"how", tr("sync.cli.devices.how." + k.how)},
                                    {"by", k.registered_by}, {"at", k.registered_at}}));
  return kOk;
}

int run_trust(const Args& a) {
  a.allow_only({"user"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const std::string file = a.positional(1, "sync.cli.arg.package");
  const ReadPackage r = read_package(file);  // a package whose signature fails is refused here
  if (r.key.empty()) throw InputError(tr("sync.cli.trust_unsigned"), Location{file});
  const Actor actor = acting_user(a, *store);
  const std::string device = r.package.device;
  const std::string fingerprint = key_fingerprint(r.key);
  const KeyStatus status = key_status(*store, device, r.key);
  if (status == KeyStatus::Registered || status == KeyStatus::Own) {
    out(tr("sync.cli.trusted_already", {{"device", label_of(*store, device)}, {"fingerprint", fingerprint}}));
    return kOk;
  }
  // Another key under this database's own device id is a forgery, whoever registers it.
  if (device == store->device_id())
    throw InputError(tr("sync.sign.key_differs", {{"device", label_of(*store, device)}, {"fingerprint", fingerprint}}),
                     Location{file});
  store->transaction([&] { register_device_key(*store, device, r.key, "admin", actor); });
  out(tr("sync.cli.trusted", {{"device", label_of(*store, device)}, {"fingerprint", fingerprint}}));
  return kOk;
}

int run_revoke(const Args& a) {
  a.allow_only({"user"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const std::string device = a.positional(1, "sync.cli.arg.device");
  const Actor actor = acting_user(a, *store);
  revoke_device_key(*store, device, actor);
  std::string fingerprint;
  for (const auto& k : registered_keys(*store))
    if (k.device == device) fingerprint = key_fingerprint(k.public_key);
  out(tr("sync.cli.revoked", {{"device", label_of(*store, device)}, {"fingerprint", fingerprint}}));
  return kOk;
}

Register list_cmd{{"devices list", "sync.cli.usage.devices", {"json"}, run_list}};
Register revoke_cmd{{"devices revoke", "sync.cli.usage.revoke", {}, run_revoke}};
Register trust_cmd{{"devices trust", "sync.cli.usage.trust", {}, run_trust}};

}  // namespace
}  // namespace jiceng::cli
