#include "Users.hpp"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "Error.hpp"
#include "Sql.hpp"
#include "Store.hpp"
#include "Strings.hpp"

namespace jiceng {

using sql::Stmt;

namespace {

std::string hash_pin(const std::string& pin) {
  if (pin.size() < 4 || pin.size() > 8 || !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw InputError(tr("users.bad_pin"), Location{{}, 0, tr("users.pin")});
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
  char out[crypto_pwhash_STRBYTES];
  // Interactive limits: a sign-in on a tablet stays well under a second.
  if (crypto_pwhash_str(out, pin.c_str(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory hashing a PIN");
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

}  // namespace

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

int64_t add_user(Store& store, const User& u, const std::string& pin, const Actor& actor) {
  require_admin(actor);
  return add_user_hashed(store, u, hash_pin(pin), actor);
}

int64_t add_user_hashed(Store& store, const User& u, const std::string& hash, const Actor& actor) {
  require_admin(actor);
  if (u.login.empty() || u.name.empty()) throw InputError(tr("users.needs_login_and_name"), Location{{}, 0, tr("users.login")});
  if (find_user(store, u.login)) throw InputError(tr("users.duplicate", {{"login", u.login}}), Location{{}, 0, tr("users.login")});
  if (hash.rfind("$argon2id$", 0) != 0) throw std::invalid_argument("add_user_hashed: not an Argon2id string");
  int64_t id = 0;
  store.transaction([&] {
    Stmt(store.handle(), "INSERT INTO users(login, name, role, pin_hash, active) VALUES(?,?,?,?,?)")
        .bind(1, u.login).bind(2, u.name).bind(3, std::string(to_string(u.role))).bind(4, hash)
        .bind(5, int64_t(u.active)).run();
    id = sql::scalar_int(store.handle(), "SELECT last_insert_rowid()");
    set_user_orgs(store, id, u.orgs, actor);
    store.record_audit({0, {}, actor.user, actor.device, "add_user", std::nullopt, {}, {}, {}, {}, {},
                        nlohmann::json{{"login", u.login}, {"name", u.name}, {"role", to_string(u.role)}}.dump()});
  });
  return id;
}

void set_user_pin(Store& store, int64_t user_id, const std::string& pin, const Actor& actor) {
  require_admin(actor);
  const std::string hash = hash_pin(pin);
  store.transaction([&] {
    Stmt(store.handle(), "UPDATE users SET pin_hash = ? WHERE id = ?").bind(1, hash).bind(2, user_id).run();
    store.record_audit({0, {}, actor.user, actor.device, "set_pin", std::nullopt, {}, {}, {}, {}, {},
                        nlohmann::json{{"user_id", user_id}}.dump()});
  });
}

void set_user_orgs(Store& store, int64_t user_id, const std::vector<OrgId>& orgs, const Actor& actor) {
  require_admin(actor);
  store.transaction([&] {
    Stmt(store.handle(), "DELETE FROM user_orgs WHERE user_id = ?").bind(1, user_id).run();
    Stmt ins(store.handle(), "INSERT OR IGNORE INTO user_orgs(user_id, org_id) VALUES(?, ?)");
    for (OrgId o : orgs) {
      if (!store.org(o)) throw InputError(tr("store.unknown_org", {{"org", std::to_string(o)}}));
      ins.bind(1, user_id).bind(2, o).run();
    }
    store.record_audit({0, {}, actor.user, actor.device, "set_user_orgs", std::nullopt, {}, {}, {}, {}, {},
                        nlohmann::json{{"user_id", user_id}, {"orgs", orgs}}.dump()});
  });
}

void set_user_active(Store& store, int64_t user_id, bool active, const Actor& actor) {
  require_admin(actor);
  store.transaction([&] {
    Stmt(store.handle(), "UPDATE users SET active = ? WHERE id = ?").bind(1, int64_t(active)).bind(2, user_id).run();
    store.record_audit({0, {}, actor.user, actor.device, active ? "enable_user" : "disable_user", std::nullopt, {}, {},
                        {}, {}, {}, nlohmann::json{{"user_id", user_id}}.dump()});
  });
}

Actor sign_in(const Store& store, const std::string& login, const std::string& pin) {
  Stmt st(store.handle(), "SELECT pin_hash FROM users WHERE login = ? AND active = 1");
  st.bind(1, login);
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
  if (!st.step() || crypto_pwhash_str_verify(st.text(0).c_str(), pin.c_str(), pin.size()) != 0)
    throw InputError(tr("users.sign_in_failed"));
  User u = *find_user(store, login);
  return Actor{u.name, store.device_id(), u.role, u.orgs};
}

}  // namespace jiceng
