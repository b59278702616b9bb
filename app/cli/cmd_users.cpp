// jiceng-cli user list|add|set|disable: the town's accounts from the command line (a town made
// without the app, or an office without a screen). The rules and audit entries are core's
// (core/store/Users.hpp); the CLI acts as the account signed in with --user and its PIN (acting_user),
// which must be an admin's.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>


#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "Cli.hpp"
#include "store/Store.hpp"
#include "store/Users.hpp"

namespace jiceng::cli {
namespace {

Role role_of(const std::string& s) {
  if (auto r = parse_role(s)) return *r;
  for (Role r : {Role::Clerk, Role::Leader, Role::Admin})
    if (s == label(r)) return r;
  if (s == "村文书") return Role::Clerk;
  throw UsageError{tr("cli.user.bad_role", {{"role", s}})};
}

std::vector<OrgId> orgs_of(const Store& store, const Args& a) {
  std::vector<OrgId> out;
  for (const auto& o : a.all("org")) out.push_back(store.require_org(o, Location{{}, 0, "--org"}).id);
  return out;
}

std::string org_names(const Store& store, const User& u) {
  if (u.role != Role::Clerk) return tr("users.all_orgs");
  std::string out;
  for (OrgId id : u.orgs)
    if (auto o = store.org(id)) out += (out.empty() ? "" : tr("cli.user.sep")) + o->name;
  return out.empty() ? tr("users.no_orgs") : out;
}

// The new PIN of an account: from the environment variable JICENG_NEW_PIN, or typed (twice at a
// terminal, checked like the app's form; once from a pipe). Never an argument (see acting_user).
std::string new_pin_of(Role role) {
  if (const char* env = std::getenv("JICENG_NEW_PIN"); env && *env) return env;
  const bool tty = isatty(STDIN_FILENO);
  const std::string pin = read_secret(tr("cli.user.pin_prompt"), tr("cli.user.no_pin"));
  if (tty) check_new_pin(pin, read_secret(tr("cli.user.pin_again"), tr("cli.user.no_pin")), role);
  return pin;
}

User require_login(const Store& store, const std::string& login) {
  auto u = find_user(store, login);
  if (!u) throw InputError(tr("cli.user.no_such", {{"login", login}}), Location{{}, 0, tr("cli.arg.login")});
  return *u;
}

int run_list(const Args& a) {
  a.allow_only({"json"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const auto users = list_users(*store);
  if (a.flag("json")) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& u : users) {
      nlohmann::json orgs = nlohmann::json::array();
      for (OrgId id : u.orgs)
        if (auto o = store->org(id)) orgs.push_back(o->code);
      j.push_back({{"login", u.login}, {"name", u.name}, {"role", to_string(u.role)}, {"active", u.active}, {"orgs", orgs}});
    }
    out(j.dump(2));
    return kOk;
  }
  if (users.empty()) {
    out(tr("cli.user.none"));
    return kOk;
  }
  out(tr("cli.user.header"));
  for (const auto& u : users)
    out(tr("cli.user.line", {{"login", u.login}, {"name", u.name}, {"role", label(u.role)},
                             {"state", tr(u.active ? "users.state.active" : "users.state.disabled")},
                             {"orgs", org_names(*store, u)}}));
  return kOk;
}

int run_add(const Args& a) {
  a.allow_only({"login", "name", "role", "org", "user"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const Actor actor = acting_user(a, *store);
  User u;
  u.login = a.require("login");
  u.name = a.require("name");
  u.role = role_of(a.require("role"));
  u.orgs = orgs_of(*store, a);
  const std::string pin = new_pin_of(u.role);
  add_user(*store, u, pin, actor);
  const User made = require_login(*store, u.login);
  out(tr("cli.user.added", {{"name", made.name}, {"role", label(made.role)}, {"login", made.login},
                            {"orgs", made.role == Role::Clerk ? tr("cli.user.orgs", {{"orgs", org_names(*store, made)}})
                                                              : std::string()}}));
  return kOk;
}

int run_set(const Args& a) {
  a.allow_only({"name", "role", "org", "reset-pin", "enable", "user"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const Actor actor = acting_user(a, *store);
  const User old = require_login(*store, a.positional(1, "cli.arg.login"));
  User u = old;
  if (a.has("name")) u.name = a.get("name");
  if (a.has("role")) u.role = role_of(a.get("role"));
  if (a.has("org")) u.orgs = orgs_of(*store, a);
  if (a.flag("enable")) u.active = true;
  const bool new_pin = a.flag("reset-pin");
  // Checked for the role the account will have (an admin's PIN is longer).
  const std::string pin = new_pin ? new_pin_of(u.role) : std::string();
  // All or nothing: the account changes and the new PIN are one transaction. A PIN is checked for
  // the role the account has when it is set: before a promotion to admin (which needs the longer
  // PIN in place), after any other change.
  const bool promote = u.role == Role::Admin && old.role != Role::Admin;
  store->transaction([&] {
    if (new_pin && promote) set_user_pin(*store, u.id, pin, actor);
    update_user(*store, u, actor);
    if (new_pin && !promote) set_user_pin(*store, u.id, pin, actor);
  });
  const User now = require_login(*store, old.login);
  std::string what;
  auto add = [&](bool changed, const char* key) {
    if (changed) what += (what.empty() ? "" : tr("cli.user.sep")) + tr(key);
  };
  add(now.name != old.name, "cli.user.what.name");
  add(now.role != old.role, "cli.user.what.role");
  add(now.orgs != old.orgs, "cli.user.what.orgs");
  add(new_pin, "cli.user.what.pin");
  add(now.active && !old.active, "cli.user.what.enabled");
  if (what.empty()) out(tr("cli.user.unchanged", {{"name", now.name}, {"login", now.login}}));
  else out(tr("cli.user.updated", {{"name", now.name}, {"login", now.login}, {"what", what}}));
  return kOk;
}

int run_disable(const Args& a) {
  a.allow_only({"user"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const Actor actor = acting_user(a, *store);
  User u = require_login(*store, a.positional(1, "cli.arg.login"));
  if (!u.active) {
    out(tr("cli.user.already_disabled", {{"name", u.name}, {"login", u.login}}));
    return kOk;
  }
  u.active = false;
  update_user(*store, u, actor);
  out(tr("cli.user.disabled", {{"name", u.name}, {"login", u.login}}));
  return kOk;
}

Register reg_list{{"user list", "cli.usage.user_list", {"json"}, run_list}};
Register reg_add{{"user add", "cli.usage.user_add", {}, run_add}};
Register reg_set{{"user set", "cli.usage.user_set", {"reset-pin", "enable"}, run_set}};
Register reg_disable{{"user disable", "cli.usage.user_disable", {}, run_disable}};

}  // namespace
}  // namespace jiceng::cli
