// The browser build's numbers for docs/PERFORMANCE.md, measured the way a clerk meets them:
//   node tests/web/measure.mjs [SITE] [ROUNDS]     (run through tests/web/run-measure.sh)
// - transfer: every file the service worker stores, raw and gzip -9 (what a compressing server
//   sends), plus the rest of the font fetched only when a rare character appears;
// - cold start: a new browser profile (nothing cached, no town yet: the demo town is written),
//   from navigation to the first drawn frame; warm: the same profile again (service worker cache,
//   the town in IndexedDB), median of ROUNDS;
// - ImGui CPU per frame on 进度看板 (800×1280 tablet), while the pointer moves across it.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as w from './lib.mjs';

const site = path.resolve(process.argv[2] || w.SITE);
const rounds = Number(process.argv[3] || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (n) => (n / 1e6).toFixed(2);
const pageSteps = (p) => Object.fromEntries(Object.entries(p || {}).map(([k, v]) => [k, Math.round(v)]));

// ---- Transfer size ------------------------------------------------------------------------------
const precache = JSON.parse(fs.readFileSync(path.join(site, 'precache.json'), 'utf8'));
let raw = 0, gz = 0;
const rows = [];
for (const f of precache.files.filter((f) => f !== './')) {
  const bytes = fs.readFileSync(path.join(site, f));
  const z = zlib.gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += z;
  rows.push([f, bytes.length, z]);
}
rows.sort((a, b) => b[2] - a[2]);
console.log(`transfer (precached): ${mb(raw)} MB raw, ${mb(gz)} MB gzip -9`);
for (const [f, r, z] of rows.slice(0, 4)) console.log(`  ${f}: ${mb(r)} MB raw, ${mb(z)} MB gzip`);
const rest = fs.readFileSync(path.join(site, 'fonts/jiceng-rest.otf'));
console.log(`  on demand: fonts/jiceng-rest.otf ${mb(rest.length)} MB raw, ${mb(zlib.gzipSync(rest, { level: 9 }).length)} MB gzip`);

// ---- Start and frames ---------------------------------------------------------------------------
const server = await w.serve(site);
const profile = await w.tempDir('jiceng-measure-');
const starts = [];
try {
  for (let i = 0; i <= rounds; ++i) {
    const b = await w.launch({ userDataDir: profile, device: 'tablet' });
    try {
      const page = await b.newPage();
      await w.goto(page, server.url);
      await w.waitReady(page);
      const s = await w.stats(page);
      starts.push(s);
      console.log(`${i === 0 ? 'cold' : 'warm'} start: first frame ${s.firstFrameMs.toFixed(0)} ms after navigation, ` +
                  `screen with its figures ${s.screenMs.toFixed(0)} ms ` +
                  `(runtime ready ${s.runtimeMs.toFixed(0)} ms: ${JSON.stringify(pageSteps(s.page))}; app ${s.appStartMs.toFixed(0)} ms: ${JSON.stringify(s.startup)})`);
      if (i === rounds) {
        // Frames on the dashboard with the pointer moving (every frame is drawn).
        const costs = [];
        for (let k = 0; k < 120; ++k) {
          await page.mouse.move(100 + (k * 5) % 600, 200 + (k * 7) % 800);
          await w.frames(page, 1);
          costs.push((await w.stats(page)).frameMs);
        }
        costs.sort((a, b) => a - b);
        const mean = costs.reduce((a, c) => a + c, 0) / costs.length;
        console.log(`dashboard frame (ImGui CPU): mean ${mean.toFixed(2)} ms, median ${median(costs).toFixed(2)} ms, ` +
                    `p95 ${costs[Math.floor(costs.length * 0.95)].toFixed(2)} ms over ${costs.length} frames`);
      }
      // A session outlives its first frame: the screens settle (text seen after the first frame joins
      // the glyph atlas, and the atlas cache) before the tab is closed.
      await w.frames(page, 10);
      await page.evaluate(() => window.jiceng.flushed());
    } finally {
      await b.close();
    }
  }
} finally {
  await server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
const warm = starts.slice(1).map((s) => s.firstFrameMs);
const warmScreen = starts.slice(1).map((s) => s.screenMs);
console.log(`warm start median of ${warm.length}: first frame ${median(warm).toFixed(0)} ms, ` +
            `screen with its figures ${median(warmScreen).toFixed(0)} ms`);
