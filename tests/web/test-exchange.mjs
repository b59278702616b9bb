// (e) The town office and a tablet exchange packages for real: the desktop's jiceng-cli on one side,
// the browser build on the other, files passing through the page's download and file picker as a
// person's would.
//   1. office: `jiceng-cli demo town.db`, a figure of its own (so its town differs from the tablet's
//      demo town), `package clone` → tablet.db
//   2. tablet (800×1280 touch), first start on the demo town: 数据交换 ▸ 用镇党建办发来的文件开始 with
//      tablet.db through the file chooser; the open town is now the office's
//   3. clerk/3456 on 数据采集, 青石村 (V01) December 2020, a value into an empty indicator, Enter
//   4. 数据交换 ▸ 导出数据包 for 镇党建办: the download is caught
//   5. office: `package import` takes it (the clerk's figure, under the clerk's name); again: already
//      imported, nothing changes
//   6. office: `set` a figure for 桃源村, `package export --to <the tablet>`; tablet: admin/246810
//      imports it through the file chooser; the figure is there
//   7. reload: all of it is still there (IndexedDB)
// The CLI is env JICENG_CLI, else <repo>/build/bin/jiceng-cli (scripts/test.sh always builds it).
// Screenshots web-exchange-*.png go to the output folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import * as w from './lib.mjs';

const CLI = path.resolve(process.env.JICENG_CLI || path.join(w.ROOT, 'build/bin/jiceng-cli'));

// The office's own figure, set before the clone: the browser's demo town has another one here.
const OFFICE = { org: 'V02', indicator: 'visited_households', period: '2020-11', value: 4321 };
// What the clerk types on the tablet (empty in the demo town: December 2020 is not filled in).
const CLERK = { org: 'V01', indicator: 'suggestions', period: '2020-12', value: 17, name: '王娜' };
// What the office sends back to the tablet.
const BACK = { org: 'V03', orgName: '桃源村', indicator: 'problems_solved', period: '2020-12', value: 9 };
const TABLET = '青石村平板';  // the receiver the office exports to

// The office runs it as the demo town's admin (周敏): writes sign in with --user and JICENG_PIN.
const ADMIN_PIN = '246810';
function cli(...args) {
  const r = spawnSync(CLI, args, { encoding: 'utf8', timeout: 60000, maxBuffer: 256 << 20,
                                   env: { ...process.env, JICENG_PIN: ADMIN_PIN } });
  if (r.error) throw new Error(`jiceng-cli ${args.join(' ')}: ${r.error.message}`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function cliOk(...args) {
  const r = cli(...args);
  assert.equal(r.code, 0, `jiceng-cli ${args.join(' ')} exited ${r.code}:\n${r.out}${r.err}`);
  return r.out;
}

const cliJson = (...args) => JSON.parse(cliOk(...args));

// The office's history of one value, newest first (the CLI's --json entries).
const officeHistory = (db, v) =>
  cliJson('history', db, '--org', v.org, '--indicator', v.indicator, '--period', v.period, '--json');

const flushed = (page) =>
  w.withTimeout(page.evaluate(() => window.jiceng.flushed()), w.T.step, 'window.jiceng.flushed()');
const browserValue = (page, v) => page.evaluate((o, i, p) => window.jiceng.value(o, i, p), v.org, v.indicator, v.period);
const browserHistory = (page, v) =>
  page.evaluate((o, i, p) => window.jiceng.history(o, i, p), v.org, v.indicator, v.period);

// Scrolls the screen until `name` is on the frame and above the bottom fifth of the screen (or as
// far up as the screen goes): on a touch screen a finger drags the content by its left margin
// (empty space, where a drag scrolls), else the mouse wheel turns over that margin.
async function reveal(page, name) {
  const vp = page.viewport();
  const x = 8;  // inside the content's left margin, left of every widget
  const scroll = async (down) => {
    const top = vp.height * 0.3, bottom = vp.height * 0.6;
    if (vp.hasTouch) {
      const [from, to] = down ? [bottom, top] : [top, bottom];
      await page.touchscreen.touchStart(x, from);
      await w.frames(page, 2);
      for (let k = 1; k <= 6; k++) {
        await page.touchscreen.touchMove(x, from + ((to - from) * k) / 6);
        await w.frames(page, 1);
      }
      await page.touchscreen.touchEnd();
    } else {
      await page.mouse.move(x, top);
      await page.mouse.wheel({ deltaY: down ? 200 : -200 });
    }
    await w.frames(page, 3);
  };
  for (const down of [true, false]) {
    let last = null;
    for (let i = 0; i < 30; i++) {
      const r = await w.mark(page, name);
      if (r && r.y + r.h < vp.height * 0.8) return r;
      if (r && last && r.y === last.y) return r;  // the screen goes no further
      last = r;
      await scroll(down);
    }
  }
  throw new Error(`mark ${name}: not on the screen, scrolling either way`);
}

async function tapRevealed(page, name) {
  const r = await reveal(page, name);
  await w.tapAt(page, r.x + r.w / 2, r.y + r.h / 2);
  return r;
}

// Taps `name`, which makes the app click its hidden <input type=file>, and hands it `files`.
async function pick(page, name, files) {
  const r = await reveal(page, name);
  const [chooser] = await Promise.all([
    page.waitForFileChooser({ timeout: w.T.step }),
    w.tapAt(page, r.x + r.w / 2, r.y + r.h / 2),
  ]);
  await chooser.accept(files);
}

// Signs in through the top bar (the app's one sign-in): 登录 opens the popup with login and PIN.
// The bar does not scroll with the screen, so its marks are tapped where they are.
async function signIn(page, login, pin) {
  if (await w.mark(page, 'signin.out')) {
    await w.tap(page, 'signin.out');
    await w.waitMark(page, 'signin.open');
  }
  await w.tap(page, 'signin.open');
  await w.waitMark(page, 'signin.login');
  await w.tap(page, 'signin.login');
  await w.typeText(page, login);
  await w.tap(page, 'signin.pin');
  await w.typeText(page, pin);
  await w.tap(page, 'signin.submit');
  await w.waitMark(page, 'signin.out');
}

async function openView(page, view) {
  await w.tap(page, `nav.${view}`);
  await w.until(async () => (await w.stats(page)).view === view, w.T.step, `the ${view} screen`);
  await w.frames(page, 2);
}

// The file the page downloads next: Browser.downloadWillBegin names it, downloadProgress says done.
function downloads(cdp, dir) {
  const begun = new Map();
  const done = [];
  let wake = null;
  cdp.on('Browser.downloadWillBegin', (e) => begun.set(e.guid, e.suggestedFilename));
  cdp.on('Browser.downloadProgress', (e) => {
    if (e.state === 'completed' || e.state === 'canceled') {
      done.push({ name: begun.get(e.guid), state: e.state });
      if (wake) wake();
    }
  });
  return {
    async next(ms = w.T.step) {
      const start = Date.now();
      while (!done.length) {
        if (Date.now() - start > ms) throw new Error(`no download finished after ${ms} ms`);
        await new Promise((r) => {
          wake = r;
          setTimeout(r, 200);
        });
      }
      const d = done.shift();
      assert.equal(d.state, 'completed', `download of ${d.name}`);
      const file = path.join(dir, d.name);
      assert.ok(fs.existsSync(file), `${file} written`);
      return file;
    },
  };
}

test('the town office (jiceng-cli) and a tablet (the browser) exchange packages', { timeout: w.T.test * 2 }, async (t) => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: build it (cmake --build build) or set JICENG_CLI`);
  const site = w.requireSite();
  const dir = await w.tempDir('jiceng-exchange-');
  const office = path.join(dir, 'office');
  const dl = path.join(dir, 'downloads');
  await fsp.mkdir(office);
  await fsp.mkdir(dl);
  const town = path.join(office, 'town.db');
  const tablet = path.join(office, 'tablet.db');
  const server = await w.serve(site);
  let failed = false;
  let shown = null;  // the page, for a screenshot of what a failed step left on it
  // Steps run in order; once one fails the rest are skipped (they build on it).
  const step = (name, fn) => t.test(name, async (s) => {
    if (failed) {
      s.skip('an earlier step failed');
      return;
    }
    try {
      await fn();
    } catch (e) {
      failed = true;
      if (shown) await w.screenshot(shown, 'web-exchange-failed.png').catch(() => {});
      throw e;
    }
  });
  try {
    await step('1. office: demo town, a figure of its own, a clone for the tablet', () => {
      cliOk('demo', town);
      cliOk('set', town, '--org', OFFICE.org, '--indicator', OFFICE.indicator, '--period', OFFICE.period,
            '--value', String(OFFICE.value), '--user', 'admin', '--reason', '镇党建办核对', '--confirm');
      assert.equal(officeHistory(town, OFFICE)[0].new_value, OFFICE.value);
      cliOk('package', 'clone', town, '--out', tablet, '--user', 'admin');
      assert.ok(fs.statSync(tablet).size > 0, 'tablet.db written');
    });

    await w.withBrowser({ device: 'tablet' }, async (b) => {
      const page = await b.newPage();
      shown = page;
      const cdp = await b.browser.target().createCDPSession();
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dl, eventsEnabled: true });
      const download = downloads(cdp, dl);
      let fromTablet = null;
      let toTablet = null;
      try {
        await step('2. tablet: first start on the demo town, then the office\'s database file', async () => {
          await w.goto(page, server.url);
          await w.waitReady(page);
          const demo = await browserValue(page, OFFICE);
          assert.notEqual(demo, OFFICE.value, 'the demo town already holds the office\'s figure');
          await openView(page, 'exchange');
          await w.waitMark(page, 'exchange.start.card');
          await w.screenshot(page, 'web-exchange-1-first-start.png');
          await pick(page, 'exchange.start.pick', [tablet]);
          await w.until(async () => (await browserValue(page, OFFICE)) === OFFICE.value, w.T.step,
                        `the office's figure ${OFFICE.value} in the open town`);
          await w.waitMark(page, 'exchange.start.msg');
          // Any other figure of the office's file too (the demo's numbers are random per town).
          const other = { org: 'V05', indicator: 'visited_households', period: '2020-06' };
          const h = officeHistory(town, other);
          assert.ok(h.length > 0, 'the office has V05 visited_households 2020-06');
          assert.equal(await browserValue(page, other), h[0].new_value, 'V05 visited_households 2020-06');
          await flushed(page);
          await reveal(page, 'exchange.start.msg');
          await w.screenshot(page, 'web-exchange-2-started.png');
        });

        await step('3. tablet: clerk/3456 types a value for 青石村, December 2020', async () => {
          assert.equal(await browserValue(page, CLERK), null, 'the value is empty before');
          await openView(page, 'collect');
          await signIn(page, 'clerk', '3456');  // she starts on her first open month: choose 青石村
          await w.tap(page, 'year.combo');
          await w.tap(page, 'year.2020');
          await tapRevealed(page, 'collect.org');
          await w.tap(page, `collect.org.${CLERK.org}`);
          await tapRevealed(page, 'collect.period');
          await w.tap(page, 'collect.period.12');
          await tapRevealed(page, `collect.field.${CLERK.indicator}`);
          await w.typeText(page, String(CLERK.value));
          await w.press(page, 'Enter');
          await w.waitMark(page, `collect.saved.${CLERK.indicator}`);
          assert.equal(await browserValue(page, CLERK), CLERK.value);
          const h = await browserHistory(page, CLERK);
          assert.equal(h[0]?.who, CLERK.name, `typed by ${CLERK.name}: ${JSON.stringify(h)}`);
          await w.screenshot(page, 'web-exchange-3-typed.png');
        });

        await step('4. tablet: 导出数据包 for 镇党建办, downloaded', async () => {
          await openView(page, 'exchange');
          await w.waitMark(page, 'signin.out');  // still signed in
          // A clerk's own villages (青石村, 桃源村) are offered and ticked.
          await reveal(page, `exchange.export.org.${CLERK.org}`);
          await tapRevealed(page, 'exchange.export.to.town');
          await tapRevealed(page, 'exchange.export.changes');
          await tapRevealed(page, 'exchange.export.run');
          fromTablet = await download.next();
          await w.waitMark(page, 'exchange.export.msg');
          await reveal(page, 'exchange.export.msg');
          await w.screenshot(page, 'web-exchange-4-exported.png');
          // Sealed for the office: its header alone without the office's database, all with it.
          assert.equal(cliJson('package', 'info', fromTablet, '--json').sealed, true, 'the tablet\'s package is sealed');
          const info = cliJson('package', 'info', fromTablet, '--db', town, '--json');
          const what = `package info: ${JSON.stringify(info).slice(0, 400)}`;
          assert.equal(info.destination, 'town', what);
          assert.equal(info.created_by, CLERK.name, what);
          assert.deepEqual([...info.roots].sort(), ['V01', 'V03'], what);  // the clerk's two villages
          assert.equal(info.values, 1, what);  // only what the tablet changed since the clone
        });

        await step('5. office: package import takes the clerk\'s figure; again: already imported, nothing changes', () => {
          const first = cliJson('package', 'import', town, fromTablet, '--user', 'admin', '--json');
          const p = first.packages[0];
          assert.ok(!p.rejected && !p.already_imported, `imported: ${JSON.stringify(p)}`);
          assert.equal(p.added, 1, `one value added: ${JSON.stringify(p)}`);
          assert.equal(p.conflicts, 0);
          const h = officeHistory(town, CLERK);
          assert.equal(h[0]?.new_value, CLERK.value, `the office's history: ${JSON.stringify(h[0])}`);
          assert.equal(h[0]?.user, CLERK.name, 'typed by the clerk');
          // Again: recognised, and nothing in the town's values or history moves.
          const csv = path.join(dir, 'values.csv');
          const snapshot = () => {
            cliOk('export', town, '--year', '2020', '--out', csv);
            return fs.readFileSync(csv, 'utf8') + cliOk('history', town, '--json');
          };
          const before = snapshot();
          fs.rmSync(csv);
          const again = cliJson('package', 'import', town, fromTablet, '--user', 'admin', '--json');
          assert.equal(again.packages[0].already_imported, true, JSON.stringify(again.packages[0]));
          assert.equal(again.totals.added + again.totals.updated + again.totals.removed + again.totals.conflicts, 0);
          assert.ok(snapshot() === before, 'the second import changed the office\'s values or history');
        });

        await step('6. office → tablet: a figure for 桃源村, exported for the tablet; admin imports it', async () => {
          cliOk('set', town, '--org', BACK.orgName, '--indicator', BACK.indicator, '--period', BACK.period,
                '--value', String(BACK.value), '--user', 'admin', '--confirm');
          toTablet = path.join(office, '镇党建办_发往青石村平板.json');
          const sent = cliJson('package', 'export', town, '--to', TABLET, '--out', toTablet, '--user', '周敏', '--json');
          assert.equal(sent.destination, TABLET);
          assert.ok(sent.values >= 1, `the package holds values: ${JSON.stringify(sent)}`);
          assert.equal(await browserValue(page, BACK), null, 'not on the tablet yet');

          await openView(page, 'exchange');
          await signIn(page, 'admin', ADMIN_PIN);  // a clerk may not import
          await pick(page, 'exchange.import.pick', [toTablet]);
          const name = path.basename(toTablet);
          await w.waitMark(page, `exchange.file.${name}`);
          await tapRevealed(page, 'exchange.import.run');
          await w.waitMark(page, 'exchange.import.msg');
          await reveal(page, `exchange.result.${name}`);
          await w.screenshot(page, 'web-exchange-6-imported.png');
          assert.equal(await w.mark(page, 'exchange.import.conflicts'), null, 'no conflicts');
          assert.equal(await browserValue(page, BACK), BACK.value, `${BACK.orgName} ${BACK.indicator} ${BACK.period}`);
          assert.equal(await browserValue(page, CLERK), CLERK.value, 'the clerk\'s figure stays');
          await flushed(page);
        });

        await step('7. reload: the office\'s town, the clerk\'s figure and the office\'s are all still there', async () => {
          await w.reload(page);
          await w.waitReady(page);
          assert.equal(await w.lastError(page), null);
          assert.equal(await browserValue(page, OFFICE), OFFICE.value, 'the office\'s town is open');
          assert.equal(await browserValue(page, CLERK), CLERK.value, 'the clerk\'s figure');
          assert.equal(await browserValue(page, BACK), BACK.value, 'the figure from the office');
          const h = await browserHistory(page, BACK);
          assert.ok(h.some((e) => e.change.endsWith(String(BACK.value))), `its history: ${JSON.stringify(h)}`);
          assert.equal((await browserHistory(page, CLERK))[0]?.who, CLERK.name, 'the clerk\'s entry');
          // 收发记录 lists the package received and the one sent.
          await openView(page, 'exchange');
          await reveal(page, 'exchange.history.1');
          await w.screenshot(page, 'web-exchange-7-reloaded.png');
        });
      } finally {
        await w.saveLog(page, 'web-exchange.console.txt');
      }
    });
  } finally {
    await server.close();
    if (!failed) await fsp.rm(dir, { recursive: true, force: true });
    else console.log(`files kept for a look: ${dir}`);
  }
});
