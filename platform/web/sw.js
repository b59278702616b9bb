// 基层 service worker: the web app works offline after its first visit.
//
// The build writes precache.json next to this file:
//   {"version": "<content hash>", "files": ["./", "index.html", "jiceng.js", "jiceng.wasm", …]}
// Every version lives in its own cache, "jiceng:<scope>:<version>", and is only used once all of
// its files are in it. A small meta cache records which version is current and which newer one is
// downloaded and ready.
//
// - install: downloads the version precache.json names (unless it is already there), then takes
//   over at once (skipWaiting + clients.claim; versions are caches, so an old page keeps working).
// - fetch: same-origin GETs are served cache-first from the current version. Same-origin files
//   that are not precached (fonts/jiceng-rest.otf, fetched by the app when text needs a rare
//   character) are put in the cache the first time they arrive, so they work offline from then on.
//   Navigations fall back to the cached index.html (offline, or a URL with a query). Non-GET, range
//   and cross-origin requests never touch the cache. precache.json and sw.js always go to the network.
// - updates: each navigation (and a {type: "jiceng-check-update"} message) checks precache.json in
//   the background. A new version is downloaded into its own cache, with fresh copies of the
//   on-demand files the old one held; when complete, the open pages get
//   {type: "jiceng-update-ready", version} and the next page load (navigation) switches to it and
//   deletes the old cache. A failed download is dropped and tried again on a later navigation.
'use strict';

const SCOPE = self.registration.scope;
const PREFIX = 'jiceng:' + SCOPE + ':';
const META = PREFIX + 'meta';
const MANIFEST_URL = new URL('precache.json', self.location).href;
const SW_URL = self.location.href;
const META_KEY = new URL('__jiceng_meta__', SCOPE).href;

const cacheName = (version) => PREFIX + version;

async function readMeta() {
  const cache = await caches.open(META);
  const r = await cache.match(META_KEY);
  if (!r) return { current: null, ready: null };
  try {
    return Object.assign({ current: null, ready: null }, await r.json());
  } catch (e) {
    return { current: null, ready: null };
  }
}

async function writeMeta(meta) {
  const cache = await caches.open(META);
  await cache.put(META_KEY, new Response(JSON.stringify(meta), { headers: { 'Content-Type': 'application/json' } }));
}

async function fetchManifest() {
  const r = await fetch(MANIFEST_URL, { cache: 'no-store' });
  if (!r.ok) throw new Error('precache.json: HTTP ' + r.status);
  const m = await r.json();
  if (typeof m.version !== 'string' || !m.version || !Array.isArray(m.files)) throw new Error('precache.json: no version or files');
  return m;
}

const absolute = (path) => new URL(path, SCOPE).href;

// A navigation must not be answered with a response that was redirected: keep a plain copy.
async function storable(response) {
  if (!response.redirected) return response;
  const body = await response.blob();
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function isComplete(version, files) {
  const cache = await caches.open(cacheName(version));
  for (const f of files) if (!(await cache.match(absolute(f)))) return false;
  return true;
}

// Downloads one version into its own cache; `extra` are on-demand URLs to carry over (best effort).
async function download(manifest, extra) {
  const cache = await caches.open(cacheName(manifest.version));
  for (const f of manifest.files) {
    const url = absolute(f);
    if (await cache.match(url)) continue;  // an earlier, interrupted try got it
    const r = await fetch(url, { cache: 'no-store' });
    if (!r.ok) throw new Error(f + ': HTTP ' + r.status);
    await cache.put(url, await storable(r));
  }
  for (const url of extra) {
    try {
      if (await cache.match(url)) continue;
      const r = await fetch(url, { cache: 'no-store' });
      if (r.ok) await cache.put(url, await storable(r));
    } catch (e) { /* offline again: fetched on demand later */ }
  }
  await cache.put(MANIFEST_URL, new Response(JSON.stringify(manifest), { headers: { 'Content-Type': 'application/json' } }));
  if (!(await isComplete(manifest.version, manifest.files))) throw new Error('version ' + manifest.version + ' incomplete');
}

// URLs a version's cache holds beyond its precache list: the files fetched on demand.
async function onDemandUrls(version) {
  if (!version) return [];
  const cache = await caches.open(cacheName(version));
  const listed = await cache.match(MANIFEST_URL);
  const files = new Set(listed ? (await listed.json()).files.map(absolute) : []);
  files.add(MANIFEST_URL);
  return (await cache.keys()).map((r) => r.url).filter((u) => !files.has(u));
}

async function deleteOthers(keep) {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== META && !keep.some((v) => v && cacheName(v) === name)) await caches.delete(name);
  }
}

let checking = null;

// Looks for a new version; downloads it and tells the pages when it is ready. Never throws.
function checkForUpdate() {
  if (!checking) {
    checking = (async () => {
      try {
        const manifest = await fetchManifest();
        const meta = await readMeta();
        if (manifest.version === meta.current || manifest.version === meta.ready) return;
        try {
          await download(manifest, await onDemandUrls(meta.current));
        } catch (e) {
          await caches.delete(cacheName(manifest.version));
          throw e;
        }
        const now = await readMeta();
        if (!now.current) {
          now.current = manifest.version;
        } else {
          if (now.ready && now.ready !== manifest.version) await caches.delete(cacheName(now.ready));
          now.ready = manifest.version;
        }
        await writeMeta(now);
        for (const client of await self.clients.matchAll({ type: 'window' }))
          client.postMessage({ type: 'jiceng-update-ready', version: manifest.version });
      } catch (e) {
        // offline or a broken deploy: try again at the next navigation
      } finally {
        checking = null;
      }
    })();
  }
  return checking;
}

// At a page load: a downloaded newer version becomes current and the old one goes.
async function promote() {
  const meta = await readMeta();
  if (!meta.ready) return meta.current;
  const next = { current: meta.ready, ready: null };
  await writeMeta(next);
  await deleteOthers([next.current]);
  return next.current;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const manifest = await fetchManifest();  // no precache.json: no service worker
    const meta = await readMeta();
    if (manifest.version !== meta.current && manifest.version !== meta.ready) {
      try {
        await download(manifest, await onDemandUrls(meta.current));
      } catch (e) {
        await caches.delete(cacheName(manifest.version));
        throw e;
      }
      // The first install makes it current; a new sw.js with a new build waits for a page load.
      if (meta.current) meta.ready = manifest.version; else meta.current = manifest.version;
      await writeMeta(meta);
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const meta = await readMeta();
    await deleteOthers([meta.current, meta.ready]);
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'jiceng-check-update') event.waitUntil(checkForUpdate());
  else if (type === 'jiceng-version' && event.source) {
    event.waitUntil(readMeta().then((meta) => event.source.postMessage({ type: 'jiceng-version', current: meta.current, ready: meta.ready })));
  }
});

async function fromCache(version, request) {
  if (!version) return undefined;
  const cache = await caches.open(cacheName(version));
  return cache.match(request);
}

async function navigate(event) {
  const version = await promote();
  event.waitUntil(checkForUpdate());
  const req = event.request;
  if (!version) return fetch(req);  // nothing cached yet (first visit, install not finished)
  const cache = await caches.open(cacheName(version));
  const hit = (await cache.match(req)) || (await cache.match(req, { ignoreSearch: true }));
  if (hit) return hit;
  // Another page of the site (a licence text…): the network's, else the app.
  try {
    return await fetch(req);
  } catch (e) {
    const app = (await cache.match(absolute('index.html'))) || (await cache.match(absolute('./')));
    if (app) return app;
    throw e;
  }
}

async function cacheFirst(event) {
  const req = event.request;
  const meta = await readMeta();
  const hit = await fromCache(meta.current, req);
  if (hit) return hit;
  const response = await fetch(req);
  // On-demand files join the current version, so they work offline next time.
  if (meta.current && response.status === 200 && response.type === 'basic') {
    const copy = response.clone();
    event.waitUntil((async () => {
      const cache = await caches.open(cacheName(meta.current));
      await cache.put(req, await storable(copy));
    })().catch(() => {}));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || req.headers.has('range')) return;  // never cached: let the browser send it
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !req.url.startsWith(SCOPE)) return;
  if (req.url === SW_URL || url.href.split('?')[0] === MANIFEST_URL) return;  // always the network's
  if (req.mode === 'navigate') event.respondWith(navigate(event));
  else event.respondWith(cacheFirst(event));
});
