// Collecting the districts' returns safely: slices leave saying what they
// held, come back as files that apply only what their district changed,
// conflicts and changes outside a district's part are the user's call, many
// returns merge (and undo) in one step, and the returns list keeps count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { screenshot } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan } from './support/plan.mjs';
import { boardShown, card, dropFiles, eventually, expectTally, revision, saved } from './support/board.mjs';

useBoard();
const plan = demoPlan();
const original = Object.fromEntries(plan.items.map((i) => [i.id, i]));
const districts = plan.units.filter((u) => u.level === 'district');

const status = (page, unit) => page.locator(`[data-return-status="${unit}"]`);
const change = (page, key) => page.locator(`[data-change="${key}"]`);

async function togglePlans(page) {
  await page.locator('[data-testid="plans-toggle"]').click();
}

/** Exports one unit's slice from Plans & files; the panel is left closed. */
async function exportSlice(page, unit) {
  await togglePlans(page);
  await page.locator('[data-testid="slice-unit"]').selectOption(unit);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-slice"]').click()]);
  const slice = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  await eventually(() => status(page, unit).getAttribute('data-state'), 'sent', `${unit} is marked sent`);
  await togglePlans(page);
  return slice;
}

/** Writes a returned file (a slice as its district filled it in) and gives its path. */
async function returned(name, plan) {
  const dir = await fs.promises.mkdtemp('/tmp/lb-returns-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof plan === 'string' ? plan : JSON.stringify(plan, null, 2));
  return file;
}

/** Changes one field of a card in the card editor, as the city does. */
async function editCard(page, id, field, value) {
  await card(page, id).focus();
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid="field-${field}"]`).fill(value);
  await page.locator('[data-testid="save-item"]').click();
  await expectTally(page, `item:${id}:${field}`, BigInt(value));
}

async function merge(page) {
  await page.locator('[data-testid="import-merge"]').click();
  await page.locator('[data-testid="import-preview"]').waitFor({ state: 'detached' });
}

const item = (slice, id) => slice.items.find((i) => i.id === id);

test("the city's raise and Dongcheng's demand both survive: export, change here, return, merge", () => withBoard(async ({ page }) => {
  await togglePlans(page);
  assert.equal(await status(page, 'dongcheng').getAttribute('data-state'), 'not-sent');
  await togglePlans(page);

  // 1. The city sends Dongcheng its slice: its items and the municipal program linked to them.
  const slice = await exportSlice(page, 'dongcheng');
  assert.equal(slice.sent.unit, 'dongcheng');
  assert.equal(slice.sent.revision, plan.revision);
  for (const id of ['w-016', 'w-017', 'w-001']) assert.ok(item(slice, id), `${id} is in the slice`);
  assert.ok(slice.sent.records['items/w-001']);

  // 2. Meanwhile the city raises w-001's budget.
  await editCard(page, 'w-001', 'budget', '5000000');

  // 3. Dongcheng returns its slice with its own item's demand raised.
  item(slice, 'w-016').demand = 400000;
  const file = await returned('dongcheng.json', slice);
  await page.locator('[data-testid="import-input"]').setInputFiles(file);
  const section = page.locator('[data-submission="dongcheng.json"]');
  await section.waitFor();
  assert.equal(await section.getAttribute('data-state'), 'ok');
  assert.match(await section.locator('.submission-who').textContent(), /Dongcheng District.*revision 1/);
  const theirs = change(page, 'items/w-016');
  assert.equal(await theirs.getAttribute('data-kind'), 'changed');
  assert.match(await theirs.locator('[data-field="demand"]').textContent(), /300,000\s*→\s*400,000/);
  assert.ok(await theirs.locator('input[type="checkbox"]').isChecked());
  // The city's raise is named too, and not taken back: Dongcheng left it as sent.
  const ours = change(page, 'items/w-001');
  assert.equal(await ours.getAttribute('data-kind'), 'kept');
  assert.match(await ours.locator('[data-field="budget"]').textContent(), /5,000,000\s*→\s*4,200,000/);
  assert.equal(await ours.locator('input[type="checkbox"]').isChecked(), false);
  assert.equal(await page.locator('[data-testid="merge-summary"]').getAttribute('data-taken'), '1');
  await screenshot(page, 'returns-preview');

  // 4. Merge: both changes stand.
  await merge(page);
  await expectTally(page, 'item:w-001:budget', 5000000n);
  await expectTally(page, 'item:w-016:demand', 400000n);

  // Merging the same return again changes nothing.
  const rev = await revision(page);
  await page.locator('[data-testid="import-input"]').setInputFiles(file);
  await merge(page);
  assert.equal(await revision(page), rev);

  await togglePlans(page);
  const row = status(page, 'dongcheng');
  await eventually(() => row.getAttribute('data-state'), 'returned', 'Dongcheng has returned its slice');
  assert.equal(await row.getAttribute('data-changes'), '1');
  assert.match(await row.textContent(), /Returned \d{4}-\d{2}-\d{2} \d{2}:\d{2}: 1 changes taken/);
  assert.equal(await status(page, 'xicheng').getAttribute('data-state'), 'not-sent');
  await saved(page);
  await page.reload();
  await boardShown(page);
  await togglePlans(page);
  assert.equal(await status(page, 'dongcheng').getAttribute('data-state'), 'returned');
}));

for (const keep of ['ours', 'theirs']) {
  test(`a conflict on one field is settled by keeping ${keep}; Merge waits until it is`, () => withBoard(async ({ page }) => {
    const slice = await exportSlice(page, 'dongcheng');
    await editCard(page, 'w-016', 'demand', '350000');
    item(slice, 'w-016').demand = 420000;
    await page.locator('[data-testid="import-input"]').setInputFiles(await returned('dongcheng.json', slice));
    const conflict = page.locator('[data-conflict="items/w-016"]');
    await conflict.waitFor();
    const row = conflict.locator('[data-field="demand"]');
    assert.match(await row.locator('.ours').textContent(), /350,000/);
    assert.match(await row.locator('.theirs').textContent(), /420,000/);
    const mergeButton = page.locator('[data-testid="import-merge"]');
    assert.ok(await mergeButton.isDisabled(), 'Merge waits for the conflict');
    await page.locator('[data-testid="settle-first"]').waitFor();
    await conflict.locator(`[data-keep="${keep}"]`).click();
    assert.equal(await conflict.locator(`[data-keep="${keep}"]`).getAttribute('aria-pressed'), 'true');
    assert.ok(await mergeButton.isEnabled());
    await merge(page);
    await expectTally(page, 'item:w-016:demand', keep === 'ours' ? 350000n : 420000n);
  }));
}

test('a removal is proposed and taken; a change outside the district is left out unless ticked', () => withBoard(async ({ page }) => {
  const slice = await exportSlice(page, 'dongcheng');
  // Dongcheng drops its science night (and the link that fed it) and, beyond
  // its part, writes a new budget into the municipal program.
  slice.items = slice.items.filter((i) => i.id !== 'w-017');
  slice.links = slice.links.filter((l) => l.target !== 'w-017' && l.source !== 'w-017');
  item(slice, 'w-001').budget = 9000000;
  const file = await returned('dongcheng.json', slice);

  for (const tick of [false, true]) {
    await page.locator('[data-testid="import-input"]').setInputFiles(file);
    const removed = change(page, 'items/w-017');
    await removed.waitFor();
    assert.equal(await removed.getAttribute('data-kind'), 'removed');
    assert.ok(await removed.locator('input[type="checkbox"]').isChecked());
    assert.match(await removed.textContent(), /Palace Museum science night/);
    const outside = change(page, 'items/w-001');
    assert.equal(await outside.getAttribute('data-kind'), 'outside');
    assert.equal(await outside.locator('input[type="checkbox"]').isChecked(), false, 'outside changes start unticked');
    const items = page.locator('.diff tr[data-kind="items"]');
    assert.equal(await items.getAttribute('data-removed'), '1');
    assert.equal(await items.getAttribute('data-changed'), '0');
    if (tick) {
      await outside.locator('input[type="checkbox"]').check();
      await eventually(() => items.getAttribute('data-changed'), '1', 'the count says what Merge does');
    }
    await merge(page);
    await card(page, 'w-017').waitFor({ state: 'detached' });
    await expectTally(page, 'item:w-001:budget', tick ? 9000000n : BigInt(original['w-001'].budget));
    if (!tick) {
      await page.keyboard.press('Control+z');
      await card(page, 'w-017').waitFor();
    }
  }
}));

test("sixteen districts' returns and a broken file: sixteen merge in one step, one is refused, one undo takes them back", () => withBoard(async ({ page }) => {
  await togglePlans(page);
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await page.locator('[data-testid="export-all-slices"]').click();
  await eventually(() => downloads.length, districts.length, 'one file per district', 10_000);
  for (const u of districts) {
    await eventually(() => status(page, u.id).getAttribute('data-state'), 'sent', `${u.id} is sent`);
  }
  assert.equal(await status(page, 'science-center').getAttribute('data-state'), 'not-sent');

  // Each district raises the demand of its first item by its own amount.
  const files = [];
  const raised = {};
  for (const [n, d] of downloads.entries()) {
    const name = d.suggestedFilename();
    const slice = JSON.parse(fs.readFileSync(await d.path(), 'utf8'));
    const unit = districts.find((u) => u.id === slice.sent.unit);
    assert.ok(unit, `${name} is a district's slice`);
    const stem = unit.name.replace(/[^A-Za-z0-9_-]+/g, '-');
    assert.match(name, new RegExp(`^2027-Work-Plan-municipal-and-district-associations-${stem}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const mine = slice.items.find((i) => i.unit === unit.id);
    mine.demand += 1000 * (n + 1);
    raised[mine.id] = BigInt(mine.demand);
    files.push(await returned(name, slice));
  }
  files.push(await returned('broken.json', '{"format": "linkage-plan", "version": 1, "items": ['));
  await togglePlans(page);

  await page.locator('[data-testid="import-input"]').setInputFiles(files);
  await page.locator('[data-submission="broken.json"]').waitFor();
  assert.equal(await page.locator('[data-submission][data-state="ok"]').count(), districts.length);
  const broken = page.locator('[data-submission="broken.json"]');
  assert.equal(await broken.getAttribute('data-state'), 'refused');
  assert.match(await broken.locator('[data-testid="import-error"]').textContent(), /line \d+, column \d+/);
  assert.equal(await page.locator('[data-testid="merge-summary"]').getAttribute('data-taken'), String(districts.length));
  const rev = await revision(page);
  await merge(page);
  assert.equal(await revision(page), rev + 1, 'one change');
  for (const [id, demand] of Object.entries(raised)) await expectTally(page, `item:${id}:demand`, demand);
  await togglePlans(page);
  for (const u of districts) assert.equal(await status(page, u.id).getAttribute('data-state'), 'returned', u.id);
  await togglePlans(page);

  await page.keyboard.press('Control+z');
  for (const id of Object.keys(raised)) await expectTally(page, `item:${id}:demand`, BigInt(original[id].demand));
  await togglePlans(page);
  for (const u of districts) assert.equal(await status(page, u.id).getAttribute('data-state'), 'sent', u.id);
}));

test('several returned files dropped together are previewed together and merge in one step', () => withBoard(async ({ page }) => {
  const dongcheng = await exportSlice(page, 'dongcheng');
  const xicheng = await exportSlice(page, 'xicheng');
  item(dongcheng, 'w-016').demand = 310000;
  item(xicheng, 'w-018').title = 'Financial street innovation salon, autumn';
  await dropFiles(page, [
    ['dongcheng.json', JSON.stringify(dongcheng)],
    ['xicheng.json', JSON.stringify(xicheng)],
  ]);
  await page.locator('[data-submission="xicheng.json"][data-state="ok"]').waitFor();
  assert.equal(await page.locator('[data-submission="dongcheng.json"]').getAttribute('data-state'), 'ok');
  assert.match(await change(page, 'items/w-018').textContent(), /innovation salon\s*→\s*Financial street innovation salon, autumn/);
  // Several files: only Merge and Cancel.
  assert.equal(await page.locator('[data-testid="import-replace"]').count(), 0);
  assert.equal(await page.locator('[data-testid="import-new"]').count(), 0);
  const rev = await revision(page);
  await merge(page);
  assert.equal(await revision(page), rev + 1);
  await expectTally(page, 'item:w-016:demand', 310000n);
  await card(page, 'w-018').filter({ hasText: 'autumn' }).waitFor();
}));
