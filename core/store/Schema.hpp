#pragma once
// Schema versions and their migrations. Version N is reached by running migration N on a database
// at version N-1; PRAGMA user_version records where a file stands.
struct sqlite3;

namespace jiceng::schema {

constexpr int kCurrent = 15;
// The oldest version a read-only file can be opened at without migrating: v15 only added indexes,
// which make reads faster but are not needed to read correctly.
constexpr int kOldestReadable = 14;

// Migrates `db` (inside the caller's transaction) from its user_version up to `target`.
void migrate(sqlite3* db, int target = kCurrent);

}  // namespace jiceng::schema
