// (a) The app loads and draws its first frame at the tablet's and the desktop's size; screenshots
// and the page's own timings go to the output folder.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import * as w from './lib.mjs';

for (const device of ['tablet', 'desktop']) {
  const { width, height } = w.DEVICES[device];
  test(`loads and draws its first frame at ${width}×${height} (${device})`, { timeout: w.T.test }, async () => {
    const server = await w.serve(w.requireSite());
    try {
      await w.withBrowser({ device }, async (b) => {
        const page = await b.newPage();
        try {
          await w.goto(page, server.url);
          const stats = await w.waitReady(page);
          await w.frames(page, 3);
          const shot = await w.screenshot(page, `web-${width}x${height}.png`);
          fs.writeFileSync(w.outFile(`web-stats-${width}x${height}.json`), JSON.stringify(stats, null, 1) + '\n');
          console.log(`${device}: first frame ${stats.firstFrameMs} ms, last frame ${stats.frameMs} ms, view ${stats.view}`);
          assert.equal(await w.lastError(page), null);
          assert.equal(typeof stats.firstFrameMs, 'number');
          assert.ok(stats.firstFrameMs > 0, 'firstFrameMs > 0');
          assert.deepEqual([shot.width, shot.height], [width, height]);
          // Not a blank or single-colour page: text and widgets are drawn.
          assert.ok(shot.colours > 16, `${shot.colours} colours on the screenshot`);
          assert.ok(shot.foreground > 0.01, `${(shot.foreground * 100).toFixed(1)} % of the pixels are not background`);
          // What the page loaded came with the right types (wasm streaming compile needs it).
          const wasm = server.requests.filter((r) => r.path.endsWith('.wasm'));
          assert.ok(wasm.length >= 1, 'the page fetched its .wasm');
        } finally {
          await w.saveLog(page, `web-${width}x${height}.console.txt`);
        }
      });
    } finally {
      await server.close();
    }
  });
}
