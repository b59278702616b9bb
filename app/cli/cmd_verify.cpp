// jiceng-cli verify: is the audit trail whole? Recomputes the hash chain (core/AuditChain.hpp) and
// names the first entry that does not follow: exit 0 when whole, 3 when not.
#include <nlohmann/json.hpp>

#include "AuditChain.hpp"
#include "Cli.hpp"
#include "Store.hpp"
#include "Strings.hpp"

namespace jiceng::cli {
namespace {

int run_verify(const Args& a) {
  a.allow_only({"json"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const ChainCheck c = verify_audit_chain(*store);
  if (a.flag("json")) {
    nlohmann::json j = {{"entries", c.entries}, {"whole", !c.first_broken}};
    if (c.first_broken)
      j["first_broken"] = {{"id", c.first_broken->id}, {"at", c.first_broken->at}, {"user", c.first_broken->user},
                           {"action", c.first_broken->action}};
    out(j.dump(2));
  } else if (!c.first_broken) {
    out(tr("cli.verify.whole", {{"count", std::to_string(c.entries)}}));
  } else {
    const AuditEntry& e = *c.first_broken;
    err(tr("cli.verify.broken", {{"id", std::to_string(e.id)}, {"at", e.at}, {"user", e.user},
                                 {"action", tr("audit." + e.action)}, {"checked", std::to_string(c.entries - 1)}}));
  }
  return c.first_broken ? kRejected : kOk;
}

Register reg_verify{{"verify", "cli.usage.verify", {"json"}, run_verify}};

}  // namespace
}  // namespace jiceng::cli
