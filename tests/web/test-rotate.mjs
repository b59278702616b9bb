// A 2560×1600 tablet at device pixel ratio 2: the canvas has a pixel per device pixel (sharp
// text), turning the tablet resizes it on the next frame, and a tap still lands where the widget is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as w from './lib.mjs';

const canvasSize = (page) => page.evaluate(() => {
  const c = document.getElementById('canvas');
  return { w: c.width, h: c.height, cssW: innerWidth, cssH: innerHeight, dpr: devicePixelRatio };
});

test('device pixel ratio 2 and rotation', { timeout: w.T.test }, async () => {
  const server = await w.serve(w.requireSite());
  try {
    await w.withBrowser({ device: 'tablet' }, async (b) => {
      const page = await b.newPage();
      await page.setViewport({ width: 800, height: 1280, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
      try {
        await w.goto(page, server.url);
        await w.waitReady(page);
        let s = await canvasSize(page);
        assert.deepEqual([s.w, s.h], [1600, 2560], `portrait canvas ${JSON.stringify(s)}`);
        await w.screenshot(page, 'web-dpr2-portrait.png');

        await page.setViewport({ width: 1280, height: 800, deviceScaleFactor: 2, hasTouch: true, isMobile: true,
                                 isLandscape: true });
        await w.until(async () => (s = await canvasSize(page)).w === 2560, w.T.step, 'canvas follows the rotation');
        assert.equal(s.h, 1600);
        await w.frames(page, 4);
        await w.tap(page, 'nav.settings');
        await w.until(async () => (await w.stats(page)).view === 'settings', w.T.step, 'the tap opened 设置');
        await w.screenshot(page, 'web-dpr2-landscape-settings.png');
      } finally {
        await w.saveLog(page, 'web-rotate.console.txt');
      }
    });
  } finally {
    await server.close();
  }
});
