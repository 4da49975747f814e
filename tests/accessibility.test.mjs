// Accessibility as a test: axe-core (pinned in package.json) finds no WCAG
// 2.1 A/AA violation in any state of the app a meeting goes through: the
// board, presentation, one unit in focus, the card editor and its discard
// question, the link amount dialog, the import preview of a valid, a
// refused and a returned file, Plans & files, the balance, the matrix and
// the map, the set-up panel and the New plan dialog. Each language and
// each of the light and high-contrast themes walks through them on one
// page. Keyboard focus shows on buttons, cards, matrix cells and map tiles
// with a ring of at least 3:1 in the light, high-contrast and dark themes,
// and apart from how a selected card looks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixturePath, REPO_ROOT } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan } from './support/plan.mjs';
import { card, eventually, focusWithin } from './support/board.mjs';

useBoard();
const plan = demoPlan();
const AXE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const STATES = [
  'board',
  'card editor',
  'discard question',
  'card details',
  'linking from the keyboard',
  'link amount dialog',
  'import preview (valid file)',
  'import preview (refused file)',
  'paste dialog',
  'plans and files',
  'rename field',
  'returns preview',
  'balance',
  'linkage matrix',
  'matrix cell field',
  'matrix question',
  'district map',
  'set-up panel',
  'set-up removal question',
  'new plan dialog',
  'presentation',
  'focus on one unit',
];

/**
 * Runs axe on the whole page as it is now; returns one line per violation
 * (rule, impact, help, the first few elements) so that a failure says what
 * to fix.
 */
async function violations(page, state) {
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  assert.ok(result.passes.length + result.incomplete.length > 10, `${state}: axe ran its rules`);
  return result.violations.map((v) => {
    const where = v.nodes
      .slice(0, 4)
      .map((n) => `      ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.split('\n').slice(1).join(' ').trim()}` : ''}`)
      .join('\n');
    return `${state}: ${v.id} (${v.impact}) ${v.help} [${v.nodes.length} element(s)]\n${where}`;
  });
}

/**
 * WCAG 1.4.11, which axe does not check: every visible text field and
 * select shows its edge, a border (or a fill) of at least 3:1 against what
 * is around it. Returns one line per field that does not.
 */
async function faintFields(page, state) {
  const faint = await page.evaluate(() => {
    const lum = (c) => {
      const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
        const s = Number(v) / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const clear = (c) => c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c);
    const around = (el) => {
      for (let up = el.parentElement; up; up = up.parentElement) {
        const bg = getComputedStyle(up).backgroundColor;
        if (!clear(bg)) return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    const fields = document.querySelectorAll('input:not([type="checkbox"]):not([type="radio"]):not([type="file"]):not([type="hidden"]), select, textarea');
    return [...fields]
      .filter((el) => el.checkVisibility())
      .flatMap((el) => {
        const style = getComputedStyle(el);
        const outside = around(el);
        const edge = parseFloat(style.borderBottomWidth) > 0 && style.borderBottomStyle !== 'none' ? ratio(style.borderBottomColor, outside) : 0;
        const fill = clear(style.backgroundColor) ? 0 : ratio(style.backgroundColor, outside);
        if (Math.max(edge, fill) >= 3) return [];
        const name = el.getAttribute('data-testid') ?? el.getAttribute('name') ?? el.getAttribute('aria-label') ?? el.tagName.toLowerCase();
        return [`${name}: border ${style.borderBottomColor} on ${outside} is ${edge.toFixed(2)}:1`];
      });
  });
  return faint.map((f) => `${state}: field edge below 3:1 (WCAG 1.4.11) ${f}`);
}

/** Waits until the element that has the focus is inside `locator`. */
const focusIn = (locator, what) => eventually(() => focusWithin(locator), true, `focus moved into ${what}`);

const testId = (page, id) => page.locator(`[data-testid="${id}"]`);

/** Presses a toggle and waits until it says it is on (or off). */
async function toggle(page, id, on) {
  await testId(page, id).click();
  await eventually(() => testId(page, id).getAttribute('aria-pressed'), String(on), `${id} ${on ? 'on' : 'off'}`);
}

/** Goes through every state, calling `check(name)` in each. */
async function walk(page, check) {
  const board = testId(page, 'board');
  await check('board');

  // The card editor, from the keyboard, and the question before a draft is dropped.
  const item = plan.items.find((i) => i.unit === 'haidian');
  await card(page, item.id).focus();
  await page.keyboard.press('Enter');
  const editor = testId(page, 'card-editor');
  await editor.waitFor();
  await focusIn(editor, 'the card editor');
  await check('card editor');
  await testId(page, 'field-title').fill('Draft title');
  // Esc in the field would take the title back; from the next field it asks.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  const ask = page.locator('[role="alertdialog"]');
  await ask.waitFor();
  await check('discard question');
  await testId(page, 'discard-confirm').click();
  await editor.waitFor({ state: 'detached' });

  // A card selected with Space: its details and links beside the board.
  await card(page, item.id).focus();
  await page.keyboard.press('Space');
  await testId(page, 'details').waitFor();
  await check('card details');
  await card(page, item.id).focus();
  await page.keyboard.press('Space');
  await testId(page, 'details').waitFor({ state: 'detached' });

  // The link amount dialog, from the keyboard: a card, L, an arrow, Enter.
  const program = plan.items.find((i) => i.unit === 'bast');
  await card(page, program.id).focus();
  await page.keyboard.press('l');
  await page.keyboard.press('ArrowRight');
  await page.locator('.card.over').waitFor();
  await check('linking from the keyboard');
  await page.keyboard.press('Enter');
  const amount = testId(page, 'link-amount');
  await amount.waitFor();
  await eventually(() => amount.evaluate((el) => el === document.activeElement), true, 'the amount field has the focus');
  await check('link amount dialog');
  await testId(page, 'link-cancel').click();
  await amount.waitFor({ state: 'detached' });

  // Import: a valid file, a refused one, pasted text.
  const input = testId(page, 'import-input');
  await input.setInputFiles(fixturePath('valid/minimal.json'));
  await testId(page, 'import-replace').waitFor();
  await check('import preview (valid file)');
  await testId(page, 'import-cancel').click();
  await testId(page, 'import-replace').waitFor({ state: 'detached' });
  await input.setInputFiles(fixturePath('invalid/dangling-link.json'));
  await testId(page, 'import-error').waitFor();
  await check('import preview (refused file)');
  await testId(page, 'import-cancel').click();
  await testId(page, 'import-error').waitFor({ state: 'detached' });
  await testId(page, 'paste').click();
  await testId(page, 'paste-input').waitFor();
  await check('paste dialog');
  await page.keyboard.press('Escape');
  await testId(page, 'paste-input').waitFor({ state: 'detached' });

  // Plans & files, with a district's slice sent out; then that slice comes
  // back changed: the returns preview, with what it would merge.
  await toggle(page, 'plans-toggle', true);
  await testId(page, 'returns').waitFor();
  await check('plans and files');
  // Renaming from the keyboard: the field takes the focus; Esc gives it back.
  const planId = await board.getAttribute('data-plan-id');
  const renameButton = page.locator(`[data-plan="${planId}"] [data-action="rename"]`).first();
  await renameButton.focus();
  await page.keyboard.press('Enter');
  const renameField = testId(page, 'rename-input');
  await renameField.waitFor();
  await eventually(() => renameField.evaluate((el) => el === document.activeElement), true, 'the rename field has the focus');
  await check('rename field');
  await page.keyboard.press('Escape');
  await renameField.waitFor({ state: 'detached' });
  await eventually(() => renameButton.evaluate((el) => el === document.activeElement), true, 'focus is back on Rename');
  await testId(page, 'slice-unit').selectOption('dongcheng');
  const [download] = await Promise.all([page.waitForEvent('download'), testId(page, 'export-slice').click()]);
  await toggle(page, 'plans-toggle', false);
  const slice = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const returned = slice.items.find((i) => i.unit === 'dongcheng');
  returned.demand += 100000;
  returned.title = `${returned.title} (2)`;
  // And a change outside its part, shown apart and not taken unless chosen.
  const outside = slice.items.find((i) => i.unit !== 'dongcheng');
  outside.title = `${outside.title} (2)`;
  const dir = await fs.promises.mkdtemp('/tmp/lb-a11y-');
  const file = path.join(dir, 'dongcheng.json');
  fs.writeFileSync(file, JSON.stringify(slice));
  await input.setInputFiles(file);
  await page.locator('[data-submission="dongcheng.json"][data-state="ok"]').waitFor();
  await page.locator(`[data-change="items/${outside.id}"][data-kind="outside"]`).waitFor();
  await testId(page, 'import-merge').waitFor();
  await check('returns preview');
  await testId(page, 'import-cancel').click();
  await testId(page, 'import-merge').waitFor({ state: 'detached' });

  // The meeting views.
  await toggle(page, 'balance-toggle', true);
  await testId(page, 'balance').waitFor();
  await check('balance');
  await toggle(page, 'balance-toggle', false);
  await toggle(page, 'matrix-view', true);
  await testId(page, 'matrix').waitFor();
  await check('linkage matrix');
  // An amount typed into a cell of a district with several items: the
  // field, then the question which item takes it.
  const yanqing = new Set(plan.items.filter((i) => i.unit === 'yanqing').map((i) => i.id));
  assert.ok(yanqing.size > 1, 'Yanqing has several items');
  const giver = plan.items.find((i) => i.unit === 'bast' && !plan.links.some((l) => l.source === i.id && yanqing.has(l.target)));
  const cell = page.locator(`[data-cell="${giver.id}|yanqing"]`);
  await cell.focus();
  await page.keyboard.press('Enter');
  const cellField = testId(page, 'matrix-input');
  await cellField.waitFor();
  await cellField.fill('100000');
  await check('matrix cell field');
  await page.keyboard.press('Enter');
  const question = testId(page, 'matrix-question');
  await question.waitFor();
  await check('matrix question');
  await testId(page, 'matrix-question-cancel').click();
  await question.waitFor({ state: 'detached' });
  await eventually(() => cell.evaluate((el) => el === document.activeElement), true, 'focus is back on the cell');
  await toggle(page, 'matrix-view', false);
  await toggle(page, 'map-view', true);
  await testId(page, 'district-map').waitFor();
  await check('district map');
  await toggle(page, 'map-view', false);
  await board.waitFor();

  // Setting up: the panel and the New plan choice.
  await testId(page, 'plan-setup').click();
  await testId(page, 'setup-panel').waitFor();
  await check('set-up panel');
  await page.locator('[data-setup-unit="haidian"] [data-testid="unit-remove"]').click();
  await testId(page, 'confirm-remove').waitFor();
  await check('set-up removal question');
  await page.keyboard.press('Escape');
  await testId(page, 'setup-panel').waitFor({ state: 'detached' });
  await testId(page, 'new-plan').click();
  await testId(page, 'new-plan-dialog').waitFor();
  await check('new plan dialog');
  await page.keyboard.press('Escape');
  await testId(page, 'new-plan-dialog').waitFor({ state: 'detached' });

  // Presentation, and one unit in focus.
  await page.keyboard.press('p');
  await page.locator('[data-testid="board"][data-mode="present"]').waitFor();
  await check('presentation');
  await testId(page, 'focus-unit').click();
  await testId(page, 'focus').waitFor();
  await check('focus on one unit');
  await testId(page, 'focus-unit').click();
  await testId(page, 'focus').waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="board"][data-mode="board"]').waitFor();
}

for (const [locale, lang] of [['zh-CN', 'zh-CN'], ['en-US', 'en']]) {
  for (const theme of ['light', 'contrast']) {
    test(`no WCAG 2.1 A/AA violations in any state: ${lang}, ${theme} theme`, () => withBoard({ locale }, async ({ page }) => {
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      await testId(page, 'theme').selectOption(theme);
      await eventually(() => page.evaluate(() => document.documentElement.dataset.theme), theme, 'the theme is on');
      await page.addScriptTag({ content: AXE });
      const found = [];
      const seen = [];
      await walk(page, async (state) => {
        seen.push(state);
        found.push(...(await violations(page, state)), ...(await faintFields(page, state)));
      });
      assert.equal(found.length, 0, `axe found violations (${lang}, ${theme}):\n${found.join('\n')}\n`);
      assert.deepEqual(seen, STATES, 'every state was checked');
    }));
  }
}

/** WCAG relative luminance and contrast of two "rgb(r, g, b)" colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * How the focused element shows its focus: what it is, whether the browser
 * counts it as keyboard focus, the colours of its outline and of its
 * rings (box-shadows of 2 px or more), and the background they are drawn on
 * (the element's own for an outline drawn inside it, else the nearest
 * ancestor's).
 */
function focusRing(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const opaque = (c) => !/^rgba\(.*,\s*0\)$/.test(c) && c !== 'transparent';
    const rings = [];
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) rings.push(style.outlineColor);
    for (const shadow of style.boxShadow === 'none' ? [] : style.boxShadow.split(/,(?![^(]*\))/)) {
      const spread = shadow.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g)?.[3];
      if (parseFloat(spread) >= 2) rings.push(shadow.match(/rgba?\([^)]*\)/)[0]);
    }
    let under = parseFloat(style.outlineOffset) < 0 ? el : el.parentElement;
    while (under && !opaque(getComputedStyle(under).backgroundColor)) under = under.parentElement;
    return {
      what: `${el.tagName.toLowerCase()}${[...el.attributes].filter((a) => a.name.startsWith('data-')).map((a) => `[${a.name}="${a.value}"]`).join('')}`,
      keyboard: el.matches(':focus-visible'),
      rings,
      background: under ? getComputedStyle(under).backgroundColor : 'rgb(255, 255, 255)',
    };
  });
}

/** Asserts that the focused element (expected to match `selector`) shows a ring of at least 3:1 on its background. */
async function expectVisibleFocus(page, selector, theme) {
  await eventually(() => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector), true, `${selector} has the focus (${theme})`);
  const ring = await focusRing(page);
  assert.ok(ring.keyboard, `${ring.what} shows keyboard focus (${theme})`);
  const best = Math.max(0, ...ring.rings.map((c) => contrast(c, ring.background)));
  assert.ok(best >= 3, `${ring.what}: focus ring ${ring.rings.join(' + ') || 'none'} on ${ring.background} has contrast ${best.toFixed(2)}, needs 3:1 (${theme})`);
  return ring;
}

/** Presses Tab until the focus is on an element matching `selector`. */
async function tabTo(page, selector, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  assert.fail(`Tab never reached ${selector}`);
}

test('keyboard focus shows on buttons, cards, matrix cells and map tiles in every theme, apart from the selection', () => withBoard(async ({ page }) => {
  const [first, second, third] = plan.items.filter((i) => i.unit === 'bast');
  for (const theme of ['light', 'contrast', 'dark']) {
    await testId(page, 'theme').selectOption(theme);
    await eventually(() => page.evaluate(() => document.documentElement.dataset.theme), theme, 'the theme is on');

    // The toolbar: back from the theme switch to the button before it.
    await testId(page, 'theme').focus();
    await page.keyboard.press('Shift+Tab');
    await expectVisibleFocus(page, '.toolbar button', theme);

    // Cards: Space selects one, an arrow moves the focus on; the selected
    // card keeps its own look, different from the focus ring.
    await card(page, first.id).focus();
    await page.keyboard.press('ArrowDown');
    await expectVisibleFocus(page, `[data-item-id="${second.id}"]`, theme);
    await page.keyboard.press('Space');
    await eventually(() => card(page, second.id).getAttribute('aria-current'), 'true', 'the card is selected');
    await page.keyboard.press('ArrowDown');
    const focused = await expectVisibleFocus(page, `[data-item-id="${third.id}"]`, theme);
    const selected = await card(page, second.id).evaluate((el) => {
      const s = getComputedStyle(el);
      return { outline: s.outlineStyle, shadow: s.boxShadow };
    });
    assert.equal(selected.outline, 'none', `the selected card has no focus outline (${theme})`);
    assert.notEqual(selected.shadow, 'none', `the selected card still shows it is selected (${theme})`);
    assert.ok(focused.rings.length > 0);
    await page.keyboard.press('ArrowUp');
    await expectVisibleFocus(page, `[data-item-id="${second.id}"]`, theme);
    await page.keyboard.press('Space');
    await eventually(() => card(page, second.id).getAttribute('aria-current'), null, 'the card is no longer selected');

    // A matrix cell, reached with Tab, and the next one with an arrow.
    await toggle(page, 'matrix-view', true);
    await testId(page, 'matrix').waitFor();
    await tabTo(page, '[data-cell]');
    await expectVisibleFocus(page, '[data-cell]', theme);
    const cellBefore = await page.evaluate(() => document.activeElement.dataset.cell);
    await page.keyboard.press('ArrowRight');
    const row = cellBefore.split('|')[0];
    await eventually(
      () => page.evaluate(([row, before]) => {
        const cell = document.activeElement?.dataset.cell ?? '';
        return cell.startsWith(`${row}|`) && cell !== before;
      }, [row, cellBefore]),
      true,
      'the arrow moved the focus along the row',
    );
    await expectVisibleFocus(page, '[data-cell]', theme);
    await toggle(page, 'matrix-view', false);

    // A map tile, reached with Tab.
    await toggle(page, 'map-view', true);
    await testId(page, 'district-map').waitFor();
    await tabTo(page, '[data-tile]');
    await expectVisibleFocus(page, '[data-tile]', theme);
    await toggle(page, 'map-view', false);
    await testId(page, 'board').waitFor();
  }
}));
