// One file to mail: the board, app and plan, in a single HTML file that opens
// from disk with no server and no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, BOARD_DRAWN } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan } from './support/plan.mjs';
import { card, expectTally, saved } from './support/board.mjs';

useBoard();
const plan = demoPlan();
const single = path.join(REPO_ROOT, 'dist-single/linkage-board.html');

/** The board opened from a file, in a browser that may read file: URLs and nothing from any network. */
const fromFile = (file) => ({ url: `file://${file}`, network: 'none' });

test('the single file opens from file:// with the network blocked, and an edit survives a reload', async () => {
  const size = fs.statSync(single).size;
  assert.ok(size < 1024 * 1024, `small enough to mail (${size} bytes)`);
  await withBoard(fromFile(single), async ({ page }) => {
    assert.equal(await page.locator('[data-unit-id]').count(), 21);
    const item = plan.items.find((i) => i.unit === 'miyun');
    await card(page, item.id).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="field-budget"]').fill('4321');
    await page.locator('[data-testid="save-item"]').click();
    await saved(page);
    await page.reload();
    await page.locator(BOARD_DRAWN).waitFor({ timeout: 20_000 });
    await expectTally(page, `item:${item.id}:budget`, 4321n);
    // Export works from the file too.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export"]').click()]);
    const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.items.find((i) => i.id === item.id).budget, 4321);
    assert.deepEqual(page.blockedRequests, []);
  });
});

test('"Save as standalone HTML" gives a file that opens with its plan; a newer copy in the browser makes it ask', async () => {
  // Save from the board served over HTTP, with an edit in the plan.
  const item = plan.items.find((i) => i.unit === 'daxing');
  const file = await withBoard(async ({ page }) => {
    await card(page, item.id).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="field-demand"]').fill('8888');
    await page.locator('[data-testid="save-item"]').click();
    await page.locator('[data-testid="plans-toggle"]').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="save-standalone"]').click()]);
    assert.match(download.suggestedFilename(), /\.html$/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lb-single-')), download.suggestedFilename());
    await download.saveAs(file);
    return file;
  });

  // Opened in a browser that has never seen the plan: the file's plan shows.
  await withBoard(fromFile(file), async ({ page: fresh }) => {
    await fresh.locator(`[data-testid="board"][data-plan-id="${plan.id}"]:not([aria-busy="true"])`).waitFor({ timeout: 20_000 });
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
    assert.deepEqual(fresh.blockedRequests, []);
  });
});
