// Screenshots of every screen of the browser build, at the tablet's size (800×1280, touch) and the
// desktop's (1280×800, mouse), for scripts/screenshots.sh:
//   node tests/web/shots.mjs SITE_DIR OUT_DIR   → OUT_DIR/web-<view>-<size>.png
// and web-collect-clerk-<size>.png: the clerk (clerk/3456) signed in, 青石村 this month's form.
// A fresh browser profile per size, so each starts on the demo town as a new tablet does.
// Needs puppeteer-core (bash tests/web/deps.sh prints its node_modules; set JICENG_WEB_NODE_MODULES).
import path from 'node:path';
import process from 'node:process';

const [site, out] = process.argv.slice(2);
if (!site || !out) {
  console.error('用法 / usage: node tests/web/shots.mjs SITE_DIR OUT_DIR');
  process.exit(2);
}
// lib.mjs reads where to write from the environment when it loads.
process.env.JICENG_WEB_OUT = path.resolve(out);
const w = await import('./lib.mjs');

const VIEWS = ['collect', 'dashboard', 'summary', 'records', 'exchange', 'conflicts', 'settings'];

async function openView(page, view) {
  await w.tap(page, `nav.${view}`);
  await w.until(async () => (await w.stats(page)).view === view, w.T.step, `the ${view} screen`);
  await w.frames(page, 3);
}

// The one sign-in is in the top bar: 登录 opens the popup with login and PIN.
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
  await w.frames(page, 3);
}

const server = await w.serve(w.requireSite(path.resolve(site)));
let failed = 0;
try {
  for (const device of ['tablet', 'desktop']) {
    const { width, height } = w.DEVICES[device];
    const size = `${width}x${height}`;
    const before = failed;
    await w.withBrowser({ device }, async (b) => {
      const page = await b.newPage();
      // Headless chromium reports an 800×600 screen whatever the window, and the app's automatic
      // tablet mode asks the screen's size: give it the device's, as a real one has.
      const cdp = await page.createCDPSession();
      await cdp.send('Emulation.setDeviceMetricsOverride', {
        width, height, deviceScaleFactor: 1, mobile: w.DEVICES[device].isMobile, screenWidth: width, screenHeight: height,
      });
      try {
        await w.goto(page, server.url);
        await w.waitReady(page);
        for (const view of VIEWS) {
          try {
            await openView(page, view);
            console.log((await w.screenshot(page, `web-${view}-${size}.png`)).file);
          } catch (e) {
            failed++;
            console.error(`web-${view}-${size}.png: ${e.message}`);
          }
        }
        try {
          await openView(page, 'collect');
          await signIn(page, 'clerk', '3456');
          console.log((await w.screenshot(page, `web-collect-clerk-${size}.png`)).file);
        } catch (e) {
          failed++;
          console.error(`web-collect-clerk-${size}.png: ${e.message}`);
        }
      } finally {
        if (failed > before) await w.saveLog(page, `web-shots-${size}.console.txt`);  // what the page said
      }
    }).catch((e) => {
      failed++;
      console.error(`${size}: ${e.message}`);
    });
  }
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
