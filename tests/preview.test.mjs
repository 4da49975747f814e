// The preview of a big file: a year's plan of a big city differs from the
// board's in thousands of records. Its counts, Replace and Merge come at
// once; its changes are listed by unit and kind, each group drawn when it is
// opened (by click or from the keyboard); the choices of the rows shown work
// and the rows never opened keep their defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBoard, withBoard } from './support/fixture.mjs';
import { tallies } from './support/plan.mjs';
import { eventually, expectTally, storedPlan } from './support/board.mjs';
import { generatePlan, seasonOf } from '../bench/generate.mjs';

useBoard();
const plan = generatePlan(5000);
const season = seasonOf(plan);

async function writeFile(name, contents) {
  const dir = await fs.promises.mkdtemp('/tmp/lb-preview-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(contents));
  return file;
}

const rows = (page) => page.locator('[data-testid="import-preview"]').locator('[data-change], [data-conflict]');

/** The counts the preview's table shows for one kind of record. */
async function counts(page, kind) {
  const tr = page.locator(`.diff tr[data-kind="${kind}"]`);
  return {
    added: Number(await tr.getAttribute('data-added')),
    changed: Number(await tr.getAttribute('data-changed')),
    removed: Number(await tr.getAttribute('data-removed')),
  };
}

test("next season's plan of 5,000 items: counts at once, changes by unit and kind opened on demand, Replace shows its plan", () => withBoard({ plan }, async ({ page }) => {
  await page.locator(`[data-testid="board"][data-plan-id="${plan.id}"]:not([aria-busy="true"])`).waitFor();
  await page.locator('[data-testid="import-input"]').setInputFiles(await writeFile('season.json', season));
  await page.locator('.diff tr[data-kind="items"]').waitFor({ timeout: 30_000 });

  // Four items in five with a new budget, every other link with a new amount, 500 new items each with a link.
  assert.deepEqual(await counts(page, 'items'), { added: 500, changed: 4000, removed: 0 });
  assert.deepEqual(await counts(page, 'links'), { added: 500, changed: 2500, removed: 0 });
  assert.equal(await page.locator('[data-testid="import-replace"]').isEnabled(), true);
  assert.equal(await page.locator('[data-testid="import-merge"]').isEnabled(), true);

  // No change drawn yet: every group closed, each saying how many it holds.
  const groups = page.locator('[data-change-group]');
  const groupCount = await groups.count();
  assert.ok(groupCount > 10, `the changes come in groups (${groupCount})`);
  assert.equal(await rows(page).count(), 0, 'no change row in the page before a group is opened');
  const sizes = await groups.evaluateAll((gs) => gs.map((g) => Number(g.dataset.count)));
  assert.equal(sizes.reduce((a, b) => a + b, 0), 7500, 'every change is in a group');
  for (const button of await page.locator('[data-testid="change-group-open"]').all()) {
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
  }

  // A district's changed items, opened by click: its rows, and no others.
  const district = plan.units.find((u) => u.level === 'district');
  const changed = page.locator(`[data-change-group="${district.id}/changed"]`);
  const want = Number(await changed.getAttribute('data-count'));
  const wantItems = plan.items.filter((i, n) => i.unit === district.id && n % 5 !== 0).length;
  assert.ok(want >= wantItems, `${district.id}: ${want} changes, of which ${wantItems} items`);
  await changed.locator('[data-testid="change-group-open"]').click();
  assert.equal(await changed.locator('[data-testid="change-group-open"]').getAttribute('aria-expanded'), 'true');
  await changed.locator('[data-change]').first().waitFor();
  assert.equal(await changed.locator('[data-change]').count(), want);
  assert.equal(await rows(page).count(), want, 'only the opened group is drawn');
  assert.ok(want < 1000, `a group is a few hundred rows at most (${want})`);
  const first = plan.items.find((i, n) => i.unit === district.id && n % 5 !== 0);
  const row = changed.locator(`[data-change="items/${first.id}"]`);
  assert.equal(await row.getAttribute('data-kind'), 'changed');
  assert.equal(await row.locator('[data-field="budget"] .before').textContent(), first.budget.toLocaleString('en-US'));
  assert.equal(await row.locator('[data-field="budget"] .after').textContent(), (first.budget + 10000).toLocaleString('en-US'));

  // Closed again by click; another opened from the keyboard (Enter), then closed (Space).
  await changed.locator('[data-testid="change-group-open"]').click();
  await changed.locator('[data-change]').first().waitFor({ state: 'detached' });
  assert.equal(await rows(page).count(), 0);
  const added = page.locator(`[data-change-group="${district.id}/added"]`);
  const addedButton = added.locator('[data-testid="change-group-open"]');
  await addedButton.focus();
  await page.keyboard.press('Enter');
  await added.locator('[data-change]').first().waitFor();
  assert.equal(await addedButton.getAttribute('aria-expanded'), 'true');
  const addedCount = Number(await added.getAttribute('data-count'));
  assert.equal(await added.locator('[data-change][data-kind="added"]').count(), addedCount);
  assert.ok(addedCount > 0);
  await page.keyboard.press('Space');
  await added.locator('[data-change]').first().waitFor({ state: 'detached' });
  assert.equal(await addedButton.getAttribute('aria-expanded'), 'false');

  // Replace: the board shows the file's plan.
  await page.locator('[data-testid="import-replace"]').click();
  await page.locator('[data-testid="import-preview"]').waitFor({ state: 'detached', timeout: 30_000 });
  const t = tallies(season);
  await expectTally(page, 'plan:budget', t.plan.budget);
  await expectTally(page, 'plan:received', t.plan.received);
  await expectTally(page, `unit:${district.id}:demand`, t.units[district.id].demand);
}));

test("a district's big slice returned: a change left in an opened group stays as it was, the groups never opened merge as they came", () => withBoard({ plan }, async ({ page }) => {
  await page.locator(`[data-testid="board"][data-plan-id="${plan.id}"]:not([aria-busy="true"])`).waitFor();
  const district = plan.units.find((u) => u.level === 'district');
  await page.locator('[data-testid="plans-toggle"]').click();
  await page.locator('[data-testid="slice-unit"]').selectOption(district.id);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-slice"]').click()]);
  const slice = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  await page.locator('[data-testid="plans-toggle"]').click();
  // The district raises every one of its demands and asks 100 less of every
  // amount it receives (less, so that no pool is spent further and nothing asks).
  const own = new Set(slice.items.filter((i) => i.unit === district.id).map((i) => i.id));
  for (const i of slice.items) if (own.has(i.id)) i.demand += 1000;
  for (const l of slice.links) if (own.has(l.target)) l.amount -= 100;
  const changes = own.size + slice.links.filter((l) => own.has(l.target)).length;
  assert.ok(changes > 200, `enough changes for closed groups (${changes})`);

  await page.locator('[data-testid="import-input"]').setInputFiles(await writeFile('returned.json', slice));
  const summary = page.locator('[data-testid="merge-summary"]');
  await summary.waitFor({ timeout: 30_000 });
  assert.equal(await summary.getAttribute('data-taken'), String(changes));
  assert.equal(await rows(page).count(), 0);
  assert.deepEqual(await counts(page, 'items'), { added: 0, changed: own.size, removed: 0 });

  // Leave one item's change: its group opened, its box unticked.
  const group = page.locator(`[data-change-group="${district.id}/changed"]`);
  await group.locator('[data-testid="change-group-open"]').click();
  const left = [...own][0];
  const kept = [...own][1];
  const box = group.locator(`[data-change="items/${left}"] input.take`);
  assert.equal(await box.isChecked(), true);
  await box.uncheck();
  await eventually(() => summary.getAttribute('data-taken'), String(changes - 1), 'one change fewer is taken');
  assert.equal((await counts(page, 'items')).changed, own.size - 1);
  // Closed and opened again, the row keeps its choice.
  await group.locator('[data-testid="change-group-open"]').click();
  await group.locator('[data-change]').first().waitFor({ state: 'detached' });
  await group.locator('[data-testid="change-group-open"]').click();
  assert.equal(await group.locator(`[data-change="items/${left}"]`).getAttribute('data-choice'), 'ours');
  assert.equal(await group.locator(`[data-change="items/${kept}"]`).getAttribute('data-choice'), 'theirs');

  await page.locator('[data-testid="import-merge"]').click();
  await page.locator('[data-testid="import-preview"]').waitFor({ state: 'detached', timeout: 30_000 });
  const before = tallies(plan);
  await expectTally(page, `unit:${district.id}:demand`, before.units[district.id].demand + BigInt(1000 * (own.size - 1)));
  const received = slice.links.filter((l) => own.has(l.target)).length * 100;
  await expectTally(page, `unit:${district.id}:received`, before.units[district.id].received - BigInt(received));
  // The one left is as it was, its neighbour as the district sent it.
  const demands = async () => {
    const stored = JSON.parse(await storedPlan(page));
    const of = (id) => stored.items.find((i) => i.id === id)?.demand;
    return `${of(left)} ${of(kept)}`;
  };
  const original = (id) => plan.items.find((i) => i.id === id).demand;
  await eventually(demands, `${original(left)} ${original(kept) + 1000}`, 'stored as chosen', 5000);
}));
