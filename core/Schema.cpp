#include "Schema.hpp"

#include <string>

#include "Sql.hpp"

namespace jiceng::schema {
namespace {

// v1: the first release — organisations, members, indicators, targets, values, audit.
constexpr const char* kV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE orgs(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('town','village','community','unit','general_branch','branch')),
  parent_id INTEGER REFERENCES orgs(id) ON DELETE RESTRICT,
  sort INTEGER NOT NULL DEFAULT 0);
CREATE TABLE members(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  gender TEXT NOT NULL DEFAULT '',
  birth_date TEXT NOT NULL DEFAULT '',
  branch_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE RESTRICT,
  stage TEXT NOT NULL CHECK (stage IN ('applicant','activist','candidate','probationary','full')),
  applied_on TEXT NOT NULL DEFAULT '', talked_on TEXT NOT NULL DEFAULT '',
  activist_on TEXT NOT NULL DEFAULT '', candidate_on TEXT NOT NULL DEFAULT '',
  probationary_on TEXT NOT NULL DEFAULT '', full_on TEXT NOT NULL DEFAULT '');
CREATE TABLE indicators(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, section TEXT NOT NULL, unit TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE targets(
  org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  indicator_id TEXT NOT NULL REFERENCES indicators(id),
  year INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (org_id, indicator_id, year)) WITHOUT ROWID;
CREATE TABLE indicator_values(
  org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  indicator_id TEXT NOT NULL REFERENCES indicators(id),
  period TEXT NOT NULL,
  value REAL NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft','submitted','approved')),
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, device TEXT NOT NULL,
  PRIMARY KEY (org_id, indicator_id, period)) WITHOUT ROWID;
CREATE TABLE audit(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL, user TEXT NOT NULL, device TEXT NOT NULL, action TEXT NOT NULL,
  org_id INTEGER, indicator_id TEXT NOT NULL DEFAULT '', period TEXT NOT NULL DEFAULT '',
  old_value REAL, new_value REAL, reason TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '');
)sql";

// v2: reserve cadres on the roster; a year column on values so a year's figures (yearly and
// monthly) come from one index range instead of a LIKE scan; audit looked up by organisation;
// organisations found by name as fast as by code.
constexpr const char* kV2 = R"sql(
ALTER TABLE members ADD COLUMN reserve_cadre INTEGER NOT NULL DEFAULT 0;
ALTER TABLE indicator_values ADD COLUMN year INTEGER NOT NULL DEFAULT 0;
UPDATE indicator_values SET year = CAST(substr(period, 1, 4) AS INTEGER);
CREATE INDEX values_by_year ON indicator_values(year, org_id);
CREATE INDEX audit_by_org ON audit(org_id, indicator_id);
CREATE INDEX members_by_branch ON members(branch_id);
CREATE INDEX orgs_by_name ON orgs(name);
)sql";

constexpr const char* kMigrations[] = {kV1, kV2};

}  // namespace

void migrate(sqlite3* db, int target) {
  int version = int(sql::scalar_int(db, "PRAGMA user_version"));
  for (int v = version + 1; v <= target; ++v) {
    sql::exec(db, kMigrations[v - 1]);
    sql::exec(db, "PRAGMA user_version = " + std::to_string(v));
  }
}

}  // namespace jiceng::schema
