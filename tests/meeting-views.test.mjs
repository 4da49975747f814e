// The meeting views: the linkage matrix (programs × districts) and the
// district map. Every figure is checked against the stored plan, read
// independently; edits made in the matrix are commands that undo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { screenshot, BOARD_DRAWN } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { tallies, storePlan } from './support/plan.mjs';
import { eventually, storedPlan, saved, boardShown } from './support/board.mjs';
import { generatePlan } from '../bench/generate.mjs';

useBoard();

const GIVING = new Set(['municipal', 'affiliate']);

async function planNow(page) {
  await saved(page);
  return JSON.parse((await storedPlan(page)).replace(/^\uFEFF/, ''));
}

/** Cell sums from the plan, written independently: "item|unit" → { amount, links }. */
function cellSums(plan) {
  const unitOf = Object.fromEntries(plan.items.map((i) => [i.id, i.unit]));
  const out = {};
  for (const l of plan.links) {
    const key = `${l.source}|${unitOf[l.target]}`;
    out[key] ??= { amount: 0n, links: 0 };
    out[key].amount += BigInt(l.amount);
    out[key].links += 1;
  }
  return out;
}

function coverage(t) {
  if (t.demand <= 0n) return 'none';
  const c = (t.received * 1000n) / t.demand;
  return String(c > 1000n ? 1000n : c);
}

async function openMatrix(page) {
  await page.locator('[data-testid="matrix-view"]').click();
  await page.locator('[data-testid="matrix"]').waitFor();
}

const cell = (page, item, unit) => page.locator(`[data-cell="${item}|${unit}"]`);

/** The matrix's body lines as the plan lays them out: each giving unit (board order) and its items. */
function matrixLines(plan) {
  const rank = { municipal: 0, district: 1, affiliate: 2 };
  const units = plan.units
    .map((u, n) => [u, n])
    .sort(([a, i], [b, j]) => rank[a.level] - rank[b.level] || i - j)
    .map(([u]) => u)
    .filter((u) => GIVING.has(u.level));
  return units.flatMap((u) => [{ group: u.id }, ...plan.items.filter((i) => i.unit === u.id).map((i) => ({ item: i.id }))]);
}

/**
 * Scrolls the matrix from top to bottom and reads every line as it is
 * drawn: item rows (cells with value and link count, total) by id, and
 * each drawn line's place (data-line, aria-rowindex) by id.
 */
async function readMatrix(page) {
  const wrap = page.locator('.matrix-wrap');
  await wrap.evaluate((w) => (w.scrollTop = 0));
  const rows = new Map();
  const places = new Map();
  for (;;) {
    // The lines under the middle of the view are drawn (not a spacer).
    await eventually(
      () =>
        wrap.evaluate((w) => {
          const r = w.getBoundingClientRect();
          const el = document.elementFromPoint(r.left + 20, r.top + r.height / 2);
          return Boolean(el?.closest('tr[data-line]'));
        }),
      true,
      'the lines in view are drawn',
      10_000,
    );
    const seen = await page.locator('tr[data-line]').evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.dataset.row ?? `group:${tr.dataset.group}`,
        line: Number(tr.dataset.line),
        index: Number(tr.getAttribute('aria-rowindex')),
        cells: tr.dataset.row
          ? [...tr.querySelectorAll('td[data-col]')].map((td) => [td.dataset.col, td.dataset.value ?? null, td.dataset.links ?? null])
          : null,
        total: tr.querySelector('[data-row-total]')?.dataset.value ?? null,
      })),
    );
    for (const r of seen) {
      places.set(r.id, [r.line, r.index]);
      if (r.cells) rows.set(r.id, r);
    }
    const done = await wrap.evaluate((w) => {
      const end = w.scrollTop + w.clientHeight >= w.scrollHeight - 1;
      if (!end) w.scrollTop += Math.max(40, Math.floor(w.clientHeight * 0.6));
      return end;
    });
    if (done) break;
  }
  return { rows, places };
}

/** Checks what readMatrix saw against the plan: every line in its place, every cell and total. */
function checkMatrix(plan, { rows, places }) {
  const lines = matrixLines(plan);
  const want = cellSums(plan);
  const columns = [
    ...plan.units.filter((u) => u.level === 'district'),
    ...plan.units.filter((u) => u.level === 'affiliate'),
  ].map((u) => u.id);
  const unitOf = Object.fromEntries(plan.items.map((i) => [i.id, i.unit]));
  assert.equal(places.size, lines.length, 'every line was drawn on the way down');
  for (const [n, l] of lines.entries()) {
    const id = l.item ?? `group:${l.group}`;
    assert.deepEqual(places.get(id), [n, n + 2], `line ${id} in its place, aria-rowindex after the head row`);
  }
  for (const { item } of lines.filter((l) => l.item)) {
    const row = rows.get(item);
    assert.deepEqual(row.cells.map(([c]) => c), columns, `row ${item}: a cell per column`);
    let total = 0n;
    for (const [col, value, links] of row.cells) {
      if (col === unitOf[item]) {
        assert.equal(value, null, `row ${item}: its own unit's cell holds nothing`);
        continue;
      }
      const sum = want[`${item}|${col}`];
      assert.equal(BigInt(value), sum?.amount ?? 0n, `cell ${item}|${col}`);
      assert.equal(Number(links), sum?.links ?? 0, `links of ${item}|${col}`);
      total += sum?.amount ?? 0n;
    }
    assert.equal(BigInt(row.total), total, `row total ${item}`);
  }
}

/** A giving item of `unitId` and the plan's first receiving unit where the cell is empty. */
function emptyCell(plan, giver, receiver) {
  const sums = cellSums(plan);
  const item = plan.items.find((i) => i.unit === giver && !sums[`${i.id}|${receiver}`]);
  assert.ok(item, `an empty cell from ${giver} to ${receiver}`);
  return item.id;
}

test('every matrix cell, row and column total equals the sums of the stored plan', () => withBoard({ viewport: { width: 1920, height: 1080 } }, async ({ page }) => {
  const plan = await planNow(page);
  await openMatrix(page);
  const want = cellSums(plan);
  const t = tallies(plan);
  const levelOf = Object.fromEntries(plan.units.map((u) => [u.id, u.level]));
  const rows = plan.items.filter((i) => GIVING.has(levelOf[i.unit]));
  const columns = [
    ...plan.units.filter((u) => u.level === 'district'),
    ...plan.units.filter((u) => u.level === 'affiliate'),
  ].map((u) => u.id);
  checkMatrix(plan, await readMatrix(page));
  assert.equal(
    await page.locator('[data-testid="matrix"]').getAttribute('aria-rowcount'),
    String(matrixLines(plan).length + 2),
    'the table says how many rows it has',
  );
  assert.deepEqual(
    await page.locator('[data-col-total]').evaluateAll((els) => els.map((e) => e.dataset.colTotal)),
    columns,
    'districts, then affiliates, in board order',
  );
  for (const c of columns) {
    assert.equal(BigInt(await page.locator(`[data-col-total="${c}"]`).getAttribute('data-value')), t.units[c].received, `column ${c}`);
  }
  for (const r of rows) {
    const sum = columns.reduce((a, c) => a + (want[`${r.id}|${c}`]?.amount ?? 0n), 0n);
    assert.equal(BigInt(await page.locator(`[data-row-total="${r.id}"]`).getAttribute('data-value')), sum, `row ${r.id}`);
  }
  const corner = page.locator('[data-testid="matrix-corner"]');
  assert.equal(BigInt(await corner.getAttribute('data-given')), t.plan.given);
  assert.equal(Number(await corner.getAttribute('data-covered')), t.coverage.covered);
  // Unreached districts say so in words, not colour alone.
  assert.match(await page.locator('[data-col-head="yanqing"]').textContent(), /Not reached/);
  // Sixteen districts fit 1920 wide: the last district's head is in view.
  const fits = await page.evaluate(() => {
    const wrap = document.querySelector('.matrix-wrap').getBoundingClientRect();
    const heads = [...document.querySelectorAll('[data-col-head]')];
    return heads[15].getBoundingClientRect().right <= wrap.right;
  });
  assert.ok(fits, 'the sixteen districts fit at 1920');
}));

test('typing an amount into an empty cell links the unit’s one item; one undo removes it; the board follows without a rebuild', () => withBoard(async ({ page }) => {
  const plan = await planNow(page);
  // The consulting center has one item: a program's amount goes straight to it.
  const item = emptyCell(plan, 'bast', 'consulting-center');
  const target = plan.items.find((i) => i.unit === 'consulting-center');
  await openMatrix(page);
  // Marks that survive only if the table and an unrelated row are not rebuilt.
  await page.evaluate(() => {
    document.querySelector('[data-testid="matrix"]').__kept = 1;
    [...document.querySelectorAll('tr[data-row]')].at(-1).__kept = 1;
  });
  const c = cell(page, item, 'consulting-center');
  await c.focus();
  await page.keyboard.press('1');
  const input = page.locator('[data-testid="matrix-input"]');
  await input.waitFor();
  await page.keyboard.type('5万');
  assert.match(await page.locator('[data-testid="matrix-amount-reading"]').textContent(), /150,000|15万/);
  await page.keyboard.press('Enter');
  await eventually(() => c.getAttribute('data-value'), '150000');
  assert.equal(await c.getAttribute('data-links'), '1');
  const after = await planNow(page);
  const link = after.links.find((l) => l.source === item && l.target === target.id);
  assert.ok(link, 'the link is in the stored plan');
  assert.equal(link.amount, 150000);
  const t = tallies(after);
  assert.equal(BigInt(await page.locator('[data-col-total="consulting-center"]').getAttribute('data-value')), t.units['consulting-center'].received);
  assert.deepEqual(
    await page.evaluate(() => [
      document.querySelector('[data-testid="matrix"]').__kept,
      [...document.querySelectorAll('tr[data-row]')].at(-1).__kept,
    ]),
    [1, 1],
    'the table and the other rows are kept',
  );
  await eventually(() => page.evaluate(() => document.activeElement?.dataset.cell), `${item}|consulting-center`, 'focus back on the cell');
  await page.locator('[data-testid="undo"]').click();
  await eventually(() => c.getAttribute('data-links'), '0');
  assert.equal(await c.getAttribute('data-value'), '0');
  const undone = await planNow(page);
  assert.ok(!undone.links.some((l) => l.source === item && l.target === target.id), 'undo removed the link');
}));

test('a district with several items asks which takes the amount, largest unmet demand first; 0 keeps the link; clearing says which link goes', () => withBoard(async ({ page }) => {
  const plan = await planNow(page);
  const item = emptyCell(plan, 'bast', 'yanqing');
  const t = tallies(plan);
  await openMatrix(page);
  const c = cell(page, item, 'yanqing');
  await c.focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="matrix-input"]').fill('100000');
  await page.keyboard.press('Enter');
  const question = page.locator('[data-testid="matrix-question"]');
  await question.waitFor();
  const candidates = await question.locator('[data-candidate]').evaluateAll((els) => els.map((e) => [e.dataset.candidate, e.dataset.unmet]));
  const yanqing = plan.items.filter((i) => i.unit === 'yanqing');
  assert.equal(candidates.length, yanqing.length);
  for (const [id, unmet] of candidates) {
    const gap = t.items[id].gap;
    assert.equal(BigInt(unmet), gap > 0n ? gap : 0n, `unmet of ${id}`);
  }
  const unmet = candidates.map(([, u]) => Number(u));
  assert.deepEqual(unmet, [...unmet].sort((a, b) => b - a), 'largest unmet first');
  const chosen = candidates[1][0];
  await question.locator(`[data-candidate="${chosen}"]`).click();
  await question.waitFor({ state: 'detached' });
  await eventually(() => c.getAttribute('data-value'), '100000');
  let stored = await planNow(page);
  assert.ok(stored.links.some((l) => l.source === item && l.target === chosen && l.amount === 100000), 'linked to the chosen item');
  assert.match(await page.locator('[data-col-head="yanqing"]').textContent(), /unmet/);

  // 0 keeps the link without money.
  await c.focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="matrix-input"]').fill('0');
  await page.keyboard.press('Enter');
  await eventually(() => c.getAttribute('data-value'), '0');
  assert.equal(await c.getAttribute('data-links'), '1');

  // Emptied: the link goes once its removal is confirmed.
  await c.focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="matrix-input"]').fill('');
  await page.keyboard.press('Enter');
  await question.waitFor();
  stored = await planNow(page);
  const link = stored.links.find((l) => l.source === item && l.target === chosen);
  assert.equal(await question.locator('[data-link]').count(), 1);
  assert.equal(await question.locator('[data-link]').getAttribute('data-link'), link.id, 'says which link goes');
  await question.locator('[data-testid="matrix-remove-confirm"]').click();
  await eventually(() => c.getAttribute('data-links'), '0');
  stored = await planNow(page);
  assert.ok(!stored.links.some((l) => l.id === link.id), 'the link is removed');
}));

test('arrows move between cells and Esc cancels an edit, focus back on the cell', () => withBoard(async ({ page }) => {
  await openMatrix(page);
  const first = page.locator('tr[data-row] td[data-col]').first();
  await first.focus();
  const at = () => page.evaluate(() => `${document.activeElement.closest('tr')?.dataset.row}|${document.activeElement.dataset.col}`);
  const rows = await page.locator('tr[data-row]').evaluateAll((els) => els.map((e) => e.dataset.row));
  const cols = await page.locator('[data-col-total]').evaluateAll((els) => els.map((e) => e.dataset.colTotal));
  await eventually(at, `${rows[0]}|${cols[0]}`);
  await page.keyboard.press('ArrowRight');
  await eventually(at, `${rows[0]}|${cols[1]}`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await eventually(at, `${rows[2]}|${cols[1]}`);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await eventually(at, `${rows[2]}|${cols[0]}`, 'stops at the edge');
  await page.keyboard.press('ArrowUp');
  await eventually(at, `${rows[1]}|${cols[0]}`);
  // Only the cell under the cursor is a Tab stop.
  assert.equal(await page.locator('td[data-col][tabindex="0"]').count(), 1);
  const before = await page.evaluate(() => document.activeElement.dataset.value);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="matrix-input"]').fill('999');
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="matrix-input"]').waitFor({ state: 'detached' });
  await eventually(at, `${rows[1]}|${cols[0]}`, 'focus back on the cell');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.value), before, 'nothing changed');
}));

/** RFC 4180 rows of a CSV text. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cellText = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cellText += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cellText += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cellText);
      cellText = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cellText);
      rows.push(row);
      row = [];
      cellText = '';
      i++;
    } else cellText += ch;
  }
  return rows;
}

test('the matrix CSV (UTF-8 with BOM, CRLF) holds the same cells as the matrix', () => withBoard({ locale: 'zh-CN' }, async ({ page }) => {
  await openMatrix(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="matrix-csv"]').click()]);
  const raw = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(raw.startsWith('\uFEFF'), 'byte-order mark');
  assert.ok(raw.includes('\r\n') && !/[^\r]\n/.test(raw), 'CRLF line ends');
  const rows = parseCsv(raw.slice(1));
  const cols = await page.locator('[data-col-total]').evaluateAll((els) => els.map((e) => e.dataset.colTotal));
  const programs = await page.locator('tr[data-row]').evaluateAll((els) => els.map((e) => e.dataset.row));
  assert.equal(rows[0].length, cols.length + 3);
  assert.equal(rows[0][2], '东城区');
  // A program's own unit has no cell (it does not give to itself): empty in the CSV too.
  const cells = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('[data-cell]')].map((e) => [e.dataset.cell, e.dataset.value])),
  );
  for (const [n, item] of programs.entries()) {
    const line = rows[n + 1];
    for (const [k, col] of cols.entries()) {
      assert.equal(line[k + 2], cells[`${item}|${col}`] ?? '', `CSV cell ${item}|${col}`);
    }
    assert.equal(line.at(-1), await page.locator(`[data-row-total="${item}"]`).getAttribute('data-value'));
  }
  const received = rows[programs.length + 1];
  for (const [k, col] of cols.entries()) {
    assert.equal(received[k + 2], await page.locator(`[data-col-total="${col}"]`).getAttribute('data-value'));
  }
}));

test('the district map: a tile per district where Beijing has it, with the tallies; a click shows the unit on the board', () => withBoard(async ({ page }) => {
  const plan = await planNow(page);
  const t = tallies(plan);
  await page.locator('[data-testid="map-view"]').click();
  const map = page.locator('[data-testid="district-map"]');
  await map.waitFor();
  const districts = plan.units.filter((u) => u.level === 'district');
  assert.equal(await map.locator('[data-tile]').count(), districts.length);
  for (const d of districts) {
    const tile = map.locator(`[data-tile="${d.id}"]`);
    assert.equal(BigInt(await tile.getAttribute('data-received')), t.units[d.id].received, `${d.id} received`);
    assert.equal(BigInt(await tile.getAttribute('data-demand')), t.units[d.id].demand, `${d.id} demand`);
    assert.equal(await tile.getAttribute('data-coverage'), coverage(t.units[d.id]), `${d.id} coverage`);
  }
  // North above the centre, Daxing below it, Mentougou west of Haidian.
  const box = async (id) => map.locator(`[data-tile="${id}"]`).boundingBox();
  const [yanqing, haidian, daxing, mentougou, tongzhou, chaoyang] = await Promise.all(
    ['yanqing', 'haidian', 'daxing', 'mentougou', 'tongzhou', 'chaoyang'].map(box),
  );
  assert.ok(yanqing.y < haidian.y && haidian.y < daxing.y, 'north to south');
  assert.ok(mentougou.x < haidian.x && haidian.x < chaoyang.x && chaoyang.x <= tongzhou.x, 'west to east');
  assert.match(await map.locator('[data-tile="yanqing"]').textContent(), /Yanqing District.*Not reached/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="map-svg"]').click()]);
  const svg = fs.readFileSync(await download.path(), 'utf8');
  assert.match(svg, /^<svg/);
  assert.equal((svg.match(/data-tile=/g) || []).length, districts.length);

  await map.locator('[data-tile="haidian"]').click();
  await page.locator(BOARD_DRAWN).waitFor({ state: 'visible' });
  const column = page.locator('[data-column="unit:haidian"]');
  await eventually(() => column.getAttribute('data-current'), 'true', 'the unit is the current column');
  await eventually(
    () => page.evaluate(() => {
      const el = document.querySelector('[data-column="unit:haidian"]').getBoundingClientRect();
      return el.left >= 0 && el.left < window.innerWidth;
    }),
    true,
    'the column is in view',
  );

  // Back on the map: a change made on the board is there.
  await page.locator('[data-testid="map-view"]').click();
  await map.locator('[data-tile="haidian"]').press('Enter');
  await eventually(() => column.getAttribute('data-current'), 'true', 'Enter works as a click');
}));

test('both views in Chinese and in English', async () => {
  for (const [locale, title, name, unreached] of [
    ['zh-CN', '联动矩阵', '延庆区', '尚未覆盖'],
    ['en-US', 'Linkage matrix', 'Yanqing District', 'Not reached yet'],
  ]) {
    await withBoard({ locale }, async ({ page }) => {
      await openMatrix(page);
      assert.match(await page.locator('[data-testid="matrix-section"] h2').textContent(), new RegExp(title));
      const head = await page.locator('[data-col-head="yanqing"]').textContent();
      assert.ok(head.includes(name) && head.includes(unreached), `${locale}: ${head}`);
      await page.locator('[data-testid="map-view"]').click();
      const tile = await page.locator('[data-tile="yanqing"]').textContent();
      assert.ok(tile.includes(name) && tile.includes(unreached), `${locale}: ${tile}`);
      await screenshot(page, `map-${locale.slice(0, 2)}`);
    });
  }
});

test('the toggles share the controls line at 1600 wide', () => withBoard({ viewport: { width: 1600, height: 900 } }, async ({ page }) => {
  const tops = await page.evaluate(() =>
    ['grouping', 'balance-toggle', 'matrix-view', 'map-view', 'filter-tag'].map(
      (id) => Math.round(document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect().top),
    ),
  );
  assert.ok(Math.max(...tops) - Math.min(...tops) < 12, `one line: ${tops}`);
}));

test('presentation screenshots of the matrix and the map at 1920×1080 and 1280×720', async () => {
  for (const [width, height] of [[1920, 1080], [1280, 720]]) {
    await withBoard({ viewport: { width, height } }, async ({ page }) => {
      await openMatrix(page);
      await page.locator('[data-testid="present"]').click();
      await eventually(() => page.evaluate(() => document.documentElement.classList.contains('presenting')), true);
      const scrolls = await page.evaluate(() => {
        const w = document.querySelector('.matrix-wrap');
        return w.scrollWidth > w.clientWidth;
      });
      if (width === 1280) assert.ok(scrolls, 'the matrix scrolls at 1280');
      await screenshot(page, `matrix-present-${width}`);
      await page.keyboard.press('Escape');
      await eventually(() => page.evaluate(() => document.documentElement.classList.contains('presenting')), false);
      await page.locator('[data-testid="map-view"]').click();
      await page.locator('[data-testid="present"]').click();
      await eventually(() => page.evaluate(() => document.documentElement.classList.contains('presenting')), true);
      await page.locator('[data-testid="district-map"]').waitFor();
      // Every tile is on the presentation screen, none cut off.
      const fits = await page.evaluate(() =>
        [...document.querySelectorAll('[data-tile]')].every((t) => {
          const r = t.getBoundingClientRect();
          return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth;
        }),
      );
      assert.ok(fits, `every tile within ${width} px`);
      await screenshot(page, `map-present-${width}`);
    });
  }
});

/** The generated plan of 5,000 items and 5,000 links. */
const generated = () => generatePlan(5000);

/** Opens the matrix of the generated plan and waits until it is drawn. */
async function openGeneratedMatrix(page) {
  await openMatrix(page);
  await page.locator('td[data-cell]').first().waitFor({ timeout: 60_000 });
}

test('a generated plan of 5,000 items and 5,000 links: every cell, read line by line while scrolling, equals the stored plan', async () => {
  const start = Date.now();
  const plan = generated();
  await withBoard({ plan }, async ({ page }) => {
    await openGeneratedMatrix(page);
    console.log(`matrix of ${matrixLines(plan).length} lines stored, loaded and opened in ${Date.now() - start} ms`);
    const drawn = await page.locator('tr[data-line]').count();
    assert.ok(drawn < 200, `only the lines in view are drawn (${drawn})`);
    assert.equal(
      await page.locator('[data-testid="matrix"]').getAttribute('aria-rowcount'),
      String(matrixLines(plan).length + 2),
    );
    checkMatrix(plan, await readMatrix(page));
    const t = tallies(plan);
    for (const u of plan.units.filter((u) => u.level === 'district')) {
      assert.equal(BigInt(await page.locator(`[data-col-total="${u.id}"]`).getAttribute('data-value')), t.units[u.id].received, `column ${u.id}`);
    }
  });
});

test('ArrowDown from the last drawn line reaches the next program, which was not drawn yet', async () => {
  const plan = generated();
  await withBoard({ plan }, async ({ page }) => {
    await openGeneratedMatrix(page);
    const items = matrixLines(plan).filter((l) => l.item).map((l) => l.item);
    const last = await page.locator('tr[data-row]').evaluateAll((trs) => trs.at(-1).dataset.row);
    const next = items[items.indexOf(last) + 1];
    assert.equal(await page.locator(`tr[data-row="${next}"]`).count(), 0, 'the next program is not drawn');
    const col = await page.locator(`tr[data-row="${last}"] td[data-col]`).nth(2).getAttribute('data-col');
    // Focused where it is, without scrolling.
    await page.locator(`tr[data-row="${last}"] td[data-col="${col}"]`).evaluate((td) => td.focus({ preventScroll: true }));
    await page.keyboard.press('ArrowDown');
    const at = () => page.evaluate(() => `${document.activeElement?.closest('tr')?.dataset.row}|${document.activeElement?.dataset.col}`);
    await eventually(at, `${next}|${col}`, 'the next program, same column, has the focus');
    const inView = await page.evaluate(() => {
      const w = document.querySelector('.matrix-wrap').getBoundingClientRect();
      const head = document.querySelector('.matrix thead').getBoundingClientRect();
      const foot = document.querySelector('.matrix tfoot').getBoundingClientRect();
      const r = document.activeElement.getBoundingClientRect();
      return r.top >= head.bottom - 1 && r.bottom <= foot.top + 1 && r.bottom <= w.bottom;
    });
    assert.ok(inView, 'scrolled into view between the sticky head and foot');
    // And back up, then a long way down: arrows go on through lines never drawn before.
    await page.keyboard.press('ArrowUp');
    await eventually(at, `${last}|${col}`);
    for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowDown');
    await eventually(at, `${items[items.indexOf(last) + 60]}|${col}`, '60 programs further down');
    assert.equal(await page.locator('td[data-col][tabindex="0"]').count(), 1, 'one Tab stop');
  });
});

test('clearing a cell that holds two links removes both in one step: one undo brings both back as they were', () => withBoard(async ({ page }) => {
  const plan = await planNow(page);
  const item = emptyCell(plan, 'bast', 'yanqing');
  const targets = plan.items.filter((i) => i.unit === 'yanqing').map((i) => i.id);
  assert.ok(targets.length >= 2, 'Yanqing has two items');
  const added = targets.slice(0, 2).map((target, n) => ({ id: `cell-link-${n}`, source: item, target, amount: 7000 + n }));
  await storePlan(page, { ...plan, revision: (plan.revision ?? 0) + 1, links: [...plan.links, ...added] });
  await page.reload();
  await boardShown(page);
  await openMatrix(page);
  const c = cell(page, item, 'yanqing');
  assert.equal(await c.getAttribute('data-links'), '2');
  assert.equal(await c.getAttribute('data-value'), '14001');
  await c.focus();
  await page.keyboard.press('Delete');
  const question = page.locator('[data-testid="matrix-question"]');
  await question.waitFor();
  assert.deepEqual(
    (await question.locator('[data-link]').evaluateAll((els) => els.map((e) => e.dataset.link))).sort(),
    added.map((l) => l.id),
    'says which links go',
  );
  await question.locator('[data-testid="matrix-remove-confirm"]').click();
  await eventually(() => c.getAttribute('data-links'), '0');
  let stored = await planNow(page);
  assert.ok(!stored.links.some((l) => l.source === item && targets.includes(l.target)), 'both links removed');
  await page.locator('[data-testid="undo"]').click();
  await eventually(() => c.getAttribute('data-links'), '2', 'one undo brings both back');
  assert.equal(await c.getAttribute('data-value'), '14001');
  stored = await planNow(page);
  assert.deepEqual(
    stored.links.filter((l) => l.source === item && targets.includes(l.target)).map(({ id, source, target, amount }) => ({ id, source, target, amount })),
    added,
    'both links as they were',
  );
  assert.deepEqual(stored.links.map((l) => l.id), [...plan.links, ...added].map((l) => l.id), 'in their places');
}));

test('an amount beyond what the giving unit has left asks first, saying both; cancel changes nothing, confirm links', () => withBoard(async ({ page }) => {
  const plan = await planNow(page);
  const given = tallies(plan).units.bast.given;
  const units = plan.units.map((u) => (u.id === 'bast' ? { ...u, pool: Number(given + 1000n) } : u));
  await storePlan(page, { ...plan, revision: (plan.revision ?? 0) + 1, units });
  await page.reload();
  await boardShown(page);
  const item = emptyCell(plan, 'bast', 'consulting-center');
  await openMatrix(page);
  const c = cell(page, item, 'consulting-center');
  const enter = async (text) => {
    await c.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="matrix-input"]').fill(text);
    await page.keyboard.press('Enter');
  };
  // Within what is left: no question.
  await enter('1000');
  await eventually(() => c.getAttribute('data-value'), '1000');
  assert.equal(await page.locator('[data-testid="matrix-question"]').count(), 0);
  // Raised by 4,000 with nothing left: asked.
  await enter('5000');
  const question = page.locator('[data-testid="matrix-question"]');
  await question.waitFor();
  const over = question.locator('[data-testid="matrix-over"]');
  assert.equal(await over.getAttribute('data-left'), '1000', 'left for this link: what the pool has left plus what the link holds');
  assert.equal(await over.getAttribute('data-typed'), '5000');
  const text = await over.textContent();
  assert.match(text, /1,000/, `says what is left: ${text}`);
  assert.match(text, /5,000/, `says what was typed: ${text}`);
  const revisionBefore = (await planNow(page)).revision;
  await question.locator('[data-testid="matrix-question-cancel"]').click();
  await question.waitFor({ state: 'detached' });
  assert.equal(await c.getAttribute('data-value'), '1000', 'cancel changes nothing');
  assert.equal((await planNow(page)).revision, revisionBefore);
  await eventually(() => page.evaluate(() => document.activeElement?.dataset.cell), `${item}|consulting-center`, 'focus back on the cell');
  await enter('5000');
  await question.waitFor();
  await question.locator('[data-testid="matrix-over-confirm"]').click();
  await eventually(() => c.getAttribute('data-value'), '5000');
  const stored = await planNow(page);
  assert.equal(stored.links.find((l) => l.source === item && l.target === plan.items.find((i) => i.unit === 'consulting-center').id).amount, 5000);
  assert.match(await page.locator('[data-group="bast"]').textContent(), /-4,000|−4,000/, 'the pool shows it is overspent');
}));
