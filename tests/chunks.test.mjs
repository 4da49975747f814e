// The board first: the first load is the board alone; the other views come
// in wasm chunks, fetched once the board shows and the browser is idle, so
// they open without a network later; a chunk that cannot be had says so with
// Retry and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, BOARD_DRAWN } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { revision, storedPlan } from './support/board.mjs';

const env = useBoard();
const dist = path.join(REPO_ROOT, 'dist');
/** A chunk: any wasm module of the build but the main one. */
const CHUNK = /\/wasm-[0-9a-f]+\/(?!main_bg)[^/]+\.wasm(\.gz)?$/;
const chunkFiles = fs
  .readdirSync(dist, { recursive: true })
  .map(String)
  .filter((f) => CHUNK.test(`/${f}`) && f.endsWith('.wasm'));

/** Every view kept out of the first load: how to open it, what it shows, how to leave it. */
const VIEWS = [
  { name: 'summary', open: '[data-testid="balance-toggle"]', shows: '[data-testid="balance"]', close: '[data-testid="balance-toggle"]' },
  { name: 'matrix', open: '[data-testid="matrix-view"]', shows: '[data-testid="matrix"]', close: '[data-testid="matrix-view"]' },
  { name: 'map', open: '[data-testid="map-view"]', shows: '[data-testid="district-map"]', close: '[data-testid="map-view"]' },
  { name: 'set-up', open: '[data-testid="plan-setup"]', shows: '[data-testid="setup-panel"]', close: '[data-testid="plan-setup"]' },
  { name: 'new plan', open: '[data-testid="new-plan"]', shows: '[data-testid="new-plan-create"]', close: 'Escape' },
  { name: 'plans & files', open: '[data-testid="plans-toggle"]', shows: '[data-testid="plans"]', close: '[data-testid="plans-toggle"]' },
  { name: 'paste', open: '[data-testid="paste"]', shows: '[data-testid="paste-input"]', close: 'Escape' },
];

async function openAndClose(page, view) {
  await page.locator(view.open).click();
  await page.locator(view.shows).first().waitFor({ state: 'visible', timeout: 10_000 });
  if (view.close === 'Escape') await page.keyboard.press('Escape');
  else await page.locator(view.close).click();
  await page.locator(view.shows).first().waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Waits until every chunk has been fetched after the board showed (or, `said` "missing", until one could not be). */
async function prefetched(page, said = 'ready') {
  await page.locator(`html[data-chunks="${said}"]`).waitFor({ state: 'attached', timeout: 20_000 });
}

test('the build has chunks, and the first load requests none of them before the board shows', async () => {
  assert.ok(chunkFiles.length >= 3, `chunks in dist/: ${chunkFiles.join(', ')}`);
  // What the page had asked for at the moment the board appeared.
  const askedBeforeBoard = () => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="board"]')) {
        window.__askedBeforeBoard = performance.getEntriesByType('resource').map((e) => e.name);
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true });
  };
  const asked = [];
  const record = ({ page }) => page.on('request', (r) => asked.push(r.url()));
  await withBoard({ init: askedBeforeBoard, before: record }, async ({ page }) => {
    const before = await page.evaluate(() => window.__askedBeforeBoard);
    assert.ok(before.some((u) => /main_bg\.wasm\.zst$/.test(u)), `the main module came first: ${before.join('\n')}`);
    assert.deepEqual(before.filter((u) => CHUNK.test(u)), [], 'no chunk before the board');
    await prefetched(page);
    const chunks = asked.filter((u) => CHUNK.test(u));
    assert.ok(chunks.length >= chunkFiles.length, `every chunk fetched once the board showed: ${chunks.join('\n')}`);
    assert.ok(chunks.every((u) => u.endsWith('.wasm.gz')), `chunks come gzip: ${chunks.join('\n')}`);
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(env.server.badRequests, []);
  });
});

test('with the network cut after the prefetch, every view still opens', () => withBoard(async ({ page }) => {
  await prefetched(page);
  await page.context().setOffline(true);
  const offline = [];
  page.on('requestfailed', (r) => offline.push(r.url()));
  for (const view of VIEWS) await openAndClose(page, view);
  assert.deepEqual(offline.filter((u) => CHUNK.test(u)), [], 'nothing was fetched again');
  assert.equal(await page.locator('[data-testid="view-failed"]').count(), 0);
  assert.deepEqual(page.consoleErrors, []);
}));

for (const [locale, says, retry] of [
  ['en-US', 'This view could not be loaded:', 'Retry'],
  ['zh-CN', '此视图未能加载：', '重试'],
]) {
  test(`a chunk that cannot be had says so with Retry, and the plan is intact (${locale})`, async () => {
    let failing = true;
    const cut = ({ page }) => page.route(CHUNK, (route) => (failing ? route.abort('connectionfailed') : route.continue()));
    // The failed fetches are reported in the console; what else is there is checked below.
    await withBoard({ locale, before: cut, consoleErrors: false }, async ({ page }) => {
      await prefetched(page, 'missing');
      const rev = await revision(page);
      const stored = await storedPlan(page);

      await page.locator('[data-testid="balance-toggle"]').click();
      const failed = page.locator('[data-testid="view-failed"]');
      await failed.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match(await failed.textContent(), new RegExp(says));
      assert.equal((await failed.getAttribute('role')), 'alert');
      const again = page.locator('[data-testid="view-retry"]');
      assert.equal((await again.textContent()).trim(), retry);
      assert.equal(await page.locator('[data-testid="balance"]').count(), 0);

      // Nothing else changed, and the board still works.
      assert.equal(await revision(page), rev);
      assert.equal(await storedPlan(page), stored);
      await page.locator('[data-testid="balance-toggle"]').click();
      await page.locator(BOARD_DRAWN).waitFor({ state: 'visible' });
      assert.ok((await page.locator('[data-unit-id]').count()) > 0);

      // Opened again, it says so again; Retry once the chunk can be had.
      await page.locator('[data-testid="balance-toggle"]').click();
      await failed.waitFor({ state: 'visible', timeout: 10_000 });
      failing = false;
      await again.click();
      await page.locator('[data-testid="balance"]').waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await failed.count(), 0);
      assert.equal(await revision(page), rev);
      // The page never stopped: no panic, only the failed fetches reported.
      assert.deepEqual(
        page.consoleErrors.filter((e) => !/wasm|chunk|fetch|ERR_CONNECTION_FAILED|Failed to load resource/i.test(e)),
        [],
      );
    });
  });
}

for (const view of [
  { name: 'New plan', open: '[data-testid="new-plan"]', shows: '[data-testid="new-plan-create"]', focus: '[role="dialog"]' },
  { name: 'set-up', open: '[data-testid="plan-setup"]', shows: '[data-testid="setup-panel"]', focus: '[data-testid="setup-panel"]' },
]) {
  test(`${view.name} opened before its chunk has come still takes the focus once drawn, and Esc closes it`, async () => {
    // Every chunk is held until the test lets them through.
    let release;
    const held = new Promise((r) => (release = r));
    const hold = ({ page }) =>
      page.route(CHUNK, async (route) => {
        await held;
        await route.continue();
      });
    await withBoard({ before: hold }, async ({ page }) => {
      await page.locator(view.open).click();
      release();
      const shown = page.locator(view.shows);
      await shown.waitFor({ state: 'visible', timeout: 10_000 });
      const inside = () => page.evaluate((sel) => Boolean(document.activeElement?.closest(sel)), view.focus);
      for (const end = Date.now() + 5000; !(await inside()) && Date.now() < end; ) {
        await new Promise((r) => setTimeout(r, 25));
      }
      assert.ok(await inside(), 'the focus is in what was opened');
      await page.keyboard.press('Escape');
      await shown.waitFor({ state: 'detached' });
      await page.unroute(CHUNK);
    });
  });
}
