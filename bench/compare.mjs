// Benchmark: comparing two 5,000-item plans. The board holds a generated
// 5,000-item plan; a second one (5% of the link amounts changed, 2% of the
// links removed, 100 links made, 50 items moved to another stage) is chosen
// with Plans & files → "Compare with a file…"; the time runs from the file
// being read to the comparison view painted (the `lb:compare` measure is
// the model's diff and tallies alone). Median of N runs, fresh page each.
//
//   node bench/compare.mjs [--runs N]   (expects dist/ from trunk build)
import path from 'node:path';
import { startServer, launchBrowser, REPO_ROOT } from '../tests/support/harness.mjs';
import { runs, median, planFile, openSeeded } from './seeded.mjs';
import { generatePlan } from './generate.mjs';

const RUNS = runs();

const before = generatePlan(5000);
const after = structuredClone(before);
after.links = after.links.filter((_, i) => i % 50 !== 7);
after.links.forEach((l, i) => {
  if (i % 20 === 3) l.amount += 10000;
});
const byId = new Map(after.items.map((i) => [i.id, i]));
const district = after.items.filter((i) => after.units.find((u) => u.id === i.unit).level === 'district');
const giver = after.items.filter((i) => after.units.find((u) => u.id === i.unit).level !== 'district');
const pairs = new Set(after.links.map((l) => `${l.source}>${l.target}`));
for (let k = 0, made = 0; made < 100 && k < 100000; k++) {
  const s = giver[(k * 7) % giver.length];
  const t = district[(k * 13) % district.length];
  if (s.unit === t.unit || pairs.has(`${s.id}>${t.id}`)) continue;
  pairs.add(`${s.id}>${t.id}`);
  after.links.push({ id: `bench-made-${made++}`, source: s.id, target: t.id, amount: 5000 });
}
for (let i = 0; i < 50; i++) {
  const item = byId.get(`g-${i * 97}`);
  item.stage = after.stages[(after.stages.findIndex((s) => s.id === item.stage) + 1) % after.stages.length].id;
}
after.revision = (after.revision ?? 0) + 1;

const file = planFile('after.json', after);

const server = await startServer(path.join(REPO_ROOT, 'dist'));
const browser = await launchBrowser();
const totals = [];
const models = [];
for (let run = 0; run < RUNS; run++) {
  const { context, page } = await openSeeded(browser, server.url, before);
  await page.locator('[data-testid="plans-toggle"]').click();
  await page.locator('[data-testid="compare-file"]').waitFor();
  // From the moment the file is read (the input's change) to the view painted.
  await page.evaluate(() => {
    const input = document.querySelector('[data-testid="compare-file"]');
    input.addEventListener('change', () => (window.__compareStart = performance.now()), { capture: true, once: true });
    window.__painted = new Promise((resolve) => {
      new MutationObserver((_, obs) => {
        if (document.querySelector('[data-testid="compare"] [data-compare-unit]')) {
          obs.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
  });
  await page.locator('[data-testid="compare-file"]').setInputFiles(file);
  const [total, model, rows] = await page.evaluate(async () => {
    const end = await window.__painted;
    const model = performance.getEntriesByName('lb:compare').at(-1)?.duration ?? NaN;
    const rows = document.querySelectorAll('[data-compare]').length;
    return [end - window.__compareStart, model, rows];
  });
  totals.push(total);
  models.push(model);
  console.log(`run ${run + 1}: ${total.toFixed(1)} ms (model ${model.toFixed(1)} ms, ${rows} rows in the DOM)`);
  await context.close();
}
console.log(`compare two 5,000-item plans (file read → view painted): median ${median(totals).toFixed(1)} ms; model ${median(models).toFixed(1)} ms`);
await browser.close();
await server.close();
