// Profiles the start of the demo board: a CPU profile through the DevTools
// protocol from navigation to the first card, summed by function (self and
// inclusive time). Function names show when dist/ holds a build with names
// (wasm-bindgen --keep-debug, symbols not stripped); otherwise wasm
// functions show by index.
//
//   node bench/profile-startup.mjs [dist-dir]
import { startServer, launchBrowser } from '../tests/support/harness.mjs';
const server = await startServer(process.argv[2] ?? 'dist');
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
const page = await context.newPage();
await page.addInitScript(() => {
  const poll = () => { if (document.querySelector('[data-item-id]')) window.__renderedAt = performance.now(); else requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
});
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await page.goto(server.url);
await page.waitForFunction(() => window.__renderedAt !== undefined);
const { profile } = await cdp.send('Profiler.stop');
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map(); const incl = new Map();
profile.samples.forEach((id, i) => {
  const t = (profile.timeDeltas[i] ?? 0) / 1000;
  const n = nodes.get(id);
  const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
  self.set(name, (self.get(name) ?? 0) + t);
  const seen = new Set();
  for (let p = id; p !== undefined; p = parent.get(p)) {
    const q = nodes.get(p); const nm = `${q.callFrame.functionName || '(anon)'} ${q.callFrame.url.split('/').pop()}`;
    if (seen.has(nm)) continue; seen.add(nm);
    incl.set(nm, (incl.get(nm) ?? 0) + t);
  }
});
console.log('rendered at', await page.evaluate(() => window.__renderedAt));
console.log('SELF'); console.table([...self].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([n, t]) => ({ n: n.slice(0, 80), t: t.toFixed(1) })));
console.log('INCL'); console.table([...incl].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([n, t]) => ({ n: n.slice(0, 80), t: t.toFixed(1) })));
await browser.close(); await server.close();
