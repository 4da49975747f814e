// What the file benchmarks share: the run count from `--runs N`, the median,
// a plan written to a file in a fresh temporary folder, and a fresh page whose
// board holds a given plan, shown with every view's chunk in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `--runs N` from the command line, or `fallback`. */
export function runs(fallback = 5) {
  const at = process.argv.indexOf('--runs');
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Writes `plan` as `<name>` in a new temporary folder and returns the file's path. */
export function planFile(name, plan) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lb-bench-')), name);
  fs.writeFileSync(file, JSON.stringify(plan));
  return file;
}

/**
 * A fresh context and page on `url` whose board holds `plan` (stored before the
 * page's first script, once), returned once the board shows and every chunk is in.
 */
export async function openSeeded(browser, url, plan) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript((plan) => {
    if (!localStorage.getItem('linkage-board:v1:current')) {
      localStorage.setItem(`linkage-board:v1:plan:${plan.id}`, JSON.stringify(plan));
      localStorage.setItem('linkage-board:v1:current', plan.id);
    }
  }, plan);
  await page.goto(url);
  await page.locator('[data-testid="board"]').waitFor({ timeout: 30_000 });
  await page.locator('html[data-chunks="ready"]').waitFor({ state: 'attached', timeout: 30_000 });
  return { context, page };
}
