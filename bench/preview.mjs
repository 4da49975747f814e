// Benchmark: the preview of a 5,000-item file. The board holds a generated
// 5,000-item plan; the file chosen with Open file is its next season
// (`seasonOf` in bench/generate.mjs: thousands of records differ). The time
// runs from the file being read (the input's change) to the preview's counts
// painted with Replace enabled and the first changes (a change row, or the
// first group of changes) in the page. Median of N runs, fresh page each.
//
//   node bench/preview.mjs [--runs N]   (expects dist/ from trunk build)
import path from 'node:path';
import { startServer, launchBrowser, REPO_ROOT } from '../tests/support/harness.mjs';
import { runs, median, planFile, openSeeded } from './seeded.mjs';
import { generatePlan, seasonOf } from './generate.mjs';

const RUNS = runs();

const before = generatePlan(5000);
const after = seasonOf(before);
const file = planFile('season.json', after);

const server = await startServer(path.join(REPO_ROOT, 'dist'));
const browser = await launchBrowser();
const totals = [];
for (let run = 0; run < RUNS; run++) {
  const { context, page } = await openSeeded(browser, server.url, before);
  await page.evaluate(() => {
    const input = document.querySelector('[data-testid="import-input"]');
    input.addEventListener('change', () => (window.__previewStart = performance.now()), { capture: true, once: true });
    const ready = () => {
      const preview = document.querySelector('[data-testid="import-preview"]');
      const replace = preview?.querySelector('[data-testid="import-replace"]');
      return (
        preview?.querySelector('.diff tr[data-kind="items"]') &&
        replace &&
        !replace.disabled &&
        preview.querySelector('[data-change], [data-conflict], [data-change-group]')
      );
    };
    window.__painted = new Promise((resolve) => {
      new MutationObserver((_, obs) => {
        if (ready()) {
          obs.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
        }
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    });
  });
  await page.locator('[data-testid="import-input"]').setInputFiles(file);
  const [total, model, rows, changes] = await page.evaluate(async () => {
    const end = await window.__painted;
    const model = performance.getEntriesByName('lb:import').at(-1)?.duration ?? NaN;
    const rows = document.querySelectorAll('[data-change], [data-conflict]').length;
    const changes = [...document.querySelectorAll('.diff tr[data-kind]')].reduce(
      (n, tr) => n + ['data-added', 'data-changed', 'data-removed'].reduce((m, a) => m + Number(tr.getAttribute(a)), 0),
      0,
    );
    return [end - window.__previewStart, model, rows, changes];
  });
  totals.push(total);
  console.log(`run ${run + 1}: ${total.toFixed(1)} ms (reading and checking the file ${model.toFixed(1)} ms; ${changes} changes, ${rows} change rows in the DOM)`);
  await context.close();
}
console.log(`preview a 5,000-item file (file read → counts, first changes, Replace enabled): median ${median(totals).toFixed(1)} ms`);
await browser.close();
await server.close();
