// Edits survive every interruption: another window adding, removing or
// deleting meanwhile, a reload or a closed tab, a click elsewhere, and Esc.
// Every field follows one rule: Enter or leaving it commits, Esc puts the
// stored value back and stays, a second Esc closes what it is in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, BOARD_DRAWN } from './support/harness.mjs';
import { useBoard, withBoard, withTwoWindows } from './support/fixture.mjs';
import { demoPlan } from './support/plan.mjs';
import { card, eventually, expectTally, linkByKeyboard, revision, saved, storedPlan } from './support/board.mjs';

useBoard();
const plan = demoPlan();
const stored = async (page) => JSON.parse(await storedPlan(page));
const editor = (page) => page.locator('[data-testid="card-editor"]');
const AXE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** WCAG 2.1 A/AA violations axe finds on the page as it is now, one line each. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** Waits until window `b` shows the revision window `a` saved last. */
async function caughtUp(a, b) {
  await saved(a);
  const want = await revision(a);
  await eventually(() => revision(b), want, 'the other window took the saved revision in', 5000);
}

async function newCard(page, unit, title) {
  await page.locator(`[data-unit-id="${unit}"] [data-testid="add-item"]`).click();
  await editor(page).waitFor();
  await editor(page).locator('[data-testid="field-title"]').fill(title);
}

test('two windows each add a card to one unit: both are saved, under different ids, with no question', () => withTwoWindows(async ({ a, b }) => {
  // B starts a card first and is still typing when A adds and saves one.
  await newCard(b, 'xicheng', 'Typed in window B');
  await newCard(a, 'xicheng', 'Added in window A');
  await editor(a).locator('[data-testid="save-item"]').click();
  await editor(a).waitFor({ state: 'detached' });
  await caughtUp(a, b);
  await editor(b).locator('[data-testid="save-item"]').click();
  await editor(b).waitFor({ state: 'detached' });
  await saved(b);
  const titles = (p) => p.items.filter((i) => i.unit === 'xicheng').map((i) => [i.title, i.id]);
  await eventually(async () => titles(await stored(b)).length, plan.items.filter((i) => i.unit === 'xicheng').length + 2, 'both cards are stored', 5000);
  const both = Object.fromEntries(titles(await stored(b)));
  assert.ok(both['Typed in window B'] && both['Added in window A'], 'both titles are stored');
  assert.notEqual(both['Typed in window B'], both['Added in window A'], 'under two ids');
  assert.match(both['Typed in window B'], /^item-[0-9a-z]{4}-\d+$/, 'a short, readable id');
  for (const page of [a, b]) {
    await eventually(() => page.locator('[data-unit-id="xicheng"] .card').filter({ hasText: 'Typed in window B' }).count(), 1, 'B’s card shows');
    await eventually(() => page.locator('[data-unit-id="xicheng"] .card').filter({ hasText: 'Added in window A' }).count(), 1, 'A’s card shows');
  }
  assert.equal(await b.locator('[role="alert"].field-error').count(), 0, 'no rule was broken');
  assert.deepEqual(b.consoleErrors, []);
}));

test('a card being added to a unit another window removes: said at once, saved as a new card in another unit', () => withTwoWindows(async ({ a, b }) => {
  await newCard(b, 'haidian', 'Kept although Haidian went');
  await editor(b).locator('[data-testid="field-budget"]').fill('12万');
  // Window A removes Haidian with its items and links.
  await a.locator('[data-testid="plan-setup"]').click();
  const row = a.locator('[data-setup-unit="haidian"]');
  await row.locator('[data-testid="unit-remove"]').click();
  await row.locator('[data-testid="confirm-remove"]').click();
  await row.waitFor({ state: 'detached' });
  await caughtUp(a, b);
  const notice = editor(b).locator('[data-testid="removed-elsewhere"]');
  await notice.waitFor({ timeout: 5000 });
  assert.match(await notice.textContent(), /unit was removed in another window/);
  assert.deepEqual(await axeViolations(b), [], 'the notice and its choices are accessible');
  await notice.locator('[data-testid="save-as-unit"]').selectOption('chaoyang');
  await notice.locator('[data-testid="save-as-new"]').click();
  await editor(b).waitFor({ state: 'detached' });
  await eventually(async () => {
    const item = (await stored(b)).items.find((i) => i.title === 'Kept although Haidian went');
    return item ? `${item.unit} ${item.budget}` : 'missing';
  }, 'chaoyang 120000', 'stored in the chosen unit with its amount', 5000);
  await b.locator('[data-unit-id="chaoyang"] .card').filter({ hasText: 'Kept although Haidian went' }).waitFor();
  assert.deepEqual(b.consoleErrors, []);
}));

test('an editor open on a card another window deleted says so at once; the draft saves as a new card or is discarded', async () => {
  for (const answer of ['save', 'discard']) {
    await withTwoWindows(async ({ a, b }) => {
      const target = plan.items.find((i) => i.unit === 'dongcheng');
      await card(b, target.id).focus();
      await b.keyboard.press('Enter');
      await editor(b).locator('[data-testid="field-title"]').fill('Rewritten in window B');
      // A deletes the card.
      await card(a, target.id).focus();
      await a.keyboard.press('Enter');
      await editor(a).locator('[data-testid="delete-item"]').click();
      await editor(a).waitFor({ state: 'detached' });
      await caughtUp(a, b);
      const notice = editor(b).locator('[data-testid="removed-elsewhere"]');
      await notice.waitFor({ timeout: 5000 });
      assert.match(await notice.textContent(), /deleted in another window/);
      assert.equal(await editor(b).locator('[data-testid="field-title"]').inputValue(), 'Rewritten in window B', 'the draft is still there');
      if (answer === 'save') {
        // Save does what the notice offers: a new card, never "There is no item".
        await editor(b).locator('[data-testid="save-item"]').click();
        await editor(b).waitFor({ state: 'detached' });
        await eventually(async () => {
          const items = (await stored(b)).items.filter((i) => i.title === 'Rewritten in window B');
          return items.map((i) => `${i.unit} ${i.id !== target.id}`).join();
        }, 'dongcheng true', 'saved as a new card of its unit', 5000);
      } else {
        await notice.locator('[data-testid="discard-draft"]').click();
        await editor(b).waitFor({ state: 'detached' });
        await saved(b);
        assert.ok(!(await stored(b)).items.some((i) => i.title === 'Rewritten in window B'), 'nothing was saved');
      }
      assert.deepEqual(b.consoleErrors, []);
    });
  }
});

for (const locale of ['en-US', 'zh-CN']) {
  test(`a reload with the card editor open asks first, then offers the draft back; nothing reaches the plan until saved (${locale})`, () => withBoard({ locale }, async ({ page }) => {
    await saved(page);
    const target = plan.items.find((i) => i.unit === 'fengtai');
    await card(page, target.id).focus();
    await page.keyboard.press('Enter');
    await editor(page).locator('[data-testid="field-title"]').fill('Draft before the reload');
    await editor(page).locator('[data-testid="field-notes"]').fill('Notes typed, not saved');
    await editor(page).locator('[data-testid="field-budget"]').fill('654321');
    const before = await storedPlan(page);
    const dialogs = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.type());
      await d.accept();
    });
    await page.reload();
    assert.deepEqual(dialogs, ['beforeunload'], 'leaving the page asked first');
    await page.locator(BOARD_DRAWN).waitFor();
    assert.equal(await storedPlan(page), before, 'the draft did not reach the plan');
    const offer = page.locator('[data-testid="restore-draft"]');
    await offer.waitFor();
    const text = await offer.textContent();
    if (locale === 'zh-CN') assert.match(text, /恢复未保存的卡片“Draft before the reload”？/);
    else assert.match(text, /Restore the unsaved card “Draft before the reload”\?/);
    assert.deepEqual(await axeViolations(page), [], 'the offer is accessible');
    await offer.locator('[data-testid="restore-accept"]').click();
    await editor(page).waitFor();
    assert.equal(await editor(page).locator('[data-testid="field-title"]').inputValue(), 'Draft before the reload');
    assert.equal(await editor(page).locator('[data-testid="field-notes"]').inputValue(), 'Notes typed, not saved');
    assert.equal(await editor(page).locator('[data-testid="field-budget"]').inputValue(), '654321');
    await editor(page).locator('[data-testid="save-item"]').click();
    await editor(page).waitFor({ state: 'detached' });
    await expectTally(page, `item:${target.id}:budget`, 654321n);
    await saved(page);
    const item = (await stored(page)).items.find((i) => i.id === target.id);
    assert.equal(item.title, 'Draft before the reload');
    assert.equal(item.notes, 'Notes typed, not saved');
    // Saved: a further reload asks nothing and offers nothing.
    dialogs.length = 0;
    await page.reload();
    await page.locator(BOARD_DRAWN).waitFor();
    await saved(page);
    assert.deepEqual(dialogs, []);
    assert.equal(await offer.count(), 0);
  }));
}

test('a reload with the link dialog holding a typed amount and note asks, then offers the link back', () => withBoard(async ({ page }) => {
  await saved(page);
  const program = plan.items.find((i) => i.unit === 'bast');
  const target = plan.items.find((i) => i.unit === 'yanqing');
  await linkByKeyboard(page, program.id, target.id);
  const amount = page.locator('[data-testid="link-amount"]');
  await amount.fill('12345');
  await page.locator('[data-testid="link-note"]').fill('Kept over a reload');
  const before = await storedPlan(page);
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.type());
    await d.accept();
  });
  await page.reload();
  assert.deepEqual(dialogs, ['beforeunload'], 'leaving the page asked first');
  const offer = page.locator('[data-testid="restore-draft"]');
  await offer.waitFor();
  assert.equal(await storedPlan(page), before, 'no link was made');
  const asked = await offer.textContent();
  assert.ok(asked.includes(`Restore the unsaved link “${program.title}” → “${target.title}”?`), asked);
  await offer.locator('[data-testid="restore-accept"]').click();
  await amount.waitFor();
  assert.equal(await amount.inputValue(), '12345');
  assert.equal(await page.locator('[data-testid="link-note"]').inputValue(), 'Kept over a reload');
  await page.locator('[data-testid="link-accept"]').click();
  await amount.waitFor({ state: 'detached' });
  await saved(page);
  const link = (await stored(page)).links.find((l) => l.source === program.id && l.target === target.id);
  assert.equal(link?.amount, 12345);
  assert.equal(link?.note, 'Kept over a reload');
}));

test('a draft offered back and discarded is gone; closing the tab with a set-up field typed in asks too', () => withBoard(async ({ page }) => {
  await saved(page);
  await newCard(page, 'miyun', 'A card never saved');
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.type());
    await d.accept();
  });
  await page.reload();
  const offer = page.locator('[data-testid="restore-draft"]');
  await offer.waitFor();
  await offer.locator('[data-testid="restore-discard"]').click();
  await offer.waitFor({ state: 'detached' });
  await page.reload();
  await page.locator(BOARD_DRAWN).waitFor();
  await saved(page);
  assert.equal(await offer.count(), 0, 'a discarded draft is not offered again');
  assert.ok(!(await stored(page)).items.some((i) => i.title === 'A card never saved'));
  assert.deepEqual(dialogs, ['beforeunload']);
  // A set-up field with text not yet put in.
  await page.locator('[data-testid="plan-setup"]').click();
  await page.locator('[data-setup-unit="bast"] input[name="pool"]').fill('777万');
  await page.close({ runBeforeUnload: true });
  await eventually(() => dialogs.length, 2, 'closing the tab asked');
  assert.equal(dialogs[1], 'beforeunload');
}));

/**
 * Opens the matrix (once the board is saved) and the cell of a municipal
 * program that gives nothing yet to the consulting center (a unit of one
 * item) for typing.
 */
async function openEmptyCell(page) {
  await saved(page);
  await page.locator('[data-testid="matrix-view"]').click();
  await page.locator('[data-testid="matrix"]').waitFor();
  const program = plan.items.find((i) => i.unit === 'bast' && !plan.links.some((l) => l.source === i.id && plan.items.find((t) => t.id === l.target).unit === 'consulting-center'));
  const c = page.locator(`[data-cell="${program.id}|consulting-center"]`);
  await c.focus();
  await page.keyboard.press('Enter');
  const input = page.locator('[data-testid="matrix-input"]');
  await input.waitFor();
  return { program, c, input };
}

test('a matrix cell typed and left by a click elsewhere keeps what was typed', () => withBoard(async ({ page }) => {
  const { program, c, input } = await openEmptyCell(page);
  await page.keyboard.type('77777');
  const other = page.locator(`[data-cell="${program.id}|dongcheng"]`);
  await other.click();
  await eventually(() => c.getAttribute('data-value'), '77777', 'the typed amount went in');
  await input.waitFor({ state: 'detached' });
  await saved(page);
  const link = (await stored(page)).links.find((l) => l.source === program.id && l.amount === 77777);
  assert.ok(link, 'the link is stored');
  // Esc puts the stored value back: nothing goes in.
  await c.focus();
  await page.keyboard.press('Enter');
  await input.waitFor();
  await input.fill('5');
  await page.keyboard.press('Escape');
  await input.waitFor({ state: 'detached' });
  assert.equal(await c.getAttribute('data-value'), '77777');
}));

test('a reload with a matrix cell typed in asks, then offers the amount back in that cell', () => withBoard(async ({ page }) => {
  const { program, c, input } = await openEmptyCell(page);
  await page.keyboard.type('43210');
  const before = await storedPlan(page);
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.type());
    await d.accept();
  });
  await page.reload();
  assert.deepEqual(dialogs, ['beforeunload'], 'leaving the page asked first');
  const offer = page.locator('[data-testid="restore-draft"]');
  await offer.waitFor();
  assert.equal(await storedPlan(page), before, 'nothing reached the plan');
  assert.match(await offer.textContent(), /Restore the unsaved amount “43210” of .* for .* in the linkage matrix\?/);
  await offer.locator('[data-testid="restore-accept"]').click();
  await page.locator('[data-testid="matrix"]').waitFor();
  await input.waitFor();
  assert.equal(await input.inputValue(), '43210');
  await input.press('Enter');
  await eventually(() => c.getAttribute('data-value'), '43210', 'the restored amount went in');
}));

test('Esc in a link row puts the stored amount back and nothing is applied later; a second Esc closes the panel', () => withBoard(async ({ page }) => {
  await saved(page);
  const link = plan.links.find((l) => plan.items.find((i) => i.id === l.target).unit === 'dongcheng');
  const stored0 = String(link.amount);
  await card(page, link.target).click();
  const row = page.locator(`.link-row[data-link-id="${link.id}"]`);
  await row.waitFor();
  const amount = row.locator('[data-testid="link-row-amount"]');
  await amount.fill('999999');
  await amount.press('Escape');
  assert.equal(await amount.inputValue(), stored0, 'the field shows the stored amount again');
  assert.equal(await row.getAttribute('data-amount'), stored0);
  assert.equal(await page.locator('[data-testid="details"]').count(), 1, 'the panel stays');
  // A later click elsewhere stores nothing.
  const before = await revision(page);
  const other = plan.items.find((i) => i.unit === 'chaoyang');
  await card(page, other.id).click();
  await saved(page);
  assert.equal(await revision(page), before, 'no change was made');
  assert.equal((await stored(page)).links.find((l) => l.id === link.id).amount, link.amount);
  // Back on the link: Esc with nothing typed closes the panel.
  await card(page, link.target).click();
  await row.waitFor();
  await amount.focus();
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="details"]').waitFor({ state: 'detached' });
}));

for (const locale of ['en-US', 'zh-CN']) {
  test(`Esc in a set-up field puts the stored value back; a second Esc closes the panel; an emptied pool asks (${locale})`, () => withBoard({ locale }, async ({ page }) => {
    await saved(page);
    const before = await storedPlan(page);
    const bast = plan.units.find((u) => u.id === 'bast');
    await page.locator('[data-testid="plan-setup"]').click();
    const panel = page.locator('[data-testid="setup-panel"]');
    const pool = panel.locator('[data-setup-unit="bast"] input[name="pool"]');
    await pool.fill('888万');
    await pool.press('Escape');
    assert.equal(await pool.inputValue(), String(bast.pool), 'the stored pool is back');
    assert.equal(await panel.count(), 1, 'the panel stays open');
    const title = panel.locator('input[name="title"]');
    await title.fill('A title Esc takes back');
    await title.press('Escape');
    assert.equal(await title.inputValue(), await page.evaluate(() => JSON.parse(localStorage.getItem(`linkage-board:v1:plan:${localStorage.getItem('linkage-board:v1:current')}`)).title));
    await saved(page);
    assert.equal(await storedPlan(page), before, 'nothing was applied');
    await expectTally(page, 'unit:bast:pool', BigInt(bast.pool));
    // An emptied pool asks what it means instead of removing the pool.
    await pool.fill('');
    await pool.press('Enter');
    const question = panel.locator('[data-setup-unit="bast"] [data-testid="pool-question"]');
    await question.waitFor();
    assert.match(await question.textContent(), locale === 'zh-CN' ? /没有资金池.*资金池为 0/ : /no pool, or a pool of 0/);
    assert.equal(await storedPlan(page), before, 'nothing changes before the answer');
    assert.deepEqual(await axeViolations(page), [], 'the question is accessible');
    await question.locator('[data-testid="pool-zero"]').click();
    await expectTally(page, 'unit:bast:pool', 0n);
    await saved(page);
    assert.equal((await stored(page)).units.find((u) => u.id === 'bast').pool, 0);
    // Esc with nothing typed closes the panel.
    await pool.focus();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  }));
}

for (const locale of ['en-US', 'zh-CN']) {
  test(`a returned file's preview says a record deleted here after sending stays deleted, with no before and after (${locale})`, () => withBoard({ locale }, async ({ page }) => {
    await saved(page);
    await page.locator('[data-testid="plans-toggle"]').click();
    await page.locator('[data-testid="slice-unit"]').selectOption('dongcheng');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-slice"]').click()]);
    const slice = fs.readFileSync(await download.path(), 'utf8');
    await page.locator('[data-testid="plans-toggle"]').click();
    // The city deletes one of Dongcheng's cards after sending.
    const gone = plan.items.filter((i) => i.unit === 'dongcheng').at(-1);
    await card(page, gone.id).focus();
    await page.keyboard.press('Enter');
    await editor(page).locator('[data-testid="delete-item"]').click();
    await editor(page).waitFor({ state: 'detached' });
    // Dongcheng sends its slice back as it was.
    const dir = await fs.promises.mkdtemp('/tmp/lb-interrupt-');
    const file = path.join(dir, 'dongcheng.json');
    fs.writeFileSync(file, slice);
    await page.locator('[data-testid="import-input"]').setInputFiles(file);
    const row = page.locator(`[data-change="items/${gone.id}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-kind'), 'kept');
    const text = await row.textContent();
    if (locale === 'zh-CN') assert.match(text, /发出后本处已删除，保持删除/);
    else assert.match(text, /Deleted here after it was sent; stays deleted/);
    assert.doesNotMatch(text, /→|Changed here since sent|发出后本处已修改/, 'no before → after, no "kept" wording');
    assert.equal(await row.locator('[data-field]').count(), 0);
    await page.locator('[data-testid="import-merge"]').click();
    await page.locator('[data-testid="import-preview"]').waitFor({ state: 'detached' });
    await saved(page);
    assert.ok(!(await stored(page)).items.some((i) => i.id === gone.id), 'it stays deleted');
  }));
}
