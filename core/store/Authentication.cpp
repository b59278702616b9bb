#include "store/Authentication.hpp"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "store/Store.hpp"
#include "store/Users.hpp"

namespace jiceng {

using sql::Stmt;

namespace {

int64_t unix_seconds(SignInClock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

struct Failures {
  int count = 0;
  int64_t last = 0, locked_until = 0;  // Unix seconds
};

Failures failures_of(const Store& store, const std::string& login) {
  Stmt st(store.handle(), "SELECT failures, last_failed_at, locked_until FROM sign_in_failures WHERE login = ?");
  st.bind(1, login);
  if (!st.step()) return {};
  return {int(st.int64(0)), st.int64(1), st.int64(2)};
}

// How long after the last wrong PIN the next try may come, with `count` wrong PINs in a row.
int64_t wait_after(int count) {
  if (count < kFreeTries) return 0;
  return int64_t(kFirstWait.count()) << std::min(count - kFreeTries, 20);
}

std::string locked_message(const std::string& login, int64_t seconds_left) {
  return tr("users.sign_in_locked", {{"login", login}, {"count", std::to_string(kLockAfter)},
                                     {"minutes", std::to_string((seconds_left + 59) / 60)}});
}

// One more wrong PIN: counted, and audited (the login as typed goes in the detail; nobody is
// signed in, so no account is named as the one who acted).
void record_failure(Store& store, const std::string& login, int count, int64_t now) {
  if (store.read_only()) return;
  const bool lock = count >= kLockAfter;
  const int64_t until = lock ? now + std::chrono::duration_cast<std::chrono::seconds>(kLockFor).count() : 0;
  store.transaction([&] {
    Stmt(store.handle(), "INSERT INTO sign_in_failures(login, failures, last_failed_at, locked_until) VALUES(?,?,?,?) "
                         "ON CONFLICT(login) DO UPDATE SET failures = excluded.failures, "
                         "last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until")
        .bind(1, login).bind(2, int64_t(count)).bind(3, now).bind(4, until).run();
    const nlohmann::json d = {{"login", login}, {"failures", count}};
    store.record_audit({0, {}, tr("users.audit.nobody"), {}, lock ? "sign_in_locked" : "sign_in_failed", std::nullopt,
                        {}, {}, {}, {}, {}, d.dump()});
  });
}

}  // namespace

void clear_sign_in_failures(Store& store, const std::string& login) {
  if (store.read_only()) return;
  store.transaction([&] { Stmt(store.handle(), "DELETE FROM sign_in_failures WHERE login = ?").bind(1, login).run(); });
}

Actor sign_in(Store& store, const std::string& login, const std::string& pin, SignInClock::time_point when) {
  const int64_t now = unix_seconds(when);
  Failures f = failures_of(store, login);
  if (f.locked_until > now) throw InputError(locked_message(login, f.locked_until - now));
  if (f.locked_until != 0) f = {};  // a lock that ran out starts the count afresh
  if (const int64_t next = f.last + wait_after(f.count); f.count >= kFreeTries && now < next)
    throw InputError(tr("users.sign_in_too_soon", {{"seconds", std::to_string(next - now)},
                                                   {"count", std::to_string(f.count)}}));

  Stmt st(store.handle(), "SELECT pin_hash, active FROM users WHERE login = ?");
  st.bind(1, login);
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
  if (!st.step() || crypto_pwhash_str_verify(st.text(0).c_str(), pin.c_str(), pin.size()) != 0) {
    const int count = f.count + 1;
    record_failure(store, login, count, now);
    if (count >= kLockAfter) throw InputError(locked_message(login, std::chrono::seconds(kLockFor).count()));
    if (count >= kFreeTries)
      throw InputError(tr("users.sign_in_wait", {{"seconds", std::to_string(wait_after(count))},
                                                 {"left", std::to_string(kLockAfter - count)}}));
    throw InputError(tr("users.sign_in_failed"));
  }
  const bool active = st.int64(1) != 0;
  st.reset();
  if (f.count > 0) clear_sign_in_failures(store, login);
  if (!active) throw InputError(tr("users.disabled", {{"login", login}}));
  User u = *find_user(store, login);
  return Actor{u.name, store.device_id(), u.role, u.orgs};
}

}  // namespace jiceng
