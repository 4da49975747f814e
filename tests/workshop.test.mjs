// Workshop mode: both languages everywhere, presentation mode stepping unit
// by unit with the meeting's actions still live, themes; 1920×1080
// screenshots of the board, presentation and balance in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, BOARD_DRAWN } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan, tallies } from './support/plan.mjs';
import { card, expectTally, mouseDrag } from './support/board.mjs';

useBoard();

const plan = demoPlan();
const want = tallies(plan);
const HD = { width: 1920, height: 1080 };


// Text that comes from the plan itself (item titles in the demo are English).
const PLAN_TEXT = '.card-title, .row-head, [data-cell], td[data-col], [data-program] th, [data-focus-item], h1, .details-head h2, .link-ends, .plan-entry-title, .file-name, [data-testid="filter-tag"] option, .drag-ghost, [data-testid="announcer"]';

/** Every visible interface text on the page, leaving out plan content and figures. */
async function interfaceTexts(page) {
  return page.evaluate((planText) => {
    const out = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest(planText) || el.closest('script, style, noscript, [aria-hidden="true"]')) continue;
      if (el.tagName !== 'OPTION' && !el.checkVisibility()) continue;
      if (/^[-\d,.\s/%·:×()+万→]*$/.test(text)) continue;
      out.add(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label]')) {
      if (el.closest(planText) || !el.checkVisibility()) continue;
      for (const a of ['placeholder', 'aria-label']) if (el.getAttribute(a)) out.add(el.getAttribute(a));
    }
    return [...out];
  }, PLAN_TEXT);
}

async function visitEverything(page, collect) {
  await collect();
  await card(page, plan.items[0].id).click();
  await collect();
  await page.locator('[data-testid="edit-selected"]').click();
  await collect();
  await page.locator('[data-testid="cancel-edit"]').click();
  await page.locator('[data-testid="plans-toggle"]').click();
  await collect();
  await page.locator('[data-testid="plans-toggle"]').click();
  await page.locator('[data-testid="balance-toggle"]').click();
  await collect();
  await page.locator('[data-testid="balance-toggle"]').click();
  await page.locator('[data-testid="matrix-view"]').click();
  await page.locator('[data-testid="matrix"]').waitFor();
  await collect();
  await page.locator('[data-testid="map-view"]').click();
  await page.locator('[data-testid="district-map"]').waitFor();
  await collect();
  await page.locator('[data-testid="map-view"]').click();
  await page.locator(BOARD_DRAWN).waitFor();
  await page.locator('[data-testid="plan-setup"]').click();
  await page.locator('[data-testid="setup-panel"]').waitFor();
  await collect();
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="setup-panel"]').waitFor({ state: 'detached' });
  await page.locator('[data-testid="paste"]').click();
  await collect();
  await page.locator('.dialog-backdrop').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await page.locator('[data-testid="focus-unit"]').click();
  await collect();
  await page.locator('[data-testid="focus-unit"]').click();
  await page.keyboard.press('Escape');
  // Leave nothing open for the next pass.
  const backdrop = page.locator('.dialog-backdrop');
  if (await backdrop.count()) await backdrop.click({ position: { x: 5, y: 5 } });
  await page.locator('.dialog-backdrop').waitFor({ state: 'detached' });
}

test('every interface string is translated: no English left in Chinese, no Chinese in English', () => withBoard({ viewport: HD, locale: 'zh-CN' }, async ({ page }) => {
  const zh = new Set();
  await visitEverything(page, async () => (await interfaceTexts(page)).forEach((t) => zh.add(t)));
  // Sizes keep their unit symbols (KB, MB) in Chinese too.
  const allowedLatin = /^(English|CSV|SVG|Excel|HTML|Esc|Page|Down|Up|P|L|r\d+|B|KB|MB|GB|TB)$/;
  const untranslated = [...zh].filter((t) => /[A-Za-z]/.test(t) && !t.split(/[^A-Za-z0-9]+/).filter((w) => /[A-Za-z]/.test(w)).every((w) => allowedLatin.test(w)));
  assert.deepEqual(untranslated, [], 'English strings on the Chinese page');
  assert.ok(zh.size > 60, `${zh.size} strings checked`);

  await page.locator('[data-testid="language"] [data-lang="en"]').click();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  const en = new Set();
  await visitEverything(page, async () => (await interfaceTexts(page)).forEach((t) => en.add(t)));
  // 万 may stand in an English hint: it is what people type (12.5万).
  const chinese = [...en].filter((t) => /[\u3400-\u9fff]/.test(t.replace(/[万元]/g, '')) && t !== '中文');
  assert.deepEqual(chinese, [], 'Chinese strings on the English page');
  // Every string changed with the language (apart from the language names).
  // Strings without a word (25–49%, ↑) read the same in both.
  const same = [...zh].filter((t) => en.has(t) && /[A-Za-z\u3400-\u9fff]/.test(t) && !['中文', 'English'].includes(t) && !/^r\d+$/.test(t));
  assert.deepEqual(same, [], 'strings that did not change');
}));

test('presentation mode: P toggles it, Page Down/Up step unit by unit, and linking stays live', () => withBoard({ viewport: HD }, async ({ page }) => {
  const board = page.locator('[data-testid="board"]');
  await page.keyboard.press('p');
  assert.equal(await board.getAttribute('data-mode'), 'present');
  assert.equal(await page.locator('.controls').isVisible(), false, 'secondary chrome hidden');
  const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.ok(fontSize >= 22, `large type (${fontSize}px)`);
  const current = () => page.locator('[data-column][data-current="true"]').getAttribute('data-column');
  assert.equal(await current(), 'unit:bast');
  await screenshot(page, 'present-en-1920');
  const order = [...plan.units].sort((a, b) => ({ municipal: 0, district: 1, affiliate: 2 })[a.level] - ({ municipal: 0, district: 1, affiliate: 2 })[b.level]);
  for (let i = 1; i <= 5; i++) {
    await page.keyboard.press('PageDown');
    assert.equal(await current(), `unit:${order[i].id}`);
  }
  const col = page.locator(`[data-column="unit:${order[5].id}"]`);
  const [colBox, boardBox] = [await col.boundingBox(), await board.boundingBox()];
  assert.ok(colBox.x >= boardBox.x && colBox.x < boardBox.x + 60, `the current unit is at the left edge (${colBox.x} vs ${boardBox.x})`);
  await page.keyboard.press('PageUp');
  assert.equal(await current(), `unit:${order[4].id}`);

  // The meeting's actions stay live: link, amount, undo.
  await page.keyboard.press('Home');
  for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp');
  const program = plan.items.find((i) => i.unit === 'bast');
  const target = plan.items.filter((i) => i.unit === 'dongcheng')[1];
  assert.ok(!plan.links.some((l) => l.source === program.id && l.target === target.id), 'not linked yet');
  await mouseDrag(page, card(page, target.id), card(page, program.id));
  const amount = page.locator('[data-testid="link-amount"]');
  await amount.fill('1万');
  await amount.press('Enter');
  await expectTally(page, 'unit:dongcheng:received', want.units.dongcheng.received + 10000n);
  await page.locator('[data-testid="undo"]').click();
  await expectTally(page, 'unit:dongcheng:received', want.units.dongcheng.received);
  assert.equal(await board.getAttribute('data-mode'), 'present', 'still presenting');
  await page.keyboard.press('Escape');
  assert.equal(await board.getAttribute('data-mode'), 'board');
}));

test('themes: dark and high contrast are chosen and remembered', () => withBoard(async ({ page }) => {
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const light = await bg();
  await page.locator('[data-testid="theme"]').selectOption('dark');
  assert.notEqual(await bg(), light);
  await page.reload();
  await page.locator(BOARD_DRAWN).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.locator('[data-testid="theme"]').selectOption('contrast');
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ink').trim()), '#000000');
}));

test('1920×1080 screenshots of the board, presentation and balance, in both languages', async () => {
  for (const locale of ['zh-CN', 'en-US']) {
    const tag = locale === 'zh-CN' ? 'zh' : 'en';
    await withBoard({ viewport: HD, locale }, async ({ page }) => {
      await page.screenshot({ path: await shotPath(`board-${tag}-1920`) });
      await page.locator('[data-testid="present"]').click();
      await page.screenshot({ path: await shotPath(`present-${tag}-1920`) });
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="balance-toggle"]').click();
      await page.screenshot({ path: await shotPath(`balance-${tag}-1920`) });
    });
  }
});

async function shotPath(name) {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const { OUTPUT_DIR } = await import('./support/harness.mjs');
  const dir = path.join(OUTPUT_DIR, 'screenshots');
  await fs.mkdir(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

test('printing gives a clean plan document with every item, its amounts and links, and the totals', async () => {
  const { execFileSync } = await import('node:child_process');
  const fs = await import('node:fs');
  await withBoard(async ({ page }) => {
    // What Ctrl+P does first.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.locator('[data-testid="print-doc"]').waitFor({ state: 'attached' });
    const pdf = await shotPath('plan-print').then((p) => p.replace(/\.png$/, '.pdf'));
    await page.pdf({ path: pdf, format: 'A4', printBackground: false });
    // -raw reads the text in the order it is drawn: a title that wraps in its
    // cell stays in one piece.
    const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
    const squash = (s) => s.replace(/\s+/g, '');
    const all = squash(text);
    for (const item of plan.items) assert.ok(all.includes(squash(item.title)), `"${item.title}" is printed`);
    for (const u of plan.units) assert.ok(all.includes(squash(u.name)), `${u.name} is printed`);
    assert.ok(all.includes('Totals') && all.includes(squash('15/16')));
    for (const chrome of ['Undo', 'New plan', 'Export plan', 'By stage', '+ Work item']) {
      assert.ok(!text.includes(chrome), `no "${chrome}" on paper`);
    }
    assert.ok(fs.statSync(pdf).size > 10_000);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.locator('[data-testid="print-doc"]').waitFor({ state: 'detached' });
  });
});

test('focus on one unit, step to the next, and a report timer that counts down on a controllable clock', () => withBoard({ viewport: HD, clock: true }, async ({ page }) => {
  await page.keyboard.press('p');
  await page.locator('[data-testid="focus-unit"]').click();
  const focus = page.locator('[data-testid="focus"]');
  await focus.waitFor();
  assert.equal(await focus.getAttribute('data-focus-unit'), 'bast');
  const bastItems = plan.items.filter((i) => i.unit === 'bast');
  assert.equal(await focus.locator('[data-focus-item]').count(), bastItems.length);
  const link = plan.links.find((l) => l.source === bastItems[0].id);
  const target = plan.items.find((i) => i.id === link.target);
  assert.match(await focus.locator(`[data-focus-item="${bastItems[0].id}"]`).textContent(), new RegExp(target.title));
  assert.equal(await focus.locator('[data-tally="focus:unit:bast:given"], [data-tally="focus:unit:bast:budget"]').first().getAttribute('data-value'), String(want.units.bast.budget));
  await screenshot(page, 'focus-unit-en');
  await page.keyboard.press('PageDown');
  await page.locator('[data-testid="focus"][data-focus-unit="dongcheng"]').waitFor();

  const timer = page.locator('[data-testid="timer"]');
  await page.locator('[data-testid="timer-minutes"]').fill('2');
  await page.locator('[data-testid="timer-minutes"]').press('Enter');
  await page.locator('[data-testid="timer-minutes"]').blur();
  assert.equal(await timer.getAttribute('data-seconds'), '120');
  await page.locator('[data-testid="timer-start"]').click();
  await page.clock.runFor(30_250);
  assert.equal(await timer.getAttribute('data-seconds'), '90');
  assert.equal(await timer.getAttribute('data-state'), 'running');
  await page.locator('[data-testid="timer-start"]').click(); // pause
  await page.clock.runFor(60_000);
  assert.equal(await timer.getAttribute('data-state'), 'paused');
  assert.equal(await timer.getAttribute('data-seconds'), '90');
  await page.locator('[data-testid="timer-start"]').click(); // resume
  await page.clock.runFor(91_000);
  assert.equal(await timer.getAttribute('data-state'), 'done');
  assert.equal(await timer.textContent(), '00:00');
  assert.match(await page.locator('.time-up-note').textContent(), /Time is up/);
  await screenshot(page, 'timer-up-en');
  // The next unit starts a fresh report.
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => document.querySelector('[data-testid="timer"]').dataset.state === 'ready');
  assert.equal(await timer.getAttribute('data-seconds'), '120');
}));
