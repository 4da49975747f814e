// Setting up a board in the browser: a new plan from a template, its
// units, pools and stages changed through the set-up panel, every change
// undoable, bad input refused next to its field, and what is saved still
// a valid plan file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { screenshot, REPO_ROOT } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan, STORAGE_PREFIX, planKey } from './support/plan.mjs';
import { activeTestId, card, eventually, expectTally, mouseDrag, newPlan, revision, storedPlan, saved, settled, boardShown } from './support/board.mjs';
import { validate } from './support/schema.mjs';

useBoard();
const plan = demoPlan();
const SCHEMA = JSON.parse(fs.readFileSync(path.resolve(REPO_ROOT, '..', 'shared', 'plan-format', 'plan.schema.json'), 'utf8'));

const panel = (page) => page.locator('[data-testid="setup-panel"]');
const unitRow = (page, id) => panel(page).locator(`[data-setup-unit="${id}"]`);
const stageRow = (page, id) => panel(page).locator(`[data-setup-stage="${id}"]`);
const boardUnits = (page) =>
  page.locator('[data-testid="board"] [data-unit-id]').evaluateAll((cols) => cols.map((c) => c.getAttribute('data-unit-id')));

async function openSetup(page) {
  await page.locator('[data-testid="plan-setup"]').click();
  await panel(page).waitFor();
  // Focus moves into the panel, on its first field.
  await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('name')), 'title', 'focus in the panel');
}

async function closeSetup(page) {
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'detached' });
  await eventually(() => activeTestId(page), 'plan-setup', 'focus back on the set-up button');
}

/** Types into a field and commits it with Enter. */
async function commit(field, value) {
  await field.fill(value);
  await field.press('Enter');
}


/** Every stored key under the app's prefix, with its text. */
const storedKeys = (page) =>
  page.evaluate((prefix) => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith(prefix)).map((k) => [k, localStorage.getItem(k)])), STORAGE_PREFIX);

/** A stored plan without what every change moves on (revision, time). */
function content(text) {
  const { revision: _r, updated_at: _u, ...rest } = JSON.parse(text);
  return rest;
}

/** Adds a card to a unit's column and returns its id. */
async function addItem(page, unit, title, fields) {
  await page.locator(`[data-unit-id="${unit}"] [data-testid="add-item"]`).click();
  const form = page.locator('[data-testid="card-editor"]');
  await form.locator('[data-testid="field-title"]').fill(title);
  for (const [name, value] of Object.entries(fields)) await form.locator(`[data-testid="field-${name}"]`).fill(value);
  await form.locator('[data-testid="field-title"]').press('Enter');
  await form.waitFor({ state: 'detached' });
  const added = page.locator(`[data-unit-id="${unit}"] .card`, { hasText: title });
  await added.waitFor();
  return added.getAttribute('data-item-id');
}

test('a blank plan of 3 districts is named, given a pool of 150万, and a link leaves that pool less its amount', () => withBoard(async ({ page }) => {
  // The toolbar, with its new button, stays on one line at 1600 px.
  const fits = () => page.locator('.toolbar').evaluate((t) => t.scrollWidth <= t.clientWidth);
  assert.ok(await fits(), 'the toolbar fits in English');

  await newPlan(page, 'blank', { districts: 3 });
  assert.deepEqual(await boardUnits(page), ['municipal', 'district-1', 'district-2', 'district-3']);
  assert.match(await page.locator('.plan-title h1').textContent(), /^\d{4} Work Plan$/);

  await openSetup(page);
  const names = { 'district-1': ['Dongcheng', '东城区'], 'district-2': ['Xicheng', '西城区'], 'district-3': ['Chaoyang', '朝阳区'] };
  for (const [id, [en, zh]] of Object.entries(names)) {
    await commit(unitRow(page, id).locator('input[name="name"]'), en);
    await commit(unitRow(page, id).locator('input[name="name_zh"]'), zh);
  }
  await commit(unitRow(page, 'municipal').locator('input[name="pool"]'), '150万');
  // The board follows at once: column heads and the pool.
  await eventually(() => page.locator('[data-unit-id="district-2"] .unit-name').textContent(), 'Xicheng', 'column head renamed');
  await expectTally(page, 'unit:municipal:pool', 1500000n);
  await expectTally(page, 'unit:municipal:remaining', 1500000n);
  assert.equal(await unitRow(page, 'municipal').locator('input[name="pool"]').inputValue(), '1500000');
  await screenshot(page, 'setup-blank-plan');
  await closeSetup(page);

  const wanted = await addItem(page, 'district-1', 'Night sky camp', { demand: '8万' });
  const program = await addItem(page, 'municipal', 'Science volunteers', { budget: '20万' });
  // The cards have settled (saved) before the drag.
  await saved(page);
  await mouseDrag(page, card(page, wanted), card(page, program));
  const input = page.locator('[data-testid="link-amount"]');
  await input.waitFor();
  const amount = BigInt(await input.inputValue());
  assert.equal(amount, 80000n, 'proposes the unmet demand');
  await input.press('Enter');
  await input.waitFor({ state: 'detached' });
  await expectTally(page, 'unit:municipal:remaining', 1500000n - amount);
  await expectTally(page, 'unit:district-1:received', amount);
  await saved(page);
  const stored = JSON.parse(await storedPlan(page));
  assert.deepEqual(
    stored.units.map((u) => [u.id, u.name, u.name_zh, u.pool ?? null]),
    [
      ['municipal', 'Municipal Association', '市级协会', 1500000],
      ['district-1', 'Dongcheng', '东城区', null],
      ['district-2', 'Xicheng', '西城区', null],
      ['district-3', 'Chaoyang', '朝阳区', null],
    ],
  );
}));

test('removing a unit with items says how many items and links go; undo brings them back exactly; reordering moves the columns, also after a reload', () => withBoard(async ({ page }) => {
  await saved(page);
  const before = await storedPlan(page);
  const items = plan.items.filter((i) => i.unit === 'haidian');
  const ids = new Set(items.map((i) => i.id));
  const links = plan.links.filter((l) => ids.has(l.source) || ids.has(l.target));

  await openSetup(page);
  await unitRow(page, 'haidian').locator('[data-testid="unit-remove"]').click();
  const confirm = unitRow(page, 'haidian').locator('[data-testid="confirm-remove"]');
  await confirm.waitFor();
  const text = await confirm.textContent();
  assert.match(text, new RegExp(`\\b${items.length} items\\b`));
  assert.match(text, new RegExp(`\\b${links.length} links\\b`));
  await eventually(() => activeTestId(page), 'confirm-remove', 'focus on the question');
  await confirm.click();
  await unitRow(page, 'haidian').waitFor({ state: 'detached' });
  await page.locator('[data-unit-id="haidian"]').waitFor({ state: 'detached' });
  await saved(page);
  const removed = JSON.parse(await storedPlan(page));
  assert.ok(!removed.units.some((u) => u.id === 'haidian'));
  assert.equal(removed.items.length, plan.items.length - items.length);
  assert.equal(removed.links.length, plan.links.length - links.length);

  await page.locator('[data-testid="undo"]').click();
  await unitRow(page, 'haidian').waitFor();
  await page.locator('[data-unit-id="haidian"]').waitFor();
  await saved(page);
  assert.deepEqual(content(await storedPlan(page)), content(before), 'undo restores the plan exactly');

  // Reorder: Chaoyang after Haidian; the board's columns follow, and keep it.
  const order = await boardUnits(page);
  await unitRow(page, 'chaoyang').locator('[data-testid="unit-down"]').click();
  const expected = [...order];
  const at = expected.indexOf('chaoyang');
  [expected[at], expected[at + 1]] = [expected[at + 1], expected[at]];
  await eventually(async () => (await boardUnits(page)).join(), expected.join(), 'columns reordered');
  await eventually(() => activeTestId(page), 'unit-down', 'focus stays on the button');
  // The municipal unit has no other of its level to pass.
  assert.ok(await unitRow(page, 'bast').locator('[data-testid="unit-up"]').isDisabled());
  await saved(page);
  await page.reload();
  await boardShown(page);
  assert.deepEqual(await boardUnits(page), expected, 'the order is kept');
}));

test('removing a stage that holds items asks where they go and moves them there; undo puts them back', () => withBoard(async ({ page }) => {
  await saved(page);
  const before = await storedPlan(page);
  const moving = plan.items.filter((i) => i.stage === 'agreed').map((i) => i.id);
  assert.ok(moving.length > 0);

  await openSetup(page);
  // A stage without items goes at once: add one, then remove it.
  await panel(page).locator('[data-testid="stage-add"]').click();
  const added = panel(page).locator('[data-setup-stage]').last();
  const addedId = await added.getAttribute('data-setup-stage');
  assert.ok(!plan.stages.some((s) => s.id === addedId), 'a new id from the model');
  await commit(added.locator('input[name="name"]'), 'Reviewed');
  await eventually(async () => JSON.parse(await storedPlan(page)).stages.at(-1)?.name, 'Reviewed', 'stage added and named');
  await added.locator('[data-testid="stage-remove"]').click();
  await stageRow(page, addedId).waitFor({ state: 'detached' });

  await stageRow(page, 'agreed').locator('[data-testid="stage-remove"]').click();
  const target = stageRow(page, 'agreed').locator('select[name="target"]');
  await target.waitFor();
  await target.selectOption('docking');
  const confirm = stageRow(page, 'agreed').locator('[data-testid="confirm-remove"]');
  assert.match(await confirm.textContent(), new RegExp(`\\b${moving.length} items\\b`));
  await confirm.click();
  await stageRow(page, 'agreed').waitFor({ state: 'detached' });
  await saved(page);
  const after = JSON.parse(await storedPlan(page));
  assert.deepEqual(after.stages.map((s) => s.id), ['proposed', 'docking', 'scheduled']);
  for (const id of moving) assert.equal(after.items.find((i) => i.id === id).stage, 'docking');
  assert.equal(after.items.length, plan.items.length);
  // The board's stage picker follows.
  assert.equal(await page.locator('option[value="agreed"]').count(), 0);

  await page.keyboard.press('Control+z');
  await stageRow(page, 'agreed').waitFor();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await saved(page);
  assert.deepEqual(content(await storedPlan(page)), content(before), 'undo restores the stages and items');
}));

test("next year's plan keeps the units and pools, starts a year on with no links, and leaves this year's plan as it was", () => withBoard(async ({ page }) => {
  await saved(page);
  const keysBefore = await storedKeys(page);
  const oldText = keysBefore[planKey(plan.id)];
  assert.ok(oldText, 'the demo is stored');

  await newPlan(page, 'next-year');
  const newId = await page.locator('[data-testid="board"]').getAttribute('data-plan-id');
  assert.notEqual(newId, plan.id);
  await saved(page);
  const next = JSON.parse(await storedPlan(page));
  assert.equal(next.year, plan.year + 1);
  assert.deepEqual(next.units, plan.units, 'same units, same pools');
  assert.deepEqual(next.stages, plan.stages);
  assert.deepEqual(next.links, []);
  assert.deepEqual(next.items, []);
  assert.match(next.title, new RegExp(`${plan.year + 1}`));
  assert.ok((await page.locator('.plan-meta').textContent()).includes(String(plan.year + 1)), 'the year shown');

  const keysAfter = await storedKeys(page);
  assert.equal(keysAfter[planKey(plan.id)], oldText, "this year's plan is unchanged");
  await page.locator('[data-testid="plans-toggle"]').click();
  await page.locator(`.plan-entry:not(.version)[data-plan="${plan.id}"]`).waitFor();
  await page.locator(`.plan-entry:not(.version)[data-plan="${newId}"]`).waitFor();
  await page.locator('[data-testid="plans-toggle"]').click();

  // Carrying over: the items not at the last stage come along, unlinked.
  await newPlan(page, 'next-year', { carry: true });
  await saved(page);
  const carried = JSON.parse(await storedPlan(page));
  const last = plan.stages.at(-1).id;
  assert.equal(carried.year, plan.year + 2);
  assert.deepEqual(carried.items.map((i) => i.id).sort(), []);
  assert.deepEqual(carried.links, []);
  // From the open (empty) plan nothing carries; from the demo, the open items do.
  await page.locator('[data-testid="undo"]').click();
  await page.locator('[data-testid="undo"]').click();
  await page.locator(`[data-testid="board"][data-plan-id="${plan.id}"]:not([aria-busy="true"])`).waitFor();
  await newPlan(page, 'next-year', { carry: true });
  await saved(page);
  const open = JSON.parse(await storedPlan(page));
  assert.deepEqual(
    open.items.map((i) => i.id).sort(),
    plan.items.filter((i) => i.stage !== last).map((i) => i.id).sort(),
  );
  assert.deepEqual(open.links, []);
}));

test('bad set-up input is refused next to its field, in the interface language, and the plan is unchanged; a second unit of the same name is only a warning', () => withBoard(async ({ page }) => {
  await saved(page);
  const before = await storedPlan(page);
  const rev = await revision(page);
  await openSetup(page);
  const row = unitRow(page, 'haidian');
  const cases = [
    [row.locator('input[name="pool"]'), 'abc', /Write an amount as/],
    [row.locator('input[name="pool"]'), '-5', /cannot be negative/],
    [row.locator('input[name="pool"]'), '9007199254740992', /too large/],
    [row.locator('input[name="name"]'), '', /name cannot be empty/],
    [row.locator('input[name="name"]'), '   ', /name cannot be empty/],
    [stageRow(page, 'docking').locator('input[name="name"]'), '', /name cannot be empty/],
    [panel(page).locator('input[name="year"]'), '1999', /between 2000 and 2100/],
    [panel(page).locator('input[name="year"]'), '2101', /between 2000 and 2100/],
    [panel(page).locator('input[name="year"]'), 'next', /whole number/],
    [panel(page).locator('input[name="title"]'), '', /title/],
  ];
  for (const [field, value, why] of cases) {
    await commit(field, value);
    const describedBy = await field.getAttribute('aria-describedby');
    const alert = page.locator(`[id="${describedBy.split(' ')[0]}"]`);
    await alert.waitFor();
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.match(await alert.textContent(), why, `${value} refused`);
    assert.equal(await revision(page), rev, `${value} changed nothing`);
  }
  // Every field has an accessible name.
  const unnamed = await panel(page).locator('input, select').evaluateAll((fields) =>
    fields.filter((f) => !(f.labels?.length || f.getAttribute('aria-label'))).map((f) => f.name),
  );
  assert.deepEqual(unnamed, []);
  await screenshot(page, 'setup-refused');

  // In Chinese, the same refusal in Chinese.
  await page.locator('[data-lang="zh-CN"]').click();
  await commit(row.locator('input[name="pool"]'), '-5');
  const poolAlert = page.locator(`[id="${await row.locator('input[name="pool"]').getAttribute('aria-describedby')}"]`);
  await eventually(() => poolAlert.textContent(), '金额不能为负数。', 'refused in Chinese');
  assert.ok(await page.locator('.toolbar').evaluate((t) => t.scrollWidth <= t.clientWidth), 'the toolbar fits in Chinese');
  await page.locator('[data-lang="en"]').click();
  await settled(page);
  await saved(page);
  assert.equal(await storedPlan(page), before, 'the stored plan is unchanged');

  // The same name as another district: accepted, with a warning.
  await commit(row.locator('input[name="name"]'), 'chaoyang district');
  await row.locator('[data-testid="unit-warning"]').waitFor();
  assert.match(await row.locator('[data-testid="unit-warning"]').textContent(), /same name/);
  assert.equal(await revision(page), rev + 1);
  const nameAlert = (await row.locator('input[name="name"]').getAttribute('aria-describedby')).split(' ')[0];
  assert.equal(await page.locator(`[id="${nameAlert}"]`).count(), 0, 'the name is no longer refused');
  await page.locator('[data-testid="undo"]').click();
  await eventually(() => row.locator('input[name="name"]').inputValue(), 'Haidian District', 'undo renames it back');
  await closeSetup(page);
}));

test('a first visit with a Chinese browser shows the demo in Chinese, and a new plan is titled in Chinese', () => withBoard({ locale: 'zh-CN' }, async ({ page }) => {
  const titles = await page.locator('[data-testid="board"] .card .card-title').allTextContents();
  assert.ok(titles.length > 0);
  const cjk = /[\u4e00-\u9fff]/;
  assert.ok(titles.every((t) => cjk.test(t)), `Chinese titles: ${titles.slice(0, 3)}`);
  assert.ok(!titles.includes(plan.items[0].title));
  await newPlan(page, 'beijing');
  assert.match(await page.locator('.plan-title h1').textContent(), /^\d{4}年工作计划$/);
  assert.equal(await page.locator('[data-testid="board"] [data-unit-id]').count(), 21);
}));

test('a plan exported after set-up re-imports as identical and keeps to the plan format schema', () => withBoard(async ({ page }) => {
  await newPlan(page, 'blank', { districts: 2 });
  await openSetup(page);
  await commit(panel(page).locator('input[name="title"]'), 'Pilot districts');
  await commit(panel(page).locator('input[name="year"]'), '2031');
  await panel(page).locator('[data-testid="unit-add"]').click();
  const unit = panel(page).locator('[data-setup-unit]').last();
  await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('name')), 'name', 'focus on the new unit');
  const unitId = await unit.getAttribute('data-setup-unit');
  await commit(unit.locator('input[name="name"]'), 'Popular Science Center');
  await unit.locator('select[name="level"]').selectOption('affiliate');
  await commit(unitRow(page, unitId).locator('input[name="pool"]'), '1,200,000');
  await commit(stageRow(page, 'proposed').locator('input[name="name_zh"]'), '提出');
  await panel(page).locator('[data-setup-stage="scheduled"] [data-testid="stage-up"]').click();
  await eventually(() => activeTestId(page), 'stage-up', 'focus follows the row');
  await closeSetup(page);
  await eventually(() => page.locator('.plan-title h1').textContent(), 'Pilot districts', 'title shown');
  await eventually(() => page.locator('.plan-meta').evaluate((p) => p.textContent.startsWith('2031')), true, 'year shown');
  await expectTally(page, `unit:${unitId}:pool`, 1200000n);

  await saved(page);
  const stored = JSON.parse(await storedPlan(page));
  assert.deepEqual(stored.stages.map((s) => s.id), ['proposed', 'docking', 'scheduled', 'agreed']);
  assert.equal(stored.units.at(-1).level, 'affiliate');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export"]').click()]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const exported = JSON.parse(text);
  assert.deepEqual(exported, stored);
  assert.deepEqual(validate(SCHEMA, exported), [], 'the exported plan keeps to the schema');
  await page.locator('[data-testid="import-input"]').setInputFiles(await download.path());
  const note = page.locator('.import-note');
  await note.waitFor();
  assert.equal(await note.getAttribute('data-same-plan'), 'true');
  assert.match(await note.textContent(), /exactly the open plan/);
  await page.locator('[data-testid="import-cancel"]').click();
}));
