-- The empty database of schema version 5 as that release wrote it (its migrations, unchanged since), frozen so the
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
  probationary_on TEXT NOT NULL DEFAULT '', full_on TEXT NOT NULL DEFAULT '', reserve_cadre INTEGER NOT NULL DEFAULT 0);
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
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, device TEXT NOT NULL, year INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, indicator_id, period)) WITHOUT ROWID;
CREATE TABLE audit(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL, user TEXT NOT NULL, device TEXT NOT NULL, action TEXT NOT NULL,
  org_id INTEGER, indicator_id TEXT NOT NULL DEFAULT '', period TEXT NOT NULL DEFAULT '',
  old_value REAL, new_value REAL, reason TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '');
CREATE INDEX values_by_year ON indicator_values(year, org_id);
CREATE INDEX audit_by_org ON audit(org_id, indicator_id);
CREATE INDEX members_by_branch ON members(branch_id);
CREATE INDEX orgs_by_name ON orgs(name);
CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('clerk','leader','admin')),
  pin_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE user_orgs(
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, org_id)) WITHOUT ROWID;
CREATE TABLE sync_member_uids(
  member_id INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
  uid TEXT NOT NULL UNIQUE);
CREATE TRIGGER sync_member_uid AFTER INSERT ON members BEGIN
  INSERT OR IGNORE INTO sync_member_uids(member_id, uid) VALUES(new.id, lower(hex(randomblob(16))));
END;
CREATE INDEX sync_audit_by_time ON audit(org_id, at);
CREATE TABLE sync_peers(
  peer TEXT PRIMARY KEY,
  last_audit_id INTEGER NOT NULL DEFAULT 0,
  last_export_at TEXT NOT NULL DEFAULT '',
  last_package_id TEXT NOT NULL DEFAULT '');
CREATE TABLE sync_base(
  peer TEXT NOT NULL,
  org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  indicator_id TEXT NOT NULL,
  period TEXT NOT NULL,
  value REAL NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY (peer, org_id, indicator_id, period)) WITHOUT ROWID;
CREATE TABLE sync_member_base(
  peer TEXT NOT NULL,
  uid TEXT NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (peer, uid)) WITHOUT ROWID;
CREATE TABLE sync_imports(
  package_id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  device TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  counts TEXT NOT NULL);
CREATE TABLE sync_conflicts(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('value','member')),
  package_id TEXT NOT NULL,
  org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  indicator_id TEXT NOT NULL DEFAULT '',
  period TEXT NOT NULL DEFAULT '',
  member_uid TEXT NOT NULL DEFAULT '',
  base_value REAL, base_status TEXT NOT NULL DEFAULT '',
  local_value REAL, local_status TEXT NOT NULL DEFAULT '',
  local_at TEXT NOT NULL DEFAULT '', local_by TEXT NOT NULL DEFAULT '', local_device TEXT NOT NULL DEFAULT '',
  remote_value REAL, remote_status TEXT NOT NULL DEFAULT '',
  remote_at TEXT NOT NULL, remote_by TEXT NOT NULL, remote_device TEXT NOT NULL,
  local_record TEXT NOT NULL DEFAULT '', remote_record TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  resolution TEXT CHECK (resolution IN ('local','remote','typed','superseded')),
  resolved_value REAL, resolved_at TEXT NOT NULL DEFAULT '', resolved_by TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '');
CREATE INDEX sync_conflicts_by_key ON sync_conflicts(org_id, indicator_id, period);
CREATE TABLE county_towns(
  town_id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  source TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  rolled_up_at TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0);
CREATE TABLE county_orgs(
  town_id TEXT NOT NULL REFERENCES county_towns(town_id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  parent_code TEXT NOT NULL DEFAULT '',
  sort INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (town_id, code)) WITHOUT ROWID;
CREATE TABLE county_figures(
  town_id TEXT NOT NULL REFERENCES county_towns(town_id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  org_code TEXT NOT NULL,
  indicator_id TEXT NOT NULL,
  value REAL,
  target REAL,
  PRIMARY KEY (town_id, year, org_code, indicator_id)) WITHOUT ROWID;
CREATE TABLE county_units(
  town_id TEXT NOT NULL REFERENCES county_towns(town_id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  org_code TEXT NOT NULL,
  filled INTEGER NOT NULL,
  expected INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (town_id, year, org_code)) WITHOUT ROWID;
CREATE TABLE county_years(
  town_id TEXT NOT NULL REFERENCES county_towns(town_id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  last_month INTEGER NOT NULL,
  PRIMARY KEY (town_id, year)) WITHOUT ROWID;
CREATE TABLE summary_templates(
  name TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '');
CREATE TABLE summary_template_history(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  at TEXT NOT NULL,
  user TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('manual','auto','import','restore')),
  label TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  blocks INTEGER NOT NULL DEFAULT 0,
  placeholders INTEGER NOT NULL DEFAULT 0);
CREATE INDEX summary_template_history_by_name ON summary_template_history(name, id);
CREATE TABLE summary_template_drafts(
  name TEXT PRIMARY KEY,
  block INTEGER NOT NULL,
  text TEXT NOT NULL,
  at TEXT NOT NULL);
PRAGMA user_version = 5;
