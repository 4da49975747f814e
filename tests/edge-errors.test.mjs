// What the browser's edge refuses reaches the reader in words, in the
// reader's language, and changes nothing: an earlier version whose copy is
// gone or damaged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBoard, withBoard } from './support/fixture.mjs';
import { revision, saved } from './support/board.mjs';

useBoard();

async function firstVersion(page) {
  await page.locator('[data-testid="plans-toggle"]').click();
  await page.locator('[data-testid="plans"]').waitFor();
  const version = page.locator('[data-testid="versions"] .version').first();
  await version.waitFor();
  return version;
}

for (const [locale, gone, damaged] of [
  ['en-US', /no longer in this browser's storage/, /could not be opened, and nothing was changed:.*not valid JSON/],
  ['zh-CN', /已不在此浏览器的存储中/, /无法打开该副本，未做任何更改：.*JSON/],
]) {
  test(`restoring an earlier version whose copy is gone, or damaged, says so and changes nothing (${locale})`, () => withBoard({ locale }, async ({ page }) => {
    await saved(page);
    const version = await firstVersion(page);
    const key = `linkage-board:v1:${await version.getAttribute('data-version')}`;
    const before = await revision(page);

    await page.evaluate((key) => localStorage.setItem(key, '{"format": "linkage-plan", '), key);
    await version.locator('[data-action="restore"]').click();
    const notice = page.locator('.notice[role="alert"]', { hasText: damaged });
    await notice.waitFor();
    assert.equal(await revision(page), before);

    await page.evaluate((key) => localStorage.removeItem(key), key);
    await version.locator('[data-action="restore"]').click();
    await page.locator('.notice[role="alert"]', { hasText: gone }).waitFor();
    assert.equal(await revision(page), before);
  }));
}
