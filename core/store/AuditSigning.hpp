#pragma once
// Who wrote an audit entry, proven one entry at a time. Every entry a database writes for its own
// device is signed with that device's Ed25519 key (store/DeviceKeys.hpp); the signature travels with
// the entry in packages and is kept where the entry lands, so the office can still prove, years
// later, which tablet typed a figure — and an entry changed afterwards (a SQL editor on the tablet's
// file before it exports, or on the office's file with every chain hash rewritten) no longer
// verifies. The hash chain (store/AuditChain.hpp) proves order and completeness; this proves authorship.
//
// What is signed: the entry's fields with the organisation by code (ids differ between files) and
// the detail without personal fields (store/PersonalFields.hpp), so the open package a county receives
// verifies like the sealed one. The personal fields themselves are covered by the package's
// signature only.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {

class Store;

// The text an entry's signature covers ("jiceng-audit 1\n" and a JSON array of its fields).
std::string audit_signature_text(const AuditEntry& e, const std::string& org_code);

// Signs entries for this database's device. Made once per batch: it holds the key and the
// organisation codes it has looked up. Creates the device key when the database has none yet
// (joining the caller's transaction).
class AuditSigner {
 public:
  explicit AuditSigner(Store& store);
  ~AuditSigner();
  AuditSigner(const AuditSigner&) = delete;
  AuditSigner& operator=(const AuditSigner&) = delete;
  // The signature of `e` (128 hex digits), or "" when `e` was not made on this device (never
  // signed in another device's name).
  std::string sign(const AuditEntry& e);

 private:
  Store& store_;
  std::string device_, secret_key_;
  std::unordered_map<OrgId, std::string> codes_;
};

// What a database knows about an entry's signer: its own key and every registered one (a revoked
// tablet's key still proves what it signed before it was lost).
enum class EntryTrust {
  Verified,  // signed by the device it names, with a key this database knows
  Unknown,   // the device's key is not known here: taken on the word of the package that brought it
  Unsigned,  // no signature: written before entries were signed (schema v12), or relayed from such a file
  Bad        // the signature does not match the device's known key, or an entry of this device is unsigned
};
class AuditKeys {
 public:
  explicit AuditKeys(const Store& store);
  // `org_code` as the entry names it; "" for an entry without an organisation. This database
  // signs every entry of its own device (sign_own_audit brings older ones along), so an unsigned
  // one of its own is Bad; another device's may predate signing.
  EntryTrust check(const AuditEntry& e, const std::string& org_code, const std::string& signature) const;
  // check() of each entry, on several threads when there are many: a verification costs ~90 µs
  // here, and a whole year's package carries tens of thousands of entries (docs/PERFORMANCE.md).
  struct Signed {
    AuditEntry entry;
    std::string org_code, signature;
  };
  std::vector<EntryTrust> check_all(const std::vector<Signed>& entries) const;

 private:
  std::string own_device_;
  std::unordered_map<std::string, std::string> keys_;  // device → public key
};

// Signs this device's own entries that have no signature yet (the migration to schema v12, so that
// a file's history is whole from the day it was upgraded). Inside the caller's transaction.
void sign_own_audit(Store& store);

struct SignatureCheck {
  int64_t verified = 0, unknown = 0, legacy = 0;  // legacy: written before signing, not signed
  std::optional<AuditEntry> first_bad;            // the first entry whose signature fails
};
// Checks every entry's signature against the keys this database knows.
SignatureCheck verify_audit_signatures(const Store& store);

}  // namespace jiceng
