// Text entry on a tablet: the app focuses the hidden input when a field wants text, with the
// numeric keyboard for number fields; an input method's composition (pinyin → 汉字) shows at the
// field while it runs and enters the field when it ends; an on-screen keyboard's backspace, which
// Android reports only as an edit of the input, deletes in the field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as w from './lib.mjs';

const activeText = (page) => page.evaluate(() => window.jiceng.activeText());
const input = (page) => page.evaluate(() => {
  const el = document.getElementById('jiceng-text');
  return { focused: document.activeElement === el, mode: el.inputMode, composing: el.classList.contains('composing'),
           value: el.value, opacity: getComputedStyle(el).opacity };
});

test('typing through the hidden input: keyboards, input method, backspace', { timeout: w.T.test }, async () => {
  const server = await w.serve(w.requireSite());
  try {
    await w.withBrowser({ device: 'tablet' }, async (b) => {
      const page = await b.newPage();
      try {
        await w.goto(page, server.url);
        await w.waitReady(page);
        await w.tap(page, 'nav.collect');

        // A text field: the full keyboard (the top bar's 登录 opens the sign-in popup).
        await w.tap(page, 'signin.open');
        await w.waitMark(page, 'signin.login');
        await w.tap(page, 'signin.login');
        await w.until(async () => (await input(page)).focused, w.T.step, 'hidden input focused');
        assert.equal((await input(page)).mode, 'text');

        // Pinyin being composed shows at the field; the chosen character enters it.
        const cdp = await page.target().createCDPSession();
        await cdp.send('Input.imeSetComposition', { text: 'wang', selectionStart: 4, selectionEnd: 4 });
        await w.frames(page, 2);
        const composing = await input(page);
        assert.ok(composing.composing && composing.opacity === '1', `composition shown: ${JSON.stringify(composing)}`);
        assert.ok(composing.value.includes('wang'), `composition text: ${JSON.stringify(composing.value)}`);
        assert.equal(await activeText(page), '', 'nothing enters the field while composing');
        await w.screenshot(page, 'web-ime-composing.png');
        await cdp.send('Input.insertText', { text: '王' });
        await w.until(async () => (await activeText(page)) === '王', w.T.step, 'the field holds 王');
        assert.equal((await input(page)).composing, false);

        // A number field: the numeric keyboard; typed digits arrive once each.
        await w.tap(page, 'signin.pin');
        await w.until(async () => (await input(page)).mode === 'decimal', w.T.step, 'numeric keyboard');
        await w.typeText(page, '34');
        await w.until(async () => (await activeText(page)) === '34', w.T.step, 'the PIN field holds 34');

        // Android's backspace: the input loses its sentinel character, no key event.
        await page.evaluate(() => {
          const el = document.getElementById('jiceng-text');
          el.value = '';
          el.dispatchEvent(new InputEvent('input', { inputType: 'deleteContentBackward', bubbles: true }));
        });
        await w.until(async () => (await activeText(page)) === '3', w.T.step, 'backspace deleted one digit');
      } finally {
        await w.saveLog(page, 'web-ime.console.txt');
      }
    });
  } finally {
    await server.close();
  }
});
