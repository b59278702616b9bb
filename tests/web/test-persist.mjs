// (b) What a clerk types survives a reload: sign in as clerk/3456 (王娜, 青石村), open 数据采集 for
// December 2020 (empty in the demo town), type a value, Enter; reload the page; the value and its
// audit entry are still there.
//
// Marks are the desktop tests' (tests/ui). Hooks the page may add for a stronger check — each is
// used when present and reported as missing otherwise (TODO for the web build):
//   window.jiceng.flushed()                          -> Promise: every write is in IndexedDB
//   window.jiceng.value(org, indicator, period)      -> number | null ("V01", "visited_households", "2020-12")
//   window.jiceng.history(org, indicator, period)    -> [{who, what, change, reason}] newest first
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import { test } from 'node:test';
import * as w from './lib.mjs';

const ORG = 'V01';
const INDICATOR = 'visited_households';
const PERIOD = '2020-12';
const VALUE = '25';

const hook = (page, name) => page.evaluate((n) => typeof window.jiceng[n] === 'function', name);

// The one sign-in is in the top bar (登录 opens the popup); then 数据采集.
async function signIn(page, login, pin) {
  await w.tap(page, 'nav.collect');
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
  await w.waitMark(page, 'signin.out');  // shown once signed in
}

// Year 2020, 数据采集, December: the clerk lands on 青石村 (V01).
async function openDecember(page) {
  await w.tap(page, 'year.combo');
  await w.tap(page, 'year.2020');
  await w.tap(page, 'nav.collect');
  // The clerk starts on her first open month (桃源村's): choose 青石村 explicitly.
  await w.tap(page, 'collect.org');
  await w.tap(page, `collect.org.${ORG}`);
  await w.tap(page, 'collect.period');
  await w.tap(page, 'collect.period.12');
}

async function flushed(page, notes) {
  if (await hook(page, 'flushed')) {
    await w.withTimeout(page.evaluate(() => window.jiceng.flushed()), w.T.step, 'window.jiceng.flushed()');
  } else {
    notes.push('TODO window.jiceng.flushed() missing: waited 2 s for the write to reach IndexedDB');
    await w.sleep(2000);
  }
}

test('a value typed by the clerk and its audit entry survive a reload', { timeout: w.T.test }, async () => {
  const server = await w.serve(w.requireSite());
  const notes = [];
  try {
    await w.withBrowser({ device: 'tablet' }, async (b) => {
      const page = await b.newPage();
      try {
        await w.goto(page, server.url);
        await w.waitReady(page);
        await signIn(page, 'clerk', '3456');
        await openDecember(page);
        await w.tap(page, `collect.field.${INDICATOR}`);
        await w.typeText(page, VALUE);
        await w.press(page, 'Enter');
        await w.waitMark(page, `collect.saved.${INDICATOR}`);
        await w.screenshot(page, 'web-persist-typed.png');
        await flushed(page, notes);

        await w.reload(page);
        await w.waitReady(page);
        assert.equal(await w.lastError(page), null);
        if (await w.mark(page, 'signin.open')) await signIn(page, 'clerk', '3456');
        await openDecember(page);

        if (await hook(page, 'value')) {
          const v = await page.evaluate((o, i, p) => window.jiceng.value(o, i, p), ORG, INDICATOR, PERIOD);
          assert.equal(String(v), VALUE, `window.jiceng.value(${ORG}, ${INDICATOR}, ${PERIOD})`);
        } else {
          notes.push('TODO window.jiceng.value() missing: the value is checked through its history only');
        }
        // The value's history opens with a row: the audit entry written before the reload.
        await w.tap(page, `collect.history.${INDICATOR}`);
        await w.waitMark(page, 'collect.history.table.row.0');
        if (await hook(page, 'history')) {
          const rows = await page.evaluate((o, i, p) => window.jiceng.history(o, i, p), ORG, INDICATOR, PERIOD);
          assert.ok(Array.isArray(rows) && rows.length >= 1, 'history rows');
          assert.ok(rows.some((r) => String(r.change).includes(VALUE) && r.who === '王娜'),
                    `an entry by 王娜 with ${VALUE}: ${JSON.stringify(rows)}`);
        } else {
          notes.push('TODO window.jiceng.history() missing: the audit entry is checked by its row mark only');
        }
        await w.screenshot(page, 'web-persist-reloaded.png');
      } finally {
        await w.saveLog(page, 'web-persist.console.txt');
      }
    });
  } finally {
    await server.close();
    for (const n of notes) console.log(n);
    if (notes.length) await fsp.writeFile(w.outFile('web-persist.todo.txt'), notes.join('\n') + '\n');
  }
});
