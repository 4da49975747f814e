// Linking work items by dragging (mouse and touch) and from the keyboard,
// with the tallies moving by exactly the link's amount, and undo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan, tallies } from './support/plan.mjs';
import { card, eventually, expectTally, mouseDrag, touchDrag, tally, revision, storedPlan, saved, settled } from './support/board.mjs';

useBoard();

const plan = demoPlan();
const want = tallies(plan);
// Yanqing is the district nothing reaches in the demo; its first item has unmet demand.
const yanqingItem = plan.items.find((i) => i.unit === 'yanqing');
const program = plan.items.find((i) => i.unit === 'bast');
const otherProgram = plan.items.filter((i) => i.unit === 'bast')[1];


function proposal(source, target) {
  const unmet = want.items[target.id].gap > 0n ? want.items[target.id].gap : 0n;
  const left = want.units[source.unit].remaining;
  return left === undefined ? unmet : unmet < left ? unmet : left;
}

test('a mouse drag from a district card onto a municipal program links them and moves the tallies by the amount', () => withBoard(async ({ page }) => {
  const rev = await revision(page);
  await mouseDrag(page, card(page, yanqingItem.id), card(page, program.id), {
    beforeRelease: async () => {
      assert.match(await card(page, program.id).getAttribute('class'), /drop-ok/);
      assert.match(await card(page, yanqingItem.id).getAttribute('class'), /dragging/);
      await screenshot(page, 'dragging');
    },
  });
  const input = page.locator('[data-testid="link-amount"]');
  await input.waitFor();
  const proposed = proposal(program, yanqingItem);
  assert.equal(BigInt(await input.inputValue()), proposed, 'proposes min(unmet demand, remaining pool)');
  await input.press('Enter');
  await input.waitFor({ state: 'detached' });

  await expectTally(page, 'unit:yanqing:received', want.units.yanqing.received + proposed);
  await expectTally(page, 'unit:bast:given', want.units.bast.given + proposed);
  await expectTally(page, 'unit:bast:remaining', want.units.bast.remaining - proposed);
  await expectTally(page, 'plan:received', want.plan.received + proposed);
  await expectTally(page, `item:${yanqingItem.id}:received`, proposed);
  const cov = page.locator('[data-tally="plan:coverage"]');
  assert.equal(Number(await cov.getAttribute('data-covered')), want.coverage.covered + 1, 'Yanqing is reached now');
  assert.equal(await revision(page), rev + 1);
  assert.match(await page.locator('[data-testid="announcer"]').textContent(), /Linked/);

  // The link is listed, with its ends and amount, when the card is selected.
  await card(page, yanqingItem.id).click();
  const row = page.locator(`.link-row[data-source="${program.id}"][data-target="${yanqingItem.id}"]`);
  await row.waitFor();
  assert.equal(BigInt(await row.getAttribute('data-amount')), proposed);
  await page.locator(`.connectors line[data-target="${yanqingItem.id}"]`).waitFor({ state: 'attached' });
  await screenshot(page, 'linked-and-selected');

  // The stored plan holds the link after the autosave.
  await saved(page);
  const stored = JSON.parse(await storedPlan(page));
  assert.ok(stored.links.some((l) => l.source === program.id && l.target === yanqingItem.id && BigInt(l.amount) === proposed));

  // Undo takes it back, tallies and all; redo restores it.
  await page.locator('[data-testid="undo"]').click();
  await expectTally(page, 'unit:yanqing:received', want.units.yanqing.received);
  await expectTally(page, 'plan:received', want.plan.received);
  await expectTally(page, 'unit:bast:remaining', want.units.bast.remaining);
  await page.keyboard.press('Control+Shift+Z');
  await expectTally(page, 'unit:yanqing:received', want.units.yanqing.received + proposed);
  await page.keyboard.press('Control+z');
  await expectTally(page, 'plan:received', want.plan.received);
  assert.deepEqual(page.consoleErrors, []);
}));

test('a touch drag from the card grip links the cards too', () => withBoard(async ({ page }) => {
  // Two cards on screen together: a Xicheng item and a third municipal program.
  const target = plan.items.filter((i) => i.unit === 'xicheng')[1];
  const giver = plan.items.filter((i) => i.unit === 'bast')[2];
  await touchDrag(page, card(page, target.id).locator('.grip'), card(page, giver.id));
  const input = page.locator('[data-testid="link-amount"]');
  await input.waitFor();
  await input.fill('30000');
  await input.press('Enter');
  await input.waitFor({ state: 'detached' });
  await expectTally(page, `item:${target.id}:received`, want.items[target.id].received + 30000n);
  await expectTally(page, 'unit:xicheng:received', want.units.xicheng.received + 30000n);
  await expectTally(page, 'unit:bast:given', want.units.bast.given + 30000n);
  assert.deepEqual(page.consoleErrors, []);
}));

test('dropping on a card of the same unit creates nothing and says why', () => withBoard(async ({ page }) => {
  const before = await storedPlan(page);
  const rev = await revision(page);
  await mouseDrag(page, card(page, program.id), card(page, otherProgram.id), {
    beforeRelease: async () => {
      const over = card(page, otherProgram.id);
      assert.equal(await over.getAttribute('data-refusal'), 'same-unit');
      assert.match(await over.locator('[data-testid="refusal"]').textContent(), /same unit/);
      await screenshot(page, 'drag-refused');
    },
  });
  await settled(page);
  assert.equal(await page.locator('[data-testid="link-amount"]').count(), 0);
  assert.equal(await revision(page), rev);
  assert.equal(await storedPlan(page), before);
  assert.match(await page.locator('[data-testid="announcer"]').textContent(), /same unit/);
}));

test('Esc during a drag, or a drop on empty space, cancels with no change', () => withBoard(async ({ page }) => {
  const before = await storedPlan(page);
  await mouseDrag(page, card(page, yanqingItem.id), card(page, program.id), {
    release: false,
  });
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await settled(page);
  assert.equal(await page.locator('[data-testid="link-amount"]').count(), 0);
  assert.doesNotMatch(await page.locator('[data-testid="board"]').getAttribute('class'), /linking/);

  await mouseDrag(page, card(page, yanqingItem.id), page.locator('.plan-title h1'));
  await settled(page);
  assert.equal(await page.locator('[data-testid="link-amount"]').count(), 0);
  assert.equal(await storedPlan(page), before);
  await expectTally(page, 'plan:received', want.plan.received);
}));

test('linking works from the keyboard alone and is announced', () => withBoard(async ({ page }) => {
  await card(page, program.id).focus();
  await page.keyboard.press('l');
  const announcer = page.locator('[data-testid="announcer"]');
  // Step through the cards that can take the link until a Yanqing item is the target.
  let found = false;
  for (let i = 0; i < plan.items.length && !found; i++) {
    await page.keyboard.press('ArrowRight');
    const over = page.locator('.card.over');
    found = (await over.getAttribute('data-item-id')) === yanqingItem.id;
  }
  assert.ok(found, 'the arrows reach the Yanqing card');
  assert.match(await announcer.textContent(), new RegExp(yanqingItem.title));
  await page.keyboard.press('Enter');
  const input = page.locator('[data-testid="link-amount"]');
  await input.waitFor();
  await eventually(() => input.evaluate((el) => el === document.activeElement), true, 'the amount field has the focus');
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'detached' });
  const amount = proposal(program, yanqingItem);
  await expectTally(page, 'unit:yanqing:received', amount);
  assert.match(await announcer.textContent(), /Linked .* → .*, [\d,]+/);

  // Esc cancels a keyboard link with nothing changed.
  const rev = await revision(page);
  await card(page, program.id).focus();
  await page.keyboard.press('l');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  await settled(page);
  assert.equal(await revision(page), rev);
  assert.equal(await page.locator('.card.over').count(), 0);
}));

test('"Link from here" on the selected card, then a click on the target, links them; Cancel stops with nothing changed', () => withBoard(async ({ page }) => {
  const rev = await revision(page);
  await card(page, program.id).click();
  await page.locator('[data-testid="link-from"]').click();
  await page.locator('[data-testid="link-cancel"]').click();
  await page.locator('[data-testid="link-cancel"]').waitFor({ state: 'detached' });
  assert.doesNotMatch(await page.locator('[data-testid="board"]').getAttribute('class'), /linking/);
  assert.equal(await revision(page), rev);

  await card(page, program.id).click();
  await page.locator('[data-testid="link-from"]').click();
  await card(page, yanqingItem.id).click();
  const input = page.locator('[data-testid="link-amount"]');
  await input.waitFor();
  await input.fill('40000');
  await input.press('Enter');
  await input.waitFor({ state: 'detached' });
  await expectTally(page, 'unit:yanqing:received', want.units.yanqing.received + 40000n);
  await expectTally(page, 'unit:bast:given', want.units.bast.given + 40000n);
  assert.equal(await revision(page), rev + 1);
}));

test('an invalid link amount is refused next to the field and nothing changes', () => withBoard(async ({ page }) => {
  const before = await storedPlan(page);
  await mouseDrag(page, card(page, yanqingItem.id), card(page, program.id));
  const input = page.locator('[data-testid="link-amount"]');
  await input.waitFor();
  for (const bad of ['-5', '12.5', 'abc', '99999999999999999']) {
    await input.fill(bad);
    await input.press('Enter');
    await page.locator('[data-testid="link-amount-error"]').waitFor();
    assert.equal(await input.getAttribute('aria-invalid'), 'true', bad);
  }
  await input.fill('12.5万');
  await input.press('Enter');
  await input.waitFor({ state: 'detached' });
  await expectTally(page, 'unit:yanqing:received', 125000n);
  await page.locator('[data-testid="undo"]').click();
  await saved(page);
  const after = JSON.parse(await storedPlan(page));
  const original = JSON.parse(before);
  assert.deepEqual(after.links, original.links);
}));

test("a link's amount and note are edited, and the link removed, from the selected card", () => withBoard(async ({ page }) => {
  const link = plan.links.find((l) => plan.items.find((i) => i.id === l.target).unit === 'dongcheng');
  const target = plan.items.find((i) => i.id === link.target);
  await card(page, target.id).click();
  const row = page.locator(`.link-row[data-link-id="${link.id}"]`);
  await row.waitFor();
  const amount = row.locator('[data-testid="link-row-amount"]');
  await amount.fill('abc');
  await amount.press('Enter');
  await row.locator('.field-error').waitFor();
  await expectTally(page, 'unit:dongcheng:received', want.units.dongcheng.received);
  await amount.fill('20万');
  await amount.press('Enter');
  const delta = 200000n - BigInt(link.amount);
  await expectTally(page, 'unit:dongcheng:received', want.units.dongcheng.received + delta);
  await page.locator(`.link-row[data-link-id="${link.id}"][data-amount="200000"] [data-testid="link-row-note"]`).fill('Two sessions');
  await page.locator(`.link-row[data-link-id="${link.id}"] [data-testid="link-row-note"]`).press('Tab');
  await saved(page);
  const stored = JSON.parse(await storedPlan(page)).links.find((l) => l.id === link.id);
  assert.deepEqual([stored.amount, stored.note], [200000, 'Two sessions']);
  await page.locator(`.link-row[data-link-id="${link.id}"] [data-testid="remove-link"]`).click();
  await expectTally(page, 'unit:dongcheng:received', want.units.dongcheng.received - BigInt(link.amount));
  await eventually(() => page.locator(`[data-link-id="${link.id}"]`).count(), 0, 'the link is gone from the list and the connectors');
  await page.keyboard.press('Control+z');
  await expectTally(page, 'unit:dongcheng:received', want.units.dongcheng.received + delta);
}));

test('arrow keys move between cards, within a column and across columns', () => withBoard(async ({ page }) => {
  const bast = plan.items.filter((i) => i.unit === 'bast');
  await card(page, bast[0].id).focus();
  const focused = () => page.evaluate(() => document.activeElement?.dataset.itemId);
  await page.keyboard.press('ArrowDown');
  await eventually(focused, bast[1].id, 'ArrowDown moves to the next card');
  await page.keyboard.press('ArrowUp');
  await eventually(focused, bast[0].id, 'ArrowUp moves back');
  await page.keyboard.press('ArrowRight');
  const first = plan.items.find((i) => i.unit === 'dongcheng');
  await eventually(focused, first.id, 'ArrowRight moves to the next column');
}));
