// Tests the browser-test harness itself, without the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, newPage, screenshot, SUB_PATH, FIXTURES_DIR } from './support/harness.mjs';

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Harness check</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="./style.css">
</head>
<body>
  <h1 data-testid="board">Harness works — 工作台</h1>
  <script type="module" src="./app.js"></script>
</body>
</html>
`;

let dir;
let server;
let browser;

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lb-harness-'));
  await fs.writeFile(path.join(dir, 'index.html'), PAGE);
  await fs.writeFile(path.join(dir, 'style.css'), 'h1 { color: rgb(0, 128, 0); }\n');
  await fs.writeFile(path.join(dir, 'app.js'), "document.body.dataset.loaded = 'yes';\n");
  server = await startServer(dir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test('server serves the directory under the sub-path with correct types', async () => {
  assert.ok(server.url.startsWith('http://127.0.0.1:'), server.url);
  assert.ok(server.url.endsWith(SUB_PATH), server.url);
  const html = await fetch(server.url);
  assert.equal(html.status, 200);
  assert.equal(html.headers.get('content-type'), 'text/html; charset=utf-8');
  const js = await fetch(new URL('app.js', server.url));
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /^text\/javascript/);
  const css = await fetch(new URL('style.css', server.url));
  assert.match(css.headers.get('content-type'), /^text\/css/);
  assert.deepEqual(server.badRequests, []);
});

test('chromium loads the page via the sub-path; bad requests are recorded', async () => {
  const page = await newPage(browser);
  try {
    await page.goto(server.url);
    await page.getByText('Harness works').waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await page.locator('body').getAttribute('data-loaded'), 'yes', 'relative module script ran');
    assert.equal(
      await page.locator('h1').evaluate((el) => getComputedStyle(el).color),
      'rgb(0, 128, 0)',
      'relative stylesheet applied',
    );
    assert.deepEqual(server.badRequests, [], 'page itself makes no bad requests');
    assert.deepEqual(page.consoleErrors, []);

    // A request outside the sub-path is answered 404 and recorded.
    const status = await page.evaluate(async () => (await fetch('/elsewhere.js')).status);
    assert.equal(status, 404);
    assert.equal(server.badRequests.length, 1);
    assert.match(server.badRequests[0], /^GET \/elsewhere\.js \(outside sub-path\)$/);

    // Requests to other hosts are blocked and recorded, never sent.
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('http://example.com/x.js');
        return 'fetched';
      } catch {
        return 'failed';
      }
    });
    assert.equal(outcome, 'failed');
    assert.deepEqual(page.blockedRequests, ['http://example.com/x.js']);
    // The failed fetch logs a console error; clear it.
    page.consoleErrors.length = 0;

    const file = await screenshot(page, 'harness');
    const stat = await fs.stat(file);
    assert.ok(stat.size > 1000, `screenshot ${file} is non-trivial`);
  } finally {
    await page.context().close();
  }
});

test('page errors are collected', async () => {
  const page = await newPage(browser, { locale: 'zh-CN', viewport: { width: 800, height: 600 } });
  try {
    await page.goto(server.url);
    await page.evaluate(() => setTimeout(() => { throw new Error('boom'); }, 0));
    // Collected once the page has run the timer and told the test.
    for (const end = Date.now() + 5000; page.consoleErrors.length === 0 && Date.now() < end; ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(await page.evaluate(() => navigator.language), 'zh-CN');
    assert.equal(page.consoleErrors.length, 1);
    assert.match(page.consoleErrors[0], /boom/);
  } finally {
    await page.context().close();
  }
});

test('fixtures directory exists', async () => {
  const entries = await fs.readdir(FIXTURES_DIR);
  assert.ok(entries.length > 0, `${FIXTURES_DIR} is empty`);
});
