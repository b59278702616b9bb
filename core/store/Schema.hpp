#pragma once
// Schema versions and their migrations. Version N is reached by running migration N on a database
// at version N-1; PRAGMA user_version records where a file stands.
struct sqlite3;

namespace jiceng::schema {

constexpr int kCurrent = 15;

// Migrates `db` (inside the caller's transaction) from its user_version up to `target`.
void migrate(sqlite3* db, int target = kCurrent);

}  // namespace jiceng::schema
