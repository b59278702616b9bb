#include "sync/Conflicts.hpp"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "store/Store.hpp"
#include "sync/Members.hpp"

namespace jiceng::sync {

namespace {

constexpr std::string_view kChoices[] = {"local", "remote", "typed"};

// A member conflict's name, from its record.
void named(Conflict& c) { c.member_name = record_name(c.local_record.empty() ? c.remote_record : c.local_record); }

// Who may decide: whoever may enter data for the organisation (the store's own rule for values).
void require_right(const Store& store, const Conflict& c, const Actor& actor) {
  if (actor.role == Role::Admin) return;
  if (actor.role == Role::Clerk)
    for (OrgId s : actor.scope)
      if (store.is_within(c.org, s)) return;
  throw InputError(tr("sync.resolve.not_allowed", {{"user", actor.user}, {"org", c.org_name}}));
}

}  // namespace

std::string_view to_string(Choice c) { return kChoices[int(c)]; }
std::optional<Choice> parse_choice(std::string_view s) {
  for (int i = 0; i < 3; ++i)
    if (kChoices[i] == s) return Choice(i);
  return std::nullopt;
}

std::vector<Conflict> conflicts(const Store& store, bool include_resolved) {
  auto out = stored_conflicts(store, include_resolved);
  for (auto& c : out) named(c);
  return out;
}

std::optional<Conflict> conflict(const Store& store, int64_t id) {
  auto c = stored_conflict(store, id);
  if (c) named(*c);
  return c;
}

int open_conflict_count(const Store& store) { return open_conflict_rows(store); }

void resolve_conflict(Store& store, int64_t id, Choice choice, const std::string& typed, const Actor& actor,
                      const std::string& reason) {
  auto c = conflict(store, id);
  if (!c) throw InputError(tr("sync.resolve.unknown", {{"id", std::to_string(id)}}));
  if (!c->open()) throw InputError(tr("sync.resolve.closed", {{"id", std::to_string(id)}}));
  require_right(store, *c, actor);
  const bool member = c->kind == ConflictKind::Member;
  if (member && choice == Choice::Typed) throw InputError(tr("sync.resolve.member_typed"));
  const std::string why = reason.empty() ? tr("sync.resolve.reason." + std::string(to_string(choice))) : reason;
  store.transaction([&] {
    std::optional<double> chosen = c->current;
    if (member) {
      if (choice == Choice::Remote) {
        auto locals = members_by_uid(store);
        std::optional<LocalMember> mine;
        if (auto it = locals.find(c->member_uid); it != locals.end()) mine = it->second;
        std::unordered_map<std::string, OrgId> codes;
        for (const auto& o : store.orgs()) codes[o.code] = o.id;
        write_member(store, c->member_uid, mine, c->remote_record, codes);
      }
    } else if (choice != Choice::Local) {
      auto o = store.org(c->org);
      if (!o) throw InputError(tr("store.unknown_org", {{"org", c->org_name}}));
      if (choice == Choice::Remote && !c->remote) {  // the sender removed it: remove it here too
        const auto period = Period::parse(c->period);
        if (!period) throw InputError(tr("sync.resolve.unknown", {{"id", std::to_string(id)}}));
        store.remove_value(c->org, c->indicator, *period, actor, why);
        chosen.reset();
      } else {
        // Through the store, so the value meets every rule a typed one does and is audited.
        ValueInput in{o->code, c->indicator, c->period,
                      choice == Choice::Typed ? typed : format_number(*c->remote, 12), std::nullopt,
                      Location{{}, 0, tr("sync.field.value")}};
        if (choice == Choice::Remote) in.status = parse_value_status(c->remote_status);
        store.set_values({in}, actor, why);
        auto now = store.value(c->org, c->indicator, *Period::parse(c->period));
        chosen = now ? std::optional(now->value) : std::nullopt;
      }
    }
    const std::string at = now_iso();
    close_conflict(store, id, std::string(to_string(choice)), member ? std::nullopt : chosen, at, actor.user, why);
    nlohmann::json d = {{"conflict", id}, {"choice", to_string(choice)}};
    if (member) d["member"] = c->member_uid;
    else d["remote"] = c->remote ? nlohmann::json(*c->remote) : nlohmann::json(nullptr);
    store.record_audit({0, at, actor.user, actor.device, "resolve_conflict", c->org, c->indicator, c->period,
                        member ? std::nullopt : c->current, member ? std::nullopt : chosen, why, d.dump()});
  });
}

}  // namespace jiceng::sync
