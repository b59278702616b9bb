// jiceng-cli verify: is the audit trail whole and is each entry its device's? Recomputes the hash
// chain (core/store/AuditChain.hpp) and checks every entry's signature (core/store/AuditSigning.hpp); names the
// first entry that fails either: exit 0 when whole, 3 when not.
#include <nlohmann/json.hpp>

#include "base/Strings.hpp"
#include "Cli.hpp"
#include "store/AuditChain.hpp"
#include "store/AuditSigning.hpp"
#include "store/Store.hpp"

namespace jiceng::cli {
namespace {

nlohmann::json entry_json(const AuditEntry& e) {
  return {{"id", e.id}, {"at", e.at}, {"user", e.user}, {"device", e.device}, {"action", e.action}};
}

int run_verify(const Args& a) {
  a.allow_only({"json"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const ChainCheck c = verify_audit_chain(*store);
  const SignatureCheck s = verify_audit_signatures(*store);
  const bool whole = !c.first_broken && !s.first_bad;
  if (a.flag("json")) {
    nlohmann::json j = {{"entries", c.entries},
                        {"whole", whole},
                        {"signatures", {{"verified", s.verified}, {"unknown_device", s.unknown}, {"before_signing", s.legacy}}}};
    if (c.first_broken) j["first_broken"] = entry_json(*c.first_broken);
    if (s.first_bad) j["first_bad_signature"] = entry_json(*s.first_bad);
    out(j.dump(2));
    return whole ? kOk : kRejected;
  }
  if (c.first_broken) {
    const AuditEntry& e = *c.first_broken;
    err(tr("cli.verify.broken", {{"id", std::to_string(e.id)}, {"at", e.at}, {"user", e.user},
                                 {"action", tr("audit." + e.action)}, {"checked", std::to_string(c.entries - 1)}}));
  }
  if (s.first_bad) {
    const AuditEntry& e = *s.first_bad;
    err(tr("cli.verify.bad_signature", {{"id", std::to_string(e.id)}, {"at", e.at}, {"user", e.user},
                                        {"action", tr("audit." + e.action)}, {"device", e.device}}));
  }
  if (whole) out(tr("cli.verify.whole", {{"count", std::to_string(c.entries)}}));
  out(tr("cli.verify.signatures", {{"verified", std::to_string(s.verified)}, {"unknown", std::to_string(s.unknown)},
                                   {"legacy", std::to_string(s.legacy)}}));
  return whole ? kOk : kRejected;
}

Register reg_verify{{"verify", "cli.usage.verify", {"json"}, run_verify}};

}  // namespace
}  // namespace jiceng::cli
