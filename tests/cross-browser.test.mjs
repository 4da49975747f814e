// The smoke suite (tests/smoke/suite.mjs) in each engine the board is
// tested in: Chromium (puppeteer-core, DevTools protocol), Firefox ESR
// (puppeteer-core, WebDriver BiDi) and WebKitGTK's MiniBrowser
// (selenium-webdriver, WebKitWebDriver under Xvfb). One browser per engine
// serves all its checks; each check gets a server (so a site, with its
// storage) of its own; each test is named after its engine.
//
// SMOKE_ENGINES=firefox,webkit runs only those engines (while working on one).
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/harness.mjs';
import { ENGINES, PAGE_CAPTURE } from './smoke/drivers.mjs';
import { CHECKS } from './smoke/suite.mjs';

const only = process.env.SMOKE_ENGINES?.split(',').map((s) => s.trim()).filter(Boolean);
if (only) {
  const unknown = only.filter((e) => !ENGINES.some((x) => x.engine === e));
  assert.deepEqual(unknown, [], `SMOKE_ENGINES names engines this suite does not know (it knows ${ENGINES.map((e) => e.engine)})`);
}

for (const { engine, launch } of ENGINES.filter((e) => !only || only.includes(e.engine))) {
  describe(engine, () => {
    // Started by the first check that needs it; if it cannot start, every
    // check of the engine fails with the reason (none is skipped).
    let launching = null;
    const driverFor = (t) =>
      (launching ??= (async () => {
        const started = Date.now();
        const driver = await launch();
        t.diagnostic(`${engine}: ${driver.version}, started in ${Date.now() - started} ms`);
        return driver;
      })());
    after(
      async () => {
        const driver = await launching?.catch(() => null);
        await driver?.close();
      },
      { timeout: 30_000 },
    );
    for (const check of CHECKS) {
      test(`${engine}: ${check.name}`, { timeout: 120_000 }, async (t) => {
        const driver = await driverFor(t);
        // What an earlier check left in the console was its own failure.
        await driver.takeConsoleErrors();
        // A driver that cannot listen to the console reads it from the page.
        const server = await startServer('dist', driver.pageCapture ? { headHtml: PAGE_CAPTURE } : {});
        try {
          const note = await check.run(driver, { url: server.url, server });
          if (note) t.diagnostic(`${engine}: ${note}`);
        } finally {
          // The board fetches its chunks once it shows, possibly after the
          // check is done: the page leaves before its site goes, so that no
          // fetch of this check fails into the next one's console.
          await driver.goto('about:blank').catch(() => {});
          await server.close();
        }
      });
    }
  });
}
