// A long column (a multi-year or merged plan) renders only the cards in view:
// scrolling brings the rest, edits and keyboard moves work anywhere in it,
// and the tallies always cover every card.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan, tallies } from './support/plan.mjs';
import { card, eventually, expectTally, settled } from './support/board.mjs';

useBoard();

/** The demo plan with 400 more work items in Haidian. */
function longPlan() {
  const plan = demoPlan();
  plan.id = 'long-column-plan';
  const stage = plan.stages[0].id;
  for (let i = 0; i < 400; i++) {
    plan.items.push({ id: `hd-extra-${i}`, unit: 'haidian', stage, title: `Haidian extra item ${i}`, budget: 1000 + i, demand: 2000 + i });
  }
  return plan;
}

const cardsIn = (page, unit) => page.locator(`[data-column="unit:${unit}"] [data-item-id]`).count();

test('a long column renders what is in view; scrolling shows the rest; tallies cover every card', async () => {
  const plan = longPlan();
  const want = tallies(plan);
  await withBoard({ plan }, async ({ page }) => {
    await page.locator('[data-testid="board"][data-plan-id="long-column-plan"]:not([aria-busy="true"])').waitFor();
    const total = plan.items.filter((i) => i.unit === 'haidian').length;
    const rendered = await cardsIn(page, 'haidian');
    assert.ok(rendered > 3 && rendered < 60, `${rendered} of ${total} cards rendered`);
    await expectTally(page, 'unit:haidian:budget', want.units.haidian.budget);
    await expectTally(page, 'unit:haidian:demand', want.units.haidian.demand);
    // Short columns are whole.
    assert.equal(await cardsIn(page, 'miyun'), plan.items.filter((i) => i.unit === 'miyun').length);

    // Scroll to the end: the last card is there, the first is gone, the scroll range is the whole column.
    const last = plan.items.filter((i) => i.unit === 'haidian').at(-1);
    const first = plan.items.find((i) => i.unit === 'haidian');
    const scroller = page.locator('[data-column="unit:haidian"] .cards');
    const height = await scroller.evaluate((el) => el.scrollHeight);
    assert.ok(height > total * 80, `scroll height ${height} stands for ${total} cards`);
    await scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await card(page, last.id).waitFor();
    await eventually(() => card(page, first.id).count(), 0, 'the first card left the DOM');
    assert.ok((await cardsIn(page, 'haidian')) < 60);

    // Edit the last card: its column's tally follows. (The column settles on
    // the frame after the scroll; focus the card once it is there to stay.)
    await eventually(async () => {
      await card(page, last.id).focus();
      await settled(page);
      return card(page, last.id).evaluate((el) => el === document.activeElement);
    }, true, 'the last card keeps the focus');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="field-budget"]').fill('1000000');
    await page.locator('[data-testid="save-item"]').click();
    await expectTally(page, `item:${last.id}:budget`, 1000000n);
    await expectTally(page, 'unit:haidian:budget', want.units.haidian.budget - BigInt(last.budget) + 1000000n);
  });
});

test('the arrow keys walk a long column past what was first rendered', async () => {
  const plan = longPlan();
  await withBoard({ plan }, async ({ page }) => {
    const ids = plan.items.filter((i) => i.unit === 'haidian').map((i) => i.id);
    await card(page, ids[0]).focus();
    // About the pace of a held-down key.
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('ArrowDown');
      await settled(page);
    }
    await eventually(() => page.evaluate(() => document.activeElement?.dataset.itemId), ids[80], 'focus on the 81st card');
    assert.ok(await card(page, ids[80]).isVisible());
  });
});

test('keyboard linking reaches a card far down a long column', async () => {
  const plan = longPlan();
  await withBoard({ plan }, async ({ page }) => {
    const source = plan.items.find((i) => i.unit === plan.units.find((u) => u.level === 'municipal').id);
    await card(page, source.id).focus();
    await page.keyboard.press('l');
    // Step backwards from the start: the last candidates in board order come
    // first, and the farthest Haidian cards are among the ones before the affiliates.
    const far = 'hd-extra-399';
    const announcer = page.locator('[data-testid="announcer"]');
    for (let i = 0; i < 200; i++) {
      if ((await announcer.textContent()).endsWith('Haidian extra item 399')) break;
      await page.keyboard.press('ArrowUp');
    }
    await card(page, far).waitFor();
    assert.equal(await page.locator('.card.over').getAttribute('data-item-id'), far);
    // The column scrolls it into view on the frame after it is revealed.
    await eventually(() => card(page, far).isVisible(), true, 'the far card is in view');
    await page.keyboard.press('Escape');
  });
});
