#pragma once
// Signing in with a login and a PIN, for the app and the command line alike. A PIN has 10^4–10^8
// values, so guessing is slowed where it is tried: after kFreeTries wrong PINs in a row each
// further try must wait (kFirstWait, doubling), and after kLockAfter the login is locked for
// kLockFor. Every wrong PIN and every lock is an audit entry; the right PIN clears the count, and
// so does a PIN the admin sets. (Someone holding the database file is not slowed by this: that is
// what the Argon2id hash and encryption at rest are for.)
#include <chrono>
#include <string>

#include "model/Model.hpp"

namespace jiceng {

class Store;

inline constexpr int kFreeTries = 3;
inline constexpr int kLockAfter = 6;
inline constexpr std::chrono::seconds kFirstWait{10};
inline constexpr std::chrono::minutes kLockFor{15};

using SignInClock = std::chrono::system_clock;

// The actor for a login and PIN. Throws InputError, without saying which of the two was wrong (a
// disabled account is named only after its PIN was right), saying how long to wait when the login
// must wait or is locked. A failure is recorded unless the database is read-only.
Actor sign_in(Store& store, const std::string& login, const std::string& pin,
              SignInClock::time_point now = SignInClock::now());

// Forgets a login's failed tries (the admin set a new PIN).
void clear_sign_in_failures(Store& store, const std::string& login);

}  // namespace jiceng
