// The main module as zstd against gzip, over networks of a few speeds: the
// same build served twice from one copy of dist/, the page's link to the
// main module pointing at its .zst (as shipped) or at its .gz, loaded in turn
// (fresh context, cache off, Chromium's network throttling), until the board
// is drawn. Medians of --runs N (5) per network and packing.
//
//   node bench/packing-ab.mjs [--runs N]   (after trunk build --release --offline)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, BOARD_DRAWN, launchBrowser } from '../tests/support/harness.mjs';
import { serveStatic } from './static-server.mjs';
import { runs, median } from './seeded.mjs';

const site = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-packing-'));
fs.cpSync(path.join(REPO_ROOT, 'dist'), site, { recursive: true });
const page = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
if (!page.includes('main_bg.wasm.zst')) throw new Error('dist/index.html does not link the .zst: build it first');
fs.writeFileSync(path.join(site, 'gzip.html'), page.replace('main_bg.wasm.zst', 'main_bg.wasm.gz'));

// [bytes per second, round-trip ms]; null: no throttling (a local server).
const NETWORKS = {
  'no throttling': null,
  '30 Mbit/s, 20 ms': [30e6 / 8, 20],
  '10 Mbit/s, 40 ms': [10e6 / 8, 40],
  '1.6 Mbit/s, 150 ms (slow 4G)': [1.6e6 / 8, 150],
};
const RUNS = runs(5);
const server = await serveStatic(site, { mode: 'plain' });
const browser = await launchBrowser();
console.log('| network | zstd (shipped) | gzip | runs |\n| --- | --- | --- | --- |');
for (const [name, net] of Object.entries(NETWORKS)) {
  const times = { zstd: [], gzip: [] };
  for (let r = 0; r < RUNS; r++) {
    for (const [packing, file] of [['zstd', ''], ['gzip', 'gzip.html']]) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
      const tab = await context.newPage();
      const cdp = await context.newCDPSession(tab);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      if (net) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: net[1], downloadThroughput: net[0], uploadThroughput: net[0] });
      await tab.addInitScript((drawn) => {
        const poll = () => (document.querySelector(drawn) ? (window.__drawnAt = performance.now()) : requestAnimationFrame(poll));
        requestAnimationFrame(poll);
      }, BOARD_DRAWN);
      await tab.goto(`${server.url}${file}`);
      await tab.waitForFunction(() => window.__drawnAt !== undefined, null, { timeout: 60_000 });
      times[packing].push(await tab.evaluate(() => window.__drawnAt));
      await context.close();
    }
  }
  const ms = (xs) => `${median(xs).toFixed(0)} ms`;
  const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  console.log(`| ${name} | ${ms(times.zstd)} | ${ms(times.gzip)} | zstd ${spread(times.zstd)}, gzip ${spread(times.gzip)} |`);
}
await browser.close();
await server.close();
fs.rmSync(site, { recursive: true, force: true });
