// Every change to a stored plan keeps the format's rules, and every refusal
// reaches the reader in the interface's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixturePath } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { saved, storedPlan, eventually } from './support/board.mjs';

useBoard();
const KEY = 'linkage-board:v1:';

const storedTitles = (page) =>
  page.evaluate((prefix) => {
    const out = {};
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(`${prefix}plan:`)) out[key.slice(prefix.length + 5)] = JSON.parse(localStorage.getItem(key)).title;
    }
    return out;
  }, KEY);

const openPlans = async (page) => {
  await page.locator('[data-testid="plans-toggle"]').click();
  await page.locator('[data-testid="plans"]').waitFor();
};

const entry = (page, id) => page.locator(`[data-plan="${id}"]`).first();

async function rename(page, id, title) {
  await entry(page, id).locator('[data-action="rename"]').click();
  const input = page.locator('[data-testid="rename-input"]');
  await input.fill(title);
  await input.press('Enter');
}

/** Words of two or more Latin letters left once ids, numbers, quoted values and field paths are taken out. */
function strayEnglish(text, allowed = []) {
  let rest = text
    .replace(/“[^”]*”|"[^"]*"|「[^」]*」/g, ' ')
    .replace(/[A-Za-z_]+(\[\d+\])?(\.[A-Za-z_]+(\[\d+\])?)+/g, ' ')
    .replace(/[A-Za-z]+\[\d+\]/g, ' ');
  for (const word of ['JSON', 'UTF', 'linkage-plan', ...allowed]) rest = rest.split(word).join(' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

for (const locale of ['en-US', 'zh-CN']) {
  test(`renaming the open and another plan to 201 characters is refused with a message (${locale}); both stay listed and open`, () => withBoard({ locale }, async ({ page }) => {
    await saved(page);
    const openId = await page.locator('[data-testid="board"]').getAttribute('data-plan-id');
    await openPlans(page);
    // A second plan in this browser: a duplicate of the open one.
    await entry(page, openId).locator('[data-action="duplicate"]').click();
    await eventually(async () => Object.keys(await storedTitles(page)).length, 2, 'the copy is stored');
    const before = await storedTitles(page);
    const otherId = Object.keys(before).find((id) => id !== openId);
    const revisionBefore = JSON.parse(await storedPlan(page)).revision;

    const long = '年'.repeat(201);
    for (const id of [openId, otherId]) {
      await rename(page, id, long);
      const refusal = entry(page, id).locator('[data-testid="plan-refused"]');
      await refusal.waitFor();
      const words = await refusal.textContent();
      assert.match(words, /200/, 'the message names the limit');
      if (locale === 'zh-CN') {
        assert.match(words, /[\u4e00-\u9fff]/, 'in Chinese');
        assert.deepEqual(strayEnglish(words), [], `no English left in "${words}"`);
      } else {
        assert.match(words, /longer than 200 characters/);
      }
      assert.equal(await refusal.getAttribute('role'), 'alert');
    }
    await saved(page);
    assert.deepEqual(await storedTitles(page), before, 'no stored title changed');
    assert.equal(JSON.parse(await storedPlan(page)).revision, revisionBefore, 'the open plan was not changed');
    // Both are still listed and open.
    await page.keyboard.press('Escape');
    for (const id of [otherId, openId]) {
      await entry(page, id).locator('[data-action="open"]').click();
      await eventually(() => page.locator('[data-testid="board"]').getAttribute('data-plan-id'), id, `${id} opens`);
    }
  }));
}

test('duplicating a plan whose title has 200 characters keeps the copy within the rule, and it opens', () => withBoard(async ({ page }) => {
  await saved(page);
  const openId = await page.locator('[data-testid="board"]').getAttribute('data-plan-id');
  await openPlans(page);
  const longest = 'P'.repeat(200);
  await rename(page, openId, longest);
  await eventually(async () => (await storedTitles(page))[openId], longest, 'a 200-character title is allowed');
  await entry(page, openId).locator('[data-action="duplicate"]').click();
  await eventually(async () => Object.keys(await storedTitles(page)).length, 2, 'the copy is stored');
  const titles = await storedTitles(page);
  const copyId = Object.keys(titles).find((id) => id !== openId);
  const copyTitle = titles[copyId];
  assert.ok([...copyTitle].length <= 200, `the copy's title has ${[...copyTitle].length} characters`);
  assert.match(copyTitle, /^P+ \(copy\)$/, 'the copy says it is one');
  await entry(page, copyId).locator('[data-action="open"]').click();
  await eventually(() => page.locator('[data-testid="board"]').getAttribute('data-plan-id'), copyId, 'the copy opens');
}));

test('"Load newer" keeps the replaced revision as an earlier version', () => withBoard(async ({ page: a }) => {
  await saved(a);
  const id = await a.locator('[data-testid="board"]').getAttribute('data-plan-id');
  const plan = JSON.parse(await storedPlan(a));
  const item = plan.items[0];
  // This window renames a card; before its autosave another window saves
  // another title for the same card: the one question a merge asks. The
  // window's timers are held, so its autosave waits until the other title
  // is stored, however slow the machine.
  await a.clock.install();
  await a.clock.pauseAt(Date.now() + 1000);
  await a.locator(`[data-item-id="${item.id}"]`).focus();
  await a.keyboard.press('Enter');
  await a.locator('[data-testid="field-title"]').fill('Mine, not saved yet');
  await a.locator('[data-testid="save-item"]').click();
  const ours = Number(await a.locator('[data-testid="board"]').getAttribute('data-revision'));
  await a.evaluate(([id, itemId]) => {
    const key = `linkage-board:v1:plan:${id}`;
    const p = JSON.parse(localStorage.getItem(key));
    p.revision += 5;
    p.items.find((i) => i.id === itemId).title = 'Saved in another window';
    localStorage.setItem(key, JSON.stringify(p));
    localStorage.setItem(`linkage-board:v1:rev:${id}`, String(p.revision));
  }, [id, item.id]);
  // Now the autosave runs, and finds the newer revision.
  await a.clock.resume();
  const conflict = a.locator('[data-testid="conflict"]');
  await conflict.waitFor({ timeout: 5000 });
  await conflict.locator(`[data-conflict="items/${item.id}"]`).waitFor();
  await a.locator('[data-testid="load-newer"]').click();
  await conflict.waitFor({ state: 'detached' });
  assert.equal(await a.locator('[data-testid="board"]').getAttribute('data-revision'), String(ours + 4));
  const snapshots = await a.evaluate(
    ([prefix, id]) =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith(`${prefix}snap:`) && k.endsWith(`:${id}`))
        .map((k) => ({ revision: Number(k.split(':')[4]), text: localStorage.getItem(k) })),
    [KEY, id],
  );
  const kept = snapshots.find((s) => s.revision === ours);
  assert.ok(kept, `revision ${ours} is kept as an earlier version (${snapshots.map((s) => s.revision)})`);
  assert.ok(JSON.parse(kept.text).items.some((i) => i.title === 'Mine, not saved yet'), 'with the change it held');
}));

const REFUSED = [
  ['truncated.json', 'syntax', /第\s*\d+\s*行/],
  ['negative-amount.json', 'field', /items\[\d+\]\./],
  ['duplicate-item-id.json', 'rule', /规则\s*1|编号/],
  ['dangling-link.json', 'rule', /规则\s*2/],
  ['self-link.json', 'rule', /规则\s*3/],
  ['future-version.json', 'newer-version', /99/],
  ['not-a-plan.json', 'not-a-plan', /计划文件/],
];

test('a refused file says why in Chinese when the interface is Chinese', () => withBoard({ locale: 'zh-CN' }, async ({ page }) => {
  for (const [file, , detail] of REFUSED) {
    await page.locator('[data-testid="import-input"]').setInputFiles(fixturePath(`invalid/${file}`));
    const error = page.locator('[data-testid="import-error"]');
    await error.waitFor();
    const words = (await error.textContent()).trim();
    assert.match(words, /[\u4e00-\u9fff]/, `${file}: in Chinese: ${words}`);
    assert.deepEqual(strayEnglish(words), [], `${file}: no English left in "${words}"`);
    assert.match(words, detail, `${file}: says where: ${words}`);
    await page.locator('[data-testid="import-cancel"]').click();
    await error.waitFor({ state: 'detached' });
  }
}));
