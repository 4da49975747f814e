// The balance view: demand against received per district, sortable, one
// balance figure, and resources per category; it follows every change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan, tallies } from './support/plan.mjs';
import { card, eventually, mouseDrag } from './support/board.mjs';

useBoard();

const plan = demoPlan();
const want = tallies(plan);


/** Gini of min(received/demand, 1) over districts with demand, written independently. */
function gini(units) {
  const xs = units
    .filter((u) => u.demand > 0n)
    .map((u) => Math.min(Number(u.received) / Number(u.demand), 1))
    .sort((a, b) => a - b);
  const n = xs.length;
  const sum = xs.reduce((a, b) => a + b, 0);
  let diff = 0;
  for (const a of xs) for (const b of xs) diff += Math.abs(a - b);
  return diff / (2 * n * sum);
}

test('the balance view charts every district, sorts, and gives the balance index', () => withBoard(async ({ page }) => {
  await page.locator('[data-testid="balance-toggle"]').click();
  await page.locator('[data-testid="balance"]').waitFor();
  const districts = plan.units.filter((u) => u.level === 'district');
  const bars = page.locator('.district-bar');
  assert.equal(await bars.count(), 16);
  for (const d of districts) {
    const bar = page.locator(`.district-bar[data-district="${d.id}"]`);
    assert.equal(BigInt(await bar.getAttribute('data-demand')), want.units[d.id].demand);
    assert.equal(BigInt(await bar.getAttribute('data-received')), want.units[d.id].received);
  }
  const g = Number(await page.locator('[data-testid="gini"]').getAttribute('data-value'));
  assert.ok(Math.abs(g - gini(districts.map((d) => want.units[d.id]))) < 1e-4, `gini ${g}`);

  await page.locator('[data-sort="coverage"]').click();
  assert.equal(await bars.first().getAttribute('data-district'), 'yanqing', 'the district nothing reaches comes first');
  await page.locator('[data-sort="demand"]').click();
  const demands = await bars.evaluateAll((els) => els.map((e) => Number(e.dataset.demand)));
  assert.deepEqual(demands, [...demands].sort((a, b) => b - a));

  // Categories add up to the plan.
  const rows = page.locator('[data-testid="categories"] tbody tr');
  const budgets = await rows.evaluateAll((els) => els.map((e) => BigInt(e.querySelector('[data-field="budget"]').dataset.value)));
  assert.equal(budgets.reduce((a, b) => a + b, 0n), want.plan.budget);
  const keyWork = plan.items.filter((i) => i.category === 'key-work').reduce((a, i) => a + BigInt(i.budget), 0n);
  assert.equal(BigInt(await page.locator('[data-category="key-work"] [data-field="budget"]').getAttribute('data-value')), keyWork);
  // Programs with what they have given and what their unit has left.
  const given = await page.locator('[data-testid="programs"] [data-field="given"]').evaluateAll((els) => els.map((e) => BigInt(e.dataset.value)));
  assert.equal(given.reduce((a, b) => a + b, 0n), want.plan.given);
  const bastLeft = page.locator(`[data-program="${plan.items[0].id}"] [data-field="remaining"]`);
  assert.equal(BigInt(await bastLeft.getAttribute('data-value')), want.units.bast.remaining);
  await screenshot(page, 'balance-en');

  // Back to the board, link Yanqing, and the view follows.
  await page.locator('[data-testid="balance-toggle"]').click();
  const yanqing = plan.items.find((i) => i.unit === 'yanqing');
  const program = plan.items.find((i) => i.unit === 'bast');
  await mouseDrag(page, card(page, yanqing.id), card(page, program.id));
  await page.locator('[data-testid="link-amount"]').fill('100000');
  await page.locator('[data-testid="link-amount"]').press('Enter');
  await page.locator('[data-testid="balance-toggle"]').click();
  await eventually(
    async () => page.locator('.district-bar[data-district="yanqing"]').getAttribute('data-received'),
    String(want.units.yanqing.received + 100000n),
  );
  const g2 = Number(await page.locator('[data-testid="gini"]').getAttribute('data-value'));
  assert.ok(g2 < g, `more even once Yanqing is reached (${g} → ${g2})`);
}));

test('an over-allocated pool is flagged, and the remaining figure goes negative', () => withBoard({ viewport: { width: 1600, height: 900 } }, async ({ page }) => {
  const giver = plan.items.find((i) => i.unit === 'consulting-center');
  const taker = plan.items.filter((i) => i.unit === 'yanqing')[1];
  const flag = page.locator('[data-unit-id="consulting-center"] .flag[role="alert"]');
  assert.equal(await flag.count(), 0);
  await mouseDrag(page, card(page, taker.id), card(page, giver.id));
  const amount = want.units['consulting-center'].remaining + 50000n;
  await page.locator('[data-testid="link-amount"]').fill(String(amount));
  await page.locator('[data-testid="link-amount"]').press('Enter');
  // More than the program has left: asked once, then linked.
  const question = page.locator('[data-testid="amount-question"]');
  await question.waitFor();
  assert.match(await question.textContent(), /more than the giving unit has left/);
  await question.locator('[data-testid="confirm-amount"]').click();
  await flag.waitFor();
  assert.match(await flag.textContent(), /Over-allocated/);
  const remaining = page.locator('[data-tally="unit:consulting-center:remaining"]');
  assert.equal(await remaining.getAttribute('data-value'), '-50000');
  assert.match(await remaining.textContent(), /^-50,000$/);
  await page.locator('[data-testid="undo"]').click();
  await flag.waitFor({ state: 'detached' });
}));
