// Checks of the test machinery and of platform/web/sw.js on the fixture site (a fake app, see
// fixtures/): the two servers' types and headers, taps and typing through the driver, and the
// service worker's on-demand caching, refusal of non-GET, and update from one version to the next.
// Run by `run.sh --selftest`, which points JICENG_WEB_SITE at a fixture site.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { test } from 'node:test';
import { writePrecache } from './precache.mjs';
import * as w from './lib.mjs';

function get(url, method = 'GET') {
  return w.withTimeout(new Promise((resolve, reject) => {
    const req = http.request(url, { method }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  }), 10000, `${method} ${url}`);
}

async function checkServer(base) {
  const types = {
    '': 'text/html', 'index.html': 'text/html', 'jiceng.js': 'text/javascript', 'jiceng.wasm': 'application/wasm',
    'manifest.webmanifest': 'application/manifest+json', 'fonts/jiceng-main.otf': 'font/otf',
    'precache.json': 'application/json', 'icons/icon-192.png': 'image/png',
  };
  for (const [file, type] of Object.entries(types)) {
    const r = await get(base + file);
    assert.equal(r.status, 200, `${file}: status`);
    assert.ok(r.headers['content-type'].startsWith(type), `${file}: ${r.headers['content-type']} is not ${type}`);
    assert.equal(r.headers['cache-control'], 'no-cache', `${file}: cache-control`);
  }
  assert.equal((await get(base + 'no-such-file')).status, 404);
  assert.notEqual((await get(base + '%2e%2e/%2e%2e/etc/passwd')).status, 200, 'no way out of the site folder');
}

test('the test server: types, no-cache, 404, nothing outside the site, no POST', { timeout: w.T.test }, async () => {
  const server = await w.serve(w.requireSite());
  try {
    await checkServer(server.url);
    assert.equal((await get(server.url + 'index.html', 'POST')).status, 405);
  } finally {
    await server.close();
  }
});

test('scripts/web-serve.sh: types, no-cache, 127.0.0.1 only, the page runs from it', { timeout: w.T.test }, async () => {
  const probe = await w.serve(w.SITE);  // a free port: take one and give it back
  const port = probe.port;
  await probe.close();
  const child = spawn('bash', [path.join(w.ROOT, 'scripts/web-serve.sh'), w.SITE, String(port)],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  try {
    await w.until(() => out.includes(`http://127.0.0.1:${port}/`), 10000, 'web-serve.sh to print its address');
    assert.ok(/基层网页版/.test(out) && /Jiceng web app/.test(out), `address in Chinese and English: ${out}`);
    const base = `http://127.0.0.1:${port}/`;
    await checkServer(base);
    await w.withBrowser({ device: 'desktop' }, async (b) => {
      const page = await b.newPage();
      await w.goto(page, base);
      await w.waitReady(page);  // the fixture compiles jiceng.wasm with instantiateStreaming
      assert.equal(await page.evaluate(() => window.jiceng.fixture.wasm), true);
    });
  } finally {
    child.kill('SIGTERM');
    await w.withTimeout(new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r))), 5000, 'web-serve.sh to stop')
      .catch(() => child.kill('SIGKILL'));
  }
});

for (const device of ['tablet', 'desktop']) {
  test(`driver: taps and typing reach the page (${device})`, { timeout: w.T.test }, async () => {
    const server = await w.serve(w.requireSite());
    try {
      await w.withBrowser({ device }, async (b) => {
        const page = await b.newPage();
        await w.goto(page, server.url);
        await w.waitReady(page);
        assert.equal(await page.evaluate(() => window.jiceng.fixture.font), true, 'the shipped font loads');
        await w.tap(page, 'fixture.button');
        await w.tap(page, 'fixture.button');
        await w.tap(page, 'fixture.field');
        await w.typeText(page, '赟娜 abc');
        await w.press(page, 'Enter');
        const state = await page.evaluate(() => window.jiceng.fixture);
        assert.equal(state.taps, 2);
        assert.equal(state.text, '赟娜 abc');
        assert.equal(state.entered, '赟娜 abc');
        assert.equal(await w.mark(page, 'no.such.mark'), null);
      });
    } finally {
      await server.close();
    }
  });
}

test('service worker: on-demand files, no non-GET, an update replaces the old version', { timeout: w.T.test }, async () => {
  const site = await w.copySite(w.requireSite());
  const profile = await w.tempDir('jiceng-profile-');
  let server = await w.serve(site);
  const port = server.port;
  const v1 = JSON.parse(fs.readFileSync(path.join(site, 'precache.json'), 'utf8')).version;
  try {
    await w.withBrowser({ userDataDir: profile, device: 'desktop' }, async (b) => {
      const page = await b.newPage();
      try {
        await w.goto(page, server.url);
        await w.waitReady(page);
        await w.waitServiceWorker(page);
        assert.deepEqual(await w.swVersion(page), { current: v1, ready: null });

        // A file the app fetches on demand joins the cache.
        assert.ok(await page.evaluate(() => fetch('fonts/jiceng-rest.otf').then((r) => r.ok)));
        await w.until(async () => Object.values(await w.cachedPaths(page)).some((l) => l.includes('/fonts/jiceng-rest.otf')),
                      w.T.step, 'rest font cached');
        // A POST goes to the network (the server says 405) and is never cached.
        const before = server.requests.length;
        assert.equal(await page.evaluate(() => fetch('index.html', { method: 'POST', body: 'x' }).then((r) => r.status)), 405);
        assert.ok(server.requests.slice(before).some((r) => r.method === 'POST'), 'the POST reached the server');
        // Served from the cache: a precached file is not asked of the server again.
        const asked = server.requests.length;
        assert.ok(await page.evaluate(() => fetch('jiceng.js').then((r) => r.ok)));
        assert.equal(server.requests.length, asked, 'jiceng.js came from the cache');

        // A new build: page version 2, a new precache.json.
        const index = path.join(site, 'index.html');
        fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('data-version="1"', 'data-version="2"'));
        const v2 = writePrecache(site).version;
        assert.notEqual(v2, v1);
        await w.reload(page);  // still version 1 (cache first); the check downloads version 2
        await w.waitReady(page);
        assert.equal(await page.evaluate(() => window.jiceng.fixture.version), '1');
        await w.until(async () => (await w.swVersion(page)).ready === v2, w.T.step, 'version 2 downloaded');
        await w.reload(page);  // the next page load switches
        await w.waitReady(page);
        assert.equal(await page.evaluate(() => window.jiceng.fixture.version), '2');
        assert.deepEqual(await w.swVersion(page), { current: v2, ready: null });
        const cached = await w.cachedPaths(page);
        const names = Object.keys(cached).filter((n) => !n.endsWith(':meta'));
        assert.equal(names.length, 1, `only the current version's cache is left: ${Object.keys(cached)}`);
        assert.ok(cached[names[0]].includes('/fonts/jiceng-rest.otf'), 'the on-demand font came along');

        // And offline it is version 2, rest font included.
        await server.close();
        await page.setOfflineMode(true);
        await w.reload(page);
        await w.waitReady(page);
        assert.equal(await page.evaluate(() => window.jiceng.fixture.version), '2');
        assert.ok(await page.evaluate(() => fetch('fonts/jiceng-rest.otf').then((r) => r.ok, () => false)));
        // Navigations it never saw: a query string still finds the app; any other page of the
        // site falls back to the app's page offline.
        await w.goto(page, `http://127.0.0.1:${port}/?town=1`);
        await w.waitReady(page);
        const deep = await w.goto(page, `http://127.0.0.1:${port}/some/deep/link`);
        assert.ok(deep.ok(), `fallback status ${deep.status()}`);
        assert.ok((await page.content()).includes('jiceng-text'), 'the fallback is index.html');
      } finally {
        await w.saveLog(page, 'fixture-sw.console.txt');
      }
    });
  } finally {
    await server.close();
    await fsp.rm(profile, { recursive: true, force: true, maxRetries: 3 });
    await fsp.rm(site, { recursive: true, force: true, maxRetries: 3 });
  }
});
