#include "store/AuditSigning.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#ifndef __EMSCRIPTEN__
#include <thread>
#endif

#include "base/Sql.hpp"
#include "base/Text.hpp"
#include "store/DeviceKeys.hpp"
#include "store/PersonalFields.hpp"
#include "store/Store.hpp"
#include "store/StoreDetail.hpp"
// The device key is the one packages are signed with: one identity per device.

namespace jiceng {

using sql::Stmt;

namespace {

// Entries with their organisation's code; an organisation deleted since leaves the code NULL.
constexpr const char* kEntries =
    "SELECT a.id, a.at, a.user, a.device, a.action, a.org_id, a.indicator_id, a.period, a.old_value, a.new_value, "
    "a.reason, a.detail, o.code, a.signature FROM audit a LEFT JOIN orgs o ON o.id = a.org_id ";

}  // namespace

std::string audit_signature_text(const AuditEntry& e, const std::string& org_code) {
  auto num = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return "jiceng-audit 1\n" +
         nlohmann::json::array({e.at, e.user, e.device, e.action, org_code, e.indicator, e.period, num(e.old_value),
                                num(e.new_value), e.reason, without_personal_detail(e.detail)})
             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

AuditSigner::AuditSigner(Store& store) : store_(store) {
  const DeviceKey key = own_device_key(store);
  device_ = key.device;
  secret_key_ = key.secret_key;
}

AuditSigner::~AuditSigner() { std::fill(secret_key_.begin(), secret_key_.end(), '\0'); }

std::string AuditSigner::sign(const AuditEntry& e) {
  if (e.device != device_) return {};
  std::string code;
  if (e.org) {
    auto it = codes_.find(*e.org);
    if (it == codes_.end()) {
      Stmt q(store_.handle(), "SELECT code FROM orgs WHERE id = ?");
      q.bind(1, *e.org);
      it = codes_.emplace(*e.org, q.step() ? q.text(0) : std::string()).first;
    }
    code = it->second;
  }
  return jiceng::sign(DeviceKey{device_, {}, secret_key_}, audit_signature_text(e, code));
}

AuditKeys::AuditKeys(const Store& store) : own_device_(store.device_id()) {
  for (const auto& k : registered_keys(store)) keys_[k.device] = k.public_key;
  if (auto own = stored_device_key(store)) keys_[own->device] = own->public_key;
}

EntryTrust AuditKeys::check(const AuditEntry& e, const std::string& org_code, const std::string& signature) const {
  if (signature.empty()) return e.device == own_device_ ? EntryTrust::Bad : EntryTrust::Unsigned;
  auto it = keys_.find(e.device);
  if (it == keys_.end()) return EntryTrust::Unknown;
  return signature_valid(it->second, audit_signature_text(e, org_code), signature) ? EntryTrust::Verified
                                                                                        : EntryTrust::Bad;
}

std::vector<EntryTrust> AuditKeys::check_all(const std::vector<Signed>& entries) const {
  std::vector<EntryTrust> out(entries.size());
  auto run = [&](size_t from, size_t step) {
    for (size_t i = from; i < entries.size(); i += step)
      out[i] = check(entries[i].entry, entries[i].org_code, entries[i].signature);
  };
#ifdef __EMSCRIPTEN__
  run(0, 1);  // the browser build has no threads
#else
  const size_t threads = entries.size() < 64 ? 1 : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(run, t, threads);
  run(0, threads);
  for (auto& t : pool) t.join();
#endif
  return out;
}

void sign_own_audit(Store& store) {
  sqlite3* db = store.handle();
  Stmt unsigned_entries(db, std::string(kEntries) + "WHERE a.device = ? AND a.signature = '' ORDER BY a.id");
  unsigned_entries.bind(1, store.device_id());
  std::vector<std::pair<int64_t, std::string>> signatures;
  AuditSigner signer(store);
  while (unsigned_entries.step()) signatures.emplace_back(unsigned_entries.int64(0), signer.sign(read_audit_entry(unsigned_entries)));
  Stmt set(db, "UPDATE audit SET signature = ? WHERE id = ?");
  for (const auto& [id, signature] : signatures) set.bind(1, signature).bind(2, id).run();
}

SignatureCheck verify_audit_signatures(const Store& store) {
  SignatureCheck out;
  const AuditKeys keys(store);
  Stmt all(store.handle(), std::string(kEntries) + "ORDER BY a.id");
  while (all.step()) {
    const AuditEntry e = read_audit_entry(all);
    if (e.org && all.is_null(12)) {  // its organisation was deleted: the code it was signed with is gone
      ++out.unknown;
      continue;
    }
    switch (keys.check(e, all.text(12), all.text(13))) {
      case EntryTrust::Verified: ++out.verified; break;
      case EntryTrust::Unknown: ++out.unknown; break;
      case EntryTrust::Unsigned: ++out.legacy; break;
      case EntryTrust::Bad:
        if (!out.first_bad) out.first_bad = e;
        break;
    }
  }
  return out;
}

}  // namespace jiceng
