#!/usr/bin/env node
// Writes SITE_DIR/precache.json, the list platform/web/sw.js downloads on install:
//   node tests/web/precache.mjs SITE_DIR
// {"version": sha256 of every file of the site (names and bytes, sorted), first 16 hex digits,
//  "files": ["./", "index.html", …every other file…]}
// Precached: every file of the site except the service worker itself, precache.json, dot files,
// the on-demand font fonts/jiceng-rest.otf (cached by the service worker the first time the app
// fetches it) and licence texts. The version covers those too, so any change to the site (a new
// rest font included) makes a new version. Same site, same bytes: safe to run at every build.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ON_DEMAND = new Set(['fonts/jiceng-rest.otf']);
const NEVER = new Set(['sw.js', 'precache.json']);

function walk(dir, prefix = '') {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const rel = prefix + e.name;
    if (e.isDirectory()) out.push(...walk(path.join(dir, e.name), rel + '/'));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

export function writePrecache(site) {
  const all = walk(site).filter((f) => !NEVER.has(f)).sort();
  const hash = createHash('sha256');
  for (const f of all) {
    hash.update(f + '\0');
    hash.update(createHash('sha256').update(fs.readFileSync(path.join(site, f))).digest());
  }
  const cached = all.filter((f) => !ON_DEMAND.has(f) && !/(^|\/)LICEN[CS]E[^/]*$/i.test(f));
  if (!cached.includes('index.html')) throw new Error(`${site}: no index.html`);
  const files = ['./', 'index.html', ...cached.filter((f) => f !== 'index.html')];
  const manifest = { version: hash.digest('hex').slice(0, 16), files };
  fs.writeFileSync(path.join(site, 'precache.json'), JSON.stringify(manifest, null, 1) + '\n');
  return manifest;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const site = process.argv[2];
  if (!site) {
    console.error('用法 / usage: node tests/web/precache.mjs SITE_DIR');
    process.exit(2);
  }
  const m = writePrecache(site);
  console.log(`precache.json: version ${m.version}, ${m.files.length} entries`);
}
