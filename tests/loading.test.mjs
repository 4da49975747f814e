// Opening the board: the small download from any host, something on screen at
// once, and a message instead of a blank page when the program cannot load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { openBoard, screenshot, REPO_ROOT, BOARD_DRAWN } from './support/harness.mjs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { eventually } from './support/board.mjs';
import { serveStatic } from '../bench/static-server.mjs';

const env = useBoard();
const dist = path.join(REPO_ROOT, 'dist');
const files = fs.readdirSync(dist, { recursive: true }).map(String);
const wasmFile = files.find((f) => f.endsWith('_bg.wasm'));
const size = (f) => fs.statSync(path.join(dist, f)).size;
const WASM_URL = /_bg\.wasm(\.gz|\.zst)?$/;
/** A chunk of the split wasm (the views kept out of the first load), fetched after the board shows. */
const CHUNK_URL = /\/wasm-[0-9a-f]+\/(?!main_bg)[^/]+\.wasm(\.gz)?$/;

/**
 * Loads the board from `server` and returns what the server sent for it: each
 * file's body as it went on the wire. The board cannot show before the main
 * wasm has arrived whole, so once it shows the server has finished sending it;
 * the short bounded wait only lets the server's own bookkeeping catch up.
 */
async function loadAndWeigh(page, server, url) {
  const from = server.sent.length;
  await openBoard(page, url);
  const sent = () => server.sent.slice(from);
  await eventually(() => sent().some((r) => WASM_URL.test(r.url)), true, 'the server sent the main wasm');
  return sent();
}

test('from a host that compresses nothing, the first load weighs the zstd wasm plus the page, and the board renders', () => withBoard({ open: false }, async ({ page, url, server }) => {
  const all = await loadAndWeigh(page, server, url);
  // The chunks come after the board shows (tests/chunks.test.mjs).
  const got = all.filter((r) => !CHUNK_URL.test(r.url));
  const total = got.reduce((n, r) => n + r.body, 0);
  // The loader fetches the .zst the build wrote; it is smaller than the .gz
  // beside it (the fallback), which is no larger than zlib's best.
  const wasmGz = size(`${wasmFile}.gz`);
  const wasmZst = size(`${wasmFile}.zst`);
  assert.ok(wasmGz <= zlib.gzipSync(fs.readFileSync(path.join(dist, wasmFile)), { level: 9 }).length, 'the shipped .gz is at most gzip -9');
  assert.ok(wasmZst < wasmGz, `the .zst (${wasmZst}) is smaller than the .gz (${wasmGz})`);
  // What the page needs besides the wasm, sent as it is by this host.
  const page_ = files
    .filter((f) => /\.(html|css|js|svg)$/.test(f) && f !== 'linkage-board.html')
    .reduce((n, f) => n + size(files.includes(`${f}.gz`) ? `${f}.gz` : f), 0);
  const budget = wasmZst + page_;
  console.log(
    `first load: ${got.length} responses, ${(total / 1024).toFixed(1)} KB of bodies; ` +
      `budget ${(budget / 1024).toFixed(1)} KB (wasm zstd ${(wasmZst / 1024).toFixed(1)} KB, gzip ${(wasmGz / 1024).toFixed(1)} KB); the plain wasm is ${(size(wasmFile) / 1024).toFixed(1)} KB`,
  );
  assert.ok(total <= budget, `transferred ${total} bytes, budget ${budget}: ${JSON.stringify(got)}`);
  const wasmRequests = got.filter((r) => WASM_URL.test(r.url));
  assert.equal(wasmRequests.length, 1, `one wasm download: ${JSON.stringify(wasmRequests)}`);
  assert.match(wasmRequests[0].url, /\.wasm\.zst$/);
  // The stylesheet, the JS glue and the decoder came as their .gz, unpacked in the page.
  const urls = got.map((r) => r.url);
  for (const packed of [/\.css\.gz$/, /\/main\.js\.gz$/, /\/unzstd\.js\.gz$/]) assert.ok(urls.some((u) => packed.test(u)), `${packed}: ${urls.join('\n')}`);
  assert.deepEqual(urls.filter((u) => /\.css$|\/main\.js$|\/unzstd\.js$/.test(u)), [], 'no plain stylesheet, glue or decoder');
  assert.equal(await boardDisplay(page), 'flex', 'the stylesheet applies to the board');
  assert.equal(await page.locator('[data-testid="loading"]').count(), 0, 'the loading indicator is gone');
  assert.ok((await page.locator('[data-unit-id]').count()) > 0);
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(env.server.badRequests, []);
}));

test('from a host that gzips everything, the .zst too, the board still renders from the one small download', async () => {
  const server = await serveStatic(dist, { mode: 'gzip' });
  try {
    await withBoard({ open: false, url: server.url }, async ({ page, url }) => {
      const got = await loadAndWeigh(page, server, url);
      const wasm = got.filter((r) => WASM_URL.test(r.url));
      assert.equal(wasm.length, 1, `one wasm download: ${JSON.stringify(wasm)}`);
      assert.match(wasm[0].url, /\.wasm\.zst$/);
      assert.equal(wasm[0].encoding, 'gzip', 'the .zst came gzipped too');
      console.log(`gzip host: ${(got.reduce((n, r) => n + r.body, 0) / 1024).toFixed(1)} KB of bodies`);
      assert.deepEqual(page.consoleErrors, []);
    });
  } finally {
    await server.close();
  }
});

test('a host that hands over the .zst already unpacked (Content-Encoding: zstd) still works', async () => {
  const unpacked = ({ page }) =>
    page.route('**/*_bg.wasm.zst', (route) =>
      route.fulfill({ status: 200, contentType: 'application/zstd', body: fs.readFileSync(path.join(dist, wasmFile)) }),
    );
  await withBoard({ before: unpacked }, async ({ page }) => {
    assert.equal(await page.locator('[data-testid="loading"]').count(), 0);
    assert.ok((await page.locator('[data-unit-id]').count()) > 0);
    assert.deepEqual(page.consoleErrors, []);
  });
});

test('the .zst is unpacked in a worker, off the page\'s thread, which is gone once the board starts', async () => {
  const workers = [];
  const record = ({ page }) => page.on('worker', (w) => workers.push(w));
  await withBoard({ before: record }, async ({ page }) => {
    assert.equal(workers.length, 1, 'one worker');
    assert.match(workers[0].url(), /^blob:/);
    assert.ok((await page.locator('[data-unit-id]').count()) > 0);
    await eventually(() => page.workers().length, 0, 'the worker ended');
    assert.deepEqual(page.consoleErrors, []);
  });
});

test('where no worker starts (none said why), the .zst is unpacked on the page\'s thread and the board starts', async () => {
  const silentWorkers = () => {
    globalThis.Worker = class {
      postMessage() {}
      terminate() {}
    };
  };
  const asked = [];
  const record = ({ page }) => page.on('request', (r) => asked.push(r.url()));
  await withBoard({ init: silentWorkers, before: record }, async ({ page }) => {
    assert.deepEqual(asked.filter((u) => WASM_URL.test(u)).map((u) => u.replace(/.*\//, '')), ['main_bg.wasm.zst'], asked.join('\n'));
    assert.ok((await page.locator('[data-unit-id]').count()) > 0);
    assert.deepEqual(page.consoleErrors, []);
  });
});

test('when the zstd decoder cannot be had, the gzip wasm is fetched and unpacked instead, and the board starts', async () => {
  const asked = [];
  const blockDecoder = ({ page }) => {
    page.on('request', (r) => asked.push(r.url()));
    return page.route(/\/unzstd\.js(\.gz)?$/, (route) => route.abort('blockedbyclient'));
  };
  await withBoard({ before: blockDecoder, consoleErrors: false }, async ({ page }) => {
    // (The page's preload has asked for the .zst already.)
    assert.ok(asked.some((u) => /_bg\.wasm\.gz$/.test(u)), asked.join('\n'));
    assert.ok(!asked.some((u) => /_bg\.wasm$/.test(u)), `not the plain wasm: ${asked.join('\n')}`);
    assert.ok((await page.locator('[data-unit-id]').count()) > 0);
    assert.equal(await page.locator('[data-testid="loading"]').count(), 0);
  });
});

test('a .zst that cannot be had gives way to the .gz, and the board starts', async () => {
  const asked = [];
  const blockZst = ({ page }) => {
    page.on('request', (r) => asked.push(r.url()));
    return page.route(/_bg\.wasm\.zst$/, (route) => route.fulfill({ status: 404, body: 'not here' }));
  };
  await withBoard({ before: blockZst, consoleErrors: false }, async ({ page }) => {
    assert.ok(asked.some((u) => /_bg\.wasm\.gz$/.test(u)), asked.join('\n'));
    assert.ok((await page.locator('[data-unit-id]').count()) > 0);
  });
});

test('without DecompressionStream the plain glue, decoder and stylesheet are fetched, the wasm still as its .zst, and the board is styled', async () => {
  const noDecompression = () => {
    delete globalThis.DecompressionStream;
  };
  const asked = [];
  const record = ({ page }) => page.on('request', (r) => asked.push(r.url()));
  await withBoard({ init: noDecompression, before: record }, async ({ page }) => {
    assert.deepEqual(asked.filter((u) => WASM_URL.test(u)).map((u) => u.replace(/.*\//, '')), ['main_bg.wasm.zst'], asked.join('\n'));
    for (const plain of [/\/main\.js$/, /\/unzstd\.js$/, /\.css$/]) assert.ok(asked.some((u) => plain.test(u)), `${plain}: ${asked.join('\n')}`);
    assert.equal(await boardDisplay(page), 'flex', 'the stylesheet applies to the board');
  });
});

test('a page whose policy forbids blob: scripts imports the plain glue, and the board starts', async () => {
  const noBlobImport = ({ page }) =>
    page.route(/\/(index\.html)?$/, async (route) => {
      const res = await route.fetch();
      const headers = { ...res.headers(), 'content-security-policy': "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'" };
      await route.fulfill({ response: res, headers });
    });
  const asked = [];
  const record = ({ page }) => page.on('request', (r) => asked.push(r.url()));
  await withBoard({ before: async (ctx) => (await noBlobImport(ctx), record(ctx)), consoleErrors: false }, async ({ page }) => {
    assert.ok(asked.some((u) => /\/main\.js$/.test(u)) && asked.some((u) => /\/unzstd\.js$/.test(u)), asked.join('\n'));
    assert.equal(await boardDisplay(page), 'flex');
    assert.ok((await page.locator('[data-unit-id]').count()) > 0);
  });
});

test('a stylesheet .gz that cannot be had falls back to the plain stylesheet', async () => {
  const blockCssGz = ({ page }) => page.route(/\.css\.gz$/, (route) => route.abort('blockedbyclient'));
  await withBoard({ before: blockCssGz, consoleErrors: false }, async ({ page }) => {
    assert.equal(await boardDisplay(page), 'flex', 'the stylesheet applies to the board');
  });
});

/** How the board is laid out: `flex` once the stylesheet applies. */
function boardDisplay(page) {
  return page.locator('[data-testid="board"]').evaluate((el) => getComputedStyle(el).display);
}

/** Opens the page with the wasm held back; returns a function that lets it through. */
async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(WASM_URL, async (route) => {
    await held;
    await route.continue();
  });
  // Every text the status line shows, in order.
  await page.addInitScript(() => {
    window.__statuses = [];
    new MutationObserver(() => {
      const t = document.getElementById('lb-boot-status')?.textContent;
      if (t && window.__statuses.at(-1) !== t) window.__statuses.push(t);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return release;
}

for (const [locale, name, loading, progressText] of [
  ['en-US', 'Linkage Board', 'Loading the board', /Loading the board… \d+ KB of \d+ KB/],
  ['zh-CN', '联动看板', '正在加载看板', /正在加载看板… \d+ KB \/ \d+ KB/],
]) {
  test(`the name and a loading indicator are on the first paint, before the wasm arrives (${locale})`, () => withBoard({ locale, open: false }, async ({ page, url }) => {
    const release = await holdWasm(page);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const boot = page.locator('[data-testid="loading"]');
    await boot.waitFor({ state: 'visible' });
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    assert.equal(await page.locator('[data-testid="board"]').count(), 0, 'the wasm is still held back');
    assert.equal(await page.locator('#lb-boot-name').textContent(), name);
    assert.match(await page.locator('[data-testid="loading-status"]').textContent(), new RegExp(loading));
    assert.ok(await page.locator('[data-testid="loading-progress"]').isVisible());
    await screenshot(page, `loading-${locale}`);
    release();
    await page.locator(BOARD_DRAWN).waitFor({ state: 'visible', timeout: 20_000 });
    await boot.waitFor({ state: 'detached' });
    const statuses = await page.evaluate(() => window.__statuses);
    assert.ok(statuses.some((s) => progressText.test(s)), `progress in bytes was shown: ${statuses.join(' | ')}`);
  }));
}

for (const [label, viewport] of [
  ['a phone (412 × 823)', { width: 412, height: 823 }],
  ['a wide screen (1600 × 900)', { width: 1600, height: 900 }],
]) {
  test(`nothing on screen moves when the board takes the loading screen's place: ${label}`, async () => {
    const phone = viewport.width < 600;
    const recordShifts = () => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const what = (e.sources || []).map((s) => s.node?.nodeName ?? '?').join(', ');
          window.__shifts.push(`${e.value.toFixed(4)} (${what})`);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    };
    await withBoard({ viewport, isMobile: phone, hasTouch: phone, init: recordShifts }, async ({ page }) => {
      // The shifts of the first frames after the board is shown are counted too.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 500)))));
      const shifts = await page.evaluate(() => window.__shifts);
      assert.deepEqual(shifts, [], `layout shifts: ${shifts.join('; ')}`);
    });
  });
}

for (const [locale, message] of [
  ['en-US', /could not be downloaded/],
  ['zh-CN', /程序文件未能下载/],
]) {
  // The page reports the failed download in its console.
  test(`a blocked wasm says what happened and what to do, not a blank page (${locale})`, () => withBoard({ locale, open: false, consoleErrors: false }, async ({ page, url }) => {
    await page.route(WASM_URL, (route) => route.abort('blockedbyclient'));
    await page.goto(url);
    const alert = page.getByRole('alert');
    await alert.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await alert.textContent(), message);
    assert.ok(await alert.getByRole('button').isVisible(), 'a reload button');
    assert.equal(await page.locator('[data-testid="loading-progress"]').isVisible(), false);
    await screenshot(page, `loading-failed-${locale}`);
  }));
}

const noWebAssembly = () => {
  delete globalThis.WebAssembly;
};

test('a browser without WebAssembly is told so', () => withBoard({ init: noWebAssembly, open: false, consoleErrors: false }, async ({ page, url }) => {
  await page.goto(url);
  const alert = page.getByRole('alert');
  await alert.waitFor({ state: 'visible', timeout: 20_000 });
  assert.match(await alert.textContent(), /cannot run WebAssembly/);
}));

for (const [what, body] of [
  ['a damaged gzip file', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8])],
  ['a damaged zstd file', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x10, 0x81, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])],
  ['a zstd file cut short', () => fs.readFileSync(path.join(dist, `${wasmFile}.zst`)).subarray(0, 50_000)],
  ['a file that is not wasm', Buffer.from('<!doctype html><title>Not found</title>')],
]) {
  test(`${what} in place of the wasm says the program file is damaged`, () => withBoard({ open: false, consoleErrors: false }, async ({ page, url }) => {
    await page.route(WASM_URL, (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: typeof body === 'function' ? body() : body }));
    await page.goto(url);
    const alert = page.getByRole('alert');
    await alert.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await alert.textContent(), /damaged or incomplete/);
  }));
}
