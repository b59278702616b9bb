// Driver for the real-browser tests of the web build: a static server for a site folder on
// 127.0.0.1, Debian's chromium through puppeteer-core, and helpers for the page's test contract:
//   window.jiceng.ready        Promise, resolved after the first frame is drawn
//   window.jiceng.mark(name)   {x, y, w, h} in CSS pixels of a named widget on the current frame, or null
//   window.jiceng.stats()      {firstFrameMs, screenMs, frameMs, view}
//   window.jiceng.lastError    string or null
//   <input id="jiceng-text">   focused by the app when an ImGui field wants text
//   #jiceng-refusal            shown when another tab has the town open
// Everything stops by itself: every wait has a timeout, browsers are killed in finally blocks and
// at exit, and a hard deadline ends a stuck test process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const CHROMIUM = process.env.JICENG_CHROMIUM || '/usr/bin/chromium';
export const SITE = path.resolve(process.env.JICENG_WEB_SITE || path.join(ROOT, 'build-web/site'));
export const OUT = path.resolve(process.env.JICENG_WEB_OUT || path.join(os.tmpdir(), 'jiceng-web-out'));
const CACHE = process.env.JICENG_WEB_CACHE || path.join(os.homedir(), '.cache/jiceng-web');

// Milliseconds; JICENG_WEB_SLOW=3 triples them (a loaded 2-core machine, software GL).
const SLOW = Math.max(1, Number(process.env.JICENG_WEB_SLOW) || 1);
export const T = {
  launch: 30000 * SLOW,   // chromium up
  load: 60000 * SLOW,     // page load event
  ready: 120000 * SLOW,   // jiceng.ready (wasm compile + first frame under swiftshader)
  step: 15000 * SLOW,     // a mark to appear, a field to take focus, a message to arrive
  test: 300000 * SLOW,    // one node:test test
};

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
  '--disable-dev-shm-usage', '--no-default-browser-check', '--disable-features=Translate,MediaRouter',
];

export const DEVICES = {
  tablet: { width: 800, height: 1280, deviceScaleFactor: 1, hasTouch: true, isMobile: true, isLandscape: false },
  desktop: { width: 1280, height: 800, deviceScaleFactor: 1, hasTouch: false, isMobile: false, isLandscape: true },
};

// ---- small utilities ---------------------------------------------------------------------------
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

// Polls fn() until it returns something truthy; throws after ms.
export async function until(fn, ms, what, every = 100) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`${what}: not after ${ms} ms${last instanceof Error ? ` (${last.message})` : ''}`);
    await sleep(every);
  }
}

export function outFile(name) {
  fs.mkdirSync(OUT, { recursive: true });
  return path.join(OUT, name);
}

export async function tempDir(prefix) {
  return fsp.mkdtemp(path.join(os.tmpdir(), prefix));
}

// A copy of a site folder that a test may change (the update test writes a new version into it).
export async function copySite(src, dest) {
  dest = dest || (await tempDir('jiceng-site-'));
  await fsp.cp(src, dest, { recursive: true });
  return dest;
}

export function requireSite(site = SITE) {
  for (const f of ['index.html', 'sw.js', 'precache.json']) {
    if (!fs.existsSync(path.join(site, f))) throw new Error(`${site}/${f} is missing: build the site first (scripts/web.sh)`);
  }
  return site;
}

// ---- static server -----------------------------------------------------------------------------
export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.otf': 'font/otf',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// Serves root on 127.0.0.1 (a random free port unless one is given: a test that stops the server
// and starts it again keeps the origin, and with it the service worker and the storage).
// Returns {url, port, requests: [{method, path}], close()}.
export async function serve(root, { port = 0 } = {}) {
  root = path.resolve(root);
  const requests = [];
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    requests.push({ method: req.method, path: rel });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let file = path.join(root, path.normalize(rel));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        if (!rel.endsWith('/')) {
          res.writeHead(301, { Location: rel + '/' }).end();
          return;
        }
        file = path.join(file, 'index.html');
        try {
          st = fs.statSync(file);
        } catch (e) {
          err = e;
        }
      }
      if (err || !st.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
        return;
      }
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': 'no-cache',  // the service worker, not the HTTP cache, keeps the app offline
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  let closed = false;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    requests,
    async close() {
      if (closed) return;
      closed = true;
      const done = new Promise((r) => server.close(r));
      for (const s of sockets) s.destroy();
      await withTimeout(done, 5000, 'server.close').catch(() => {});
    },
  };
}

// ---- chromium ----------------------------------------------------------------------------------
let puppeteer = null;
function loadPuppeteer() {
  if (puppeteer) return puppeteer;
  const dirs = [process.env.JICENG_WEB_NODE_MODULES, path.join(HERE, 'node_modules'), path.join(CACHE, 'node/node_modules')];
  for (const dir of dirs) {
    if (dir && fs.existsSync(path.join(dir, 'puppeteer-core/package.json'))) {
      puppeteer = createRequire(path.join(dir, '..', 'resolve.js'))('puppeteer-core');
      return puppeteer;
    }
  }
  throw new Error('puppeteer-core is not installed: run bash tests/web/deps.sh');
}

const running = new Set();  // chromium processes, killed at exit whatever happened
process.on('exit', () => {
  for (const p of running) {
    try {
      p.kill('SIGKILL');
    } catch {}
  }
});
const hardDeadline = setTimeout(() => {
  console.error(`lib.mjs: test process still running after ${3 * T.test} ms, stopping it`);
  process.exit(1);
}, 3 * T.test);
hardDeadline.unref();

// Launches chromium. userDataDir: reuse a profile (reload/offline tests); without it a fresh one is
// made and removed on close. Returns {browser, userDataDir, device, newPage(), close()}.
export async function launch({ userDataDir = null, device = 'tablet', args = [] } = {}) {
  const pptr = loadPuppeteer();
  const own = !userDataDir;
  const dir = userDataDir || (await tempDir('jiceng-chromium-'));
  const browser = await pptr.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: dir,
    args: [...CHROMIUM_ARGS, ...args],
    defaultViewport: DEVICES[device],
    timeout: T.launch,
    protocolTimeout: T.ready,
    dumpio: !!process.env.JICENG_WEB_DUMPIO,
  });
  const proc = browser.process();
  if (proc) running.add(proc);
  let closed = false;
  const handle = {
    browser,
    userDataDir: dir,
    device,
    newPage: () => openPage(browser, device),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await withTimeout(browser.close(), 10000, 'browser.close');
      } catch {
        try {
          proc?.kill('SIGKILL');
        } catch {}
      }
      if (proc) running.delete(proc);
      if (own) await fsp.rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
    },
  };
  return handle;
}

// Runs fn(browserHandle) and closes the browser whatever happens.
export async function withBrowser(opts, fn) {
  const b = await launch(opts);
  try {
    return await fn(b);
  } finally {
    await b.close();
  }
}

// A new tab with the device's viewport; its console and errors are kept in page.jicengLog.
export async function openPage(browser, device = 'tablet') {
  const page = await browser.newPage();
  await page.setViewport(DEVICES[device]);
  page.setDefaultTimeout(T.step);
  page.setDefaultNavigationTimeout(T.load);
  page.jicengDevice = device;
  page.jicengLog = [];
  page.on('console', (m) => page.jicengLog.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => page.jicengLog.push(`[pageerror] ${e.message}`));
  page.on('requestfailed', (r) => page.jicengLog.push(`[requestfailed] ${r.url()} ${r.failure()?.errorText || ''}`));
  return page;
}

export async function saveLog(page, name) {
  await fsp.writeFile(outFile(name), (page.jicengLog || []).join('\n') + '\n').catch(() => {});
}

export async function goto(page, url) {
  return page.goto(url, { waitUntil: 'load', timeout: T.load });
}

export async function reload(page) {
  return page.reload({ waitUntil: 'load', timeout: T.load });
}

// ---- the page's test contract ------------------------------------------------------------------
// Waits for window.jiceng.ready; fails at once with window.jiceng.lastError. Returns stats().
export async function waitReady(page, ms = T.ready) {
  const start = Date.now();
  await page.waitForFunction(() => !!window.jiceng || (document.getElementById('jiceng-refusal')?.getClientRects().length > 0),
                             { timeout: ms, polling: 100 })
    .catch((e) => { throw new Error(`no window.jiceng after ${ms} ms: ${e.message}`); });
  const refused = await refusal(page);
  if (refused !== null) throw new Error(`the page refused to start: ${refused}`);
  await page.evaluate(() => {
    if (window.__jicengTest) return;
    const t = (window.__jicengTest = { ready: false, error: null });
    Promise.resolve(window.jiceng.ready).then(() => { t.ready = true; }, (e) => { t.error = String(e && e.message || e); });
  });
  let result;
  try {
    result = await page.waitForFunction(() => {
      const t = window.__jicengTest;
      const err = window.jiceng.lastError || t.error;
      if (err) return { error: String(err) };
      const no = document.getElementById('jiceng-refusal');
      if (no && !no.hidden && no.getClientRects().length > 0) return { refused: (no.textContent || '').trim() };
      return t.ready ? { ready: true } : false;
    }, { timeout: Math.max(1000, ms - (Date.now() - start)), polling: 100 });
  } catch (e) {
    const hidden = await page.evaluate(() => document.hidden).catch(() => '?');
    throw new Error(`window.jiceng.ready not resolved after ${ms} ms${hidden === true ? ' (the tab is in the background: no animation frames)' : ''}: ${e.message}`);
  }
  const r = await result.jsonValue();
  if (r.error) throw new Error(`window.jiceng.lastError: ${r.error}`);
  if (r.refused !== undefined) throw new Error(`the page refused to start: ${r.refused}`);
  return stats(page);
}

export async function stats(page) {
  return page.evaluate(() => window.jiceng.stats());
}

export async function lastError(page) {
  return page.evaluate(() => (window.jiceng ? window.jiceng.lastError : null));
}

// Two animation frames: whatever was input has been drawn.
export async function frames(page, n = 2) {
  await withTimeout(page.evaluate((k) => new Promise((resolve) => {
    const step = () => (k-- <= 0 ? resolve() : requestAnimationFrame(step));
    step();
  }), n), T.step, 'animation frames');
}

export async function mark(page, name) {
  return page.evaluate((n) => {
    const r = window.jiceng.mark(n);
    return r && r.w > 0 && r.h > 0 ? { x: r.x, y: r.y, w: r.w, h: r.h } : null;
  }, name);
}

export async function waitMark(page, name, ms = T.step) {
  return until(() => mark(page, name), ms, `mark ${name}`);
}

export async function waitNoMark(page, name, ms = T.step) {
  return until(async () => (await mark(page, name)) === null, ms, `mark ${name} gone`);
}

// A real press at a point: touch on a touch device, else the mouse. The finger (button) stays
// down for two frames, as a person's does: Dear ImGui 1.86 reads the button state per frame.
export async function tapAt(page, x, y) {
  if (page.viewport()?.hasTouch) {
    await page.touchscreen.touchStart(x, y);
    await frames(page, 2);
    await page.touchscreen.touchEnd();
  } else {
    await page.mouse.move(x, y);
    await frames(page, 1);
    await page.mouse.down();
    await frames(page, 2);
    await page.mouse.up();
  }
  await frames(page, 2);
}

// Taps the centre of a named widget (waits for it to be on the frame).
export async function tap(page, name) {
  const r = await waitMark(page, name);
  await tapAt(page, r.x + r.w / 2, r.y + r.h / 2);
  return r;
}

// Waits for the app to focus its hidden text input, then types (IME-free insertText for CJK).
export async function typeText(page, text) {
  await until(() => page.evaluate(() => document.activeElement && document.activeElement.id === 'jiceng-text'),
              T.step, 'the app to focus #jiceng-text');
  await page.keyboard.type(text, { delay: 20 });
  await frames(page, 2);
}

export async function press(page, key) {
  await page.keyboard.press(key);
  await frames(page, 2);
}

// The refusal text when another tab has the town, else null.
export async function refusal(page) {
  return page.evaluate(() => {
    const el = document.getElementById('jiceng-refusal');
    if (!el || el.hidden || el.getClientRects().length === 0) return null;  // not shown (fixed: no offsetParent)
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return null;
    return (el.textContent || '').trim();
  });
}

// ---- service worker ----------------------------------------------------------------------------
// Waits until a service worker is active and controls the page (its precache is then complete).
export async function waitServiceWorker(page, ms = T.ready) {
  return withTimeout(page.evaluate(async () => {
    if (!('serviceWorker' in navigator)) throw new Error('no navigator.serviceWorker (not a secure context?)');
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
    return { scope: reg.scope, state: reg.active && reg.active.state };
  }), ms, 'service worker active and in control');
}

// {cacheName: [url paths]} of the page's origin.
export async function cachedPaths(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const c = await caches.open(name);
      out[name] = (await c.keys()).map((r) => new URL(r.url).pathname);
    }
    return out;
  });
}

// Asks the service worker which version is current and which is downloaded and waiting.
export async function swVersion(page) {
  return withTimeout(page.evaluate(() => new Promise((resolve) => {
    const on = (e) => {
      if (e.data && e.data.type === 'jiceng-version') {
        navigator.serviceWorker.removeEventListener('message', on);
        resolve({ current: e.data.current, ready: e.data.ready });
      }
    };
    navigator.serviceWorker.addEventListener('message', on);
    navigator.serviceWorker.controller.postMessage({ type: 'jiceng-version' });
  })), T.step, 'service worker version');
}

// ---- screenshots -------------------------------------------------------------------------------
export async function screenshot(page, name) {
  const file = outFile(name);
  const buf = Buffer.from(await page.screenshot({ type: 'png' }));
  await fsp.writeFile(file, buf);
  return { file, ...pngInfo(buf) };
}

// Decodes an 8-bit, non-interlaced RGB/RGBA PNG (what chromium writes): size, how many colours,
// and the share of pixels that differ from the most common one (the background).
export function pngInfo(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8;
  let width = 0, height = 0, type = 0, depth = 0, interlace = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const kind = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4); depth = data[8]; type = data[9]; interlace = data[12];
    } else if (kind === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const bpp = { 2: 3, 6: 4 }[type];
  if (depth !== 8 || !bpp || interlace) return { width, height, colours: null, foreground: null };
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const img = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = img.subarray(y * stride, (y + 1) * stride);
    const prev = y ? img.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      let p;
      if (f === 0) p = 0;
      else if (f === 1) p = a;
      else if (f === 2) p = b;
      else if (f === 3) p = (a + b) >> 1;
      else {
        const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[i] = (src[i] + p) & 255;
    }
  }
  const counts = new Map();
  for (let i = 0; i < img.length; i += bpp) {
    const k = (img[i] << 16) | (img[i + 1] << 8) | img[i + 2];
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  const top = Math.max(...counts.values());
  return { width, height, colours: counts.size, foreground: 1 - top / (width * height) };
}

// ---- misc --------------------------------------------------------------------------------------
export function chromiumVersion() {
  const r = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 10000 });
  return (r.stdout || '').trim();
}
