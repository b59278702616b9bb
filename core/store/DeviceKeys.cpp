#include "store/DeviceKeys.hpp"

#include <sodium.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "base/Error.hpp"
#include "base/Sodium.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "store/Store.hpp"

namespace jiceng {

using sql::Stmt;

using sodium::from_hex;
using sodium::to_hex;

DeviceKey new_device_key(const std::string& device) {
  sodium::init();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  DeviceKey key{device, to_hex(pk, sizeof pk), to_hex(sk, sizeof sk)};
  sodium_memzero(sk, sizeof sk);
  return key;
}

void keep_own_device_key(Store& store, const DeviceKey& key) {
  const nlohmann::json j = {{"device", key.device}, {"public", key.public_key}, {"secret", key.secret_key}};
  store.set_meta("device_key", j.dump());
}

std::optional<DeviceKey> stored_device_key(const Store& store) {
  const std::string device = store.device_id();
  const auto j = nlohmann::json::parse(store.meta("device_key"), nullptr, false);
  if (j.is_object() && j.value("device", "") == device && looks_like_public_key(j.value("public", "")) &&
      j.value("secret", "").size() == crypto_sign_SECRETKEYBYTES * 2)
    return DeviceKey{device, j.value("public", ""), j.value("secret", "")};
  return std::nullopt;
}

DeviceKey own_device_key(Store& store) {
  if (auto key = stored_device_key(store)) return *key;
  DeviceKey key = new_device_key(store.device_id());
  store.transaction([&] { keep_own_device_key(store, key); });  // a transaction only when writing
  return key;
}

std::string signature_text(const std::string& device, const std::string& payload_sha256) {
  return std::string("jiceng-package\n") + device + "\n" + payload_sha256;
}

std::string signature_text_v3(const std::string& device, const std::string& body_sha256, const std::string& recipients_json) {
  return std::string("jiceng-package 3\n") + device + "\n" + body_sha256 + "\n" + sha256_hex(recipients_json);
}

std::string sign(const DeviceKey& key, std::string_view text) {
  sodium::init();
  unsigned char sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
  if (!from_hex(key.secret_key, sk, sizeof sk)) throw std::runtime_error("device key damaged");
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(), sk);
  sodium_memzero(sk, sizeof sk);
  return to_hex(sig, sizeof sig);
}

bool signature_valid(const std::string& public_key, std::string_view text, const std::string& signature) {
  sodium::init();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
  if (!from_hex(public_key, pk, sizeof pk) || !from_hex(signature, sig, sizeof sig)) return false;
  return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(text.data()), text.size(), pk) == 0;
}

bool looks_like_public_key(const std::string& hex) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  return from_hex(hex, pk, sizeof pk);
}

std::string key_fingerprint(const std::string& public_key) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  if (!from_hex(public_key, pk, sizeof pk)) return "?";
  const std::string digest = sha256_hex(std::string_view(reinterpret_cast<const char*>(pk), sizeof pk));
  std::string out;
  for (size_t i = 0; i < 16; i += 4) {
    if (!out.empty()) out += '-';
    out += digest.substr(i, 4);
  }
  for (char& c : out) c = char(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

KeyStatus key_status(const Store& store, const std::string& device, const std::string& public_key) {
  if (device == store.device_id()) {
    const auto j = nlohmann::json::parse(store.meta("device_key"), nullptr, false);
    const bool mine = j.is_object() && j.value("device", "") == device && j.value("public", "") == public_key;
    return mine ? KeyStatus::Own : KeyStatus::Different;
  }
  Stmt q(store.handle(), "SELECT public_key, how FROM device_keys WHERE device = ?");
  q.bind(1, device);
  if (!q.step()) return KeyStatus::Unknown;
  if (q.text(1) == "revoked") return KeyStatus::Revoked;
  return q.text(0) == public_key ? KeyStatus::Registered : KeyStatus::Different;
}

std::vector<RegisteredKey> registered_keys(const Store& store) {
  std::vector<RegisteredKey> out;
  Stmt q(store.handle(), "SELECT device, public_key, registered_at, registered_by, how FROM device_keys ORDER BY registered_at, device");
  while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4)});
  return out;
}

void register_device_key(Store& store, const std::string& device, const std::string& public_key, const std::string& how,
                         const Actor& actor) {
  if (!looks_like_public_key(public_key)) throw InputError(tr("sync.sign.bad_key"));
  if (how == "admin" && actor.role != Role::Admin)
    throw InputError(tr("sync.sign.admin_only", {{"user", actor.user}, {"role", label(actor.role)}}));
  const std::string now = now_iso();
  Stmt q(store.handle(), "SELECT public_key, how FROM device_keys WHERE device = ?");
  q.bind(1, device);
  const bool had = q.step();
  const std::string old = had ? q.text(0) : std::string();
  const bool revoked = had && q.text(1) == "revoked";
  q.reset();
  if (old == public_key && !revoked) return;
  Stmt(store.handle(), "INSERT INTO device_keys(device, public_key, registered_at, registered_by, how) VALUES(?,?,?,?,?) "
                       "ON CONFLICT(device) DO UPDATE SET public_key = excluded.public_key, "
                       "registered_at = excluded.registered_at, registered_by = excluded.registered_by, how = excluded.how")
      .bind(1, device).bind(2, public_key).bind(3, now).bind(4, actor.user).bind(5, how).run();
  nlohmann::json d = {{"device", device}, {"fingerprint", key_fingerprint(public_key)}, {"how", how}};
  if (!old.empty()) d["old_fingerprint"] = key_fingerprint(old);
  store.record_audit({0, now, actor.user, actor.device, "register_device_key", std::nullopt, {}, {}, {}, {},
                      tr("sync.sign.audit_registered", {{"fingerprint", key_fingerprint(public_key)}}), d.dump()});
}

void revoke_device_key(Store& store, const std::string& device, const Actor& actor) {
  if (actor.role != Role::Admin)
    throw InputError(tr("sync.sign.admin_only", {{"user", actor.user}, {"role", label(actor.role)}}));
  store.transaction([&] {
    Stmt q(store.handle(), "SELECT public_key, how FROM device_keys WHERE device = ?");
    q.bind(1, device);
    if (!q.step()) throw InputError(tr("sync.sign.revoke_unknown", {{"device", device}}));
    if (q.text(1) == "revoked") return;
    const std::string key = q.text(0);
    q.reset();
    const std::string now = now_iso();
    Stmt(store.handle(), "UPDATE device_keys SET how = 'revoked', registered_at = ?, registered_by = ? WHERE device = ?")
        .bind(1, now).bind(2, actor.user).bind(3, device).run();
    const nlohmann::json d = {{"device", device}, {"fingerprint", key_fingerprint(key)}};
    store.record_audit({0, now, actor.user, actor.device, "revoke_device_key", std::nullopt, {}, {}, {}, {},
                        tr("sync.sign.audit_revoked", {{"fingerprint", key_fingerprint(key)}}), d.dump()});
  });
}

}  // namespace jiceng
