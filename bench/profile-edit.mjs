// Profiles one edit (a card's budget) on a 5,000-card board: a CPU profile
// through the DevTools protocol, summed by function (self time), plus the
// trace's style, layout and paint time for the same edit.
//
//   node bench/profile-edit.mjs        (expects dist/ from the release build)
import { startServer, launchBrowser } from '../tests/support/harness.mjs';
import { generatePlan } from './generate.mjs';

const plan = generatePlan(5000);
const server = await startServer('dist');
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
const page = await context.newPage();
await page.addInitScript((plan) => {
  localStorage.setItem(`linkage-board:v1:plan:${plan.id}`, JSON.stringify(plan));
  localStorage.setItem('linkage-board:v1:current', plan.id);
}, plan);
await page.goto(server.url);
await page.waitForFunction((n) => document.querySelectorAll('[data-item-id]').length >= n, 5000, { timeout: 60_000 });
const item = plan.items.find((i) => i.unit === 'haidian');
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });

const selfTimes = new Map();
let total = 0;
const events = [];
for (let r = 0; r < 5; r++) {
  await page.locator(`[data-item-id="${item.id}"]`).focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="field-budget"]').fill(String(700000 + r));
  await page.waitForTimeout(200);
  await cdp.send('Profiler.start');
  await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReturnAsStream' }).catch(() => {});
  const ms = await page.evaluate(async () => {
    const dd = document.querySelector('[data-tally="unit:haidian:budget"]');
    const t0 = performance.now();
    await new Promise((res) => {
      new MutationObserver((_, mo) => {
        mo.disconnect();
        res();
      }).observe(dd, { attributes: true });
      document.querySelector('[data-testid="save-item"]').click();
    });
    // Let the frame that shows the change finish.
    await new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
    return performance.now() - t0;
  });
  const { profile } = await cdp.send('Profiler.stop');
  const done = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
  await cdp.send('Tracing.end').catch(() => {});
  const { stream } = await done;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream });
    text += chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const trace = JSON.parse(text);
  const byName = {};
  for (const e of trace.traceEvents ?? trace) {
    if (e.ph === 'X' && ['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'FunctionCall', 'EventDispatch', 'RunMicrotasks', 'MajorGC', 'MinorGC'].includes(e.name)) {
      byName[e.name] = (byName[e.name] ?? 0) + e.dur / 1000;
    }
  }
  events.push({ ms, ...byName });
  const dt = profile.timeDeltas;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const n = nodes.get(id);
    const name = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url ? n.callFrame.url.split('/').pop() : ''}`.trim();
    const t = (dt[i] ?? 0) / 1000;
    selfTimes.set(name, (selfTimes.get(name) ?? 0) + t);
    total += t;
  });
}
console.log('per edit (click → frame done), ms, and trace totals:');
console.table(events.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v.toFixed(2)]))));
console.log(`CPU profile, self time summed over 5 edits (${total.toFixed(1)} ms sampled):`);
console.table(
  [...selfTimes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([name, t]) => ({ name: name.slice(0, 90), ms: t.toFixed(2) })),
);
await browser.close();
await server.close();
