-- The empty database of schema version 1 as that release wrote it (its migrations, unchanged since), frozen so the
-- migration tests start from the old file, not from what today's code thinks it was.
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
PRAGMA user_version = 1;
