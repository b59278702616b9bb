#pragma once
// People who sign in on a device: a login, a role, the organisations a clerk enters data for, and
// a PIN kept only as a salted Argon2id hash (libsodium). Signing in yields the Actor the store checks.
#include <optional>
#include <string>
#include <vector>

#include "Model.hpp"

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
// Admin only. The PIN is 4–8 digits.
int64_t add_user(Store& store, const User& user, const std::string& pin, const Actor& actor);
// The same with a PIN hashed beforehand (an Argon2id string). The demo town's accounts come so:
// their PINs are printed in the README, and hashing three PINs costs about a second at every first
// start in a tablet's browser.
int64_t add_user_hashed(Store& store, const User& user, const std::string& pin_hash, const Actor& actor);
void set_user_pin(Store& store, int64_t user_id, const std::string& pin, const Actor& actor);
void set_user_orgs(Store& store, int64_t user_id, const std::vector<OrgId>& orgs, const Actor& actor);
void set_user_active(Store& store, int64_t user_id, bool active, const Actor& actor);
// The actor for a login and PIN; throws InputError (without saying which of the two was wrong).
Actor sign_in(const Store& store, const std::string& login, const std::string& pin);

}  // namespace jiceng
