// The foundation: the release build, served from a sub-path, shows the demo
// board with the right tallies, keeps it across a reload, and shows hostile
// text as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixture, screenshot } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan, tallies, shownTallies, storePlan } from './support/plan.mjs';
import { boardShown, eventually, settled } from './support/board.mjs';

const env = useBoard();

function assertCleanPage(page) {
  assert.deepEqual(page.consoleErrors, [], 'no console errors');
  assert.deepEqual(page.blockedRequests, [], 'no request to another host');
  assert.deepEqual(env.server.badRequests, [], 'every request stays under the sub-path and finds its file');
}

/** The units' ids in board order: municipal first, then districts, then affiliates. */
function boardOrder(plan) {
  const rank = { municipal: 0, district: 1, affiliate: 2 };
  return [...plan.units].sort((a, b) => rank[a.level] - rank[b.level]).map((u) => u.id);
}

test('the demo board shows 21 unit columns in board order with the model tallies', () => withBoard(async ({ page }) => {
  const plan = demoPlan();

  const columns = await page.locator('[data-unit-id]').evaluateAll((els) =>
    els.map((e) => ({ id: e.dataset.unitId, level: e.dataset.level })),
  );
  assert.equal(columns.length, 21);
  const expectedOrder = boardOrder(plan);
  assert.deepEqual(columns.map((c) => c.id), expectedOrder, 'municipal first, then districts, then affiliates');
  assert.equal(columns.filter((c) => c.level === 'district').length, 16);

  const board = page.locator('[data-testid="board"]');
  assert.equal(await board.getAttribute('data-plan-id'), plan.id);
  assert.match(await board.getAttribute('data-revision'), /^\d+$/);

  const want = tallies(plan);
  const shown = await shownTallies(page);
  for (const [unit, t] of Object.entries(want.units)) {
    for (const [field, value] of Object.entries(t)) {
      assert.equal(shown[`unit:${unit}:${field}`], value.toString(), `unit ${unit} ${field}`);
    }
  }
  for (const field of ['budget', 'demand', 'received', 'given', 'gap', 'pool', 'remaining']) {
    assert.equal(shown[`plan:${field}`], want.plan[field].toString(), `plan ${field}`);
  }
  assert.equal(shown['plan:coverage'], `${want.coverage.covered}/${want.coverage.districts}`);
  for (const [item, t] of Object.entries(want.items)) {
    for (const field of ['budget', 'demand', 'received']) {
      assert.equal(shown[`item:${item}:${field}`], t[field].toString(), `item ${item} ${field}`);
    }
  }
  // Every card of the plan is on the board, in its unit's column.
  const cards = await page.locator('[data-item-id]').evaluateAll((els) =>
    els.map((e) => [e.dataset.itemId, e.closest('[data-unit-id]').dataset.unitId]),
  );
  assert.deepEqual(new Map(cards), new Map(plan.items.map((i) => [i.id, i.unit])));

  // Amounts read as people write them, never as raw or float numbers.
  const texts = await page.locator('dd[data-tally][data-value]').allTextContents();
  assert.ok(texts.length > 100);
  for (const t of texts) assert.match(t.trim(), /^-?\d{1,3}(,\d{3})*$/, `"${t}" is grouped by thousands`);

  await screenshot(page, 'board-en');
  assertCleanPage(page);
}));

/** Records what the board held the moment it appeared, and each change of its busy state. */
const watchBoard = () => {
  window.__board = { first: null, busy: [] };
  new MutationObserver(() => {
    const board = document.querySelector('[data-testid="board"]');
    if (!board) return;
    const busy = board.getAttribute('aria-busy');
    if (window.__board.first === null) window.__board.first = { columns: board.querySelectorAll('[data-column]').length, busy };
    if (window.__board.busy.at(-1) !== busy) window.__board.busy.push(busy);
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
};

async function drawnColumns(page) {
  const columns = await page.locator('[data-testid="board"] > [data-column]').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-unit-id')));
  assert.deepEqual(columns, boardOrder(demoPlan()), 'every column, in board order');
  assert.equal(await page.locator('[data-testid="board"]').getAttribute('aria-busy'), null);
}

test('on a phone the board draws its columns a few at a time when it first shows, busy until every one is there', () =>
  withBoard({ phone: true, init: watchBoard }, async ({ page }) => {
    const seen = await page.evaluate(() => window.__board);
    assert.equal(seen.first.busy, 'true', 'busy when it appears');
    assert.ok(seen.first.columns < 21, `not every column at once: ${seen.first.columns} of 21`);
    assert.deepEqual(seen.busy, ['true', null], 'busy, then done');
    await drawnColumns(page);
  }));

test('on a wide screen the board shows every column at once, never busy', () =>
  withBoard({ init: watchBoard }, async ({ page }) => {
    const seen = await page.evaluate(() => window.__board);
    assert.deepEqual(seen.first, { columns: 21, busy: null });
    assert.deepEqual(seen.busy, [null]);
    await drawnColumns(page);
  }));

test('in Chinese the units show their Chinese names and amounts in 万', () => withBoard({ locale: 'zh-CN' }, async ({ page }) => {
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  const head = page.locator('[data-unit-id="haidian"] .unit-name');
  assert.equal((await head.textContent()).trim(), '海淀区');
  const received = page.locator('[data-tally="plan:received"]');
  const yuan = BigInt(await received.getAttribute('data-value'));
  const wan = (await received.textContent()).trim();
  assert.match(wan, /万$/);
  assert.equal(Number(wan.replace(/[,万]/g, '')) * 10000, Number(yuan));
  await screenshot(page, 'board-zh');
  // The language switch goes back to English and is remembered.
  await page.locator('[data-testid="language"] [data-lang="en"]').click();
  assert.equal((await head.textContent()).trim(), 'Haidian District');
  await page.reload();
  await boardShown(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assertCleanPage(page);
}));

test('a reload shows the same board', () => withBoard(async ({ page }) => {
  const board = page.locator('[data-testid="board"]');
  const before = {
    id: await board.getAttribute('data-plan-id'),
    revision: await board.getAttribute('data-revision'),
    tallies: await shownTallies(page),
    cards: await page.locator('[data-item-id]').evaluateAll((els) => els.map((e) => e.dataset.itemId)),
  };
  await page.reload();
  await boardShown(page);
  const afterReload = {
    id: await board.getAttribute('data-plan-id'),
    revision: await board.getAttribute('data-revision'),
    tallies: await shownTallies(page),
    cards: await page.locator('[data-item-id]').evaluateAll((els) => els.map((e) => e.dataset.itemId)),
  };
  assert.deepEqual(afterReload, before);
  assertCleanPage(page);
}));

test('a stored plan opens with the tallies its fixture lists', () => withBoard({ plan: 'valid/beijing-2020.json' }, async ({ page }) => {
  const text = await readFixture('valid/beijing-2020.json');
  const want = JSON.parse(await readFixture('valid/beijing-2020.tallies.json'));
  assert.equal(await page.locator('[data-testid="board"]').getAttribute('data-plan-id'), JSON.parse(text).id);
  const shown = await shownTallies(page);
  for (const [unit, t] of Object.entries(want.units)) {
    for (const [field, value] of Object.entries(t)) {
      assert.equal(shown[`unit:${unit}:${field}`], String(value), `unit ${unit} ${field}`);
    }
  }
  for (const field of ['budget', 'demand', 'received', 'given', 'gap', 'pool']) {
    assert.equal(shown[`plan:${field}`], String(want.plan[field]), `plan ${field}`);
  }
  assert.equal(shown['plan:coverage'], `${want.plan.coverage.covered}/${want.plan.coverage.districts}`);
  assertCleanPage(page);
}));

test('markup in a plan shows as plain text: nothing injected, title unchanged, no dialog', async () => {
  const dialogs = [];
  const dismiss = async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  };
  await withBoard({ before: ({ page }) => page.on('dialog', dismiss) }, async ({ page }) => {
    const titleBefore = await page.title();
    await storePlan(page, await readFixture('valid/unicode-and-markup.json'));
    await page.reload();
    await boardShown(page);
    await settled(page);

    assert.equal(await page.title(), titleBefore);
    assert.deepEqual(dialogs, []);
    const injected = await page.evaluate(
      () => document.querySelectorAll('main img, main b, main script, main iframe, main svg[onload], h1 script').length,
    );
    assert.equal(injected, 0, 'no element made from the plan text');
    assert.equal((await page.locator('h1').textContent()).trim(), "<script>alert('title')</script> 二〇二〇年工作计划 🚀");
    assert.equal(
      (await page.locator('[data-unit-id="d1"] .unit-name').textContent()).trim(),
      '<img src=x onerror="document.title=\'pwned\'">',
    );
    assert.match(await page.locator('[data-item-id="a"] .card-title').textContent(), /<\/div>$/);
    await screenshot(page, 'markup-as-text');
    assertCleanPage(page);
  });
});

test('the board scrolls sideways from the keyboard', () => withBoard({ viewport: { width: 1024, height: 768 } }, async ({ page }) => {
  const board = page.locator('[data-testid="board"]');
  await board.focus();
  const start = await board.evaluate((b) => b.scrollLeft);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  await eventually(() => board.evaluate((b, start) => b.scrollLeft > start + 500, start), true, `scrolled from ${start}`);
  const last = page.locator('[data-unit-id="st-newspaper"]');
  assert.ok(await last.isVisible());
  assertCleanPage(page);
}));
