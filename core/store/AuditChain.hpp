#pragma once
// The audit trail proves its own order and content: each entry stores the SHA-256 of the previous
// entry's hash and its own fields, so an entry changed, removed or slipped in afterwards (with a
// SQL editor, say) breaks the chain from there on, and `jiceng-cli verify` names the first such
// entry. What the chain does not stop — someone who knows it rewriting every hash after their
// change — is for device signatures (docs/SECURITY.md).
#include <cstdint>
#include <optional>
#include <string>

#include "model/Model.hpp"

struct sqlite3;

namespace jiceng {

class Store;

// The hash of `e` after `previous` (hex; "" before the first entry). Text is hashed as the
// database stores it (valid UTF-8), numbers exactly.
std::string audit_hash(const std::string& previous, const AuditEntry& e);
// The hash of the latest entry ("" when there is none).
std::string last_audit_hash(sqlite3* db);
// Hashes every entry again in order (the migration that brings the chain to an older file).
void rechain_audit(sqlite3* db);

struct ChainCheck {
  int64_t entries = 0;                     // how many were checked
  std::optional<AuditEntry> first_broken;  // the first entry whose hash does not follow
};
ChainCheck verify_audit_chain(const Store& store);

}  // namespace jiceng
