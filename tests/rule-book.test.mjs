// One rule book: a file breaking a rule the commands keep is refused at the
// door (naming the rule, in the reader's language); an odd file that keeps
// the rules can be edited and every edit undone; a district giving to a
// district shows in the matrix, whose sums equal the board's; every amount
// the model asks about is asked about, in the selected card's links and in
// set-up too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO_ROOT } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan, tallies } from './support/plan.mjs';
import { card, eventually, expectTally, mouseDrag, revision, saved, storedPlan } from './support/board.mjs';

useBoard();
const plan = demoPlan();
const ruleBookFile = (name) => path.join(REPO_ROOT, 'tests', 'fixtures', 'invalid', name);

async function importFile(page, file) {
  await page.locator('[data-testid="import-input"]').setInputFiles(file);
  const error = page.locator('[data-testid="import-error"]');
  await error.waitFor();
  return error;
}

for (const [locale, rule] of [
  ['en-US', /Rule 3/],
  ['zh-CN', /规则 3/],
]) {
  test(`a file linking two items both ways is refused naming rule 3 and both links (${locale}); the board stays as it was`, () => withBoard({ locale }, async ({ page }) => {
    const before = await revision(page);
    const error = await importFile(page, ruleBookFile('link-both-ways.json'));
    assert.equal(await error.getAttribute('data-kind'), 'duplicate-link-pair');
    const words = await error.textContent();
    assert.match(words, rule);
    assert.match(words, /back-link/);
    assert.match(words, /l-0001/);
    assert.equal(await page.locator('[data-testid="import-replace"]').count(), 0, 'nothing to replace the plan with');
    await page.locator('[data-testid="import-cancel"]').click();
    assert.equal(await revision(page), before);
  }));
}

test('titles that show nothing (spaces, a full-width space, zero-width spaces) are refused, naming the field', () => withBoard(async ({ page }) => {
  const before = await revision(page);
  for (const name of ['title-of-spaces.json', 'title-of-ideographic-space.json', 'title-of-zero-width-spaces.json']) {
    const error = await importFile(page, ruleBookFile(name));
    assert.equal(await error.getAttribute('data-kind'), 'empty-text', name);
    assert.match(await error.textContent(), /items\[3\]\.title/, name);
    await page.locator('[data-testid="import-cancel"]').click();
    await error.waitFor({ state: 'detached' });
  }
  assert.equal(await revision(page), before);
}));

/** The demo plan with Dongcheng named with spaces alone. */
function oddPlan() {
  const odd = structuredClone(plan);
  odd.units.find((u) => u.id === 'dongcheng').name = '   ';
  odd.revision = (odd.revision ?? 0) + 5;
  return odd;
}

test('a unit named with spaces in a file opens; removing it and undoing brings it back with its cards and links', () => withBoard({ plan: oddPlan() }, async ({ page }) => {
  const odd = oddPlan();
  const cards = odd.items.filter((i) => i.unit === 'dongcheng').map((i) => i.id);
  const links = odd.links.filter((l) => cards.includes(l.source) || cards.includes(l.target));
  assert.ok(links.length > 0, 'the unit has links');
  await page.locator('[data-testid="plan-setup"]').click();
  const row = page.locator('[data-setup-unit="dongcheng"]');
  await row.locator('[data-testid="unit-remove"]').click();
  await row.locator('[data-testid="confirm-remove"]').click();
  await row.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="setup-panel"]').waitFor({ state: 'detached' });
  await card(page, cards[0]).waitFor({ state: 'detached' });
  await page.locator('[data-testid="undo"]').click();
  for (const id of cards) await card(page, id).waitFor();
  await saved(page);
  const stored = JSON.parse(await storedPlan(page));
  assert.equal(stored.units.find((u) => u.id === 'dongcheng').name, '   ');
  assert.deepEqual(
    stored.links.filter((l) => cards.includes(l.source) || cards.includes(l.target)).map((l) => l.id).sort(),
    links.map((l) => l.id).sort(),
  );
  assert.equal(await page.locator('[role="alert"]', { hasText: /stopped|could not be undone/ }).count(), 0);
}));

/** Every drawn row's total and column's cells, read while scrolling the matrix from top to bottom. */
async function readMatrix(page) {
  const wrap = page.locator('.matrix-wrap');
  await wrap.evaluate((w) => (w.scrollTop = 0));
  const rows = new Map();
  for (;;) {
    await eventually(
      () =>
        wrap.evaluate((w) => {
          const r = w.getBoundingClientRect();
          const el = document.elementFromPoint(r.left + 20, r.top + Math.min(r.height / 2, 200));
          return Boolean(el?.closest('tr[data-line]'));
        }),
      true,
      'the lines in view are drawn',
      10_000,
    );
    const seen = await page.locator('tr[data-row]').evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.dataset.row,
        cells: Object.fromEntries([...tr.querySelectorAll('td[data-col]')].map((td) => [td.dataset.col, BigInt(td.dataset.value ?? '0').toString()])),
        total: tr.querySelector('[data-row-total]')?.dataset.value ?? '0',
      })),
    );
    for (const r of seen) rows.set(r.id, r);
    const end = await wrap.evaluate((w) => {
      const end = w.scrollTop + w.clientHeight >= w.scrollHeight - 1;
      if (!end) w.scrollTop += Math.max(40, Math.floor(w.clientHeight * 0.6));
      return end;
    });
    if (end) break;
  }
  return rows;
}

test('a district card dropped on another district links them; the matrix shows the giving district, and its sums equal the board', () => withBoard({ viewport: { width: 1920, height: 1080 } }, async ({ page }) => {
  const [taker, giver] = ['w-016', 'w-018'];
  assert.equal(plan.items.find((i) => i.id === taker).unit, 'dongcheng');
  assert.equal(plan.items.find((i) => i.id === giver).unit, 'xicheng');
  await mouseDrag(page, card(page, taker), card(page, giver));
  const amount = page.locator('[data-testid="link-amount"]');
  await amount.waitFor();
  // Xicheng has no pool: the proposal is not said to be within one.
  assert.match(await page.locator('.link-dialog').textContent(), /has no pool/);
  await amount.fill('12345');
  await amount.press('Enter');
  await amount.waitFor({ state: 'detached' });
  const want = tallies(plan);
  await expectTally(page, 'unit:dongcheng:received', want.units.dongcheng.received + 12345n);
  await saved(page);
  const stored = JSON.parse(await storedPlan(page));
  const made = stored.links.find((l) => l.source === giver && l.target === taker);
  assert.ok(made, 'the card dropped on gives');

  await page.locator('[data-testid="matrix-view"]').click();
  await page.locator('[data-testid="matrix"]').waitFor();
  assert.equal(await page.locator('[data-group="xicheng"]').count(), 1, 'Xicheng gives: it has a group of rows');
  const rows = await readMatrix(page);
  assert.ok(rows.has(giver), 'the giving card is a row');
  const cols = await page.locator('[data-col-total]').evaluateAll((els) => els.map((e) => [e.dataset.colTotal, e.dataset.value]));
  let columnsSum = 0n;
  for (const [col, value] of cols) {
    const cells = [...rows.values()].reduce((a, r) => a + BigInt(r.cells[col] ?? '0'), 0n);
    assert.equal(cells, BigInt(value), `column ${col}: its cells add up to its total`);
    columnsSum += BigInt(value);
  }
  const rowsSum = [...rows.values()].reduce((a, r) => a + BigInt(r.total), 0n);
  assert.equal(rowsSum, columnsSum, 'row totals and column totals add up to the same');
  const corner = page.locator('[data-testid="matrix-corner"]');
  assert.equal(BigInt(await corner.getAttribute('data-given')), columnsSum, 'the corner');
  assert.equal(BigInt(await page.locator('[data-tally="plan:received"]').first().getAttribute('data-value')), columnsSum, 'the plan bar');
}));

test("a link amount in the selected card's panel asks before a thousand-fold change, and Change it leaves the link as it was", () => withBoard(async ({ page }) => {
  const link = plan.links.find((l) => l.amount >= 1000 && plan.items.find((i) => i.id === l.target).unit === 'dongcheng');
  await card(page, link.target).click();
  const row = page.locator(`.link-row[data-link-id="${link.id}"]`);
  const field = row.locator('[data-testid="link-row-amount"]');
  const before = await revision(page);
  const huge = String(link.amount * 1000);
  await field.fill(huge);
  await field.press('Enter');
  const question = row.locator('[data-testid="amount-question"]');
  await question.waitFor();
  assert.equal(await question.locator('[data-question="thousand-times"]').count(), 1);
  // Leaving the field sends the same amount again: still asked, not taken.
  await field.press('Tab');
  assert.equal(await revision(page), before);
  await question.locator('[data-testid="amount-change"]').click();
  await question.waitFor({ state: 'detached' });
  assert.equal(await revision(page), before);
  assert.equal(await row.getAttribute('data-amount'), String(link.amount));
  await field.fill(huge);
  await field.press('Enter');
  await question.waitFor();
  await question.locator('[data-testid="confirm-amount"]').click();
  await eventually(() => row.getAttribute('data-amount'), huge, 'taken once confirmed');
  await saved(page);
  assert.equal(JSON.parse(await storedPlan(page)).links.find((l) => l.id === link.id).amount, link.amount * 1000);
}));

test('a pool more than a hundred times the plan asks in set-up, in Chinese too', () => withBoard({ locale: 'zh-CN' }, async ({ page }) => {
  await page.locator('[data-testid="plan-setup"]').click();
  const row = page.locator('[data-setup-unit="st-newspaper"]');
  const pool = row.locator('input[name="pool"]');
  const before = await revision(page);
  await pool.fill('9000亿');
  await pool.press('Enter');
  const question = row.locator('[data-testid="amount-question"]');
  await question.waitFor();
  assert.equal(await question.locator('[data-question="pool-scale"]').count(), 1);
  assert.match(await question.textContent(), /100 倍/);
  assert.equal(await revision(page), before, 'nothing changed while asking');
  await question.locator('[data-testid="confirm-amount"]').click();
  await question.waitFor({ state: 'detached' });
  await saved(page);
  assert.equal(JSON.parse(await storedPlan(page)).units.find((u) => u.id === 'st-newspaper').pool, 900_000_000_000);
}));
