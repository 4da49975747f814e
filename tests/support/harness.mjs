// Shared browser-test harness: a tiny static server for dist/, Debian's
// Chromium driven by playwright-core, and small helpers.
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** Repository root (this file lives in <repo>/tests/support/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Plan-format fixtures shared with other projects: <repo>/../shared/plan-format/fixtures/ */
export const FIXTURES_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'plan-format', 'fixtures');
export const OUTPUT_DIR = path.join(REPO_ROOT, 'test-output');
/** The app is served under this sub-path to prove that its URLs are relative. */
export const SUB_PATH = '/some/sub/path/';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  // The wasm's gzip copy, served as a plain file (no Content-Encoding), as a
  // static host that compresses nothing does.
  '.gz': 'application/gzip',
  '.zst': 'application/zstd',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `distDir` (relative to the repo root unless absolute) under SUB_PATH
 * on 127.0.0.1 with an ephemeral port.
 * Every request that is outside SUB_PATH, not a file, or otherwise not served
 * is answered with 404 and recorded in `badRequests` ("METHOD /path (reason)").
 * `headHtml`, when given, goes first into every HTML page's <head> (for a
 * browser whose driver cannot run a script before the page's own).
 * Every file sent whole is recorded in `sent` ({url, body: bytes of body}) once
 * the server has handed its last byte to the network.
 * @returns {Promise<{url: string, close: () => Promise<void>, badRequests: string[], sent: {url: string, body: number}[]}>}
 */
export async function startServer(distDir = 'dist', { headHtml } = {}) {
  const root = path.resolve(REPO_ROOT, distDir);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`startServer: ${path.join(root, 'index.html')} does not exist (run trunk build first)`);
  }
  const badRequests = [];
  const sent = [];
  const server = http.createServer((req, res) => {
    const notFound = (reason) => {
      badRequests.push(`${req.method} ${req.url} (${reason})`);
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return notFound('bad url');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound('method');
    if (!pathname.startsWith(SUB_PATH)) return notFound('outside sub-path');
    let rel = pathname.slice(SUB_PATH.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound('path escape');
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()];
    if (!type) return notFound('unknown content type');
    fs.readFile(file, (err, body) => {
      if (err) return notFound('no such file');
      if (headHtml && type.startsWith('text/html')) {
        body = Buffer.from(body.toString('utf8').replace(/<head>/i, (head) => head + headHtml), 'utf8');
      }
      res.writeHead(200, {
        'content-type': type,
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      if (req.method === 'GET') res.on('finish', () => sent.push({ url: req.url, body: body.length }));
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const close = () =>
    new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}${SUB_PATH}`, close, badRequests, sent };
}

/** The flags Debian's Chromium runs with in every test, whichever driver starts it. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches Debian's Chromium (/usr/bin/chromium) headless. */
export async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

function isAllowedUrl(raw, network = 'local') {
  if (raw.startsWith('data:') || raw.startsWith('blob:')) return true;
  if (network === 'none') return raw.startsWith('file:');
  try {
    const u = new URL(raw);
    return (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:') && u.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

/**
 * New context (downloads allowed) and page. Other Playwright context options
 * pass through (a phone: `hasTouch: true, isMobile: true` with its viewport).
 * `network: 'none'` lets the page read file: URLs and nothing from any
 * network (the single-file board); by default only 127.0.0.1 is reached.
 * The page gets:
 *  - page.consoleErrors: console messages of type "error" and uncaught page errors;
 *  - page.blockedRequests: URLs of requests to anything else (aborted).
 */
export async function newPage(browser, { locale = 'en-US', viewport = { width: 1600, height: 900 }, network = 'local', ...options } = {}) {
  const context = await browser.newContext({ ...options, acceptDownloads: true, locale, viewport });
  context.blockedRequests = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isAllowedUrl(url, network)) return route.continue();
    context.blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
  return watchedPage(context);
}

/**
 * A new page of `context` (a window) that records its console errors
 * (page.consoleErrors) and shares the context's blocked requests
 * (page.blockedRequests).
 */
export async function watchedPage(context) {
  const page = await context.newPage();
  page.consoleErrors = [];
  page.blockedRequests = context.blockedRequests ?? [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.consoleErrors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => {
    page.consoleErrors.push(`pageerror: ${err?.stack || err}`);
  });
  return page;
}

/** The board once every column is drawn (it draws them a few at a time when it first shows). */
export const BOARD_DRAWN = '[data-testid="board"]:not([aria-busy="true"])';

/**
 * Loads the app and waits until the board is visible and drawn. On timeout the error
 * also lists the page's console errors and blocked requests (usually the cause).
 */
export async function openBoard(page, url) {
  await page.goto(url);
  try {
    await page.locator(BOARD_DRAWN).waitFor({ state: 'visible', timeout: 20_000 });
  } catch (err) {
    const details = [
      ...(page.consoleErrors ?? []).map((e) => `  ${e}`),
      ...(page.blockedRequests ?? []).map((u) => `  blocked request: ${u}`),
    ];
    if (!details.length) throw err;
    throw new Error(`${err.message}\nPage problems:\n${details.join('\n')}`, { cause: err });
  }
}

/** Reads a plan-format fixture, e.g. readFixture('valid/minimal.json'). Returns a string. */
export async function readFixture(relPath) {
  return fsp.readFile(fixturePath(relPath), 'utf8');
}

/** Absolute path of a plan-format fixture (for file-chooser uploads). */
export function fixturePath(relPath) {
  return path.join(FIXTURES_DIR, relPath);
}

/** Saves a full-page screenshot to test-output/screenshots/<name>.png and returns its path. */
export async function screenshot(page, name) {
  const dir = path.join(OUTPUT_DIR, 'screenshots');
  await fsp.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
