// (d) One town, one tab: a second tab of the same site shows #jiceng-refusal with a message and
// leaves the first one working; once the first tab is closed, the second one starts on reload.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as w from './lib.mjs';

test('a second tab shows the refusal, the first keeps working', { timeout: w.T.test }, async () => {
  const server = await w.serve(w.requireSite());
  try {
    await w.withBrowser({ device: 'desktop' }, async (b) => {
      // Tabs in the background get no animation frames: the second is opened once the first runs.
      const first = await b.newPage();
      await w.goto(first, server.url);
      await w.waitReady(first);
      const second = await b.newPage();
      try {
        await w.goto(second, server.url);
        const text = await w.until(() => w.refusal(second), w.T.ready, '#jiceng-refusal on the second tab');
        console.log(`second tab: ${text}`);
        assert.ok(text.length >= 4, 'the refusal says something');
        assert.ok(/[\u4e00-\u9fff]/.test(text), 'in Chinese');
        await w.screenshot(second, 'web-second-tab.png');

        await first.bringToFront();
        await w.frames(first, 2);
        assert.equal(await w.lastError(first), null);
        assert.equal(await w.refusal(first), null, 'the first tab is not refused');

        // The first tab goes away: the second may open the town now.
        await first.close();
        await second.bringToFront();
        await w.reload(second);
        await w.waitReady(second);
        assert.equal(await w.refusal(second), null);
      } finally {
        await w.saveLog(second, 'web-second-tab.console.txt');
      }
    });
  } finally {
    await server.close();
  }
});
