#include "store/AuditChain.hpp"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "base/Sql.hpp"
#include "base/Text.hpp"
#include "store/Store.hpp"
#include "store/StoreDetail.hpp"

namespace jiceng {

using sql::Stmt;

namespace {

constexpr const char* kColumns =
    "SELECT id, at, user, device, action, org_id, indicator_id, period, old_value, new_value, reason, detail, hash "
    "FROM audit ";

}  // namespace

std::string audit_hash(const std::string& previous, const AuditEntry& e) {
  auto text = [](const std::string& s) { return find_invalid_utf8(s) ? to_valid_utf8(s) : s; };
  auto num = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  // A JSON array: unambiguous field boundaries, and doubles written so that they read back exactly.
  const std::string canonical =
      nlohmann::json::array({previous, text(e.at), text(e.user), text(e.device), text(e.action),
                             e.org ? nlohmann::json(*e.org) : nlohmann::json(nullptr), text(e.indicator),
                             text(e.period), num(e.old_value), num(e.new_value), text(e.reason), text(e.detail)})
          .dump();
  return sha256_hex(canonical);
}

std::string last_audit_hash(sqlite3* db) {
  Stmt st(db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1");
  return st.step() ? st.text(0) : std::string();
}

void rechain_audit(sqlite3* db) {
  Stmt all(db, std::string(kColumns) + "ORDER BY id");
  Stmt set(db, "UPDATE audit SET hash = ? WHERE id = ?");
  std::string previous;
  std::vector<std::pair<int64_t, std::string>> hashes;
  while (all.step()) {
    const AuditEntry e = read_audit_entry(all);
    previous = audit_hash(previous, e);
    hashes.emplace_back(e.id, previous);
  }
  for (const auto& [id, hash] : hashes) set.bind(1, hash).bind(2, id).run();
}

ChainCheck verify_audit_chain(const Store& store) {
  ChainCheck out;
  Stmt all(store.handle(), std::string(kColumns) + "ORDER BY id");
  std::string previous;
  while (all.step()) {
    const AuditEntry e = read_audit_entry(all);
    ++out.entries;
    const std::string want = audit_hash(previous, e);
    if (all.text(12) != want) {
      out.first_broken = e;
      return out;
    }
    previous = want;
  }
  return out;
}

}  // namespace jiceng
