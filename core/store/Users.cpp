#include "store/Users.hpp"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "store/Authentication.hpp"
#include "store/Store.hpp"

namespace jiceng {

using sql::Stmt;

namespace {

bool all_digits(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The rules that do not need the confirmation (the CLI's --pin and an import have none).
void check_pin_rules(const std::string& pin, Role role) {
  const Location where{{}, 0, tr("users.pin")};
  if (pin.empty()) throw InputError(tr("users.pin_empty"), where);
  if (pin.size() < 4 || pin.size() > 8 || !all_digits(pin)) throw InputError(tr("users.bad_pin"), where);
  // An admin's PIN opens every account and the whole town: six digits at least.
  if (role == Role::Admin && pin.size() < kAdminPinDigits)
    throw InputError(tr("users.admin_pin_short", {{"digits", std::to_string(kAdminPinDigits)}}), where);
  if (std::all_of(pin.begin(), pin.end(), [&](char c) { return c == pin[0]; }))
    throw InputError(tr("users.pin_repeated"), where);
  // 1234, 45678, 9876: the first PINs anybody tries.
  auto run = [&](int step) {
    for (size_t i = 1; i < pin.size(); ++i)
      if (pin[i] - pin[i - 1] != step) return false;
    return true;
  };
  if (run(1) || run(-1)) throw InputError(tr("users.pin_sequence"), where);
}

std::string hash_pin(const std::string& pin, Role role) {
  check_pin_rules(pin, role);
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
  char out[crypto_pwhash_STRBYTES];
  // Interactive limits: a sign-in on a tablet stays well under a second.
  if (crypto_pwhash_str(out, pin.c_str(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory hashing a PIN");
  return out;
}

std::string trimmed(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  // A full-width space (U+3000) typed by a Chinese input method counts as blank too.
  std::string out = s.substr(b, e - b);
  const std::string ideo = "\xE3\x80\x80";
  while (out.rfind(ideo, 0) == 0) out.erase(0, ideo.size());
  while (out.size() >= ideo.size() && out.compare(out.size() - ideo.size(), ideo.size(), ideo) == 0)
    out.erase(out.size() - ideo.size());
  return out;
}

std::vector<OrgId> orgs_of(const Store& store, int64_t user_id) {
  Stmt st(store.handle(), "SELECT org_id FROM user_orgs WHERE user_id = ? ORDER BY org_id");
  st.bind(1, user_id);
  std::vector<OrgId> out;
  while (st.step()) out.push_back(st.int64(0));
  return out;
}

User read_user(const Store& store, const Stmt& st) {
  User u;
  u.id = st.int64(0);
  u.login = st.text(1);
  u.name = st.text(2);
  u.role = parse_role(st.text(3)).value_or(Role::Clerk);
  u.active = st.int64(4) != 0;
  u.orgs = orgs_of(store, u.id);
  return u;
}

constexpr const char* kColumns = "SELECT id, login, name, role, active FROM users ";

void require_admin(const Actor& actor) {
  if (actor.role != Role::Admin) throw InputError(tr("auth.role_refused", {{"user", actor.user}, {"role", label(actor.role)}}));
}

User require_user(const Store& store, int64_t id) {
  auto u = user_by_id(store, id);
  if (!u) throw InputError(tr("users.unknown", {{"id", std::to_string(id)}}));
  return *u;
}

bool has_long_pin(const Store& store, int64_t user_id) {
  Stmt st(store.handle(), "SELECT long_pin FROM users WHERE id = ?");
  st.bind(1, user_id);
  return st.step() && st.int64(0) != 0;
}

int active_admins(const Store& store) {
  return int(sql::scalar_int(store.handle(), "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1"));
}

void check_name(const std::string& name) {
  if (name.empty()) throw InputError(tr("users.name_empty"), Location{{}, 0, tr("users.name")});
}

void check_clerk_orgs(const Store& store, const User& u) {
  if (u.role != Role::Clerk) return;
  if (u.orgs.empty()) throw InputError(tr("users.clerk_needs_org", {{"name", u.name}}), Location{{}, 0, tr("users.orgs")});
  for (OrgId o : u.orgs)
    if (!store.org(o)) throw InputError(tr("store.unknown_org", {{"org", std::to_string(o)}}));
}

// Who the entry is about, so that the history reads without looking ids up.
nlohmann::json about(const User& u) { return {{"user_id", u.id}, {"login", u.login}, {"name", u.name}}; }

void write_orgs(Store& store, int64_t user_id, const std::vector<OrgId>& orgs) {
  Stmt(store.handle(), "DELETE FROM user_orgs WHERE user_id = ?").bind(1, user_id).run();
  Stmt ins(store.handle(), "INSERT OR IGNORE INTO user_orgs(user_id, org_id) VALUES(?, ?)");
  for (OrgId o : orgs) ins.bind(1, user_id).bind(2, o).run();
}

void audit_user(Store& store, const Actor& actor, const char* action, nlohmann::json detail) {
  store.record_audit({0, {}, actor.user, actor.device, action, std::nullopt, {}, {}, {}, {}, {}, detail.dump()});
}

int64_t insert_user(Store& store, const User& u, const std::string& hash, size_t pin_digits, const Actor& actor,
                    bool first_admin) {
  int64_t id = 0;
  store.transaction([&] {
    Stmt(store.handle(), "INSERT INTO users(login, name, role, pin_hash, active, long_pin) VALUES(?,?,?,?,?,?)")
        .bind(1, u.login).bind(2, u.name).bind(3, std::string(to_string(u.role))).bind(4, hash)
        .bind(5, int64_t(u.active)).bind(6, int64_t(pin_digits >= kAdminPinDigits)).run();
    id = sql::scalar_int(store.handle(), "SELECT last_insert_rowid()");
    write_orgs(store, id, u.orgs);
    nlohmann::json d{{"user_id", id}, {"login", u.login}, {"name", u.name}, {"role", to_string(u.role)}, {"orgs", u.orgs}};
    if (first_admin) d["first_admin"] = true;
    audit_user(store, actor, "add_user", d);
  });
  return id;
}

}  // namespace

void check_new_pin(const std::string& pin, const std::string& confirm, Role role) {
  check_pin_rules(pin, role);
  if (pin != confirm) throw InputError(tr("users.pin_mismatch"), Location{{}, 0, tr("users.pin_confirm")});
}

void check_login(const std::string& login) {
  const Location where{{}, 0, tr("users.login")};
  if (login.empty()) throw InputError(tr("users.login_empty"), where);
  const bool ok = login.size() <= 32 && std::all_of(login.begin(), login.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                           c == '_' || c == '-';
                  });
  if (!ok) throw InputError(tr("users.bad_login", {{"login", login}}), where);
}

std::vector<User> list_users(const Store& store) {
  Stmt st(store.handle(), std::string(kColumns) + "ORDER BY id");
  std::vector<User> out;
  while (st.step()) out.push_back(read_user(store, st));
  return out;
}

std::optional<User> find_user(const Store& store, const std::string& login) {
  Stmt st(store.handle(), std::string(kColumns) + "WHERE login = ?");
  st.bind(1, login);
  if (!st.step()) return std::nullopt;
  return read_user(store, st);
}

std::optional<User> user_by_id(const Store& store, int64_t id) {
  Stmt st(store.handle(), std::string(kColumns) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_user(store, st);
}

bool has_active_admin(const Store& store) { return active_admins(store) > 0; }

bool needs_first_admin(const Store& store) {
  if (!store.town() || has_active_admin(store)) return false;
  const bool no_users = sql::scalar_int(store.handle(), "SELECT count(*) FROM users") == 0;
  const bool from_package = sql::scalar_int(store.handle(),
      "SELECT EXISTS(SELECT 1 FROM audit WHERE action IN ('import_package', 'start_from_file'))") != 0;
  return !(no_users && from_package);
}

int64_t create_first_admin(Store& store, const User& in, const std::string& pin, const std::string& confirm) {
  User u = in;
  u.name = trimmed(u.name);
  u.login = trimmed(u.login);
  u.role = Role::Admin;
  u.active = true;
  u.orgs.clear();
  check_name(u.name);
  check_login(u.login);
  check_new_pin(pin, confirm, Role::Admin);
  if (has_active_admin(store)) throw InputError(tr("users.admin_exists"));
  if (find_user(store, u.login)) throw InputError(tr("users.duplicate", {{"login", u.login}}), Location{{}, 0, tr("users.login")});
  // Nobody is signed in yet: the entry names the new admin, on this device.
  return insert_user(store, u, hash_pin(pin, Role::Admin), pin.size(), Actor{u.name, {}, Role::Admin, {}}, true);
}

int64_t add_user(Store& store, const User& in, const std::string& pin, const Actor& actor) {
  require_admin(actor);
  User u = in;
  u.name = trimmed(u.name);
  u.login = trimmed(u.login);
  check_name(u.name);
  check_login(u.login);
  if (find_user(store, u.login)) throw InputError(tr("users.duplicate", {{"login", u.login}}), Location{{}, 0, tr("users.login")});
  check_clerk_orgs(store, u);
  return insert_user(store, u, hash_pin(pin, u.role), pin.size(), actor, false);
}

int64_t add_user_hashed(Store& store, const User& u, const std::string& hash, size_t pin_digits, const Actor& actor) {
  require_admin(actor);
  if (u.login.empty() || u.name.empty()) throw InputError(tr("users.needs_login_and_name"), Location{{}, 0, tr("users.login")});
  if (find_user(store, u.login)) throw InputError(tr("users.duplicate", {{"login", u.login}}), Location{{}, 0, tr("users.login")});
  if (hash.rfind("$argon2id$", 0) != 0) throw std::invalid_argument("add_user_hashed: not an Argon2id string");
  return insert_user(store, u, hash, pin_digits, actor, false);
}

void update_user(Store& store, const User& in, const Actor& actor) {
  require_admin(actor);
  const User old = require_user(store, in.id);
  User u = in;
  u.login = old.login;  // the login is the account's identity in histories; it does not change
  u.name = trimmed(u.name);
  check_name(u.name);
  std::sort(u.orgs.begin(), u.orgs.end());
  u.orgs.erase(std::unique(u.orgs.begin(), u.orgs.end()), u.orgs.end());
  if (u.role != Role::Clerk) u.orgs = old.orgs;  // kept for a later return to 采集员; unused meanwhile
  check_clerk_orgs(store, u);
  // The last active admin stays one: otherwise nobody could manage the town's accounts again.
  const bool was_admin = old.role == Role::Admin && old.active;
  const bool is_admin = u.role == Role::Admin && u.active;
  if (was_admin && !is_admin && active_admins(store) <= 1)
    throw InputError(tr(u.active ? "users.last_admin_role" : "users.last_admin_disable", {{"name", old.name}}));
  // The account's PIN was checked for its old role: an admin's needs six digits (set the new PIN
  // first, then the role).
  if (u.role == Role::Admin && old.role != Role::Admin && !has_long_pin(store, u.id))
    throw InputError(tr("users.promote_needs_long_pin", {{"name", old.name}, {"digits", std::to_string(kAdminPinDigits)}}),
                     Location{{}, 0, tr("users.role")});
  store.transaction([&] {
    nlohmann::json who = about(old);
    if (u.name != old.name) {
      Stmt(store.handle(), "UPDATE users SET name = ? WHERE id = ?").bind(1, u.name).bind(2, u.id).run();
      nlohmann::json d = who;
      d["old_name"] = old.name;
      d["new_name"] = u.name;
      audit_user(store, actor, "rename_user", d);
    }
    if (u.role != old.role) {
      Stmt(store.handle(), "UPDATE users SET role = ? WHERE id = ?").bind(1, std::string(to_string(u.role))).bind(2, u.id).run();
      nlohmann::json d = who;
      d["old_role"] = to_string(old.role);
      d["new_role"] = to_string(u.role);
      audit_user(store, actor, "set_role", d);
    }
    if (u.orgs != old.orgs) {
      write_orgs(store, u.id, u.orgs);
      nlohmann::json d = who;
      d["old_orgs"] = old.orgs;
      d["orgs"] = u.orgs;
      audit_user(store, actor, "set_user_orgs", d);
    }
    if (u.active != old.active) {
      Stmt(store.handle(), "UPDATE users SET active = ? WHERE id = ?").bind(1, int64_t(u.active)).bind(2, u.id).run();
      audit_user(store, actor, u.active ? "enable_user" : "disable_user", who);
    }
  });
}

void set_user_pin(Store& store, int64_t user_id, const std::string& pin, const Actor& actor) {
  require_admin(actor);
  const User u = require_user(store, user_id);
  const std::string hash = hash_pin(pin, u.role);
  store.transaction([&] {
    Stmt(store.handle(), "UPDATE users SET pin_hash = ?, long_pin = ? WHERE id = ?")
        .bind(1, hash).bind(2, int64_t(pin.size() >= kAdminPinDigits)).bind(3, user_id).run();
    clear_sign_in_failures(store, u.login);  // a PIN set by the admin also lifts a lock
    audit_user(store, actor, "set_pin", about(u));  // who and when, never the PIN
  });
}

void set_user_orgs(Store& store, int64_t user_id, const std::vector<OrgId>& orgs, const Actor& actor) {
  User u = require_user(store, user_id);
  u.orgs = orgs;
  update_user(store, u, actor);
}

void set_user_role(Store& store, int64_t user_id, Role role, const Actor& actor) {
  User u = require_user(store, user_id);
  u.role = role;
  update_user(store, u, actor);
}

void set_user_active(Store& store, int64_t user_id, bool active, const Actor& actor) {
  User u = require_user(store, user_id);
  u.active = active;
  update_user(store, u, actor);
}

}  // namespace jiceng
