#include "sync/Conflicts.hpp"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "store/Store.hpp"
#include "sync/Members.hpp"

namespace jiceng::sync {

using sql::Stmt;

namespace {

constexpr std::string_view kChoices[] = {"local", "remote", "typed"};

constexpr const char* kSelect =
    "SELECT c.id, c.kind, c.package_id, c.org_id, coalesce(o.name, ''), c.indicator_id, c.period, c.member_uid, "
    "c.base_value, c.base_status, c.local_value, c.local_status, c.remote_value, c.remote_status, "
    "c.local_at, c.local_by, c.local_device, c.remote_at, c.remote_by, c.remote_device, c.local_record, "
    "c.remote_record, c.created_at, c.resolution, c.resolved_value, c.resolved_at, c.resolved_by, c.reason, v.value, c.rule "
    "FROM sync_conflicts c LEFT JOIN orgs o ON o.id = c.org_id LEFT JOIN indicator_values v "
    "ON v.org_id = c.org_id AND v.indicator_id = c.indicator_id AND v.period = c.period ";

Conflict read(const Stmt& st) {
  Conflict c;
  c.id = st.int64(0);
  c.kind = st.text(1) == "member" ? ConflictKind::Member : ConflictKind::Value;
  c.package_id = st.text(2);
  c.org = st.int64(3);
  c.org_name = st.text(4);
  c.indicator = st.text(5);
  c.period = st.text(6);
  c.member_uid = st.text(7);
  c.base = st.opt_real(8);
  c.base_status = st.text(9);
  c.local = st.opt_real(10);
  c.local_status = st.text(11);
  c.remote = st.opt_real(12);
  c.remote_status = st.text(13);
  c.local_at = st.text(14);
  c.local_by = st.text(15);
  c.local_device = st.text(16);
  c.remote_at = st.text(17);
  c.remote_by = st.text(18);
  c.remote_device = st.text(19);
  c.local_record = st.text(20);
  c.remote_record = st.text(21);
  c.created_at = st.text(22);
  if (!st.is_null(23)) c.resolution = st.text(23);
  c.resolved_value = st.opt_real(24);
  c.resolved_at = st.text(25);
  c.resolved_by = st.text(26);
  c.reason = st.text(27);
  if (c.kind == ConflictKind::Value) c.current = st.opt_real(28);
  c.rule = st.text(29);
  c.member_name = record_name(c.local_record.empty() ? c.remote_record : c.local_record);
  return c;
}

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
  Stmt st(store.handle(), std::string(kSelect) + (include_resolved ? "" : "WHERE c.resolution IS NULL ") + "ORDER BY c.id");
  std::vector<Conflict> out;
  while (st.step()) out.push_back(read(st));
  return out;
}

std::optional<Conflict> conflict(const Store& store, int64_t id) {
  Stmt st(store.handle(), std::string(kSelect) + "WHERE c.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read(st);
}

int open_conflict_count(const Store& store) {
  return int(sql::scalar_int(store.handle(), "SELECT count(*) FROM sync_conflicts WHERE resolution IS NULL"));
}

void resolve_conflict(Store& store, int64_t id, Choice choice, const std::string& typed, const Actor& actor,
                      const std::string& reason) {
  auto c = conflict(store, id);
  if (!c) throw InputError(tr("sync.resolve.unknown", {{"id", std::to_string(id)}}));
  if (!c->open()) throw InputError(tr("sync.resolve.closed", {{"id", std::to_string(id)}}));
  require_right(store, *c, actor);
  const bool member = c->kind == ConflictKind::Member;
  if (member && choice == Choice::Typed) throw InputError(tr("sync.resolve.member_typed"));
  const std::string why = reason.empty() ? tr("sync.resolve.reason." + std::string(to_string(choice))) : reason;
  sqlite3* db = store.handle();
  store.transaction([&] {
    std::optional<double> chosen = c->current;
    if (member) {
      if (choice == Choice::Remote) {
        auto locals = members_by_uid(store);
        std::optional<LocalMember> mine;
        if (auto it = locals.find(c->member_uid); it != locals.end()) mine = it->second;
        std::unordered_map<std::string, OrgId> codes;
        Stmt all(db, "SELECT code, id FROM orgs");
        while (all.step()) codes[all.text(0)] = all.int64(1);
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
    Stmt(db, "UPDATE sync_conflicts SET resolution = ?, resolved_value = ?, resolved_at = ?, resolved_by = ?, reason = ? "
             "WHERE id = ?")
        .bind(1, std::string(to_string(choice))).bind(2, member ? std::nullopt : chosen).bind(3, at)
        .bind(4, actor.user).bind(5, why).bind(6, id).run();
    nlohmann::json d = {{"conflict", id}, {"choice", to_string(choice)}};
    if (member) d["member"] = c->member_uid;
    else d["remote"] = c->remote ? nlohmann::json(*c->remote) : nlohmann::json(nullptr);
    store.record_audit({0, at, actor.user, actor.device, "resolve_conflict", c->org, c->indicator, c->period,
                        member ? std::nullopt : c->current, member ? std::nullopt : chosen, why, d.dump()});
  });
}

}  // namespace jiceng::sync
