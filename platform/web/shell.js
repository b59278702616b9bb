// The page's side of the browser build (linked with --pre-js, so it runs before the runtime and
// before Emscripten's GLFW registers its listeners). It:
//  - refuses a second tab on the same device (one town database, one writer),
//  - loads the app's files from IndexedDB before main() and writes them back after each commit,
//  - fetches the cut CJK font, and the rest of the font when a rare character shows up,
//  - turns touches into the mouse events Emscripten 3.1.6's GLFW understands (its own touch
//    handling reads SDL-only fields and clicks at the old pointer position),
//  - bridges text: a hidden <input> raises the on-screen keyboard and the input method,
//  - downloads files the app wrote and brings in files the person picked,
//  - answers the browser tests through window.jiceng.
/* global Module, FS, IDBFS, addRunDependency, removeRunDependency */
'use strict';

var jicengPage = (function () {
  const started = performance.now();
  const $ = (id) => document.getElementById(id);
  const say = (text) => { const s = $('jiceng-status'); if (s) s.textContent = text; };
  const fail = (text) => {
    const r = $('jiceng-refusal');
    if (r) { r.textContent = text; r.hidden = false; }
    const l = $('jiceng-loading');
    if (l) l.hidden = true;
    window.jiceng.lastError = text;
  };

  let readyResolve;
  window.jiceng = {
    ready: new Promise((resolve) => { readyResolve = resolve; }),
    lastError: null,
    firstFrameMs: null,       // from the page's start (navigation) to the first drawn frame
    screenMs: null,           // ... to the first frame showing the screen with its figures (ready)
    runtimeMs: null,          // when the runtime was ready to call main() (wasm compiled, data loaded)
    // The page's own steps before main(), in ms since navigation: this script runs, the
    // WebAssembly is instantiated, the tab lock is held, the saved files and the font are in.
    page: { script: performance.now() },
    appStartMs: null,         // the app's own startup, from main() to its first frame
    frameMs: 0,               // ImGui CPU time of the last frame
    frames: 0,
    view: '',
    // A named widget's rectangle on the last frame, in CSS pixels of the page; null when absent.
    mark(name) {
      const r = JSON.parse(probe('mark:' + name));
      if (!r) return null;
      const k = cssPerPixel();
      return { x: r.x * k, y: r.y * k, w: r.w * k, h: r.h * k };
    },
    stats() {
      return { firstFrameMs: this.firstFrameMs, screenMs: this.screenMs, appStartMs: this.appStartMs, startup: this.startup,
               runtimeMs: this.runtimeMs, page: this.page, frameMs: this.frameMs,
               frames: this.frames, view: this.view, storage: Module.jicengStorage };
    },
    // Resolves once every file the app wrote is in IndexedDB.
    flushed() { return flushPromise(); },
    // The text of the field being edited, as the app holds it now; null when none is.
    activeText() { return JSON.parse(probe('active_text')); },
    // A value of the open town as its store holds it (read-only): a number, or null.
    value(org, indicator, period) {
      const v = JSON.parse(probe(`value:${org}|${indicator}|${period}`));
      return v ? v.value : null;
    },
    // Its audit entries, newest first: who, what, the change, when, on which device.
    history(org, indicator, period) {
      const v = JSON.parse(probe(`value:${org}|${indicator}|${period}`));
      if (!v) return [];
      const show = (x) => (x === null ? '—' : String(x));
      return v.history.map((h) => ({ who: h.user, what: h.action, change: `${show(h.old)} → ${show(h.new)}`,
                                     at: h.at, device: h.device }));
    },
  };
  function probe(q) {
    if (!Module._jiceng_web_probe) return 'null';
    return Module.ccall('jiceng_web_probe', 'string', ['string'], [q]);
  }
  function canvas() { return $('canvas'); }
  function cssPerPixel() {
    const c = canvas();
    return c.width ? c.getBoundingClientRect().width / c.width : 1;
  }
  function wake() { if (Module._jiceng_web_wake) Module._jiceng_web_wake(); }

  // ---- One tab at a time ----------------------------------------------------------------------
  // Two tabs would each hold the database in memory and overwrite each other's copy in IndexedDB.
  // The Web Locks API holds a lock for as long as the tab lives; a second tab does not get it and
  // says why instead of starting.
  function takeTabLock() {
    if (!navigator.locks) return Promise.resolve(true);  // very old browsers: no guard
    return new Promise((resolve) => {
      navigator.locks.request('jiceng-town-data', { ifAvailable: true }, (lock) => {
        if (!lock) { resolve(false); return undefined; }
        resolve(true);
        return new Promise(() => {});  // held until the tab closes
      });
    });
  }

  // ---- Storage ----------------------------------------------------------------------------------
  Module.jicengStorage = { known: false, used: 0, quota: 0, persistent: false, flushing: false, error: '' };
  let flushing = false, flushAgain = false, flushWaiters = [];
  function estimate() {
    if (!navigator.storage || !navigator.storage.estimate) return;
    navigator.storage.estimate().then((e) => {
      Module.jicengStorage.used = e.usage || 0;
      Module.jicengStorage.quota = e.quota || 0;
      Module.jicengStorage.known = true;
      wake();
    }).catch(() => {});
  }
  Module.jicengFlush = function () {
    if (flushing) { flushAgain = true; return; }
    flushing = true;
    Module.jicengStorage.flushing = true;
    FS.syncfs(false, (err) => {
      flushing = false;
      Module.jicengStorage.flushing = false;
      Module.jicengStorage.error = err ? String(err.message || err) : '';
      if (flushAgain) { flushAgain = false; Module.jicengFlush(); return; }
      const waiters = flushWaiters;
      flushWaiters = [];
      waiters.forEach((w) => w());
      estimate();
    });
  };
  function flushPromise() {
    return new Promise((resolve) => {
      flushWaiters.push(resolve);
      Module.jicengFlush();
    });
  }
  // A tab going to the background may be frozen or closed without notice: write now.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && Module.calledRun) Module.jicengFlush();
  });
  window.addEventListener('pagehide', () => { if (Module.calledRun) Module.jicengFlush(); });

  // ---- Fonts --------------------------------------------------------------------------------------
  let fallbackState = 0;  // 0 not asked, 1 on its way, 2 in /fonts, 3 failed
  Module.jicengFallbackFont = function () {
    if (fallbackState === 0 || fallbackState === 3) {
      fallbackState = 1;
      fetch('fonts/jiceng-rest.otf').then((r) => {
        if (!r.ok) throw new Error(r.status);
        return r.arrayBuffer();
      }).then((buf) => {
        FS.writeFile('/fonts/jiceng-rest.otf', new Uint8Array(buf));
        fallbackState = 2;
        wake();
      }).catch(() => { fallbackState = 3; });
    }
    return fallbackState;
  };

  // ---- Files in and out ----------------------------------------------------------------------------
  let picked = [];
  Module.jicengDownload = function (path, name) {
    const bytes = FS.readFile(path);
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  };
  Module.jicengPick = function (extension) {
    const input = $('jiceng-file');
    input.accept = extension || '';
    input.value = '';
    input.click();
  };
  Module.jicengTakePicked = function () {
    const list = picked.join('\n');
    picked = [];
    return list;
  };
  function receiveFiles(files) {
    try { FS.mkdir('/tmp/jiceng-in'); } catch (e) { /* exists */ }
    const stamp = Date.now();
    return Promise.all(Array.from(files).map((f, i) => f.arrayBuffer().then((buf) => {
      // A folder per file keeps its own name, which the app shows (lists, results, messages).
      const safe = f.name.replace(/[\/\n\r\0]/g, '_');
      const dir = `/tmp/jiceng-in/${stamp}-${i}`;
      FS.mkdir(dir);
      const path = `${dir}/${safe}`;
      FS.writeFile(path, new Uint8Array(buf));
      picked.push(path);
    }))).then(wake);
  }

  // ---- Touch → mouse ---------------------------------------------------------------------------
  // One step per animation frame, so the app sees the pointer arrive, press and lift on separate
  // frames, as its desktop tests do.
  const steps = [];
  function pump() {
    const s = steps.shift();
    if (s && s.type === 'blur') {
      closeKeyboardIfUnwanted();
    } else if (s) {
      canvas().dispatchEvent(new MouseEvent(s.type, { clientX: s.x, clientY: s.y, button: 0,
                                                       buttons: s.type === 'mouseup' ? 0 : 1,
                                                       bubbles: true, cancelable: true }));
    }
    requestAnimationFrame(pump);
  }
  function onTouch(e) {
    if (e.target !== canvas()) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const t = e.changedTouches[0];
    if (!t) return;
    if (e.type === 'touchstart') {
      fingerDown = true;
      steps.push({ type: 'mousemove', x: t.clientX, y: t.clientY });
      steps.push({ type: 'mousedown', x: t.clientX, y: t.clientY });
    } else if (e.type === 'touchmove') {
      steps.push({ type: 'mousemove', x: t.clientX, y: t.clientY });
    } else {
      steps.push({ type: 'mouseup', x: t.clientX, y: t.clientY });
      // A field the press ended closes its keyboard only once the app has seen the lift.
      fingerDown = false;
      steps.push({ type: 'blur' });
      // The finger lifted: a user gesture, the moment a browser lets a page raise the keyboard.
      setTimeout(focusTextIfWanted, 0);
    }
  }
  ['touchstart', 'touchmove', 'touchend', 'touchcancel'].forEach((type) =>
    window.addEventListener(type, onTouch, { capture: true, passive: false }));
  // Rotation, a resized window, another screen's pixel ratio: the app resizes its canvas next frame.
  window.addEventListener('resize', wake);
  window.addEventListener('orientationchange', wake);
  if (window.matchMedia) {
    const watchRatio = () => matchMedia(`(resolution: ${devicePixelRatio}dppx)`)
      .addEventListener('change', () => { wake(); watchRatio(); }, { once: true });
    watchRatio();
  }
  // A mouse press on the canvas must not take the focus from the hidden input (GLFW still sees it).
  window.addEventListener('mousedown', (e) => { if (e.target === canvas()) e.preventDefault(); }, true);

  // ---- Text ---------------------------------------------------------------------------------------
  // The hidden input holds one sentinel character before the caret, so that an on-screen keyboard's
  // backspace has something to delete (Android reports it only as an edit).
  const SENTINEL = '\u200b';
  let textMode = 0, composing = false, fingerDown = false;
  function textInput() { return $('jiceng-text'); }
  function resetText() {
    const el = textInput();
    el.value = SENTINEL;
    try { el.setSelectionRange(1, 1); } catch (e) { /* not focusable yet */ }
  }
  function closeKeyboardIfUnwanted() {
    const el = textInput();
    if (textMode === 0 && document.activeElement === el) el.blur();
  }
  function focusTextIfWanted() {
    const el = textInput();
    if (textMode > 0 && document.activeElement !== el) {
      el.inputMode = textMode === 2 ? 'decimal' : 'text';
      el.focus({ preventScroll: true });
      resetText();
    }
  }
  Module.jicengTextState = function (mode, x, y, lineHeight) {
    const el = textInput();
    const k = cssPerPixel();
    el.style.left = `${x * k}px`;
    el.style.top = `${y * k}px`;
    el.style.height = `${Math.max(1, lineHeight * k)}px`;
    el.style.fontSize = `${Math.max(12, lineHeight * k * 0.8)}px`;
    const was = textMode;
    textMode = mode;
    if (mode === 0) {
      // While a finger is down, the keyboard stays until it lifts: closing it resizes the page,
      // moving the button under the finger before the tap is complete.
      if (!fingerDown) closeKeyboardIfUnwanted();
      composing = false;
      el.classList.remove('composing');
      return;
    }
    if (was !== mode && document.activeElement === el) {
      // Another kind of field: the keyboard changes only when the input is focused again.
      el.blur();
    }
    focusTextIfWanted();
  };
  function send(text) {
    if (text) Module.ccall('jiceng_web_text', null, ['string'], [text]);
  }
  function key(which) { Module._jiceng_web_key(which); }
  function setupText() {
    const el = textInput();
    resetText();
    el.addEventListener('compositionstart', () => { composing = true; el.classList.add('composing'); });
    el.addEventListener('compositionend', (e) => {
      composing = false;
      el.classList.remove('composing');
      send(e.data || el.value.replace(SENTINEL, ''));
      resetText();
    });
    el.addEventListener('input', (e) => {
      if (composing || e.isComposing) return;  // the input method shows its text in the input itself
      if (!el.value.startsWith(SENTINEL)) {    // the sentinel went: a backspace
        key(0);
        send(el.value);
        resetText();
        return;
      }
      send(el.value.slice(SENTINEL.length));
      resetText();
    });
    // Keys typed into the hidden input: its characters come through 'input' above, so GLFW must not
    // also turn them into characters; keys pressed while an input method composes belong to it.
    // Editing keys go through the app's key queue, which holds each press for a whole frame: GLFW
    // would set and clear the key between two frames when down and up arrive together (a busy
    // tablet, a quick tap on the keyboard), and Dear ImGui 1.86 would never see the Enter.
    const EDIT_KEYS = { Enter: 1, Delete: 2, ArrowLeft: 3, ArrowRight: 4, Tab: 5, Escape: 6 };
    const guard = (e) => {
      if (e.target !== el) return;
      if (e.type === 'keypress' || composing || e.isComposing || e.keyCode === 229) {
        e.stopImmediatePropagation();
        return;
      }
      if (e.key in EDIT_KEYS && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey) {
        if (e.type === 'keydown') key(EDIT_KEYS[e.key]);
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    ['keydown', 'keypress', 'keyup'].forEach((t) => window.addEventListener(t, guard, true));
    const file = $('jiceng-file');
    file.addEventListener('change', () => { if (file.files.length) receiveFiles(file.files); });
  }

  // ---- Start --------------------------------------------------------------------------------------
  // The font is fetched while the WebAssembly compiles (preRun runs only after that).
  const fontBytes = fetch('fonts/jiceng-main.otf').then((r) => {
    if (!r.ok) throw new Error('字体 ' + r.status);
    return r.arrayBuffer();
  });
  fontBytes.catch(() => {});  // reported where it is awaited
  Module.canvas = canvas();
  Module.print = (t) => console.log(t);
  Module.printErr = (t) => console.error(t);
  Module.jicengFirstFrame = function (appMs, phases) {
    window.jiceng.appStartMs = appMs;
    window.jiceng.startup = phases;  // the app's startup by part: window, font, database, frame
    window.jiceng.firstFrameMs = performance.now();
    $('jiceng-loading').hidden = true;
  };
  Module.jicengScreenShown = function () {
    window.jiceng.screenMs = performance.now();
    rememberTown();
    readyResolve();
  };
  Module.jicengFrame = function (ms, view) {
    window.jiceng.frameMs = ms;
    window.jiceng.frames += 1;
    window.jiceng.view = view;
  };
  Module.onRuntimeInitialized = function () { window.jiceng.runtimeMs = performance.now(); };
  Module.onAbort = (what) => fail('程序出错，请刷新页面重试。（' + what + '）');
  const step = (name) => { window.jiceng.page[name] = performance.now(); };
  // A first start (no town on this device yet) gets the demo town the site ships ready-made
  // (app/demo-db) for the app to take (platform::ready_demo_town); writing it in WebAssembly took
  // 2 s. Without the file the app writes the town itself, so a failure here only costs time.
  // Whether this is a first start is known for sure only once IndexedDB is read; a flag in
  // localStorage lets the download start with the WebAssembly's compilation instead.
  const HAS_TOWN = 'jiceng-has-town';
  let demoBytes = null;
  const fetchDemo = () => fetch('demo-town.db').then((r) => (r.ok ? r.arrayBuffer() : null)).catch(() => null);
  try {
    if (!localStorage.getItem(HAS_TOWN)) demoBytes = fetchDemo();
  } catch (e) { /* storage blocked: decided after IndexedDB */ }
  function readyDemoTown() {
    if (FS.readdir('/data').some((name) => name.endsWith('.db'))) return null;
    return (demoBytes || fetchDemo()).then((buf) => {
      if (!buf) return;
      FS.writeFile('/data/demo-town.ready', new Uint8Array(buf));
      step('demo');
    });
  }
  function rememberTown() {
    try { localStorage.setItem(HAS_TOWN, '1'); } catch (e) { /* only a later start's head start */ }
  }
  Module.preRun = [function () {
    step('wasm');
    setupText();
    requestAnimationFrame(pump);
    addRunDependency('jiceng-start');
    say('正在打开…');
    takeTabLock().then((ok) => {
      if (!ok) {
        fail('「基层」已在本设备的另一个标签页中打开。请切换到那个标签页继续填报；' +
             '同时在两个标签页中修改会互相覆盖数据，因此这里不再打开。');
        return;  // never started
      }
      step('lock');
      FS.mkdir('/data');
      FS.mount(IDBFS, {}, '/data');
      FS.mkdir('/fonts');
      say('正在读取本机保存的数据…');
      const loaded = new Promise((resolve, reject) =>
        FS.syncfs(true, (err) => (err ? reject(err) : resolve()))).then(() => step('storage')).then(readyDemoTown);
      say('正在载入字体…');
      const font = fontBytes.then((buf) => FS.writeFile('/fonts/jiceng-main.otf', new Uint8Array(buf)))
        .then(() => step('font'));
      if (navigator.storage && navigator.storage.persist) {
        navigator.storage.persist().then((p) => { Module.jicengStorage.persistent = !!p; });
      }
      estimate();
      Promise.all([loaded, font]).then(() => {
        say('正在启动…');
        removeRunDependency('jiceng-start');
      }).catch((err) => fail('无法读取本机保存的数据或字体：' + (err && err.message ? err.message : err)));
    });
  }];
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    window.addEventListener('load', () => navigator.serviceWorker.register('sw.js').catch(() => {}));
  }
  return { started };
})();
