// Editing cards: add, edit every field, delete (links go with it) and undo;
// amounts typed as people write them; the stage view moves a card; filters
// leave the tallies alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan, tallies } from './support/plan.mjs';
import { card, expectTally, mouseDrag, revision, storedPlan, saved } from './support/board.mjs';

useBoard();

const plan = demoPlan();
const want = tallies(plan);


test('a card is edited field by field; amounts read as 125,000 or 12.5万; bad input is refused next to the field', () => withBoard(async ({ page }) => {
  const item = plan.items.find((i) => i.unit === 'haidian');
  // Enter on a focused card opens its editor.
  await card(page, item.id).focus();
  await page.keyboard.press('Enter');
  const form = page.locator('[data-testid="card-editor"]');
  await form.waitFor();
  const before = await storedPlan(page);
  const rev = await revision(page);

  // Refused: the form says why, next to the field, and the plan is unchanged.
  await form.locator('[data-testid="field-budget"]').fill('12.5');
  await form.locator('[data-testid="field-demand"]').fill('-3');
  await form.locator('[data-testid="field-title"]').fill('');
  await form.locator('[data-testid="save-item"]').click();
  assert.equal(await form.locator('.field-error').count(), 3);
  assert.match(await form.textContent(), /whole yuan/);
  assert.match(await form.textContent(), /cannot be negative/);
  assert.equal(await revision(page), rev);
  assert.equal(await storedPlan(page), before);
  await screenshot(page, 'editor-refused');

  await form.locator('[data-testid="field-title"]').fill('AI literacy, phase 2');
  await form.locator('[data-testid="field-budget"]').fill('12.5万元');
  await form.locator('[data-testid="field-demand"]').fill('125,000');
  await form.locator('[data-testid="field-stage"]').selectOption('scheduled');
  await form.locator('[data-testid="field-quarter"]').selectOption('4');
  await form.locator('[data-testid="field-category"]').selectOption('work-brand');
  await form.locator('[data-testid="field-tags"]').fill('youth, 人工智能');
  await form.locator('[data-testid="field-notes"]').fill('Second phase');
  await form.locator('[data-testid="save-item"]').click();
  await form.waitFor({ state: 'detached' });

  assert.equal((await card(page, item.id).locator('.card-title').textContent()).trim(), 'AI literacy, phase 2');
  await expectTally(page, `item:${item.id}:budget`, 125000n);
  await expectTally(page, 'unit:haidian:budget', want.units.haidian.budget - BigInt(item.budget) + 125000n);
  await expectTally(page, 'unit:haidian:demand', want.units.haidian.demand - BigInt(item.demand) + 125000n);
  await saved(page);
  const stored = JSON.parse(await storedPlan(page)).items.find((i) => i.id === item.id);
  assert.deepEqual(
    { stage: stored.stage, quarter: stored.quarter, category: stored.category, tags: stored.tags, notes: stored.notes },
    { stage: 'scheduled', quarter: 4, category: 'work-brand', tags: ['youth', '人工智能'], notes: 'Second phase' },
  );
  await page.locator('[data-testid="undo"]').click();
  await expectTally(page, 'unit:haidian:budget', want.units.haidian.budget);
}));

test('a new card is added to a unit, and deleting a card takes its links, which undo brings back', () => withBoard(async ({ page }) => {
  await page.locator('[data-unit-id="yanqing"] [data-testid="add-item"]').click();
  const form = page.locator('[data-testid="card-editor"]');
  await form.locator('[data-testid="field-title"]').fill('Night sky observation camp');
  await form.locator('[data-testid="field-demand"]').fill('8万');
  await form.locator('[data-testid="field-title"]').press('Enter');
  await form.waitFor({ state: 'detached' });
  const added = page.locator('[data-unit-id="yanqing"] .card', { hasText: 'Night sky observation camp' });
  await added.waitFor();
  await expectTally(page, 'unit:yanqing:demand', want.units.yanqing.demand + 80000n);
  await expectTally(page, 'plan:demand', want.plan.demand + 80000n);

  // A program with links: deleting it removes its links and their tallies.
  const program = plan.items.find((i) => i.unit === 'bast' && plan.links.filter((l) => l.source === i.id).length >= 2);
  const given = want.items[program.id].given;
  await card(page, program.id).dblclick();
  await page.locator('[data-testid="delete-item"]').click();
  await card(page, program.id).waitFor({ state: 'detached' });
  await expectTally(page, 'plan:received', want.plan.received - given);
  await expectTally(page, 'unit:bast:given', want.units.bast.given - given);

  await page.keyboard.press('Control+z');
  await card(page, program.id).waitFor();
  await expectTally(page, 'plan:received', want.plan.received);
  await expectTally(page, `item:${program.id}:budget`, want.items[program.id].budget);
  await card(page, program.id).click();
  assert.equal(await page.locator('.link-row').count(), plan.links.filter((l) => l.source === program.id || l.target === program.id).length);
}));

test('in the stage view, dragging a card to another stage column moves it there', () => withBoard(async ({ page }) => {
  await page.locator('[data-testid="grouping"] [data-group="stage"]').click();
  assert.equal(await page.locator('[data-testid="board"]').getAttribute('data-grouping'), 'stage');
  assert.equal(await page.locator('[data-column^="stage:"]').count(), plan.stages.length);
  const item = plan.items.find((i) => i.stage === 'proposed');
  const from = page.locator(`[data-column="stage:proposed"] [data-item-id="${item.id}"]`);
  await from.waitFor();
  // Cards are labelled with their unit in this view.
  assert.ok((await from.locator('.card-unit').textContent()).trim().length > 0);
  await mouseDrag(page, from, page.locator('[data-column="stage:agreed"] .column-head'));
  await page.locator(`[data-column="stage:agreed"] [data-item-id="${item.id}"]`).waitFor();
  assert.equal(await page.locator(`[data-column="stage:proposed"] [data-item-id="${item.id}"]`).count(), 0);
  await saved(page);
  assert.equal(JSON.parse(await storedPlan(page)).items.find((i) => i.id === item.id).stage, 'agreed');
  // Tallies are the same in every view.
  await expectTally(page, 'plan:budget', want.plan.budget);
  await screenshot(page, 'stage-view');
  await page.locator('[data-testid="undo"]').click();
  await page.locator(`[data-column="stage:proposed"] [data-item-id="${item.id}"]`).waitFor();

  await page.locator('[data-testid="grouping"] [data-group="quarter"]').click();
  const q = plan.items.find((i) => i.quarter === 1);
  await mouseDrag(page, card(page, q.id), page.locator('[data-column="quarter:3"] .column-head'));
  await page.locator(`[data-column="quarter:3"] [data-item-id="${q.id}"]`).waitFor();
}));

test('filters narrow the cards but never the tallies', () => withBoard(async ({ page }) => {
  const all = await page.locator('[data-item-id]').count();
  assert.equal(all, plan.items.length);
  await page.locator('[data-testid="filter-level"]').selectOption('district');
  const districts = plan.items.filter((i) => plan.units.find((u) => u.id === i.unit).level === 'district');
  assert.equal(await page.locator('[data-item-id]').count(), districts.length);
  await page.locator('[data-testid="filter-text"]').fill('science');
  const n = await page.locator('[data-item-id]').count();
  assert.ok(n > 0 && n < districts.length);
  await expectTally(page, 'plan:budget', want.plan.budget);
  await expectTally(page, 'unit:chaoyang:demand', want.units.chaoyang.demand);
  await page.locator('[data-testid="filter-clear"]').click();
  assert.equal(await page.locator('[data-item-id]').count(), all);
}));
