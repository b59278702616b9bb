// (c) After one visit the app starts without a network: reloaded with the server stopped and the
// page offline, and again in a new browser session on the same profile. The on-demand font
// (fonts/jiceng-rest.otf), fetched the way the app fetches it, is then available offline too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import * as w from './lib.mjs';

const has = (cached, p) => Object.values(cached).some((list) => list.includes(p));

test('starts offline from the service worker after a first visit', { timeout: w.T.test }, async () => {
  const site = w.requireSite();
  const profile = await w.tempDir('jiceng-profile-');
  const server = await w.serve(site);
  const origin = server.url;
  try {
    await w.withBrowser({ userDataDir: profile, device: 'tablet' }, async (b) => {
      const page = await b.newPage();
      try {
        await w.goto(page, origin);
        await w.waitReady(page);
        await w.waitServiceWorker(page);
        const cached = await w.cachedPaths(page);
        for (const p of ['/', '/index.html', '/jiceng.js', '/jiceng.wasm', '/fonts/jiceng-main.otf', '/manifest.webmanifest'])
          assert.ok(has(cached, p), `${p} precached (caches: ${JSON.stringify(cached)})`);
        const precache = JSON.parse(fs.readFileSync(path.join(site, 'precache.json'), 'utf8'));
        assert.ok(!precache.files.includes('fonts/jiceng-rest.otf'), 'the rare-character font is not precached');

        // The app fetches the rest font when text needs it; from then on it is offline too.
        assert.ok(await page.evaluate(() => fetch('fonts/jiceng-rest.otf').then((r) => r.ok)), 'rest font online');
        await w.until(async () => has(await w.cachedPaths(page), '/fonts/jiceng-rest.otf'), w.T.step, 'rest font cached');

        await server.close();
        await page.setOfflineMode(true);
        await w.reload(page);
        await w.waitReady(page);
        await w.frames(page, 3);
        assert.equal(await w.lastError(page), null);
        const shot = await w.screenshot(page, 'web-offline-reload.png');
        assert.ok(shot.foreground > 0.01, 'the offline page draws');
        assert.ok(await page.evaluate(() => fetch('fonts/jiceng-rest.otf').then((r) => r.ok, () => false)),
                  'rest font offline');
        assert.ok(!(await page.evaluate(() => fetch('no-such-file.txt').then(() => true, () => false))),
                  'an uncached file fails offline (nothing is served by mistake)');
      } finally {
        await w.saveLog(page, 'web-offline-reload.console.txt');
      }
    });

    // The next day: a new browser session, still without a network.
    await w.withBrowser({ userDataDir: profile, device: 'tablet' }, async (b) => {
      const page = await b.newPage();
      try {
        await page.setOfflineMode(true);
        await w.goto(page, origin);
        await w.waitReady(page);
        await w.frames(page, 3);
        assert.equal(await w.lastError(page), null);
        await w.screenshot(page, 'web-offline-restart.png');
      } finally {
        await w.saveLog(page, 'web-offline-restart.console.txt');
      }
    });
  } finally {
    await server.close();
    await fsp.rm(profile, { recursive: true, force: true, maxRetries: 3 });
  }
});
