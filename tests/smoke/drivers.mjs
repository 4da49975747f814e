// The small driver interface the cross-browser smoke suite is written
// against, and its adapters: puppeteer-core for Chromium (DevTools protocol)
// and Firefox (WebDriver BiDi), selenium-webdriver for WebKitGTK's
// MiniBrowser (classic WebDriver through WebKitWebDriver, under Xvfb).
//
// A driver has:
//   engine, version                    what runs
//   pageCapture                        true when console errors can only be
//                                      read in the page (see PAGE_CAPTURE)
//   goto(url), reload()                navigate; resolve once loaded
//   evaluate(fn, ...args)              run fn in the page (awaits a promise);
//                                      args and result are JSON values
//   click(selector)                    a real click at the element's centre
//   keys(text)                         type text at the focused element
//   press(key)                         'Enter' or 'Escape'
//   pointerDrag(from, to)              press on `from`'s centre, move in steps,
//                                      release on `to`'s centre (selectors)
//   setFile(selector, path)            choose a file in an <input type=file>
//   takeConsoleErrors()                console errors and uncaught errors since
//                                      the last call (the list starts again)
//   close()                            end the browser and whatever it needed
import { spawn } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import { CHROMIUM_ARGS } from '../support/harness.mjs';

export const VIEWPORT = { width: 1920, height: 1080 };

/**
 * Put first in the page's <head> for a driver that cannot listen to the
 * console: keeps console.error calls, uncaught errors, failed resource loads
 * and unhandled rejections in window.__consoleErrors.
 */
export const PAGE_CAPTURE = `<script>(function () {
  var list = (window.__consoleErrors = []);
  var error = console.error;
  console.error = function () {
    list.push('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
    return error.apply(this, arguments);
  };
  addEventListener('error', function (e) {
    var t = e.target;
    list.push(t && t !== window ? 'failed to load: ' + (t.src || t.href || t.tagName) : 'pageerror: ' + ((e.error && e.error.stack) || e.message));
  }, true);
  addEventListener('unhandledrejection', function (e) {
    list.push('unhandledrejection: ' + ((e.reason && e.reason.stack) || e.reason));
  });
})();</script>`;

/** Where, in the viewport, a drag starts and ends: both elements scrolled
 * into view (the target first), read once the scroll has settled. */
function dragPoints(fromSel, toSel) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  return (async () => {
    const from = document.querySelector(fromSel);
    const to = document.querySelector(toSel);
    if (!from || !to) return { missing: !from ? fromSel : toSel };
    to.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    from.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    let last = '';
    for (let i = 0; i < 20; i++) {
      await frame();
      const a = from.getBoundingClientRect();
      const b = to.getBoundingClientRect();
      const now = JSON.stringify([a, b]);
      if (now === last) break;
      last = now;
    }
    const c = (r) => ({ x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) });
    const inView = (p) => p.x > 0 && p.y > 0 && p.x < innerWidth && p.y < innerHeight;
    const a = c(from.getBoundingClientRect());
    const b = c(to.getBoundingClientRect());
    return { a, b, inView: inView(a) && inView(b) };
  })();
}

/** The path of a drag: a small first move past the drag threshold, then
 * `steps` moves to the target. */
function dragPath(a, b, steps = 12) {
  const path = [];
  for (let i = 1; i <= 3; i++) path.push({ x: a.x + (10 * i) / 3, y: a.y + (10 * i) / 3 });
  const s = path[path.length - 1];
  for (let i = 1; i <= steps; i++) path.push({ x: s.x + ((b.x - s.x) * i) / steps, y: s.y + ((b.y - s.y) * i) / steps });
  return path.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
}

async function points(driver, from, to) {
  const p = await driver.evaluate(dragPoints, from, to);
  if (p.missing) throw new Error(`pointerDrag: no element ${p.missing}`);
  if (!p.inView) throw new Error(`pointerDrag: ${from} and ${to} are not both in view (${JSON.stringify(p)})`);
  return p;
}

// --- puppeteer-core: Chromium and Firefox ------------------------------------

/** Firefox ESR's real binary (/usr/bin/firefox-esr is a link to it). */
function firefoxBinary() {
  return fs.realpathSync('/usr/bin/firefox-esr');
}

/** Chromium or Firefox through puppeteer-core, headless, one page. */
export async function launchPuppeteer(engine) {
  // puppeteer-core never downloads a browser; this keeps any helper of it from trying.
  process.env.PUPPETEER_SKIP_DOWNLOAD = '1';
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch(
    engine === 'firefox'
      ? { browser: 'firefox', executablePath: firefoxBinary(), headless: true, protocol: 'webDriverBiDi', defaultViewport: VIEWPORT }
      : { browser: 'chrome', executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, defaultViewport: VIEWPORT },
  );
  try {
    // A new page: the default viewport applies to it (not to the first tab).
    const page = await browser.newPage();
    const errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err?.stack || err}`));
    const version = await browser.version();
    const driver = {
      engine,
      version,
      pageCapture: false,
      goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
      reload: async () => void (await page.reload({ waitUntil: 'load' })),
      evaluate: (fn, ...args) => page.evaluate(fn, ...args),
      click: (selector) => page.click(selector),
      keys: (text) => page.keyboard.type(text),
      press: (key) => page.keyboard.press(key),
      async pointerDrag(from, to) {
        const { a, b } = await points(driver, from, to);
        await page.mouse.move(a.x, a.y);
        await page.mouse.down();
        for (const p of dragPath(a, b)) await page.mouse.move(p.x, p.y);
        await page.mouse.up();
      },
      async setFile(selector, file) {
        const input = await page.$(selector);
        if (!input) throw new Error(`setFile: no element ${selector}`);
        await input.uploadFile(file);
      },
      takeConsoleErrors: async () => errors.splice(0),
      close: () => browser.close(),
    };
    return driver;
  } catch (err) {
    await browser.close().catch(() => {});
    throw err;
  }
}

// --- selenium-webdriver + WebKitWebDriver: WebKitGTK --------------------------

const MINIBROWSER_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
];

export function miniBrowserBinary() {
  const found = MINIBROWSER_CANDIDATES.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`MiniBrowser not found (looked at ${MINIBROWSER_CANDIDATES.join(', ')}; it comes with libwebkit2gtk-4.1-0)`);
  return found;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `xvfb-run -a WebKitWebDriver --port=P` in a process group of its own
 * (so that one signal ends Xvfb, the driver and the browsers it started) and
 * waits until the driver answers. Tries a few ports and displays: another
 * process may take either in between.
 */
async function startWebKitWebDriver() {
  let lastWhy = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const proc = spawn(
      'xvfb-run',
      ['-a', '-s', `-screen 0 ${VIEWPORT.width}x${VIEWPORT.height}x24`, 'WebKitWebDriver', `--port=${port}`],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    let exited = null;
    proc.once('exit', (code, signal) => (exited = { code, signal }));
    proc.once('error', (err) => (exited = { error: err.message }));
    const stopGroup = processGroupStopper(proc);
    const end = Date.now() + 20_000;
    while (Date.now() < end && !exited) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/status`);
        const status = await res.json();
        if (status?.value?.ready) return { url: `http://127.0.0.1:${port}`, stop: stopGroup, output: () => output };
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await stopGroup();
    lastWhy = exited ? `exited (${JSON.stringify(exited)})` : 'did not answer in 20 s';
    lastWhy += output ? `; it printed:\n${output.trim()}` : '; it printed nothing';
  }
  throw new Error(`WebKitWebDriver under xvfb-run could not be started: ${lastWhy}`);
}

/** The pids of `pid`'s children whose command is `name` (from /proc). */
function childrenNamed(pid, name) {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
      .filter((child) => {
        try {
          return fs.readFileSync(`/proc/${child}/comm`, 'utf8').trim() === name;
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

/**
 * Ends xvfb-run and what it started. WebKitWebDriver gets TERM first, so that
 * xvfb-run, seeing it end, stops Xvfb and removes its temporary directory
 * itself; whatever is left of the process group after 5 s gets KILL. Also
 * done (KILL only) when node exits without running the test's `after`.
 */
function processGroupStopper(proc) {
  const signal = (sig, pid = -proc.pid) => {
    try {
      process.kill(pid, sig);
    } catch {
      // Already gone.
    }
  };
  const onExit = () => signal('SIGKILL');
  process.once('exit', onExit);
  let stopped = null;
  return () =>
    (stopped ??= (async () => {
      process.removeListener('exit', onExit);
      if (proc.exitCode === null && proc.signalCode === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        const drivers = childrenNamed(proc.pid, 'WebKitWebDriver');
        if (drivers.length) drivers.forEach((pid) => signal('SIGTERM', pid));
        else signal('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      }
      // Anything left in the group (nothing, normally) goes now.
      signal('SIGKILL');
    })());
}

/** WebKitGTK's MiniBrowser, 1920×1080 under Xvfb, driven by selenium-webdriver. */
export async function launchWebKit() {
  const binary = miniBrowserBinary();
  const { Builder, By, Key, Origin } = await import('selenium-webdriver');
  const server = await startWebKitWebDriver();
  let driver;
  try {
    driver = await new Builder()
      .usingServer(server.url)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary, args: ['--automation'] },
      })
      .build();
    await driver.manage().window().setRect({ x: 0, y: 0, ...VIEWPORT });
    const caps = await driver.getCapabilities();
    const errors = [];
    // The page's own record of errors, taken before the page goes.
    const collect = async () => {
      const list = await driver.executeScript('return window.__consoleErrors ? window.__consoleErrors.splice(0) : []').catch(() => []);
      errors.push(...(list ?? []));
    };
    const find = async (selector) => driver.findElement(By.css(selector));
    const KEYS = { Enter: Key.ENTER, Escape: Key.ESCAPE };
    const self = {
      engine: 'webkit',
      version: `${caps.get('browserName')} ${caps.get('browserVersion')}`,
      pageCapture: true,
      async goto(url) {
        await collect();
        await driver.get(url);
      },
      async reload() {
        await collect();
        await driver.navigate().refresh();
      },
      evaluate: (fn, ...args) => driver.executeScript(`return (${fn}).apply(null, arguments)`, ...args),
      click: async (selector) => (await find(selector)).click(),
      keys: (text) => driver.actions({ async: true }).sendKeys(text).perform(),
      press(key) {
        if (!KEYS[key]) throw new Error(`press: no key ${key}`);
        return driver.actions({ async: true }).keyDown(KEYS[key]).keyUp(KEYS[key]).perform();
      },
      async pointerDrag(from, to) {
        const { a, b } = await points(self, from, to);
        let actions = driver.actions({ async: true }).move({ x: a.x, y: a.y, origin: Origin.VIEWPORT }).press();
        for (const p of dragPath(a, b)) actions = actions.move({ x: p.x, y: p.y, origin: Origin.VIEWPORT, duration: 16 });
        await actions.release().perform();
      },
      setFile: async (selector, file) => (await find(selector)).sendKeys(file),
      async takeConsoleErrors() {
        await collect();
        return errors.splice(0);
      },
      async close() {
        try {
          await driver.quit();
        } finally {
          await server.stop();
        }
      },
    };
    return self;
  } catch (err) {
    await driver?.quit().catch(() => {});
    await server.stop();
    throw err;
  }
}

/** The engines the smoke suite runs in, each with its launcher. */
export const ENGINES = [
  { engine: 'chromium', launch: () => launchPuppeteer('chromium') },
  { engine: 'firefox', launch: () => launchPuppeteer('firefox') },
  { engine: 'webkit', launch: () => launchWebKit() },
];
