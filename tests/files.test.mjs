// Plans travel by email: open files (picker, drop, paste) with a preview,
// refuse bad ones with the board untouched, export and re-import, merge a
// district's slice, several plans, and storage trouble.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readFixture, fixturePath, FIXTURES_DIR, screenshot } from './support/harness.mjs';
import { useBoard, withBoard, withTwoWindows } from './support/fixture.mjs';
import { demoPlan, tallies, shownTallies, CURRENT_KEY, planKey } from './support/plan.mjs';
import { boardShown, card, dropFiles, eventually, expectTally, newPlan, storedPlan, saved, settled, revision, fillStorage, freeStorage } from './support/board.mjs';

useBoard();

const plan = demoPlan();
const want = tallies(plan);
const validFiles = fs.readdirSync(path.join(FIXTURES_DIR, 'valid')).filter((f) => f.endsWith('.json') && !f.endsWith('.tallies.json'));
const invalidFiles = fs.readdirSync(path.join(FIXTURES_DIR, 'invalid')).filter((f) => f.endsWith('.json'));


async function assertFixtureTallies(page, file) {
  const expected = JSON.parse(await readFixture(`valid/${file.replace(/\.json$/, '.tallies.json')}`));
  const shown = await shownTallies(page);
  for (const [unit, t] of Object.entries(expected.units)) {
    for (const [field, value] of Object.entries(t)) assert.equal(shown[`unit:${unit}:${field}`], String(value), `${file} unit ${unit} ${field}`);
  }
  for (const [item, t] of Object.entries(expected.items)) {
    for (const field of ['budget', 'demand', 'received']) assert.equal(shown[`item:${item}:${field}`], String(t[field]), `${file} item ${item} ${field}`);
  }
  for (const field of ['budget', 'demand', 'received', 'given', 'gap', 'pool']) {
    assert.equal(shown[`plan:${field}`], String(expected.plan[field]), `${file} plan ${field}`);
  }
  assert.equal(shown['plan:coverage'], `${expected.plan.coverage.covered}/${expected.plan.coverage.districts}`, `${file} coverage`);
}

/** Drops one file on the page the way a desktop drag does. */
const dropFile = (page, name, text) => dropFiles(page, [[name, text]]);

test('every valid fixture opens by upload and by drop, with its tallies', () => withBoard(async ({ page }) => {
  for (const file of validFiles) {
    for (const how of ['upload', 'drop']) {
      if (how === 'upload') {
        await page.locator('[data-testid="import-input"]').setInputFiles(fixturePath(`valid/${file}`));
      } else {
        await dropFile(page, file, await readFixture(`valid/${file}`));
      }
      await page.locator('[data-testid="import-replace"]').click();
      await page.locator('[data-testid="import-preview"]').waitFor({ state: 'detached' });
      const id = JSON.parse((await readFixture(`valid/${file}`)).replace(/^\uFEFF/, '')).id;
      await page.locator(`[data-testid="board"][data-plan-id="${id}"]:not([aria-busy="true"])`).waitFor();
      await assertFixtureTallies(page, file);
      // Another plan before the next file, so that each one really changes the board.
      await newPlan(page);
    }
  }
}));

test('every invalid fixture is refused, saying why, and the board and the stored plan stay as they were', () => withBoard(async ({ page }) => {
  await saved(page);
  const before = { stored: await storedPlan(page), tallies: await shownTallies(page), rev: await revision(page) };
  for (const file of invalidFiles) {
    await page.locator('[data-testid="import-input"]').setInputFiles(fixturePath(`invalid/${file}`));
    const error = page.locator('[data-testid="import-error"]');
    await error.waitFor();
    const text = await error.textContent();
    assert.ok(text.length > 15, `${file}: ${text}`);
    if (file === 'truncated.json') assert.match(text, /line \d+, column \d+/);
    if (file === 'future-version.json') assert.match(text, /newer version/);
    if (file === 'dangling-link.json') assert.match(text, /l-0001/);
    if (file === 'negative-amount.json') assert.match(text, /items\[0\]\.budget.*i-0001/);
    if (i18nCheck(file)) await screenshot(page, 'import-refused');
    await page.locator('[data-testid="import-cancel"]').click();
    await error.waitFor({ state: 'detached' });
    assert.equal(await storedPlan(page), before.stored, `${file} leaves storage alone`);
    assert.deepEqual(await shownTallies(page), before.tallies, `${file} leaves the board alone`);
    assert.equal(await revision(page), before.rev);
  }
}));

function i18nCheck(file) {
  return file === 'truncated.json';
}

test('an exported file re-imports to the same plan; pasting it works too', () => withBoard(async ({ page }) => {
  await saved(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export"]').click()]);
  assert.match(download.suggestedFilename(), /^2027-Work-Plan-municipal-and-district-associations-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  const text = fs.readFileSync(file, 'utf8');
  assert.deepEqual(JSON.parse(text), JSON.parse(await storedPlan(page)));
  await page.locator('[data-testid="import-input"]').setInputFiles(file);
  const note = page.locator('.import-note');
  await note.waitFor();
  assert.equal(await note.getAttribute('data-same-plan'), 'true');
  assert.match(await note.textContent(), /exactly the open plan/);
  await page.locator('[data-testid="import-cancel"]').click();

  await page.locator('[data-testid="paste"]').click();
  await page.locator('[data-testid="paste-input"]').fill(await readFixture('valid/minimal.json'));
  await page.locator('[data-testid="paste-read"]').click();
  await page.locator('[data-testid="import-new"]').click();
  await page.locator('[data-testid="board"][data-plan-id="00000000-0000-4000-8000-000000000001"]:not([aria-busy="true"])').waitFor();
  // Opening it separately kept the demo plan in storage; undo goes back to it.
  await page.locator('[data-testid="undo"]').click();
  await page.locator(`[data-testid="board"][data-plan-id="${plan.id}"]:not([aria-busy="true"])`).waitFor();
}));

test("a district's slice is exported, filled in, and merged back: added and changed, nothing removed, twice is once", () => withBoard(async ({ page }) => {
  await page.locator('[data-testid="plans-toggle"]').click();
  await page.locator('[data-testid="slice-unit"]').selectOption('yanqing');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-slice"]').click()]);
  const slice = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(new Set(slice.items.map((i) => i.unit)), new Set(['yanqing']));
  slice.items[0].demand += 50000;
  slice.items.push({ ...slice.items[0], id: 'yq-new', title: 'Star party for families', demand: 40000, budget: 0 });
  const filled = path.join(await fs.promises.mkdtemp('/tmp/lb-'), 'yanqing.json');
  fs.writeFileSync(filled, JSON.stringify(slice, null, 2));
  await page.locator('[data-testid="plans-toggle"]').click();

  for (let round = 0; round < 2; round++) {
    await page.locator('[data-testid="import-input"]').setInputFiles(filled);
    const items = page.locator('.diff tr[data-kind="items"]');
    await items.waitFor();
    if (round === 0) {
      assert.equal(await items.getAttribute('data-added'), '1');
      assert.equal(await items.getAttribute('data-changed'), '1');
    } else {
      assert.equal(await items.getAttribute('data-added'), '0');
    }
    await page.locator('[data-testid="import-merge"]').click();
    await page.locator('[data-testid="import-preview"]').waitFor({ state: 'detached' });
    await expectTally(page, 'unit:yanqing:demand', want.units.yanqing.demand + 90000n);
    assert.equal(await page.locator('[data-item-id]').count(), plan.items.length + 1);
  }
  await card(page, 'yq-new').waitFor();
}));

test('a merge that would break a rule is refused with the reason and changes nothing', () => withBoard(async ({ page }) => {
  // Valid by itself (it has no links), but merged in it would put both ends
  // of an existing link in one unit.
  const bad = demoPlan();
  const link = bad.links[0];
  const source = bad.items.find((i) => i.id === link.source);
  bad.items.find((i) => i.id === link.target).unit = source.unit;
  bad.links = [];
  const before = await storedPlan(page);
  await dropFile(page, 'bad.json', JSON.stringify(bad));
  await page.locator('[data-testid="import-merge"]').click();
  const err = page.locator('[data-testid="merge-error"]');
  await err.waitFor();
  assert.match(await err.textContent(), new RegExp(link.id));
  await page.locator('[data-testid="import-cancel"]').click();
  assert.equal(await storedPlan(page), before);
}));

test('several plans: replace keeps the open plan as an earlier version; the list opens, renames, duplicates and deletes with confirmation', () => withBoard(async ({ page }) => {
  await page.locator('[data-testid="import-input"]').setInputFiles(fixturePath('valid/beijing-2020.json'));
  await page.locator('[data-testid="import-new"]').click();
  await page.locator('[data-testid="board"][data-plan-id="8d3c1f0e-2020-4b1a-9c55-bast2020plan"]:not([aria-busy="true"])').waitFor();
  await saved(page);
  await page.locator('[data-testid="plans-toggle"]').click();
  const entries = page.locator('.plans-panel .plan-entry:not(.version)');
  await eventuallyCount(entries, 2);
  // Rename the demo plan (not open).
  const demo = page.locator(`.plan-entry[data-plan="${plan.id}"]`);
  await demo.locator('[data-action="rename"]').click();
  await page.locator('[data-testid="rename-input"]').fill('2027 plan, renamed');
  await page.locator('[data-testid="rename-input"]').press('Enter');
  await demo.locator('.plan-entry-title', { hasText: '2027 plan, renamed' }).waitFor();
  // Duplicate it, then delete the copy after confirming.
  await demo.locator('[data-action="duplicate"]').click();
  await eventuallyCount(entries, 3);
  const copy = page.locator('.plan-entry', { hasText: '(copy)' });
  await copy.locator('[data-action="delete"]').click();
  await copy.locator('[data-testid="confirm-delete"]').click();
  await eventuallyCount(entries, 2);
  // Open the demo plan again.
  await demo.locator('[data-action="open"]').click();
  await page.locator(`[data-testid="board"][data-plan-id="${plan.id}"]:not([aria-busy="true"])`).waitFor();
  assert.equal((await page.locator('h1').textContent()).trim(), '2027 plan, renamed');

  // Replace keeps what was open as an earlier version, which can be restored.
  await page.locator('[data-testid="import-input"]').setInputFiles(fixturePath('valid/minimal.json'));
  await page.locator('[data-testid="import-replace"]').click();
  await page.locator('[data-testid="board"][data-plan-id="00000000-0000-4000-8000-000000000001"]:not([aria-busy="true"])').waitFor();
  const backup = page.locator(`.plan-entry.version[data-plan="${plan.id}"]`).filter({ hasText: '2027 plan, renamed' });
  await backup.first().waitFor();
  await backup.first().locator('[data-action="restore"]').click();
  await page.locator(`[data-testid="board"][data-plan-id="${plan.id}"]:not([aria-busy="true"])`).waitFor();
  await expectTally(page, 'plan:budget', want.plan.budget);
}));

async function eventuallyCount(locator, n) {
  await eventually(() => locator.count(), n, `${n} entries`);
}

test('when storage is full the user is warned, keeps working, can export, and nothing is lost', () => withBoard(async ({ page }) => {
  await saved(page);
  const stored = await storedPlan(page);
  // No earlier versions that could give way: fill localStorage to the brim.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':snap:')).forEach((k) => localStorage.removeItem(k)));
  await fillStorage(page);
  const item = plan.items.find((i) => i.unit === 'miyun');
  await card(page, item.id).focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="field-budget"]').fill('999999');
  await page.locator('[data-testid="save-item"]').click();
  const warning = page.locator('[data-testid="save-failed"]');
  await warning.waitFor({ timeout: 5000 });
  assert.match(await warning.textContent(), /full/);
  assert.equal(await warning.getAttribute('role'), 'alert');
  await expectTally(page, `item:${item.id}:budget`, 999999n);
  assert.equal(await storedPlan(page), stored, 'the stored copy is the last good one');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-now"]').click()]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.items.find((i) => i.id === item.id).budget, 999999);
  // Space again: the next change saves everything.
  await freeStorage(page);
  await page.locator('[data-testid="undo"]').click();
  await page.locator('[data-testid="redo"]').click();
  await saved(page);
  await warning.waitFor({ state: 'detached' });
  assert.equal(JSON.parse(await storedPlan(page)).items.find((i) => i.id === item.id).budget, 999999);
}));

test('a corrupt stored plan does not stop the app: its text is kept and the user is told', () => withBoard(async ({ page }) => {
  await page.evaluate(([current, key]) => {
    localStorage.setItem(current, 'broken-plan');
    localStorage.setItem(key, '{"format": "linkage-plan", "version": 1, "id": "broken-plan", "items": [');
  }, [CURRENT_KEY, planKey('broken-plan')]);
  await page.reload();
  await boardShown(page);
  const alert = page.locator('.notice[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /could not be opened.*line 1, column/s);
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('linkage-board:v1:unreadable:broken-plan:')).map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(kept, ['{"format": "linkage-plan", "version": 1, "id": "broken-plan", "items": [']);
  assert.equal(await page.locator('[data-testid="board"]').getAttribute('data-plan-id'), plan.id);
  // The broken text is never overwritten, even after edits and a reload.
  await newPlan(page);
  await saved(page);
  await page.reload();
  await boardShown(page);
  const still = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':unreadable:')).length);
  assert.equal(still, 1);
}));

test("two windows on one plan see each other's changes", () => withTwoWindows(async ({ a, b }) => {
  const item = plan.items.find((i) => i.unit === 'fengtai');
  await card(a, item.id).focus();
  await a.keyboard.press('Enter');
  await a.locator('[data-testid="field-demand"]').fill('777777');
  await a.locator('[data-testid="save-item"]').click();
  await saved(a);
  await expectTally(b, `item:${item.id}:demand`, 777777n);
  assert.equal(await revision(b), await revision(a));
  // And back the other way.
  await b.locator('[data-testid="undo"]').isDisabled();
  await card(b, item.id).focus();
  await b.keyboard.press('Enter');
  await b.locator('[data-testid="field-demand"]').fill('5万');
  await b.locator('[data-testid="save-item"]').click();
  await saved(b);
  await expectTally(a, `item:${item.id}:demand`, 50000n);
  assert.deepEqual(b.consoleErrors, []);
}));

test('CSV exports open in Excel with Chinese text: UTF-8 with BOM', () => withBoard({ locale: 'zh-CN' }, async ({ page }) => {
  await page.locator('[data-testid="plans-toggle"]').click();
  for (const which of ['export-csv-items', 'export-csv-tallies']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="${which}"]`).click()]);
    const bytes = fs.readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${which} starts with a BOM`);
    const text = bytes.toString('utf8');
    assert.match(text, /\r\n/);
    if (which === 'export-csv-tallies') assert.match(text, /北京市科学技术协会/);
  }
}));

test("an older copy never silently overwrites another window's newer revision", () => withTwoWindows(async ({ a, b }) => {
  const item = plan.items.find((i) => i.unit === 'huairou');
  await card(a, item.id).focus();
  await a.keyboard.press('Enter');
  await a.locator('[data-testid="field-budget"]').fill('111111');
  // A's change waits for its autosave, its timers held so that it still
  // waits however slow the machine; meanwhile window B saves a newer
  // revision of the same plan.
  await a.clock.install();
  await a.clock.pauseAt(Date.now() + 1000);
  await a.locator('[data-testid="save-item"]').click();
  await b.evaluate((id) => {
    const key = `linkage-board:v1:plan:${id}`;
    const p = JSON.parse(localStorage.getItem(key));
    p.revision += 5;
    p.items.find((i) => i.unit === 'huairou').budget = 222222;
    localStorage.setItem(key, JSON.stringify(p));
    localStorage.setItem(`linkage-board:v1:rev:${id}`, String(p.revision));
  }, plan.id);
  const conflict = a.locator('[data-testid="conflict"]');
  await conflict.waitFor({ timeout: 5000 });
  // A's autosave comes due, and writes nothing over B's revision.
  await a.clock.runFor(1000);
  await a.clock.resume();
  await settled(a);
  const stored = JSON.parse(await storedPlan(a));
  assert.equal(stored.items.find((i) => i.id === item.id).budget, 222222, "B's newer revision is not overwritten");
  // A keeps its own version as a separate plan.
  await a.locator('[data-testid="keep-mine"]').click();
  await conflict.waitFor({ state: 'detached' });
  const mine = await a.locator('[data-testid="board"]').getAttribute('data-plan-id');
  assert.notEqual(mine, plan.id);
  const both = await a.evaluate(([id, mine]) => [localStorage.getItem(`linkage-board:v1:plan:${id}`), localStorage.getItem(`linkage-board:v1:plan:${mine}`)], [plan.id, mine]);
  assert.equal(JSON.parse(both[0]).items.find((i) => i.id === item.id).budget, 222222);
  assert.equal(JSON.parse(both[1]).items.find((i) => i.id === item.id).budget, 111111);
}));
