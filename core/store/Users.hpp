#pragma once
// People who sign in on a device: a login, a role, the organisations a clerk enters data for, and
// a PIN kept only as a salted Argon2id hash (libsodium). Signing in yields the Actor the store checks.
// Account management (docs/USERS.md): only an admin changes accounts, every change is one
// transaction with an audit entry (never the PIN), and the town always keeps an active admin.
#include <optional>
#include <string>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {

class Store;

struct User {
  int64_t id = 0;
  std::string login;  // what is typed at sign-in
  std::string name;   // shown in the audit trail
  Role role = Role::Clerk;
  bool active = true;
  std::vector<OrgId> orgs;  // a clerk's organisations (with their subtrees)
};

std::vector<User> list_users(const Store& store);
std::optional<User> find_user(const Store& store, const std::string& login);
std::optional<User> user_by_id(const Store& store, int64_t id);
// True when at least one account is an active admin. A town without one (a new blank town, one made
// by the CLI) offers the 「创建管理员」 step on its first start.
bool has_active_admin(const Store& store);
// Whether the app offers the 「创建管理员」 step: a town without an active admin, except a tablet's
// town taken in from a package (packages carry no accounts; such a copy is read-only by design,
// docs/SYNC.md) that nobody has set up.
bool needs_first_admin(const Store& store);

// The rules a new PIN must pass, with the message a person reads: 4–8 digits (an admin's at least
// kAdminPinDigits), not one digit repeated (1111), not a straight run (1234, 9876), and typed the
// same twice. Throws InputError.
inline constexpr size_t kAdminPinDigits = 6;
void check_new_pin(const std::string& pin, const std::string& confirm, Role role);
// Login: up to 32 letters, digits, '.', '_' or '-' (typed on any tablet keyboard). Throws InputError.
void check_login(const std::string& login);

// The town's first administrator, made by the person who will be it: allowed only while the town
// has no active admin (afterwards only an admin adds users). The audit entry names the new admin.
int64_t create_first_admin(Store& store, const User& user, const std::string& pin, const std::string& confirm);

// Admin only. The PIN passes check_new_pin (without a confirmation). A clerk needs at least one
// organisation.
int64_t add_user(Store& store, const User& user, const std::string& pin, const Actor& actor);
// The same with a PIN hashed beforehand (an Argon2id string) of `pin_digits` digits. The demo
// town's accounts come so: their PINs are printed in the README, and hashing three PINs costs about
// a second at every first start in a tablet's browser. Only the admin check and uniqueness apply.
int64_t add_user_hashed(Store& store, const User& user, const std::string& pin_hash, size_t pin_digits,
                        const Actor& actor);
// Changes name, role, organisations and active of user.id to what `user` says, in one transaction,
// one audit entry per changed part. Refused when it would leave the town without an active admin,
// a clerk without an organisation, or make an admin of an account whose PIN is shorter than an
// admin's must be (set the new PIN first).
void update_user(Store& store, const User& user, const Actor& actor);
void set_user_pin(Store& store, int64_t user_id, const std::string& pin, const Actor& actor);
void set_user_orgs(Store& store, int64_t user_id, const std::vector<OrgId>& orgs, const Actor& actor);
void set_user_role(Store& store, int64_t user_id, Role role, const Actor& actor);
void set_user_active(Store& store, int64_t user_id, bool active, const Actor& actor);

// Signing in (with its back-off and lock): core/store/Authentication.hpp.

}  // namespace jiceng
