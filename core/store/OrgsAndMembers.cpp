// Store: editing the organisation tree and the member roster.
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "model/MemberStages.hpp"
#include "store/Store.hpp"
#include "store/StoreDetail.hpp"

namespace jiceng {

using sql::Stmt;

// ---- Organisation tree --------------------------------------------------------------------

void check_parent_kind(const Org& child, const Org& parent) {
  auto fits = [&] {
    switch (child.kind) {
      case OrgKind::Town: return false;
      case OrgKind::Village:
      case OrgKind::Community:
      case OrgKind::Unit: return parent.kind == OrgKind::Town;
      case OrgKind::GeneralBranch: return is_reporting_unit(parent.kind);
      case OrgKind::Branch: return is_reporting_unit(parent.kind) || parent.kind == OrgKind::GeneralBranch;
    }
    return false;
  };
  if (!fits())
    throw InputError(tr("store.bad_parent", {{"name", child.name}, {"kind", label(child.kind)},
                                             {"parent", parent.name}, {"parent_kind", label(parent.kind)}}),
                     Location{{}, 0, tr("field.parent")});
}

void Store::rename_org(OrgId id, const std::string& name, const Actor& actor) {
  require_role(actor, {Role::Admin});
  auto o = org(id);
  if (!o) throw InputError(tr("store.unknown_org", {{"org", std::to_string(id)}}));
  if (name.find_first_not_of(" \t") == std::string::npos)
    throw InputError(tr("store.org_needs_code_and_name"), Location{{}, 0, tr("field.name")});
  if (name == o->name) return;
  transaction([&] {
    Stmt(db_, "UPDATE orgs SET name = ? WHERE id = ?").bind(1, name).bind(2, id).run();
    audit({0, {}, actor.user, actor.device, "rename_org", id, {}, {}, {}, {}, {},
           nlohmann::json{{"old_name", o->name}, {"name", name}}.dump()});
  });
}

void Store::move_org(OrgId id, OrgId new_parent, const Actor& actor) {
  require_role(actor, {Role::Admin});
  auto o = org(id);
  auto p = org(new_parent);
  if (!o || !p) throw InputError(tr("store.unknown_org", {{"org", std::to_string(o ? new_parent : id)}}));
  if (is_within(new_parent, id)) throw InputError(tr("store.move_into_itself", {{"name", o->name}, {"parent", p->name}}));
  check_parent_kind(*o, *p);
  if (o->parent == new_parent) return;
  auto old_parent = o->parent ? org(*o->parent) : std::nullopt;
  transaction([&] {
    Stmt(db_, "UPDATE orgs SET parent_id = ? WHERE id = ?").bind(1, new_parent).bind(2, id).run();
    audit({0, {}, actor.user, actor.device, "move_org", id, {}, {}, {}, {}, {},
           nlohmann::json{{"old_parent", old_parent ? old_parent->code : ""}, {"parent", p->code}}.dump()});
  });
}

Store::OrgImpact Store::org_impact(OrgId id) const {
  // Everything under `id`, counted in one recursive query per table.
  const std::string tree = "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT o.id FROM orgs o JOIN sub ON o.parent_id = sub.id) ";
  auto count = [&](const std::string& q) {
    Stmt st(db_, tree + q);
    st.bind(1, id);
    return st.step() ? int(st.int64(0)) : 0;
  };
  OrgImpact i;
  i.orgs = count("SELECT count(*) FROM sub");
  i.members = count("SELECT count(*) FROM members WHERE branch_id IN sub");
  i.values = count("SELECT count(*) FROM indicator_values WHERE org_id IN sub");
  i.targets = count("SELECT count(*) FROM targets WHERE org_id IN sub");
  return i;
}

void Store::delete_org(OrgId id, bool with_data, const Actor& actor, const std::string& reason) {
  require_role(actor, {Role::Admin});
  auto o = org(id);
  if (!o) throw InputError(tr("store.unknown_org", {{"org", std::to_string(id)}}));
  if (!o->parent) throw InputError(tr("store.cannot_delete_town"));
  OrgImpact impact = org_impact(id);
  if (impact.has_data() && !with_data)
    throw InputError(tr("store.delete_needs_confirmation",
                        {{"name", o->name}, {"orgs", std::to_string(impact.orgs)}, {"members", std::to_string(impact.members)},
                         {"values", std::to_string(impact.values)}, {"targets", std::to_string(impact.targets)}}));
  transaction([&] {
    const std::string tree = "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT o.id FROM orgs o JOIN sub ON o.parent_id = sub.id) ";
    Stmt names(db_, tree + "SELECT o.code, o.name FROM orgs o JOIN sub USING(id)");
    names.bind(1, id);
    nlohmann::json gone = nlohmann::json::array();
    while (names.step()) gone.push_back(names.text(0) + " " + names.text(1));
    for (const char* q : {"DELETE FROM members WHERE branch_id IN sub", "DELETE FROM indicator_values WHERE org_id IN sub",
                          "DELETE FROM targets WHERE org_id IN sub", "DELETE FROM user_orgs WHERE org_id IN sub"})
      Stmt(db_, tree + q).bind(1, id).run();
    // Deepest first, one row at a time: the parent key is ON DELETE RESTRICT, checked per row.
    Stmt order(db_, "WITH RECURSIVE t(id, depth) AS (SELECT ?1, 0 UNION ALL SELECT o.id, depth + 1 FROM orgs o "
                    "JOIN t ON o.parent_id = t.id) SELECT id FROM t ORDER BY depth DESC");
    order.bind(1, id);
    std::vector<OrgId> ids;
    while (order.step()) ids.push_back(order.int64(0));
    Stmt del(db_, "DELETE FROM orgs WHERE id = ?");
    for (OrgId x : ids) del.bind(1, x).run();
    nlohmann::json d = {{"code", o->code}, {"name", o->name}, {"orgs", gone}, {"members", impact.members},
                        {"values", impact.values}, {"targets", impact.targets}};
    audit({0, {}, actor.user, actor.device, "delete_org", std::nullopt, {}, {}, {}, {}, reason, d.dump()});
  });
}

// ---- Members ------------------------------------------------------------------------------

Member read_member(const Stmt& st) {
  Member m;
  m.id = st.int64(0);
  m.name = st.text(1);
  m.gender = st.text(2);
  m.birth_date = st.text(3);
  m.branch = st.int64(4);
  m.stage = parse_member_stage(st.text(5)).value_or(MemberStage::Applicant);
  m.applied_on = st.text(6);
  m.talked_on = st.text(7);
  m.activist_on = st.text(8);
  m.candidate_on = st.text(9);
  m.probationary_on = st.text(10);
  m.full_on = st.text(11);
  m.reserve_cadre = st.int64(12) != 0;
  return m;
}

void check_member(const Store& store, const Member& m, const Actor& actor) {
  check_member_record(store, m, true);
  if (actor.role == Role::Leader) throw InputError(tr("auth.leader_cannot_enter", {{"user", actor.user}}));
  if (actor.role == Role::Clerk) {
    bool ok = false;
    for (OrgId s : actor.scope) ok = ok || store.is_within(m.branch, s);
    if (!ok) throw InputError(tr("auth.not_assigned", {{"user", actor.user}, {"org", store.org(m.branch)->name}}));
  }
}

void check_member_record(const Store& store, const Member& m, bool name_required) {
  if (name_required && m.name.find_first_not_of(" \t") == std::string::npos)
    throw InputError(tr("store.member_needs_name"), Location{{}, 0, tr("member.name")});
  auto branch = store.org(m.branch);
  if (!branch || branch->kind != OrgKind::Branch)
    throw InputError(tr("store.member_needs_branch", {{"name", m.name}}), Location{{}, 0, tr("member.branch")});
  if (!m.birth_date.empty() && !valid_date(m.birth_date))
    throw InputError(tr("pipeline.bad_date", {{"field", tr("member.birth_date")}, {"value", m.birth_date}}),
                     Location{{}, 0, tr("member.birth_date")});
  for (const auto& issue : check_pipeline(m))
    if (issue.error) throw InputError(m.name + tr("where.sep") + issue.message, Location{{}, 0, tr("member." + issue.field)});
}

std::vector<Member> Store::members() const {
  Stmt st(db_, std::string(kMemberColumns) + "ORDER BY id");
  std::vector<Member> out;
  while (st.step()) out.push_back(read_member(st));
  return out;
}

std::optional<Member> Store::member(int64_t id) const {
  Stmt st(db_, std::string(kMemberColumns) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_member(st);
}

static void bind_member(Stmt& st, const Member& m) {
  st.bind(1, m.name).bind(2, m.gender).bind(3, m.birth_date).bind(4, m.branch)
      .bind(5, std::string(to_string(m.stage))).bind(6, m.applied_on).bind(7, m.talked_on)
      .bind(8, m.activist_on).bind(9, m.candidate_on).bind(10, m.probationary_on).bind(11, m.full_on)
      .bind(12, int64_t(m.reserve_cadre));
}

static nlohmann::json member_json(const Member& m) {
  return {{"name", m.name}, {"gender", m.gender}, {"birth_date", m.birth_date}, {"branch", m.branch},
          {"stage", to_string(m.stage)}, {"applied_on", m.applied_on}, {"talked_on", m.talked_on},
          {"activist_on", m.activist_on}, {"candidate_on", m.candidate_on},
          {"probationary_on", m.probationary_on}, {"full_on", m.full_on}, {"reserve_cadre", m.reserve_cadre}};
}

void Store::add_members(const std::vector<Member>& ms, const Actor& actor) {
  transaction([&] {
    Stmt ins(db_, "INSERT INTO members(name, gender, birth_date, branch_id, stage, applied_on, talked_on, "
                  "activist_on, candidate_on, probationary_on, full_on, reserve_cadre) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const auto& m : ms) {
      check_member(*this, m, actor);
      bind_member(ins, m);
      ins.run();
      nlohmann::json d = member_json(m);
      d["member_id"] = sqlite3_last_insert_rowid(db_);
      audit({0, {}, actor.user, actor.device, "add_member", m.branch, {}, {}, {}, {}, {}, d.dump()});
    }
  });
}

int64_t Store::add_member(const Member& m, const Actor& actor) {
  add_members({m}, actor);
  return sql::scalar_int(db_, "SELECT max(id) FROM members");
}

void Store::update_member(const Member& m, const Actor& actor, const std::string& reason) {
  auto old = member(m.id);
  if (!old) throw InputError(tr("store.unknown_member", {{"id", std::to_string(m.id)}}));
  check_member(*this, *old, actor);  // the clerk must hold both the old branch …
  check_member(*this, m, actor);     // … and the new one
  transaction([&] {
    Stmt up(db_, "UPDATE members SET name=?, gender=?, birth_date=?, branch_id=?, stage=?, applied_on=?, talked_on=?, "
                 "activist_on=?, candidate_on=?, probationary_on=?, full_on=?, reserve_cadre=? WHERE id = ?");
    bind_member(up, m);
    up.bind(13, m.id).run();
    nlohmann::json d = {{"member_id", m.id}, {"old", member_json(*old)}, {"new", member_json(m)}};
    audit({0, {}, actor.user, actor.device, "update_member", m.branch, {}, {}, {}, {}, reason, d.dump()});
  });
}

void Store::delete_member(int64_t id, const Actor& actor, const std::string& reason) {
  auto old = member(id);
  if (!old) throw InputError(tr("store.unknown_member", {{"id", std::to_string(id)}}));
  check_member(*this, *old, actor);
  transaction([&] {
    Stmt(db_, "DELETE FROM members WHERE id = ?").bind(1, id).run();
    nlohmann::json d = member_json(*old);
    d["member_id"] = id;
    audit({0, {}, actor.user, actor.device, "delete_member", old->branch, {}, {}, {}, {}, reason, d.dump()});
  });
}

}  // namespace jiceng
