#pragma once
// Who sent a package, proven (docs/SECURITY.md). Every database holds an Ed25519 key pair for its
// own device (libsodium), made when first needed and made anew whenever the device id changes,
// so a copy of a file (a clone, the browser's ready-made demo town) never signs as the original.
// A package's header carries the sender's device id, public key and a signature over the
// payload's checksum; the receiver takes a package only from a device whose key it knows:
// registered when the office clones a tablet, when a database starts from a package someone chose,
// or by an admin who compared the key's fingerprint with the one the sending device shows.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {

class Store;

struct DeviceKey {
  std::string device;
  std::string public_key;  // 32 bytes as 64 hex digits
  std::string secret_key;  // 64 bytes as 128 hex digits; empty for another device's key
};

// This database's key for its current device id, created (and kept in meta) when it has none or
// the one it has belongs to another device id. Writes (in a transaction of its own, or joining the
// caller's) only then: a read costs no revision, so a screen may ask every time it loads.
DeviceKey own_device_key(Store& store);
// The key own_device_key would return, without making one: for readers (nullopt when there is none yet).
std::optional<DeviceKey> stored_device_key(const Store& store);
// The key pair a new copy of a database gets for `device` (the clone writes it into the copy).
DeviceKey new_device_key(const std::string& device);
// Stores `key` as the database's own (meta 'device_key'), inside the caller's transaction.
void keep_own_device_key(Store& store, const DeviceKey& key);

// What a package's signature covers: its format, its sender and its body's checksum; from
// version 3 on also the version itself (a relabelled package fails) and the recipients' list as
// the header has it (`recipients_json`, "" when open).
std::string signature_text(const std::string& device, const std::string& payload_sha256);
std::string signature_text_v3(const std::string& device, const std::string& body_sha256, const std::string& recipients_json);
std::string sign(const DeviceKey& key, std::string_view text);  // 128 hex digits
bool signature_valid(const std::string& public_key, std::string_view text, const std::string& signature);
bool looks_like_public_key(const std::string& hex);

// A key as people compare it aloud: the first 8 bytes of its SHA-256 in four groups ("3F2A-…").
std::string key_fingerprint(const std::string& public_key);

// Revoked: an admin stopped trusting the device (a lost tablet), whatever key it shows.
enum class KeyStatus { Own, Registered, Unknown, Different, Revoked };
KeyStatus key_status(const Store& store, const std::string& device, const std::string& public_key);

struct RegisteredKey {
  std::string device, public_key, registered_at, registered_by, how;  // how: clone, adopted, admin, revoked
};
std::vector<RegisteredKey> registered_keys(const Store& store);
// Registers (or, for an admin, replaces) a device's key with an audit entry; inside the caller's
// transaction. `how` says why the key is trusted: "clone", "adopted" or "admin".
void register_device_key(Store& store, const std::string& device, const std::string& public_key, const std::string& how,
                         const Actor& actor);
// A lost or stolen tablet: its packages are refused and nothing is sealed for it any more (its
// row stays, how = 'revoked', so the refusal can say why). Admins only, audited, in its own
// transaction. Registering the device again (an admin, after comparing fingerprints) trusts it anew.
// Throws InputError for a device with no registered key.
void revoke_device_key(Store& store, const std::string& device, const Actor& actor);

}  // namespace jiceng
