// Nothing typed is lost: a dialog with unsaved changes asks before it
// closes, keys an input method is still composing never act, dialogs hold
// the keyboard, and a refusal is said next to its field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan } from './support/plan.mjs';
import { card, ime, focusWithin, linkByKeyboard, revision, saved, settled, storedPlan, eventually, expectTally } from './support/board.mjs';

useBoard();
const plan = demoPlan();
const item = plan.items.find((i) => i.unit === 'haidian');

for (const locale of ['en-US', 'zh-CN']) {
  test(`a click outside or Esc with unsaved changes asks first; keep editing keeps the draft (${locale})`, () => withBoard({ locale }, async ({ page }) => {
    await saved(page);
    const before = await storedPlan(page);
    const rev = await revision(page);
    await card(page, item.id).focus();
    await page.keyboard.press('Enter');
    const editor = page.locator('[data-testid="card-editor"]');
    const title = await editor.locator('[data-testid="field-title"]').inputValue();
    await editor.locator('[data-testid="field-title"]').fill('A title not saved yet');
    // A click on the board, outside the dialog.
    await page.mouse.click(5, 300);
    const ask = page.locator('[role="alertdialog"]');
    await ask.waitFor();
    assert.match(await ask.textContent(), locale === 'zh-CN' ? /放弃/ : /Discard/);
    await ask.locator('[data-testid="keep-editing"]').click();
    await ask.waitFor({ state: 'detached' });
    assert.equal(await editor.locator('[data-testid="field-title"]').inputValue(), 'A title not saved yet');
    // Esc in a field puts its stored text back and stays; a second Esc
    // asks while another field still holds typed text; discarding closes
    // and changes nothing.
    await editor.locator('[data-testid="field-budget"]').fill('4321');
    await editor.locator('[data-testid="field-title"]').focus();
    await page.keyboard.press('Escape');
    assert.equal(await editor.locator('[data-testid="field-title"]').inputValue(), title, 'the title is back');
    assert.equal(await ask.count(), 0, 'nothing asked yet');
    assert.equal(await editor.count(), 1, 'the editor stays');
    await page.keyboard.press('Escape');
    await ask.waitFor();
    await ask.locator('[data-testid="discard-confirm"]').click();
    await editor.waitFor({ state: 'detached' });
    await settled(page);
    assert.equal(await revision(page), rev, 'nothing was changed');
    assert.equal(await storedPlan(page), before, 'nothing was saved');
    // With nothing changed, Esc closes at once and focus is back on the card.
    await card(page, item.id).focus();
    await page.keyboard.press('Enter');
    await editor.waitFor();
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    await eventually(() => card(page, item.id).evaluate((el) => el === document.activeElement), true, 'focus is back on the card');
  }));
}

test('Esc and Enter while an input method composes do nothing in the card editor, the link dialog and the rename field', () => withBoard({ locale: 'zh-CN' }, async ({ page }) => {
  await saved(page);
  const keys = await ime(page);

  // Card editor: a new item's notes, Esc to drop a candidate.
  await page.locator('[data-unit-id="haidian"] [data-testid="add-item"]').click();
  const editor = page.locator('[data-testid="card-editor"]');
  await editor.locator('[data-testid="field-title"]').fill('新的事项');
  await editor.locator('[data-testid="field-notes"]').focus();
  await keys.compose('lian');
  await keys.keyWhileComposing('Escape');
  await keys.commit('联');
  await settled(page);
  assert.equal(await editor.count(), 1, 'the editor is still open');
  assert.equal(await editor.locator('[data-testid="field-title"]').inputValue(), '新的事项');
  assert.match(await editor.locator('[data-testid="field-notes"]').inputValue(), /联/);
  await editor.locator('[data-testid="save-item"]').click();
  await editor.waitFor({ state: 'detached' });

  // The link dialog: its note, Esc while composing.
  const program = plan.items.find((i) => i.unit === 'bast');
  const target = plan.items.find((i) => i.unit === 'yanqing');
  await linkByKeyboard(page, program.id, target.id);
  const note = page.locator('[data-testid="link-note"]');
  await note.focus();
  await keys.compose('zhi');
  await keys.keyWhileComposing('Escape');
  await keys.commit('支');
  await settled(page);
  assert.equal(await note.count(), 1, 'the link dialog is still open');
  assert.equal(await note.inputValue(), '支');
  await page.locator('[data-testid="link-accept"]').click();
  await note.waitFor({ state: 'detached' });

  // Rename in Plans & files: Enter picks the candidate, it does not commit.
  await saved(page);
  const id = await page.locator('[data-testid="board"]').getAttribute('data-plan-id');
  await page.locator('[data-testid="plans-toggle"]').click();
  await page.locator(`[data-plan="${id}"] [data-action="rename"]`).first().click();
  const rename = page.locator('[data-testid="rename-input"]');
  await rename.fill('2020年北京市科协');
  await keys.compose('lian');
  await keys.keyWhileComposing('Enter');
  await settled(page);
  assert.equal(await rename.count(), 1, 'still renaming');
  await keys.commit('联');
  await rename.press('Enter');
  await eventually(async () => JSON.parse(await storedPlan(page)).title, '2020年北京市科协联', 'the chosen text is what is saved');
  await keys.detach();
}));

/** Opens the card editor on the demo card by Enter and waits for the focus inside it. */
async function editorFromKeyboard(page) {
  const editor = page.locator('[data-testid="card-editor"]');
  await card(page, item.id).focus();
  await page.keyboard.press('Enter');
  await editor.waitFor();
  await eventually(() => focusWithin(editor), true, 'focus moved into the editor');
  return editor;
}

test('from the keyboard alone: the editor takes the focus and keeps Tab inside; a new card, a link and undo leave focus where it belongs', () => withBoard(async ({ page }) => {
  const editor = await editorFromKeyboard(page);
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
    assert.ok(await focusWithin(editor), `Tab ${i + 1} stays inside the editor`);
  }
  // Keys meant for the board do nothing behind the dialog (focus on a
  // button, so the key types nothing).
  await editor.locator('[data-testid="cancel-edit"]').focus();
  await page.keyboard.press('l');
  assert.equal(await page.locator('[data-testid="link-amount"]').count(), 0);
  await page.keyboard.press('Escape');
  await editor.waitFor({ state: 'detached' });

  // A new card from "+ Work item", Enter to save: focus lands on it.
  const add = page.locator('[data-unit-id="haidian"] [data-testid="add-item"]');
  await add.focus();
  await page.keyboard.press('Enter');
  await editor.waitFor();
  await eventually(() => focusWithin(editor), true, 'focus moved into the new card\'s editor');
  await page.keyboard.type('Typed from the keyboard');
  await page.keyboard.press('Enter');
  await editor.waitFor({ state: 'detached' });
  await eventually(
    () => page.evaluate(() => document.activeElement?.closest('[data-item-id]')?.textContent?.includes('Typed from the keyboard') ?? false),
    true,
    'focus is on the new card',
  );
  const newId = await page.evaluate(() => document.activeElement.closest('[data-item-id]').dataset.itemId);

  // Link it from the keyboard; after Enter focus is back on it.
  const rev = await revision(page);
  await page.keyboard.press('l');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const amount = page.locator('[data-testid="link-amount"]');
  await amount.waitFor();
  await eventually(() => amount.evaluate((el) => el === document.activeElement), true, 'the amount field has the focus');
  await page.keyboard.press('Enter');
  await amount.waitFor({ state: 'detached' });
  await eventually(() => page.evaluate(() => document.activeElement?.dataset?.itemId), newId, 'focus is on the card the link started from');
  assert.equal(await revision(page), rev + 1);
  // Undo from the keyboard takes the link back and says so.
  await page.keyboard.press('Control+z');
  await eventually(() => revision(page), rev + 2, 'undo is a change too');
  assert.match(await page.locator('[data-testid="announcer"]').textContent(), /Undone/);
  await expectTally(page, `item:${newId}:received`, 0n);
}));

test('a dialog opened in the same frame as another closes keeps the focus: the closed one does not take it back to its card', () => withBoard(async ({ page }) => {
  const editor = await editorFromKeyboard(page);
  // Esc, then "+ Work item" before the next frame, as a quick hand or a
  // screen reader's script can.
  await page.evaluate(() => {
    document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    document.querySelector('[data-unit-id="haidian"] [data-testid="add-item"]').click();
  });
  await editor.waitFor();
  await eventually(() => focusWithin(editor), true, 'focus moved into the new card\'s editor');
  // Two frames on, it is still there.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok(await focusWithin(editor), 'focus stayed in the new card\'s editor');
  assert.equal(await editor.locator('[data-testid="field-title"]').evaluate((el) => el.value), '', 'it is the new card\'s editor');
}));

test('a note over 10,000 characters and a title of invisible characters are refused beside their field', () => withBoard(async ({ page }) => {
  await saved(page);
  const before = await storedPlan(page);
  const rev = await revision(page);
  await card(page, item.id).focus();
  await page.keyboard.press('Enter');
  const editor = page.locator('[data-testid="card-editor"]');
  await editor.locator('[data-testid="field-notes"]').fill('n'.repeat(10_001));
  await editor.locator('[data-testid="field-title"]').fill('\u200b\u200b\u200b');
  await editor.locator('[data-testid="save-item"]').click();
  const notesError = editor.locator('label:has([data-testid="field-notes"]) [role="alert"]');
  const titleError = editor.locator('label:has([data-testid="field-title"]) [role="alert"]');
  await notesError.waitFor();
  await titleError.waitFor();
  assert.match(await notesError.textContent(), /10,000/);
  assert.equal(await editor.count(), 1, 'the editor stays open');
  await settled(page);
  assert.equal(await revision(page), rev, 'nothing was changed');
  assert.equal(await storedPlan(page), before);
}));

test('the link dialog asks before a typed amount is thrown away', () => withBoard(async ({ page }) => {
  const program = plan.items.find((i) => i.unit === 'bast');
  const target = plan.items.find((i) => i.unit === 'yanqing');
  const rev = await revision(page);
  await linkByKeyboard(page, program.id, target.id);
  const amount = page.locator('[data-testid="link-amount"]');
  await amount.waitFor();
  const proposed = await amount.inputValue();
  // Esc puts the proposed amount back and stays; the typed note remains.
  await page.locator('[data-testid="link-note"]').fill('A note typed');
  await amount.fill('77777');
  await page.keyboard.press('Escape');
  assert.equal(await amount.inputValue(), proposed, 'the proposed amount is back');
  await amount.fill('77777');
  await page.locator('[data-testid="link-note"]').focus();
  // Esc in the note takes the note back; a second Esc asks first, the
  // amount still holding typed text.
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-testid="link-note"]').inputValue(), '', 'the note is taken back');
  assert.equal(await page.locator('[role="alertdialog"]').count(), 0, 'nothing asked yet');
  await page.keyboard.press('Escape');
  const ask = page.locator('[role="alertdialog"]');
  await ask.waitFor();
  await ask.locator('[data-testid="keep-editing"]').click();
  assert.equal(await amount.inputValue(), '77777', 'the amount is still there');
  await page.locator('[data-testid="link-cancel"]').click();
  await ask.locator('[data-testid="discard-confirm"]').click();
  await amount.waitFor({ state: 'detached' });
  assert.equal(await revision(page), rev, 'no link was made');
}));

test('the search and set-up fields ignore Enter while an input method composes', () => withBoard({ locale: 'zh-CN' }, async ({ page }) => {
  await saved(page);
  const keys = await ime(page);
  // Search: the composed text is what filters, nothing else happens.
  const search = page.locator('[data-testid="filter-text"]');
  await search.focus();
  await keys.compose('gong');
  await keys.keyWhileComposing('Enter');
  await keys.commit('公');
  assert.equal(await search.inputValue(), '公');
  assert.ok(await search.evaluate((el) => el === document.activeElement), 'focus stays in the search field');
  await search.fill('');
  // Set-up: the plan's title commits on Enter, but not on the Enter that picks a candidate.
  const before = JSON.parse(await storedPlan(page)).title;
  const rev = await revision(page);
  await page.locator('[data-testid="plan-setup"]').click();
  const title = page.locator('[data-testid="setup-panel"] input[name="title"]');
  await title.fill('二〇二七年计划');
  await keys.compose('ke');
  await keys.keyWhileComposing('Enter');
  await settled(page);
  assert.equal(await revision(page), rev, 'nothing is committed mid-composition');
  assert.equal(JSON.parse(await storedPlan(page)).title, before, 'nothing is saved mid-composition');
  await keys.commit('科');
  await title.press('Enter');
  await eventually(async () => JSON.parse(await storedPlan(page)).title, '二〇二七年计划科', 'the chosen text is committed');
  await keys.detach();
}));

test('an amount field says its unit and what the text reads as; a thousandfold slip asks; separators only where they belong (Chinese)', () => withBoard({ locale: 'zh-CN' }, async ({ page }) => {
  await saved(page);
  const item = plan.items.find((i) => i.id === 'w-024');
  assert.equal(item.budget, 200000);
  await card(page, item.id).focus();
  await page.keyboard.press('Enter');
  const editor = page.locator('[data-testid="card-editor"]');
  const field = editor.locator('[data-testid="field-budget"]');
  assert.match(await editor.locator('label:has([data-testid="field-budget"])').textContent(), /自有预算\s*\(元\)/);
  const reading = editor.locator('[data-testid="reading-budget"]');
  assert.match(await reading.textContent(), /20万元/);
  await field.fill('30');
  assert.match(await reading.textContent(), /=\s*30\s*元/);
  await editor.locator('[data-testid="save-item"]').click();
  const question = editor.locator('[data-testid="amount-question"]');
  await question.waitFor();
  assert.match(await question.textContent(), /20万元.*30 元/);
  await question.locator('[data-testid="amount-change"]').click();
  await field.fill('12,5万');
  assert.match(await reading.textContent(), /分隔|逗号/, `the reading says what is wrong: ${await reading.textContent()}`);
  await field.fill('１２．５万');
  assert.match(await reading.textContent(), /12\.5万元/);
  await editor.locator('[data-testid="save-item"]').click();
  await editor.waitFor({ state: 'detached' });
  await expectTally(page, `item:${item.id}:budget`, 125000n);
}));
