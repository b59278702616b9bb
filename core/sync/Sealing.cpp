#include "sync/Sealing.hpp"

#include <sodium.h>

#include "base/Error.hpp"
#include "base/Sodium.hpp"
#include "base/Strings.hpp"

namespace jiceng::sync {

using sodium::from_hex;
using sodium::to_hex;

namespace {

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// Clears a secret however the function that holds it is left.
template <size_t N>
struct Secret {
  unsigned char b[N];
  ~Secret() { sodium_memzero(b, N); }
};

}  // namespace

bool can_receive(const std::string& public_key) {
  unsigned char ed[crypto_sign_PUBLICKEYBYTES], x[crypto_scalarmult_curve25519_BYTES];
  return from_hex(public_key, ed, sizeof ed) && crypto_sign_ed25519_pk_to_curve25519(x, ed) == 0;
}

bool looks_like_sealed_key(const std::string& hex) {
  unsigned char b[kSealedKeyHexSize / 2];
  return from_hex(hex, b, sizeof b);
}

Sealed seal_payload(std::string_view payload, const std::string& sender_device, const std::vector<DeviceKey>& to) {
  sodium::init();
  static_assert(kSealedKeyHexSize == 2 * (crypto_box_SEALBYTES + crypto_aead_xchacha20poly1305_ietf_KEYBYTES));
  Secret<crypto_aead_xchacha20poly1305_ietf_KEYBYTES> key;
  crypto_aead_xchacha20poly1305_ietf_keygen(key.b);
  Sealed out;
  for (const auto& r : to) {
    unsigned char ed[crypto_sign_PUBLICKEYBYTES], x[crypto_scalarmult_curve25519_BYTES];
    unsigned char sealed[crypto_box_SEALBYTES + sizeof key.b];
    if (!from_hex(r.public_key, ed, sizeof ed) || crypto_sign_ed25519_pk_to_curve25519(x, ed) != 0) continue;  // see can_receive
    if (crypto_box_seal(sealed, key.b, sizeof key.b, x) != 0) throw std::runtime_error("crypto_box_seal failed");
    out.recipients.push_back({r.device, to_hex(sealed, sizeof sealed)});
  }
  unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  randombytes_buf(nonce, sizeof nonce);
  out.body.assign(reinterpret_cast<const char*>(nonce), sizeof nonce);
  out.body.resize(sizeof nonce + payload.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(out.body.data()) + sizeof nonce,
                                                 &written, bytes(payload), payload.size(), bytes(sender_device),
                                                 sender_device.size(), nullptr, nonce, key.b) != 0)
    throw std::runtime_error("encryption failed");
  out.body.resize(sizeof nonce + written);
  return out;
}

std::string open_payload(std::string_view body, const std::string& sender_device, const std::vector<Recipient>& recipients,
                         const DeviceKey& own) {
  sodium::init();
  const Recipient* mine = nullptr;
  for (const auto& r : recipients)
    if (r.device == own.device) mine = &r;
  if (!mine)
    throw InputError(tr("sync.seal.not_for_us", {{"count", std::to_string(recipients.size())}, {"device", own.device}}));
  Secret<crypto_sign_SECRETKEYBYTES> ed_sk;
  Secret<crypto_scalarmult_curve25519_BYTES> x_sk;
  Secret<crypto_aead_xchacha20poly1305_ietf_KEYBYTES> key;
  unsigned char x_pk[crypto_scalarmult_curve25519_BYTES];
  unsigned char sealed[crypto_box_SEALBYTES + sizeof key.b];
  // The public half from the secret one, so a damaged public key in meta cannot mislead the box.
  if (!from_hex(own.secret_key, ed_sk.b, sizeof ed_sk.b) || crypto_sign_ed25519_sk_to_curve25519(x_sk.b, ed_sk.b) != 0 ||
      crypto_scalarmult_curve25519_base(x_pk, x_sk.b) != 0)
    throw InputError(tr("sync.seal.own_key_damaged"));
  if (!from_hex(mine->sealed, sealed, sizeof sealed) ||
      crypto_box_seal_open(key.b, sealed, sizeof sealed, x_pk, x_sk.b) != 0)
    throw InputError(tr("sync.seal.cannot_open"));
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  if (body.size() < kNonce + crypto_aead_xchacha20poly1305_ietf_ABYTES) throw InputError(tr("sync.seal.cannot_open"));
  std::string payload(body.size() - kNonce - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long n = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(payload.data()), &n, nullptr,
                                                 bytes(body) + kNonce, body.size() - kNonce, bytes(sender_device),
                                                 sender_device.size(), bytes(body), key.b) != 0)
    throw InputError(tr("sync.seal.cannot_open"));
  payload.resize(n);
  return payload;
}

}  // namespace jiceng::sync
