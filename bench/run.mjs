// Benchmark: the release build in headless Chromium, next to a plain-JS
// baseline that writes the same card markup. Prints a table (medians of
// several runs) and writes BENCHMARKS.md.
//
//   node bench/run.mjs [--runs N] [--only bundle|render|edit|matrix]
//   (expects dist/ from `trunk build --release --offline`; with --only, the
//   table is printed and BENCHMARKS.md is left as it is)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { startServer, launchBrowser, REPO_ROOT } from '../tests/support/harness.mjs';
import { generatePlan } from './generate.mjs';
import { bundleSize, kb } from './bundle.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const onlyArg = process.argv.indexOf('--only');
const ONLY = onlyArg > 0 ? process.argv[onlyArg + 1] : null;
const want = (section) => !ONLY || ONLY === section;
const dist = path.join(REPO_ROOT, 'dist');
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  execSync('trunk build --release --offline', { cwd: REPO_ROOT, stdio: 'inherit' });
}

// One directory served under the sub-path: the app, the baseline and plans.
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-bench-'));
fs.cpSync(dist, site, { recursive: true });
fs.copyFileSync(path.join(REPO_ROOT, 'bench/baseline.html'), path.join(site, 'baseline.html'));
fs.copyFileSync(path.join(REPO_ROOT, 'bench/baseline.js'), path.join(site, 'baseline.js'));
fs.copyFileSync(path.join(REPO_ROOT, 'style/main.css'), path.join(site, 'main.css'));
const demo = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'src/model/demo_plan.json'), 'utf8'));
const plans = { 1000: generatePlan(1000), 5000: generatePlan(5000) };
const plan5000File = path.join(site, 'plan-5000.json');
fs.writeFileSync(plan5000File, JSON.stringify({ ...plans[5000], id: 'bench-import-5000' }, null, 2));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

const server = await startServer(site);
const browser = await launchBrowser();

/**
 * Navigates with `plan` stored (the demo when null), and returns ms from
 * navigation start until the board is rendered: every unit's column is in
 * the DOM with its first card. The baseline writes all its cards in one go;
 * the app renders a long column's cards as they come into view, so the
 * number of cards in the DOM at that moment is recorded too.
 */
async function timeToBoard(page, url, plan) {
  const shown = plan ?? demo;
  const firstCards = shown.units.map((u) => shown.items.find((i) => i.unit === u.id)?.id).filter(Boolean);
  await page.addInitScript(
    ([plan, firstCards]) => {
      if (plan) {
        localStorage.setItem(`linkage-board:v1:plan:${plan.id}`, JSON.stringify(plan));
        localStorage.setItem('linkage-board:v1:current', plan.id);
      }
      const poll = () => {
        if (firstCards.every((id) => document.querySelector(`[data-item-id="${id}"]`))) {
          window.__renderedAt = performance.now();
          window.__cardsInDom = document.querySelectorAll('[data-item-id]').length;
        } else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    },
    [plan, firstCards],
  );
  await page.goto(url);
  await page.waitForFunction(() => window.__renderedAt !== undefined, null, { timeout: 60_000 });
  return page.evaluate(() => ({ ms: window.__renderedAt, cards: window.__cardsInDom }));
}

async function fresh() {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, acceptDownloads: true });
  return { context, page: await context.newPage() };
}

async function measureRender(which, plan) {
  const times = [];
  let cards = 0;
  for (let r = 0; r < RUNS; r++) {
    const { context, page } = await fresh();
    const url = which === 'app' ? server.url : `${server.url}baseline.html`;
    const got = await timeToBoard(page, url, plan);
    times.push(got.ms);
    cards = got.cards;
    await context.close();
  }
  return { ms: median(times), cards };
}

const results = [];
const add = (metric, value, target, ok, note = '') => results.push({ metric, value, target, verdict: ok === null ? '' : ok ? 'met' : 'missed', note });

// Bundle.
if (want('bundle')) {
const { wasm, chunks, js, css, first, plainHost, total } = bundleSize(dist);
add('bundle: main wasm raw / packed (zstd)', `${kb(wasm.raw)} / ${kb(wasm.gz)}`, '', null);
add('bundle: JS raw / gzip', `${kb(js.raw)} / ${kb(js.gz)}`, '', null);
add('bundle: CSS raw / gzip', `${kb(css.raw)} / ${kb(css.gz)}`, '', null);
add('bundle: first load (main wasm + JS + CSS) packed', kb(first), '≤ 150 KB', first <= 150 * 1024, first > 150 * 1024 ? `${(first / (150 * 1024)).toFixed(2)}× the budget` : '');
add('bundle: first load from a host that compresses nothing (the .zst and .gz files the loader unpacks, the rest as it is)', kb(plainHost), '≤ 380 KB', plainHost <= 380 * 1024, 'what the loading test weighs on the wire (tests/loading.test.mjs)');
add('bundle: chunks raw / gzip; total gzip', `${kb(chunks.raw)} / ${kb(chunks.gz)}; ${kb(total)}`, '', null);
}

// Startup and render.
if (want('render')) {
const { ms: demoApp } = await measureRender('app', null);
const { ms: demoBase } = await measureRender('baseline', demo);
add('startup: demo board rendered (from navigation)', ms(demoApp), '≤ 2× baseline', demoApp <= 2 * demoBase, `baseline ${ms(demoBase)}, ratio ${(demoApp / demoBase).toFixed(2)}`);
// The floor under the start: the board with one unit and one card, against
// the baseline's whole demo. What it takes is the wasm fetched, unpacked,
// compiled and started, the framework and the page's frame.
const floorUnit = demo.units[0];
const floorPlan = { ...demo, id: 'bench-floor', units: [floorUnit], items: [demo.items.find((i) => i.unit === floorUnit.id)], links: [] };
const { ms: floorApp } = await measureRender('app', floorPlan);
add('startup floor: a board of one unit and one card (from navigation)', ms(floorApp), '', null, `${(floorApp / demoBase).toFixed(2)}× the baseline's whole demo board`);
for (const n of [1000, 5000]) {
  const app = await measureRender('app', plans[n]);
  const base = await measureRender('baseline', plans[n]);
  add(
    `render ${n} cards + ${n} links (from navigation)`,
    ms(app.ms),
    '≤ 1.2× baseline',
    app.ms <= 1.2 * base.ms,
    `baseline ${ms(base.ms)}, ratio ${(app.ms / base.ms).toFixed(2)}; cards in the DOM: app ${app.cards} (long columns render what is in view), baseline ${base.cards}`,
  );
}

}

// One edit at 5,000 cards.
if (want('edit')) {
  const { context, page } = await fresh();
  await timeToBoard(page, server.url, plans[5000]);
  const edits = [];
  const applies = [];
  const item = plans[5000].items.find((i) => i.unit === 'haidian');
  for (let r = 0; r < RUNS; r++) {
    await page.locator(`[data-item-id="${item.id}"]`).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="field-budget"]').fill(String(500000 + r));
    edits.push(
      await page.evaluate(async () => {
        const dd = document.querySelector('[data-tally="unit:haidian:budget"]');
        const t0 = performance.now();
        await new Promise((res) => {
          const mo = new MutationObserver(() => {
            mo.disconnect();
            res();
          });
          mo.observe(dd, { attributes: true });
          document.querySelector('[data-testid="save-item"]').click();
        });
        return performance.now() - t0;
      }),
    );
    applies.push(await page.evaluate(() => performance.getEntriesByName('lb:apply').at(-1).duration));
  }
  add('one edit (card budget) → tallies in the DOM, 5,000 cards', ms(median(edits)), '≤ 4 ms', median(edits) <= 4, `of which apply + refresh ${ms(median(applies))}`);

  // Autosave: cost, and how many saves 10 quick changes cause.
  await page.waitForTimeout(600);
  const before = await page.evaluate(() => performance.getEntriesByName('lb:save').length);
  for (let i = 0; i < 10; i++) await page.keyboard.press(i % 2 ? 'Control+y' : 'Control+z');
  await page.waitForTimeout(1000);
  const saves = await page.evaluate(() => performance.getEntriesByName('lb:save').map((e) => e.duration));
  add('autosave at 5,000 cards (one save)', ms(median(saves)), '', null, `${saves.length - before} save(s) for 10 changes in quick succession (300 ms debounce)`);

  // Drag over the board: handler time per pointer-move, and frames.
  const source = page.locator(`[data-item-id="${plans[5000].items.find((i) => i.unit === 'dongcheng').id}"]`);
  const box = await source.boundingBox();
  await page.mouse.move(box.x + 20, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 40, box.y + 40, { steps: 3 });
  const drag = await page.evaluate(async ([x0, y0]) => {
    const card = document.elementFromPoint(x0, y0).closest('[data-item-id]');
    const handler = [];
    const frames = [];
    let last = performance.now();
    for (let i = 0; i < 80; i++) {
      const x = x0 + (i * 17) % 1400;
      const y = y0 + ((i * 37) % 500);
      const t0 = performance.now();
      card.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, pointerId: 1, pointerType: 'mouse', isPrimary: true, bubbles: true }));
      handler.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    return { handler, frames };
  }, [box.x + 40, box.y + 40]);
  await page.keyboard.press('Escape');
  await page.mouse.up();
  const hMax = Math.max(...drag.handler);
  add('drag: pointer-move handler, 5,000 cards (median / max)', `${ms(median(drag.handler))} / ${ms(hMax)}`, '≤ 4 ms', hMax <= 4, `frame interval while dragging: median ${ms(median(drag.frames))}, max ${ms(Math.max(...drag.frames))}`);

  // Import and export of a 5,000-item file.
  const imports = [];
  for (let r = 0; r < RUNS; r++) {
    await page.locator('[data-testid="import-input"]').setInputFiles(plan5000File);
    await page.locator('[data-testid="import-preview"]').waitFor();
    imports.push(await page.evaluate(() => performance.getEntriesByName('lb:import').at(-1).duration));
    await page.locator('[data-testid="import-cancel"]').click();
  }
  add('import 5,000 items (read, validate, diff)', ms(median(imports)), '≤ 150 ms', median(imports) <= 150);
  const exports = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export"]').click()]);
    exports.push(Date.now() - t0);
    if (r === 0) add('export file size, 5,000 items', kb(fs.statSync(await download.path()).size), '', null);
  }
  add('export 5,000 items (click → download)', ms(median(exports)), '', null);
  const load = await page.evaluate(() => performance.getEntriesByName('lb:load').map((e) => e.duration));
  add('load the stored 5,000-item plan at startup (parse + validate)', ms(median(load)), '', null);
  await context.close();
}

// The linkage matrix at 5,000 items and 5,000 links, once every chunk is in: from the toggle's
// click to its lines drawn and the frame that paints them done, and from a cell's edit committed (Enter in
// the cell) to the cell, its row and column totals and the plan bar's
// tally all showing the new figures.
if (want('matrix')) {
  const opens = [];
  const edits = [];
  // The first edit after opening pays for code and memory met the first
  // time; it is reported on its own.
  const firstEdits = [];
  for (let r = 0; r < RUNS; r++) {
    const { context, page } = await fresh();
    await timeToBoard(page, server.url, plans[5000]);
    // After the prefetch: the matrix's chunk is in, as at a meeting where the
    // board has been open a moment (the first load is measured above).
    await page.locator('html[data-chunks="ready"]').waitFor({ state: 'attached', timeout: 30_000 });
    opens.push(
      await page.evaluate(async () => {
        const t0 = performance.now();
        document.querySelector('[data-testid="matrix-view"]').click();
        for (;;) {
          if (document.querySelector('[data-testid="matrix"] tr[data-row] td[data-cell]')) {
            // Through the frame that lays it out and paints it.
            await new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
            return performance.now() - t0;
          }
          await new Promise((res) => setTimeout(res, 0));
        }
      }),
    );
    // A cell of one link, lowered by one yuan each time (lowering never
    // asks about the pool), so each edit is a plain change.
    const key = await page.locator('td[data-cell][data-links="1"]').first().getAttribute('data-cell');
    const cell = page.locator(`td[data-cell="${key}"]`);
    for (let e = 0; e < 5; e++) {
      const value = BigInt(await cell.getAttribute('data-value')) - 1n;
      await cell.focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="matrix-input"]').fill(String(value));
      (e === 0 ? firstEdits : edits).push(
        await page.evaluate(async ([key, value]) => {
          const td = document.querySelector(`td[data-cell="${key}"]`);
          const [item, unit] = key.split('|');
          const row = document.querySelector(`[data-row-total="${item}"]`);
          const col = document.querySelector(`[data-col-total="${unit}"]`);
          const plan = document.querySelector('[data-tally="plan:given"]');
          const before = [row, col, plan].map((el) => el.dataset.value);
          const ready = () =>
            td.isConnected &&
            td.dataset.value === value &&
            [row, col, plan].every((el, i) => BigInt(el.dataset.value) === BigInt(before[i]) - 1n);
          const input = document.querySelector('[data-testid="matrix-input"]');
          const t0 = performance.now();
          await new Promise((res) => {
            const mo = new MutationObserver(() => {
              if (ready()) {
                mo.disconnect();
                res();
              }
            });
            mo.observe(document.body, { attributes: true, subtree: true, childList: true });
            input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
          });
          return performance.now() - t0;
        }, [key, String(value)]),
      );
    }
    await context.close();
  }
  add('matrix: open at 5,000 items + 5,000 links (click → lines drawn and painted)', ms(median(opens)), '≤ 200 ms', median(opens) <= 200, `${RUNS} runs`);
  add('matrix: cell edit → cell, row and column totals and plan tally in the DOM, 5,000 items', ms(median(edits)), '≤ 8 ms', median(edits) <= 8, `median of ${edits.length} edits (4 a run after the first), max ${ms(Math.max(...edits))}; the first edit after opening: median ${ms(median(firstEdits))}`);
}

const chromiumVersion = browser.version();
await browser.close();
await server.close();

const table = [
  '| metric | value | target | verdict | notes |',
  '| --- | --- | --- | --- | --- |',
  ...results.map((r) => `| ${r.metric} | ${r.value} | ${r.target} | ${r.verdict} | ${r.note} |`),
].join('\n');
console.log(table);

if (ONLY) {
  console.log(`\n--only ${ONLY}: BENCHMARKS.md left as it is`);
  process.exit(0);
}
const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [])[1] || 'unknown CPU';
const machine = `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${chromiumVersion} headless`;
const date = new Date().toISOString().slice(0, 10);
const notesFile = path.join(REPO_ROOT, 'bench/NOTES.md');
const notes = fs.existsSync(notesFile) ? fs.readFileSync(notesFile, 'utf8') : '';
// The last `node bench/lighthouse.mjs` table stays in the file.
const lighthouseFile = path.join(REPO_ROOT, 'bench/lighthouse.md');
const lighthouse = fs.existsSync(lighthouseFile) ? `\n${fs.readFileSync(lighthouseFile, 'utf8')}` : '';
// Rows measured by their own commands (bench/compare.mjs, bench/preview.mjs...)
// stay in the table as they were written.
const measured = new Set(results.map((x) => x.metric));
const kept = [];
const before = fs.existsSync(path.join(REPO_ROOT, 'BENCHMARKS.md')) ? fs.readFileSync(path.join(REPO_ROOT, 'BENCHMARKS.md'), 'utf8') : '';
let inTable = false;
for (const line of before.split('\n')) {
  if (line === '| metric | value | target | verdict | notes |') inTable = true;
  else if (!line.startsWith('|')) inTable = false;
  const metric = inTable ? line.match(/^\| ([^|]+?) \|/)?.[1] : undefined;
  if (!metric || metric === 'metric' || metric.startsWith('---') || measured.has(metric)) continue;
  if (!kept.some((k) => k.metric === metric)) kept.push({ metric, line });
}
const fullTable = [table, ...kept.map((k) => k.line)].join('\n');
fs.writeFileSync(
  path.join(REPO_ROOT, 'BENCHMARKS.md'),
  `# Benchmarks

Command: \`node bench/run.mjs\` (after \`trunk build --release --offline\`; each figure the median of ${RUNS} runs, fresh browser context per run).
Machine: ${machine}.
Date: ${date}.

Render times run from navigation start to the moment the board is shown (every unit's column in
the DOM with its first card), for the app and for \`bench/baseline.html\`, a plain-JS page that reads
the same stored plan, computes the same tallies and writes the same card markup with DOM calls,
styled by the same stylesheet. The baseline writes every card at once; the app renders a column
longer than 24 cards as it scrolls, so the table also gives how many cards each page had in the
DOM at that moment. Profiles: \`node bench/profile-edit.mjs\` (one edit at 5,000 cards),
\`node bench/profile-startup.mjs\` (the start of the demo board) and \`node bench/profile-tasks.mjs\`
(the start's long tasks as a slow phone has them). Rows measured by a command of their own
say so in their notes, and stay as they were when this command rewrites the file.

${fullTable}

${notes}${lighthouse}`,
);
console.log(`\nwrote BENCHMARKS.md`);
