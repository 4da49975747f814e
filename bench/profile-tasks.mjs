// The page's long tasks from navigation until the chunks are fetched, as a
// slow phone would have them: Chromium's trace with the CPU slowed 4× (as
// Lighthouse's mobile run counts it) on a 412 px screen, each task over
// 30 ms listed with what took its time (timers, frames, layout, and V8
// compiling wasm functions on their first call, `wasm.CompileLazy`).
//
//   node bench/profile-tasks.mjs [dist-dir] [--rate N] [--width PX]
//   (after trunk build --release --offline)
import { startServer, launchBrowser } from '../tests/support/harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const dir = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'dist';
const rate = arg('--rate', 4);
const width = arg('--width', 412);

const server = await startServer(dir);
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width, height: 823 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate });
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.start', {
  categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8.wasm,blink.user_timing',
  transferMode: 'ReportEvents',
});
await page.goto(server.url);
await page.locator('html[data-chunks]').waitFor({ state: 'attached', timeout: 60_000 });
await cdp.send('Tracing.end');
await complete;
await browser.close();
await server.close();

// The renderer's main thread: the one that parsed the page.
const parsed = events.find((e) => e.name === 'ParseHTML');
const main = events.filter((e) => e.pid === parsed.pid && e.tid === parsed.tid);
const start = main.filter((e) => e.name === 'navigationStart').at(-1)?.ts ?? parsed.ts;
const WHAT = {
  TimerFire: 'timer',
  FireAnimationFrame: 'frame',
  FireIdleCallback: 'idle',
  BlinkScheduler_PerformMicrotaskCheckpoint: 'promises',
  Layout: 'layout',
  UpdateLayoutTree: 'style',
  Paint: 'paint',
  'wasm.CompileLazy': 'wasm compiled on first call',
};
console.log(`tasks over 30 ms, CPU ${rate}× slower, ${width} px wide (ms from navigation, duration in ms)`);
let blocking = 0;
for (const task of main.filter((e) => e.name === 'RunTask' && e.dur > 30_000 && e.ts > start)) {
  const inside = main.filter((e) => e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur);
  const parts = Object.entries(WHAT)
    .map(([name, label]) => [label, inside.filter((e) => e.name === name).reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000])
    .filter(([, ms]) => ms >= 1)
    .map(([label, ms]) => `${label} ${ms.toFixed(0)}`);
  blocking += Math.max(0, task.dur / 1000 - 50);
  console.log(`${((task.ts - start) / 1000).toFixed(0).padStart(6)} ${(task.dur / 1000).toFixed(0).padStart(5)}  ${parts.join(', ')}`);
}
console.log(`time over 50 ms in these tasks: ${blocking.toFixed(0)} ms`);
