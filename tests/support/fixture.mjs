// The fixture every browser test opens the board through: a fresh browser
// context showing the board in the state the test asks for, handed to the
// test, and closed afterwards whether the test passed or failed, so that a
// failure never leaves a page running into the next test.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, watchedPage, openBoard, readFixture } from './harness.mjs';
import { storePlan } from './plan.mjs';
import { boardShown, saved } from './board.mjs';

/** The file's server and browser, once `useBoard()` has started them. */
let shared = null;

/**
 * For a test file: starts the static server for dist/ and the browser before
 * its tests and stops them after. Returns an object whose `server` and
 * `browser` are set once started (`server.badRequests` lists what was not served).
 */
export function useBoard() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  shared = env;
  return env;
}

/** The phone the tests hold: 390 × 844, touch. */
export const PHONE = { width: 390, height: 844 };

/**
 * Opens a fresh board, hands it to `body`, and closes it again.
 *
 *   await withBoard({ locale: 'zh-CN', plan: 'valid/beijing-2020.json' }, async ({ page }) => { … });
 *
 * Options (all optional):
 *  - locale ('en-US'), viewport (1600 × 900), and any other Playwright
 *    context option (hasTouch, isMobile, permissions, …);
 *  - phone: true for a 390 × 844 touch phone, or the phone's viewport;
 *  - network: 'none' to reach nothing but file: URLs (default: 127.0.0.1 only);
 *  - plan: the plan to start from instead of the demo, stored in the browser
 *    and the board reloaded: a plan object, a plan's JSON text, or the path
 *    of a plan-format fixture ('valid/minimal.json');
 *  - init: a function, or a list of functions and [function, argument]
 *    pairs, run in the page before its own scripts on every load;
 *  - clock: true (or Playwright's clock.install options) to put the page's
 *    timers on Playwright's clock before it loads;
 *  - before: async ({ page, context }) => …, anything else to arrange before
 *    the page loads (routes, listeners);
 *  - url: where the board is (default: the file's server, under its sub-path);
 *  - open: false to hand over the page without loading it (the test watches
 *    the load itself);
 *  - consoleErrors: false for a test that makes the page report errors on
 *    purpose and checks them itself; otherwise every window's console must
 *    have stayed free of errors (a panic shows there) when `body` ends.
 *
 * `body` gets { page, context, url, server, browser, openWindow }:
 * `openWindow()` opens the same board in a second window of the same
 * context (same storage, same clock) and resolves once it shows.
 */
export async function withBoard(options, body) {
  if (typeof options === 'function') [options, body] = [{}, options];
  const {
    plan,
    init = [],
    clock,
    before: arrange,
    url,
    open = true,
    consoleErrors = true,
    phone,
    ...contextOptions
  } = options;
  assert.ok(shared?.browser && shared?.server, 'withBoard: call useBoard() at the top of the test file');
  if (phone) {
    contextOptions.viewport ??= phone === true ? PHONE : phone;
    Object.assign(contextOptions, { hasTouch: true, isMobile: true });
  }
  const where = url ?? shared.server.url;
  const page = await newPage(shared.browser, contextOptions);
  const context = page.context();
  const windows = [page];
  try {
    let result;
    try {
      for (const script of typeof init === 'function' ? [init] : init) {
        if (Array.isArray(script)) await page.addInitScript(script[0], script[1]);
        else await page.addInitScript(script);
      }
      if (clock) await page.clock.install(clock === true ? undefined : clock);
      if (arrange) await arrange({ page, context });
      if (open) {
        await openBoard(page, where);
        if (plan !== undefined) {
          await storePlan(page, await planText(plan));
          await page.reload();
          await boardShown(page);
        }
      }
      const openWindow = async () => {
        const other = await watchedPage(context);
        windows.push(other);
        await openBoard(other, where);
        return other;
      };
      result = await body({ page, context, url: where, server: shared.server, browser: shared.browser, openWindow });
    } catch (err) {
      // What the page reported is often why the test failed.
      const reported = windows.flatMap((w, n) => w.consoleErrors.map((e) => `  window ${n + 1}: ${e}`));
      if (reported.length && typeof err?.message === 'string' && !err.message.includes('Page problems:')) {
        err.message += `\nConsole errors:\n${reported.join('\n')}`;
      }
      throw err;
    }
    if (consoleErrors) {
      windows.forEach((w, n) =>
        assert.deepEqual(w.consoleErrors, [], n === 0 ? 'no errors in the console' : `no errors in the console of window ${n + 1}`),
      );
    }
    return result;
  } finally {
    await context.close();
  }
}

/** A plan object, a plan's JSON text, or a fixture path, as the JSON text to store. */
async function planText(plan) {
  if (typeof plan !== 'string') return JSON.stringify(plan);
  return /^\uFEFF?\s*[{[]/.test(plan) ? plan : readFixture(plan);
}

/**
 * Two windows of one browser context on the same plan, for the tests of
 * what one window sees of the other's changes: the board opens in window A,
 * which saves, then in window B. `body` gets { a, b, context, … } (what
 * withBoard hands over, with A as `page`); `options` are withBoard's.
 */
export async function withTwoWindows(options, body) {
  if (typeof options === 'function') [options, body] = [{}, options];
  return withBoard(options, async (board) => {
    await saved(board.page);
    const b = await board.openWindow();
    return body({ ...board, a: board.page, b });
  });
}
