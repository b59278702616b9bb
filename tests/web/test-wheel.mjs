// (f) The mouse wheel scrolls a screen by a notch's worth and the right way (the desktop browser a
// town office may use). Emscripten 3.1.6's GLFW passed chromium's 100-pixel deltaY to Dear ImGui as
// 100 notches pointing up: one notch down threw the screen to its top, one notch up to its bottom.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as w from './lib.mjs';

test('one wheel notch scrolls 数据交换 a little, down then back up', { timeout: w.T.test }, async () => {
  const server = await w.serve(w.requireSite());
  try {
    await w.withBrowser({ device: 'desktop' }, async (b) => {
      const page = await b.newPage();
      try {
        await w.goto(page, server.url);
        await w.waitReady(page);
        await w.tap(page, 'nav.exchange');
        const ref = 'exchange.export.card';  // a card title in the lower half at the top of the screen
        await w.waitMark(page, 'exchange.title');
        const top = await w.waitMark(page, ref);
        const notch = async (deltaY) => {
          await page.mouse.move(640, 500);  // over the screen's content
          await page.mouse.wheel({ deltaY });
          await w.frames(page, 3);
          return w.mark(page, ref);
        };
        const down = await notch(100);
        assert.ok(down === null || down.y < top.y, `one notch down moves the content up: ${top.y} → ${down?.y}`);
        // A notch is a few lines, not the whole screen.
        const moved = down ? top.y - down.y : Infinity;
        assert.ok(moved >= 20 && moved <= 400, `one notch moved ${moved} px`);
        const up = await notch(-100);
        assert.ok(up && Math.abs(up.y - top.y) < 1, `one notch up brings the card back: ${JSON.stringify(up)}`);
      } finally {
        await w.saveLog(page, 'web-wheel.console.txt');
      }
    });
  } finally {
    await server.close();
  }
});
