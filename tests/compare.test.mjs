// What the meeting decided: the open plan compared with the version the
// meeting began with, an earlier version or a file; per unit the links
// made, changed and removed with their amounts, what each unit received
// and gave before and after; the decisions record, printed and downloaded,
// in English and Chinese. Every figure is checked against sums computed
// here from the two plans themselves (exported, or read from storage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan, tallies, STORAGE_PREFIX } from './support/plan.mjs';
import { card, eventually, linkByKeyboard, revision, saved, settled, storedPlan, tally } from './support/board.mjs';

useBoard();
const plan = demoPlan();
const AXE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

const testId = (page, id) => page.locator(`[data-testid="${id}"]`);
const unitOf = (p, itemId) => p.items.find((i) => i.id === itemId)?.unit;

/** Exports the open plan through the Export button and reads the file. */
async function exported(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), testId(page, 'export').click()]);
  return JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
}

/** The links that differ between two plans, as the view must list them. */
function linkChanges(before, after) {
  const was = new Map(before.links.map((l) => [l.id, l]));
  const now = new Map(after.links.map((l) => [l.id, l]));
  const out = {};
  for (const [id, l] of now) {
    const old = was.get(id);
    if (!old) out[id] = { kind: 'added', before: '', after: String(l.amount) };
    else if (JSON.stringify(old) !== JSON.stringify(l)) out[id] = { kind: 'changed', before: String(old.amount), after: String(l.amount) };
  }
  for (const [id, l] of was) if (!now.has(id)) out[id] = { kind: 'removed', before: String(l.amount), after: '' };
  return out;
}

/** What the compare view lists as link changes. */
async function listedLinks(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="compare"] [data-compare^="links/"]')].map((el) => [
        el.getAttribute('data-compare').slice('links/'.length),
        { kind: el.dataset.kind, before: el.dataset.before, after: el.dataset.after },
      ]),
    ),
  );
}

/** Each unit's figures as the view shows them. */
async function listedUnits(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-compare-unit]')].map((el) => [
        el.dataset.compareUnit,
        [el.dataset.receivedBefore, el.dataset.receivedAfter, el.dataset.givenBefore, el.dataset.givenAfter],
      ]),
    ),
  );
}

/** Checks the view's per-unit figures against the two plans' tallies. */
async function checkUnits(page, before, after) {
  const tb = tallies(before);
  const ta = tallies(after);
  const shown = await listedUnits(page);
  for (const u of after.units) {
    const want = [tb.units[u.id].received, ta.units[u.id].received, tb.units[u.id].given, ta.units[u.id].given].map(String);
    const differs = want[0] !== want[1] || want[2] !== want[3];
    if (differs) assert.deepEqual(shown[u.id], want, `${u.id}: received and given before and after`);
    if (shown[u.id]) assert.deepEqual(shown[u.id], want, `${u.id}: figures as the tallies`);
  }
}

/** RFC 4180 rows: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text) {
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') rows.at(-1).push(cell), (cell = '');
    else if (c === '\n') rows.at(-1).push(cell.replace(/\r$/, '')), (cell = ''), rows.push([]);
    else cell += c;
  }
  if (cell !== '') rows.at(-1).push(cell);
  return rows;
}

async function axeClean(page, state) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }),
  );
  assert.deepEqual(
    result.violations.map((v) => `${state}: ${v.id} ${v.help} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
    [],
  );
}

/** Three link changes after "Start the meeting": one made from the keyboard,
 * one amount changed, one removed. Returns the plans before and after. */
async function meeting(page) {
  await saved(page);
  const before = await exported(page);
  // The facilitator starts the meeting in Plans & files.
  await testId(page, 'plans-toggle').click();
  await testId(page, 'start-meeting').click();
  await eventually(async () => (await testId(page, 'meeting-started').getAttribute('data-started')) !== '', true, 'the start is marked');
  assert.match(await testId(page, 'meeting-started').textContent(), /Meeting began/);
  await testId(page, 'plans-toggle').click();

  // Made: a BAST program to a Yanqing item, from the keyboard.
  const program = plan.items.find((i) => i.unit === 'bast');
  const target = plan.items.find((i) => i.unit === 'yanqing');
  let rev = await revision(page);
  await linkByKeyboard(page, program.id, target.id);
  const amount = testId(page, 'link-amount');
  await amount.waitFor();
  await amount.press('Enter');
  await amount.waitFor({ state: 'detached' });
  await eventually(() => revision(page), rev + 1, 'the link is made');

  // Changed: a link into Dongcheng to 200,000.
  const changed = plan.links.find((l) => unitOf(plan, l.target) === 'dongcheng');
  await card(page, changed.target).click();
  const row = page.locator(`.link-row[data-link-id="${changed.id}"]`);
  await row.waitFor();
  await row.locator('[data-testid="link-row-amount"]').fill('20万');
  await row.locator('[data-testid="link-row-amount"]').press('Enter');
  await page.locator(`.link-row[data-link-id="${changed.id}"][data-amount="200000"]`).waitFor();

  // Removed: a link into another district.
  const removed = plan.links.find((l) => l.id !== changed.id && !['dongcheng', 'yanqing'].includes(unitOf(plan, l.target)) && plan.units.find((u) => u.id === unitOf(plan, l.target)).level === 'district');
  await card(page, removed.target).click();
  rev = await revision(page);
  await page.locator(`.link-row[data-link-id="${removed.id}"] [data-testid="remove-link"]`).click();
  await eventually(() => revision(page), rev + 1, 'the link is removed');
  await page.keyboard.press('Escape');
  await saved(page);
  const after = await exported(page);
  return { before, after };
}

test('since the meeting began: exactly the three link changes, per-unit deltas, the record and its CSV match the plans', () => withBoard(async ({ page }) => {
  const { before, after } = await meeting(page);
  const want = linkChanges(before, after);
  assert.equal(Object.keys(want).length, 3, 'three links changed');
  assert.deepEqual(Object.values(want).map((c) => c.kind).sort(), ['added', 'changed', 'removed']);

  await testId(page, 'plans-toggle').click();
  const opener = testId(page, 'compare-since-start');
  await opener.click();
  const view = testId(page, 'compare');
  await view.waitFor();
  await eventually(() => view.evaluate((el) => el.contains(document.activeElement)), true, 'focus is in the view');
  assert.deepEqual(await listedLinks(page), want, 'exactly those links, with before and after');
  await checkUnits(page, before, after);
  // The districts whose receipts changed are each listed with their delta.
  const tb = tallies(before);
  const ta = tallies(after);
  const units = await listedUnits(page);
  for (const u of after.units.filter((u) => u.level === 'district')) {
    if (tb.units[u.id].received !== ta.units[u.id].received) assert.ok(units[u.id], `${u.id} is listed`);
  }

  // The record's totals are the plan bar's.
  const doc = testId(page, 'decisions-doc');
  assert.equal(BigInt(await doc.getAttribute('data-received')), await tally(page, 'plan:received'));
  assert.equal(BigInt(await doc.getAttribute('data-given')), await tally(page, 'plan:given'));
  assert.equal(BigInt(await doc.getAttribute('data-received')), ta.plan.received);
  const summary = await testId(page, 'decisions-summary').textContent();
  assert.match(summary, /^1 links made, 1 changed, 1 removed; /);
  assert.ok(summary.includes(ta.plan.received.toLocaleString('en-US')), `${summary} names the total received`);
  await axeClean(page, 'compare view');

  // The CSV: each link row's before and after, and the totals.
  const [download] = await Promise.all([page.waitForEvent('download'), testId(page, 'decisions-download').click()]);
  const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '');
  const rows = parseCsv(csv).filter((r) => r.some((c) => c !== ''));
  for (const [id, c] of Object.entries(want)) {
    const row = rows.find((r) => r[3] === id);
    assert.ok(row, `${id} has a row`);
    assert.deepEqual([row[2], row[7], row[8]], [c.kind, c.before, c.after], `${id} in the CSV`);
    assert.equal(BigInt(row[9]), BigInt(c.after || 0) - BigInt(c.before || 0));
  }
  const total = rows[rows.length - 1];
  assert.deepEqual(total.slice(2).map(BigInt), [tb.plan.received, ta.plan.received, tb.plan.given, ta.plan.given]);

  // Printing gives the record alone.
  await testId(page, 'decisions-print').click();
  await page.emulateMedia({ media: 'print' });
  assert.ok(await doc.isVisible(), 'the record is printed');
  assert.equal(await page.locator('[data-testid="board"]').isVisible(), false, 'the board is not');
  assert.equal(await testId(page, 'compare-totals').isVisible(), false, 'the view around it is not');
  assert.equal(await testId(page, 'decisions-print').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  // (Emulated print media hid the focused button, which drops the focus.)
  await testId(page, 'decisions-print').focus();

  // Esc closes; the focus goes back to what opened it.
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
  await eventually(() => opener.evaluate((el) => el === document.activeElement), true, 'focus is back on the opener');

  // In Chinese: the same record in 万元, printed alone too.
  await page.locator('[data-lang="zh-CN"]').click();
  await opener.click();
  await view.waitFor();
  const zh = await testId(page, 'decisions-summary').textContent();
  assert.match(zh, /^新增联动 1 个，修改 1 个，删除 1 个；/);
  assert.match(zh, /万元/);
  assert.match(await doc.locator('h3').textContent(), /会议纪要/);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await doc.isVisible());
  assert.equal(await page.locator('[data-testid="board"]').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  await axeClean(page, 'compare view (zh)');
  await testId(page, 'decisions-print').focus();
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
}));

test('compare with an earlier version (Plans & files) and with a file; a bad file is refused calmly', () => withBoard(async ({ page }) => {
  await saved(page);
  const start = JSON.parse(await storedPlan(page));
  // One change: a link into Dongcheng to 200,000.
  const changed = plan.links.find((l) => unitOf(plan, l.target) === 'dongcheng');
  await card(page, changed.target).click();
  const row = page.locator(`.link-row[data-link-id="${changed.id}"]`);
  await row.locator('[data-testid="link-row-amount"]').fill('200000');
  await row.locator('[data-testid="link-row-amount"]').press('Enter');
  await page.locator(`.link-row[data-link-id="${changed.id}"][data-amount="200000"]`).waitFor();
  await page.keyboard.press('Escape');
  await saved(page);
  const now = JSON.parse(await storedPlan(page));

  // An earlier version: the plan as it was first kept.
  await testId(page, 'plans-toggle').click();
  const version = page.locator('[data-testid="versions"] .version').last();
  const name = await version.getAttribute('data-version');
  const old = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), `${STORAGE_PREFIX}${name}`));
  await version.locator('[data-action="compare"]').click();
  const view = testId(page, 'compare');
  await view.waitFor();
  assert.deepEqual(await listedLinks(page), linkChanges(old, now));
  assert.deepEqual(await listedLinks(page), { [changed.id]: { kind: 'changed', before: String(changed.amount), after: '200000' } });
  await checkUnits(page, old, now);
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });

  // A file: read and compared, never imported.
  const dir = await fs.promises.mkdtemp('/tmp/lb-compare-');
  const file = path.join(dir, 'before.json');
  fs.writeFileSync(file, JSON.stringify(start, null, 2));
  const rev = await revision(page);
  await testId(page, 'compare-file').setInputFiles(file);
  await view.waitFor();
  assert.equal(await testId(page, 'compare-against').textContent(), 'before.json');
  assert.deepEqual(await listedLinks(page), linkChanges(start, now));
  await checkUnits(page, start, now);
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
  assert.equal(await revision(page), rev, 'nothing was imported');

  // A file that is not a plan: the loader's words, role="alert", nothing else.
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, '{"format": "linkage-plan", "version": 1, ');
  await testId(page, 'compare-file').setInputFiles(bad);
  const refused = testId(page, 'compare-refused');
  await refused.waitFor();
  assert.equal(await refused.getAttribute('role'), 'alert');
  assert.match(await refused.textContent(), /bad\.json/);
  await settled(page);
  assert.equal(await view.count(), 0, 'no comparison opens');
  assert.equal(await revision(page), rev);

  // In presentation mode Plans & files stays at hand, and the view opens and closes from the keyboard.
  await testId(page, 'plans-toggle').click();
  await page.locator('[data-testid="board"]').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  assert.equal(await page.locator('[data-testid="board"]').getAttribute('data-mode'), 'present');
  await testId(page, 'plans-toggle').click();
  await testId(page, 'compare-since-start').focus();
  await page.keyboard.press('Enter');
  await view.waitFor();
  assert.deepEqual(await listedLinks(page), linkChanges(start, now), 'unmarked: the version first kept today');
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
}));
