// One file to mail: the board, app and plan, in a single HTML file that opens
// from disk with no server and no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useBoard, newPage, openBoard, REPO_ROOT } from './support/harness.mjs';
import { demoPlan } from './support/plan.mjs';
import { card, done, expectTally, saved } from './support/board.mjs';

const env = useBoard();
const plan = demoPlan();
const single = path.join(REPO_ROOT, 'dist-single/linkage-board.html');

/** A page that may read file: URLs and nothing from any network. */
async function offlinePage() {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1600, height: 900 } });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.networkRequests = [];
  page.on('console', (m) => m.type() === 'error' && page.consoleErrors.push(m.text()));
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    page.networkRequests.push(url);
    return route.abort();
  });
  return page;
}

test('the single file opens from file:// with the network blocked, and an edit survives a reload', async () => {
  const size = fs.statSync(single).size;
  assert.ok(size < 1024 * 1024, `small enough to mail (${size} bytes)`);
  const page = await offlinePage();
  await page.goto(`file://${single}`);
  await page.locator('[data-testid="board"]').waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('[data-unit-id]').count(), 21);
  const item = plan.items.find((i) => i.unit === 'miyun');
  await card(page, item.id).focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="field-budget"]').fill('4321');
  await page.locator('[data-testid="save-item"]').click();
  await saved(page);
  await page.reload();
  await page.locator('[data-testid="board"]').waitFor({ timeout: 20_000 });
  await expectTally(page, `item:${item.id}:budget`, 4321n);
  // Export works from the file too.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export"]').click()]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.items.find((i) => i.id === item.id).budget, 4321);
  assert.deepEqual(page.networkRequests, []);
  await done(page);
});

test('"Save as standalone HTML" gives a file that opens with its plan; a newer copy in the browser makes it ask', async () => {
  // Save from the board served over HTTP, with an edit in the plan.
  const page = await newPage(env.browser);
  await openBoard(page, env.server.url);
  const item = plan.items.find((i) => i.unit === 'daxing');
  await card(page, item.id).focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="field-demand"]').fill('8888');
  await page.locator('[data-testid="save-item"]').click();
  await page.locator('[data-testid="plans-toggle"]').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="save-standalone"]').click()]);
  assert.match(download.suggestedFilename(), /\.html$/);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lb-single-')), download.suggestedFilename());
  await download.saveAs(file);
  await done(page);

  // Opened in a browser that has never seen the plan: the file's plan shows.
  const fresh = await offlinePage();
  await fresh.goto(`file://${file}`);
  await fresh.locator(`[data-testid="board"][data-plan-id="${plan.id}"]`).waitFor({ timeout: 20_000 });
  await expectTally(fresh, `item:${item.id}:demand`, 8888n);
  assert.equal(await fresh.locator('[data-testid="embedded-question"]').count(), 0);

  // This browser now edits the plan (a newer revision); opening the file again asks.
  await card(fresh, item.id).focus();
  await fresh.keyboard.press('Enter');
  await fresh.locator('[data-testid="field-demand"]').fill('9999');
  await fresh.locator('[data-testid="save-item"]').click();
  await saved(fresh);
  await fresh.reload();
  const question = fresh.locator('[data-testid="embedded-question"]');
  await question.waitFor({ timeout: 20_000 });
  // Nothing was overwritten: the browser's newer copy is what shows and what is stored.
  await expectTally(fresh, `item:${item.id}:demand`, 9999n);
  const stored = await fresh.evaluate((id) => JSON.parse(localStorage.getItem(`linkage-board:v1:plan:${id}`)), plan.id);
  assert.equal(stored.items.find((i) => i.id === item.id).demand, 9999);
  // Choosing the file's copy opens it; undo brings the browser's copy back.
  await fresh.locator('[data-testid="open-file-copy"]').click();
  await expectTally(fresh, `item:${item.id}:demand`, 8888n);
  await fresh.locator('[data-testid="undo"]').click();
  await expectTally(fresh, `item:${item.id}:demand`, 9999n);
  assert.deepEqual(fresh.networkRequests, []);
  await done(fresh);
});
