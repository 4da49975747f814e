// Two windows on one plan: changes to different records merge without a
// question; only the same field of the same record, changed in both, asks,
// naming the record and both values; an editor open on a card another
// window changed says so and keeps that change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBoard, withTwoWindows } from './support/fixture.mjs';
import { demoPlan } from './support/plan.mjs';
import { card, saved, storedPlan, eventually, expectTally, revision } from './support/board.mjs';

useBoard();
const plan = demoPlan();
const [x, y] = plan.items.filter((i) => i.unit === 'haidian' || i.unit === 'chaoyang');

async function editField(page, id, testid, value) {
  await card(page, id).focus();
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid="${testid}"]`).fill(value);
  await page.locator('[data-testid="save-item"]').click();
}

const stored = async (page) => JSON.parse(await storedPlan(page));

/**
 * Holds both windows' timers, their autosaves among them (one clock serves
 * a browser's windows): a change stays unsaved until `saveNow` saves that
 * window, so the order the two windows save in is the test's, not the
 * machine's. Returns what lets the timers run again.
 */
async function holdTimers(page) {
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
  return () => page.clock.resume();
}

/** Saves a window at once, as the board does when its tab is hidden. */
async function saveNow(page) {
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  await saved(page);
}

test('an edit in each window to different cards: both kept, no question', () => withTwoWindows(async ({ a, b }) => {
  // B's change is not saved yet when A's is: B merges A's in.
  const release = await holdTimers(b);
  await editField(b, y.id, 'field-budget', '222222');
  await expectTally(b, `item:${y.id}:budget`, 222222n);
  await editField(a, x.id, 'field-budget', '111111');
  await saveNow(a);
  await expectTally(b, `item:${x.id}:budget`, 111111n);
  await release();
  await eventually(async () => {
    const p = await stored(a);
    return `${p.items.find((i) => i.id === x.id).budget} ${p.items.find((i) => i.id === y.id).budget}`;
  }, '111111 222222', 'storage holds both edits', 5000);
  for (const page of [a, b]) {
    await expectTally(page, `item:${x.id}:budget`, 111111n);
    await expectTally(page, `item:${y.id}:budget`, 222222n);
    assert.equal(await page.locator('[data-testid="conflict"]').count(), 0, 'nothing was asked');
  }
  assert.deepEqual(b.consoleErrors, []);
}));

test('an older copy written over a window’s save (two saves crossing) is written over again, and nothing is lost', () => withTwoWindows(async ({ a, b }) => {
  const older = await storedPlan(a);
  await editField(b, y.id, 'field-budget', '222222');
  await saved(b);
  const newer = await revision(b);
  await expectTally(a, `item:${y.id}:budget`, 222222n);
  assert.equal(await revision(a), newer, 'A took in B’s save');
  // A save of A's from before B's lands last, as when two windows save at
  // the same moment and each has not yet seen the other's write.
  await a.evaluate((text) => {
    const { id, revision } = JSON.parse(text);
    localStorage.setItem(`linkage-board:v1:plan:${id}`, text);
    localStorage.setItem(`linkage-board:v1:rev:${id}`, String(revision));
  }, older);
  await eventually(async () => {
    const p = await stored(a);
    return `${p.revision} ${p.items.find((i) => i.id === y.id).budget}`;
  }, `${newer} 222222`, 'B wrote its save again', 5000);
  for (const page of [a, b]) {
    await expectTally(page, `item:${y.id}:budget`, 222222n);
    assert.equal(await revision(page), newer);
    assert.equal(await page.locator('[data-testid="conflict"]').count(), 0, 'nothing was asked');
  }
}));

test('an editor open on a card another window renamed says so, and saving keeps the rename', () => withTwoWindows(async ({ a, b }) => {
  await card(b, x.id).focus();
  await b.keyboard.press('Enter');
  const editorB = b.locator('[data-testid="card-editor"]');
  await editorB.waitFor();
  await editField(a, x.id, 'field-title', 'Renamed in window A');
  await saved(a);
  await editorB.locator('[data-testid="changed-elsewhere"]').waitFor({ timeout: 5000 });
  await editorB.locator('[data-testid="field-budget"]').fill('333333');
  await editorB.locator('[data-testid="save-item"]').click();
  await eventually(async () => {
    const item = (await stored(b)).items.find((i) => i.id === x.id);
    return `${item.title} ${item.budget}`;
  }, 'Renamed in window A 333333', 'the rename and the budget are both kept', 5000);
  await eventually(() => card(a, x.id).textContent().then((t) => t.includes('Renamed in window A')), true, 'A still shows its rename');
  await expectTally(a, `item:${x.id}:budget`, 333333n);
}));

test('the same field of the same card changed in both windows asks, naming the card and both values; either answer is kept', async () => {
  for (const keep of ['ours', 'theirs']) {
    await withTwoWindows(async ({ a, b }) => {
      // B's change is not saved yet when A saves the same field.
      const release = await holdTimers(b);
      await editField(b, x.id, 'field-budget', '555555');
      await expectTally(b, `item:${x.id}:budget`, 555555n);
      await editField(a, x.id, 'field-budget', '444444');
      await saveNow(a);
      const conflict = b.locator(`[data-testid="conflict"] [data-conflict="items/${x.id}"]`);
      await conflict.waitFor({ timeout: 5000 });
      const text = await conflict.textContent();
      assert.match(text, new RegExp(x.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'names the card');
      assert.match(text, /444,444/);
      assert.match(text, /555,555/);
      // Nothing of B's is written until it is answered.
      assert.equal((await stored(b)).items.find((i) => i.id === x.id).budget, 444444);
      await release();
      await conflict.locator(`[data-keep="${keep}"]`).click();
      await b.locator('[data-testid="window-merge"]').click();
      await b.locator('[data-testid="conflict"]').waitFor({ state: 'detached' });
      const want = keep === 'ours' ? 555555 : 444444;
      await eventually(async () => (await stored(b)).items.find((i) => i.id === x.id).budget, want, `kept ${keep}`, 5000);
      await expectTally(a, `item:${x.id}:budget`, BigInt(want));
    });
  }
});
