#pragma once
// A package's payload sealed for its receivers (docs/SECURITY.md): personal data travels on USB
// sticks and through chat apps, so only the devices it is meant for can read it.
//
// The payload is encrypted once with a random key (XChaCha20-Poly1305, the sender's device id as
// associated data), and that key is sealed for each receiver (crypto_box_seal to the X25519 form
// of the receiver's Ed25519 device key, the key its packages are signed with). No new key to
// register or lose: a device that can check a tablet's packages can also write to it.
#include <string>
#include <string_view>
#include <vector>

#include "store/DeviceKeys.hpp"

namespace jiceng::sync {

struct Recipient {
  std::string device;  // the receiving device's id
  std::string sealed;  // the payload key sealed for it, as hex
};

struct Sealed {
  std::string body;  // nonce, then the encrypted payload and its tag
  std::vector<Recipient> recipients;
};

// Whether a public key can be sealed for (a key that is no curve point never came from a Jiceng
// device; it is skipped rather than trusted).
bool can_receive(const std::string& public_key);

// Encrypts `payload` for every key in `to` that can receive (other devices' public keys).
Sealed seal_payload(std::string_view payload, const std::string& sender_device, const std::vector<DeviceKey>& to);

// The payload, when `own` is among the recipients. Throws InputError (without a location; the
// caller names the file) when it is not, or when the body does not decrypt (damaged, or sealed
// with other keys than the list says).
std::string open_payload(std::string_view body, const std::string& sender_device, const std::vector<Recipient>& recipients,
                         const DeviceKey& own);

// Whether a header's sealed key has the size and digits of one.
bool looks_like_sealed_key(const std::string& hex);

// The sizes a reader checks before trusting a header.
constexpr size_t kSealedKeyHexSize = 2 * (32 + 48);  // crypto_box_SEALBYTES + the 32-byte key
constexpr size_t kMaxRecipients = 10000;

}  // namespace jiceng::sync
