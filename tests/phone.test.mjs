// The board on a phone (390 × 844, touch; also 360 and 430 wide): nothing
// wider than the screen on the board or in any view or dialog, the toolbar's
// actions in a menu, the plan's figures wrapped and the filters folded, one
// unit at a time with a picker and a swipe that stay in step, and linking
// by touch between two units, by dragging to the screen's edge or by
// "Link from here" then a tap on the target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/harness.mjs';
import { useBoard, withBoard, PHONE } from './support/fixture.mjs';
import { demoPlan, tallies } from './support/plan.mjs';
import { activeTestId, card, eventually, expectTally } from './support/board.mjs';

useBoard();
const plan = demoPlan();
const want = tallies(plan);


/** What sticks out of the screen sideways, and the page's own width. A box
 * that scrolls sideways on purpose (the board's units, the matrix, the map,
 * the summary's table) must fit, and so must a drawing; what they hold may
 * lie beyond (scrolled to, or clipped: a line to a card in another unit). */
function overflow(page) {
  return page.evaluate(() => {
    const scrollers = '[data-testid="board"], .matrix-wrap, .district-map, .categories, svg';
    const width = window.innerWidth;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if ((r.width === 0 && r.height === 0) || getComputedStyle(el).visibility === 'hidden') continue;
      if (r.left >= -0.5 && r.right <= width + 0.5) continue;
      if (el.parentElement?.closest(scrollers)) continue;
      const name = el.getAttribute('data-testid') || el.className?.baseVal || el.className || '';
      out.push(`${el.tagName.toLowerCase()}.${name} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
    }
    return { page: document.documentElement.scrollWidth - width, out };
  });
}

async function fits(page, where) {
  const o = await overflow(page);
  assert.ok(o.page <= 0, `${where}: the page is ${o.page}px wider than the screen`);
  assert.deepEqual(o.out, [], `${where}: nothing sticks out of the ${page.viewportSize().width}px screen`);
}

const ACTIONS = ['new-plan', 'plan-setup', 'undo', 'redo', 'export', 'open-file', 'paste', 'print', 'plans-toggle', 'present', 'theme', 'language'];

async function openMenu(page) {
  const menu = page.locator('[data-testid="menu"]');
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await eventually(() => menu.getAttribute('aria-expanded'), 'true', 'the menu is open');
  await page.locator('[data-testid="plans-toggle"]').waitFor({ state: 'visible' });
}

async function menuClosed(page) {
  await eventually(() => page.locator('[data-testid="menu"]').getAttribute('aria-expanded'), 'false', 'the menu is closed');
  await page.locator('[data-testid="plans-toggle"]').waitFor({ state: 'hidden' });
}

/** Whether the column of `unit` fills the board's view, whole. */
function unitInView(page, unit) {
  return page.locator(`[data-unit-id="${unit}"]`).evaluate((col) => {
    const r = col.getBoundingClientRect();
    return r.left >= 0 && r.right <= window.innerWidth;
  });
}

const columnOf = (page, unit) => page.locator(`[data-unit-id="${unit}"]`).getAttribute('data-column');
const picker = (page) => page.locator('[data-testid="unit-picker"]');

/** The unit picker says `unit`, and that unit's column is the one in view. */
async function showing(page, unit, message) {
  const column = await columnOf(page, unit);
  await eventually(() => picker(page).inputValue(), column, `${message}: the picker says ${unit}`);
  await eventually(() => unitInView(page, unit), true, `${message}: ${unit} is in view`);
}

/** A finger swipe across the board (real touch events through the DevTools protocol). */
async function swipe(page, from, dx) {
  const cdp = await page.context().newCDPSession(page);
  const point = (x) => [{ x: Math.round(x), y: Math.round(from.y), id: 2, radiusX: 4, radiusY: 4, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from.x) });
  for (let i = 1; i <= 8; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(from.x + (dx * i) / 8) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** The middle of an element's box on screen. */
async function middle(locator) {
  const b = await locator.boundingBox();
  assert.ok(b, 'on screen');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

test('the board fits a phone: a menu holds every toolbar action, the figures wrap, the filters fold, one unit shows', () => withBoard({ phone: true, locale: 'zh-CN' }, async ({ page }) => {
  await fits(page, 'the board');
  const menu = page.locator('[data-testid="menu"]');
  assert.equal((await menu.textContent()).trim().endsWith('菜单'), true);
  assert.equal(await page.locator('.toolbar').evaluate((t) => t.scrollWidth <= t.clientWidth), true, 'the toolbar does not scroll sideways');
  for (const id of ACTIONS) assert.equal(await page.locator(`[data-testid="${id}"]`).isVisible(), false, `${id} is in the closed menu`);
  // Every plan figure is on the screen, whole.
  for (const field of ['budget', 'demand', 'received', 'given', 'gap', 'pool', 'remaining', 'coverage']) {
    const box = await page.locator(`[data-tally="plan:${field}"]`).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `plan ${field} is on screen`);
  }
  // The filters are folded; the first screen shows the board's first unit.
  assert.equal(await page.locator('[data-testid="filter-text"]').isVisible(), false);
  assert.equal(await unitInView(page, 'bast'), true);
  const firstCard = await card(page, plan.items[0].id).boundingBox();
  assert.ok(firstCard.y < PHONE.height, 'a card shows on the first screen');
  await screenshot(page, 'phone-board-zh');
  const toggle = page.locator('[data-testid="filters-toggle"]');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  await page.locator('[data-testid="filter-text"]').fill('海淀');
  await eventually(async () => (await toggle.textContent()).trim(), '筛选（1）', 'the toggle says one filter is on');
  await fits(page, 'the filters');
  await page.locator('[data-testid="filter-text"]').fill('');
  await toggle.click();
  await page.locator('[data-testid="filter-text"]').waitFor({ state: 'hidden' });

  // Opened, the menu lists every action on the screen.
  await openMenu(page);
  assert.equal(await page.locator(`#${await menu.getAttribute('aria-controls')}`).isVisible(), true);
  for (const id of ACTIONS) {
    const box = await page.locator(`[data-testid="${id}"]`).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width && box.y + box.height <= PHONE.height, `${id} is on screen in the menu`);
  }
  await fits(page, 'the open menu');
  await screenshot(page, 'phone-menu-zh');
  // A tap outside (on the app's name) closes it.
  const name = await middle(page.locator('.app-name'));
  await page.touchscreen.tap(name.x, name.y);
  await menuClosed(page);

  // From the keyboard: Enter opens, the arrows move, Esc closes and the
  // focus is back on the button; Space opens, Tab goes into the list.
  await menu.focus();
  await page.keyboard.press('Enter');
  await eventually(() => menu.getAttribute('aria-expanded'), 'true', 'Enter opens the menu');
  await page.keyboard.press('ArrowDown');
  await eventually(() => activeTestId(page), 'new-plan', 'ArrowDown goes to the first action');
  await page.keyboard.press('ArrowDown');
  await eventually(() => activeTestId(page), 'plan-setup', 'ArrowDown goes to the next');
  await page.keyboard.press('ArrowUp');
  await eventually(() => activeTestId(page), 'new-plan', 'ArrowUp goes back');
  await page.keyboard.press('Escape');
  await menuClosed(page);
  await eventually(() => activeTestId(page), 'menu', 'Esc gives the focus back to the button');
  await page.keyboard.press(' ');
  await eventually(() => menu.getAttribute('aria-expanded'), 'true', 'Space opens the menu');
  await page.keyboard.press('Tab');
  await eventually(() => activeTestId(page), 'new-plan', 'Tab goes into the list');
  await page.keyboard.press('Escape');
  await menuClosed(page);

  // Each action works from the menu: language, export, Plans & files, set-up, new plan.
  await openMenu(page);
  await page.locator('[data-testid="language"] [data-lang="en"]').click();
  await menuClosed(page);
  await eventually(() => page.evaluate(() => document.documentElement.lang), 'en', 'the language is English');
  await eventually(async () => (await menu.textContent()).trim().endsWith('Menu'), true, 'the button says Menu');
  await openMenu(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export"]').click()]);
  assert.match(download.suggestedFilename(), /\.json$/);
  await menuClosed(page);

  await openMenu(page);
  await page.locator('[data-testid="plans-toggle"]').click();
  await menuClosed(page);
  await page.locator('[data-testid="plans"]').waitFor({ state: 'visible' });
  await fits(page, 'Plans & files');
  await openMenu(page);
  await page.locator('[data-testid="plans-toggle"]').click();
  await page.locator('[data-testid="plans"]').waitFor({ state: 'detached' });

  await openMenu(page);
  await page.locator('[data-testid="plan-setup"]').click();
  await page.locator('[data-testid="setup-panel"]').waitFor({ state: 'visible' });
  await eventually(() => page.evaluate(() => document.activeElement?.name), 'title', 'the set-up panel takes the focus');
  await fits(page, 'the set-up panel');
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="setup-panel"]').waitFor({ state: 'detached' });
  await eventually(() => activeTestId(page), 'menu', 'closing set-up gives the focus to the menu button');

  await openMenu(page);
  await page.locator('[data-testid="new-plan"]').click();
  await page.locator('[data-testid="new-plan-dialog"]').waitFor({ state: 'visible' });
  await fits(page, 'the new-plan choice');
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="new-plan-dialog"]').waitFor({ state: 'detached' });
  await eventually(() => activeTestId(page), 'menu', 'closing the choice gives the focus to the menu button');
}));

test('the picker and a swipe move between units and stay in step', () => withBoard({ phone: true }, async ({ page }) => {
  await showing(page, 'bast', 'at first');
  assert.equal(await unitInView(page, 'dongcheng'), false, 'one unit at a time');
  // Each unit is named with its figures.
  const option = picker(page).locator(`option[value="${await columnOf(page, 'dongcheng')}"]`);
  const text = await option.textContent();
  const yuan = (n) => BigInt(n).toLocaleString('en-US');
  assert.ok(text.includes('Dongcheng'), text);
  assert.ok(text.includes(`Received ${yuan(want.units.dongcheng.received)}`) && text.includes(`Demand ${yuan(want.units.dongcheng.demand)}`), text);

  await picker(page).selectOption(await columnOf(page, 'haidian'));
  await showing(page, 'haidian', 'picked');
  // A swipe to the left brings the next unit, to the right the one before.
  const from = await middle(page.locator('[data-unit-id="haidian"] .column-head'));
  await swipe(page, { x: from.x + 120, y: from.y }, -240);
  await showing(page, 'fengtai', 'swiped left');
  // Across a card too (most of a unit is cards); a swipe does not select it.
  const over = await middle(page.locator('[data-unit-id="fengtai"] [data-item-id]').first());
  await swipe(page, { x: over.x - 120, y: over.y }, 240);
  await showing(page, 'haidian', 'swiped right');
  assert.equal(await page.locator('[data-testid="details"]').count(), 0, 'no card was selected by the swipe');
  // The buttons, for those who cannot swipe.
  await page.locator('[data-testid="unit-next"]').click();
  await showing(page, 'fengtai', 'next');
  await page.locator('[data-testid="unit-previous"]').click();
  await showing(page, 'haidian', 'previous');
  await picker(page).selectOption(await columnOf(page, 'bast'));
  await showing(page, 'bast', 'back to the first');
  assert.equal(await page.locator('[data-testid="unit-previous"]').isDisabled(), true, 'nothing before the first unit');
}));

test('a touch drag from a grip, held at the screen edge, reaches the next unit and links there', () => withBoard({ phone: true }, async ({ page }) => {
  const source = 'w-003';
  const target = 'w-016'; // Dongcheng's, the unit after BAST's
  const amount = 30000n;
  const grip = card(page, source).locator('.grip');
  await grip.scrollIntoViewIfNeeded();
  const a = await middle(grip);
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, x, y) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: Math.round(x), y: Math.round(y), id: 1, radiusX: 4, radiusY: 4, force: 1 }] });
  await touch('touchStart', a.x, a.y);
  const edge = PHONE.width - 8;
  for (let i = 1; i <= 8; i++) await touch('touchMove', a.x + ((edge - a.x) * i) / 8, a.y);
  // Held at the edge, the board brings Dongcheng; the finger leaves the edge.
  await eventually(async () => picker(page).inputValue(), await columnOf(page, 'dongcheng'), 'the next unit comes');
  await touch('touchMove', PHONE.width / 2, a.y);
  await eventually(() => unitInView(page, 'dongcheng'), true, 'Dongcheng is in view');
  const b = await middle(card(page, target));
  for (let i = 1; i <= 6; i++) await touch('touchMove', PHONE.width / 2 + ((b.x - PHONE.width / 2) * i) / 6, a.y + ((b.y - a.y) * i) / 6);
  await eventually(async () => /\bover\b/.test(await card(page, target).getAttribute('class')), true, 'the target is under the finger');
  await touch('touchEnd');
  await cdp.detach();
  const input = page.locator('[data-testid="link-amount"]');
  await input.waitFor();
  await fits(page, 'the link dialog');
  await input.fill(String(amount));
  await input.press('Enter');
  await input.waitFor({ state: 'detached' });
  await expectTally(page, `item:${target}:received`, want.items[target].received + amount);
  await expectTally(page, 'unit:dongcheng:received', want.units.dongcheng.received + amount);
  await expectTally(page, 'unit:bast:given', want.units.bast.given + amount);
  await expectTally(page, 'plan:received', want.plan.received + amount);
}));

test('"Link from here", then the picker and a tap on the target, links two units by touch', () => withBoard({ phone: true }, async ({ page }) => {
  const source = 'w-004';
  const target = 'w-019'; // Xicheng's
  const amount = 20000n;
  await card(page, source).locator('.card-title').tap();
  await page.locator('[data-testid="details"]').waitFor({ state: 'visible' });
  await fits(page, "the card's links");
  await page.locator('[data-testid="link-from"]').tap();
  await page.locator('[data-testid="link-cancel"]').waitFor({ state: 'visible' });
  await page.locator('[data-testid="details"]').waitFor({ state: 'detached' });
  await fits(page, 'the link hint');
  // A card of the same unit cannot take it: the board says why and waits for another.
  await card(page, 'w-005').locator('.card-title').tap();
  await eventually(async () => /same unit/.test(await page.locator('[data-testid="announcer"]').textContent()), true, 'the refusal is said');
  assert.equal(await page.locator('[data-testid="link-cancel"]').isVisible(), true, 'still linking');
  await picker(page).selectOption(await columnOf(page, 'xicheng'));
  await showing(page, 'xicheng', 'picked while linking');
  assert.match(await card(page, target).getAttribute('class'), /drop-ok/, 'the target can take the link');
  await card(page, target).locator('.card-title').tap();
  const input = page.locator('[data-testid="link-amount"]');
  await input.waitFor();
  await input.fill(String(amount));
  await input.press('Enter');
  await input.waitFor({ state: 'detached' });
  await expectTally(page, `item:${target}:received`, want.items[target].received + amount);
  await expectTally(page, 'unit:xicheng:received', want.units.xicheng.received + amount);
  await expectTally(page, 'unit:bast:given', want.units.bast.given + amount);
}));

test('at 360, 390 and 430 px nothing is wider than the screen: board, menu, pasting, card editor, set-up, Plans & files, summary, matrix, map', () => withBoard({ phone: true }, async ({ page }) => {
  for (const width of [360, 390, 430]) {
    await page.setViewportSize({ width, height: PHONE.height });
    await eventually(() => page.evaluate(() => window.innerWidth), width, 'the screen is resized');
    await eventually(async () => (await overflow(page)).out.length === 0, true, `${width}: the board settles`);
    await fits(page, `${width}: the board`);
    await openMenu(page);
    await fits(page, `${width}: the menu`);
    await page.locator('[data-testid="paste"]').click();
    await page.locator('[role="dialog"]').waitFor({ state: 'visible' });
    await fits(page, `${width}: pasting a plan`);
    await page.keyboard.press('Escape');
    await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
    await page.locator('[data-unit-id="bast"] [data-testid="add-item"]').click();
    await page.locator('[data-testid="card-editor"]').waitFor({ state: 'visible' });
    await fits(page, `${width}: the card editor`);
    await page.locator('[data-testid="cancel-edit"]').click();
    await page.locator('[data-testid="card-editor"]').waitFor({ state: 'detached' });
    await openMenu(page);
    await page.locator('[data-testid="plan-setup"]').click();
    await page.locator('[data-testid="setup-panel"]').waitFor({ state: 'visible' });
    await fits(page, `${width}: set-up`);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="setup-panel"]').waitFor({ state: 'detached' });
    await openMenu(page);
    await page.locator('[data-testid="plans-toggle"]').click();
    await page.locator('[data-testid="plans"]').waitFor({ state: 'visible' });
    await fits(page, `${width}: Plans & files`);
    await openMenu(page);
    await page.locator('[data-testid="plans-toggle"]').click();
    await page.locator('[data-testid="plans"]').waitFor({ state: 'detached' });
    for (const [toggle, view] of [['balance-toggle', '.balance'], ['matrix-view', '[data-testid="matrix"]'], ['map-view', '[data-testid="district-map"]']]) {
      await page.locator(`[data-testid="${toggle}"]`).click();
      await page.locator(view).first().waitFor({ state: 'visible' });
      await fits(page, `${width}: ${toggle}`);
      await page.locator(`[data-testid="${toggle}"]`).click();
      await page.locator(view).first().waitFor({ state: 'detached' });
    }
  }
}));
