// The cross-browser smoke suite: what must work in every engine, written
// once against the driver interface of ./drivers.mjs. Each check is given
// the address of a server of its own, hence a site of its own: it starts
// from a fresh board (the demo plan, nothing stored) in the same browser.
// Where an engine lacks an API the board uses, the check finds that out in
// the page (feature detection), never from the engine's name. A check may
// return a line saying which way it went (shown as a test diagnostic).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR, fixturePath, readFixture } from '../support/harness.mjs';
import { demoPlan, tallies, CURRENT_KEY, STORAGE_PREFIX } from '../support/plan.mjs';
import { validate } from '../support/schema.mjs';

const plan = demoPlan();
const want = tallies(plan);
const SCHEMA = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, '..', 'plan.schema.json'), 'utf8'));
const RANK = { municipal: 0, district: 1, affiliate: 2 };
const COLUMN_ORDER = [...plan.units].sort((a, b) => RANK[a.level] - RANK[b.level]).map((u) => u.id);

const card = (id) => `[data-item-id="${id}"]`;
const BOARD = '[data-testid="board"]';
/** The board once every column is drawn (it draws them a few at a time when it first shows). */
const BOARD_DRAWN = `${BOARD}:not([aria-busy="true"])`;

/** Polls `read` in the page until `ok(value)`; fails with `message` and the last value. */
async function until(b, read, args, ok, message, timeout = 15_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await b.evaluate(read, ...args);
    if (ok(last)) return last;
    if (Date.now() > end) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${message} (last seen: ${JSON.stringify(last)})`);
}

/** Waits until an element matching `selector` is present and shown. */
const present = (b, selector, message = `${selector} appears`, timeout) =>
  until(
    b,
    (sel) => {
      const el = document.querySelector(sel);
      return !!el && el.getClientRects().length > 0;
    },
    [selector],
    Boolean,
    message,
    timeout,
  );

const gone = (b, selector, message = `${selector} goes`) =>
  until(b, (sel) => !document.querySelector(sel), [selector], Boolean, message);

/** A selector's text, trimmed (null when there is no such element). */
const text = (b, selector) => b.evaluate((sel) => document.querySelector(sel)?.textContent.trim() ?? null, selector);

/** Waits until a selector's text equals `expected`. */
const textIs = (b, selector, expected, message) =>
  until(b, (sel) => document.querySelector(sel)?.textContent.trim() ?? null, [selector], (t) => t === expected, message ?? `${selector} reads "${expected}"`);

/** Every tally figure on the page, as { "unit:bast:given": "123", ... }. */
const shownTallies = (b) =>
  b.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-tally][data-value]')].map((e) => [e.dataset.tally, e.dataset.value])));

/** Waits until the tally `key` (data-tally) shows `expected` (a BigInt). */
const expectTally = (b, key, expected) =>
  until(b, (k) => document.querySelector(`[data-tally="${k}"]`)?.dataset.value ?? null, [key], (v) => v === expected.toString(), `${key} shows ${expected}`);

const boardAttr = (b, name) => b.evaluate((sel, n) => document.querySelector(sel)?.getAttribute(n) ?? null, BOARD, name);

/** In the page: the plan the board keeps in localStorage, parsed. */
function readStoredPlan(prefix, currentKey) {
  const id = localStorage.getItem(currentKey);
  const text = id && localStorage.getItem(`${prefix}plan:${id}`);
  return text ? JSON.parse(text) : null;
}
const STORED = [STORAGE_PREFIX, CURRENT_KEY];
const storedPlan = (b) => b.evaluate(readStoredPlan, ...STORED);

/** Waits for the board to be rendered. */
const boardShown = (b) => present(b, BOARD_DRAWN, 'the board is rendered', 30_000);

/** Opens the board (a check's site of its own: nothing stored yet). */
async function fresh(b, url) {
  await b.goto(url);
  await boardShown(b);
}

async function assertNoConsoleErrors(b) {
  assert.deepEqual(await b.takeConsoleErrors(), [], 'no errors in the console');
}

/** Opens the selected card's editor, types `title` in place of its title, saves. */
async function retitle(b, itemId, title) {
  await b.click(card(itemId));
  await present(b, '[data-testid="edit-selected"]');
  await b.click('[data-testid="edit-selected"]');
  await present(b, '[data-testid="field-title"]');
  await b.evaluate(() => {
    const field = document.querySelector('[data-testid="field-title"]');
    field.focus();
    field.select();
  });
  await until(
    b,
    () => {
      const f = document.activeElement;
      return f?.dataset.testid === 'field-title' && f.selectionStart === 0 && f.selectionEnd === f.value.length;
    },
    [],
    Boolean,
    'the title field has the focus, its text selected',
  );
  await b.keys(title);
  await until(b, () => document.querySelector('[data-testid="field-title"]').value, [], (v) => v === title, 'the typed title is in the field');
  await b.click('[data-testid="save-item"]');
  await gone(b, '[data-testid="card-editor"]', 'the editor closes');
  await textIs(b, `${card(itemId)} .card-title`, title, 'the card shows the new title');
}

/**
 * From the next click on, a download the app starts is kept in the page
 * (window.__downloads: name and text) instead of being handed to the browser:
 * downloads are out of reach of WebDriver.
 */
function captureDownloads() {
  window.__downloads = [];
  const blobs = new Map();
  const create = URL.createObjectURL;
  URL.createObjectURL = function (obj) {
    const url = create.call(URL, obj);
    if (obj instanceof Blob) blobs.set(url, obj);
    return url;
  };
  document.addEventListener(
    'click',
    (e) => {
      const a = e.target instanceof Element ? e.target.closest('a[download]') : null;
      if (!a || !blobs.has(a.href)) return;
      e.preventDefault();
      const blob = blobs.get(a.href);
      blob.text().then((text) => window.__downloads.push({ name: a.download, type: blob.type, text }));
    },
    true,
  );
}

async function nextDownload(b) {
  const [d] = await until(b, () => window.__downloads ?? [], [], (l) => l.length > 0, 'a file is downloaded');
  return d;
}

/** The demo's first program and a district item it does not reach yet. */
function linkPair() {
  const program = plan.items.find((i) => i.unit === 'bast');
  const target = plan.items.find(
    (i) => i.unit === 'haidian' && want.items[i.id].gap > 0n && !plan.links.some((l) => l.source === program.id && l.target === i.id),
  );
  return { program, target };
}

/** min(unmet demand, what is left of the giver's pool): what the dialog proposes. */
function proposal(source, target) {
  const unmet = want.items[target.id].gap > 0n ? want.items[target.id].gap : 0n;
  const left = want.units[source.unit].remaining;
  return left === undefined ? unmet : unmet < left ? unmet : left;
}

export const CHECKS = [
  {
    name: 'the board renders its 21 columns with the demo tallies, from this site only, with no console error',
    async run(b, { url, server }) {
      await fresh(b, url);
      const columns = await b.evaluate(() => [...document.querySelectorAll('[data-unit-id]')].map((e) => e.dataset.unitId));
      assert.equal(columns.length, 21, '21 unit columns');
      assert.deepEqual(columns, COLUMN_ORDER, 'municipal first, then districts, then affiliates');
      assert.equal(await boardAttr(b, 'data-plan-id'), plan.id);
      const shown = await shownTallies(b);
      for (const field of ['budget', 'demand', 'received', 'given', 'gap', 'pool', 'remaining']) {
        assert.equal(shown[`plan:${field}`], want.plan[field].toString(), `plan ${field}`);
      }
      for (const [unit, t] of Object.entries(want.units)) {
        assert.equal(shown[`unit:${unit}:received`], t.received.toString(), `unit ${unit} received`);
      }
      // Everything came from this site; the main program file came
      // zstd-compressed (the page unpacks it with the decoder it ships), the
      // views' chunks gzip-compressed where the browser can unpack them
      // (DecompressionStream), plain otherwise.
      const loaded = await b.evaluate(() => ({
        origin: location.origin,
        resources: performance.getEntriesByType('resource').map((e) => e.name),
        unpacks: typeof DecompressionStream === 'function',
      }));
      assert.deepEqual(loaded.resources.filter((r) => !r.startsWith(`${loaded.origin}/`)), [], 'no request to another site');
      const wasm = loaded.resources.filter((r) => /\.wasm(\.gz|\.zst)?$/.test(r));
      const main = wasm.filter((r) => /\/main_bg\.wasm/.test(r));
      assert.ok(main.length > 0 && main.every((r) => r.endsWith('/main_bg.wasm.zst')), `the zstd program file is fetched (${wasm.join(', ')})`);
      const chunks = wasm.filter((r) => !main.includes(r));
      assert.ok(
        chunks.every((r) => r.endsWith(loaded.unpacks ? '.wasm.gz' : '.wasm')),
        `${loaded.unpacks ? 'the gzip' : 'the plain'} chunks are fetched (${chunks.join(', ')})`,
      );
      assert.deepEqual(server.badRequests, [], 'every request finds its file');
      await assertNoConsoleErrors(b);
      return `the zstd program file was used; DecompressionStream ${loaded.unpacks ? 'present: gzip chunks' : 'absent: plain chunks'} (${chunks.length} fetched)`;
    },
  },
  {
    name: 'a pointer drag from a municipal card onto a district card links them and the tallies move by the typed amount',
    async run(b, { url }) {
      await fresh(b, url);
      const { program, target } = linkPair();
      const amount = 250_000n;
      assert.notEqual(proposal(program, target), amount, 'the typed amount differs from the proposal');
      const revision = Number(await boardAttr(b, 'data-revision'));
      await b.pointerDrag(card(program.id), card(target.id));
      const input = '[data-testid="link-amount"]';
      await present(b, input, 'the drop asks for the amount');
      // The proposal is selected in the field, so typing replaces it.
      await until(
        b,
        (sel) => {
          const f = document.querySelector(sel);
          return f && document.activeElement === f && f.selectionStart === 0 && f.selectionEnd === f.value.length ? f.value : null;
        },
        [input],
        (v) => v !== null,
        'the amount field has the focus, its proposal selected',
      );
      assert.equal(BigInt(await b.evaluate((sel) => document.querySelector(sel).value, input)), proposal(program, target), 'proposes min(unmet demand, remaining pool)');
      await b.keys(amount.toString());
      await b.press('Enter');
      await gone(b, input, 'the amount dialog closes');
      await expectTally(b, `unit:${target.unit}:received`, want.units[target.unit].received + amount);
      await expectTally(b, `item:${target.id}:received`, want.items[target.id].received + amount);
      await expectTally(b, 'unit:bast:given', want.units.bast.given + amount);
      await expectTally(b, 'unit:bast:remaining', want.units.bast.remaining - amount);
      await expectTally(b, 'plan:received', want.plan.received + amount);
      assert.equal(Number(await boardAttr(b, 'data-revision')), revision + 1, 'one change');
      await assertNoConsoleErrors(b);
    },
  },
  {
    name: 'an edit typed into a card (with Chinese text) is still there after a reload',
    async run(b, { url }) {
      await fresh(b, url);
      const item = plan.items.find((i) => i.unit === 'dongcheng');
      const title = 'Hutong science corners 胡同科普角';
      await retitle(b, item.id, title);
      await until(b, readStoredPlan, STORED, (p) => p?.items.find((i) => i.id === item.id)?.title === title, 'the edit is saved in the browser');
      const revision = await boardAttr(b, 'data-revision');
      await b.reload();
      await boardShown(b);
      await textIs(b, `${card(item.id)} .card-title`, title, 'the edited title is shown after the reload');
      assert.equal(await boardAttr(b, 'data-plan-id'), plan.id);
      assert.equal(await boardAttr(b, 'data-revision'), revision);
      await assertNoConsoleErrors(b);
    },
  },
  {
    name: 'a valid plan file imports with its tallies, and a broken one is refused with its message',
    async run(b, { url }) {
      await fresh(b, url);
      const minimal = JSON.parse(await readFixture('valid/minimal.json'));
      const expected = JSON.parse(await readFixture('valid/minimal.tallies.json'));
      await b.setFile('[data-testid="import-input"]', fixturePath('valid/minimal.json'));
      await present(b, '[data-testid="import-replace"]', 'the file is read and the choices are offered');
      await b.click('[data-testid="import-replace"]');
      await present(b, `${BOARD_DRAWN}[data-plan-id="${minimal.id}"]`, 'the imported plan is on the board');
      const shown = await shownTallies(b);
      for (const field of ['budget', 'demand', 'received', 'given', 'gap']) {
        assert.equal(shown[`plan:${field}`], String(expected.plan[field]), `plan ${field}`);
      }
      const before = await shownTallies(b);
      // The messages EXPECTED.md asks for: line and column; the link's id.
      for (const [file, message] of [
        ['truncated.json', /line \d+, column \d+/],
        ['dangling-link.json', /l-0001/],
      ]) {
        await b.setFile('[data-testid="import-input"]', fixturePath(`invalid/${file}`));
        await present(b, '[data-testid="import-error"]', `${file} is refused`);
        assert.match(await text(b, '[data-testid="import-error"]'), message, `${file}: the message says where`);
        await b.click('[data-testid="import-cancel"]');
        await gone(b, '[data-testid="import-error"]');
        assert.equal(await boardAttr(b, 'data-plan-id'), minimal.id, `${file} leaves the plan open`);
        assert.deepEqual(await shownTallies(b), before, `${file} leaves the board alone`);
      }
      await assertNoConsoleErrors(b);
    },
  },
  {
    name: 'export hands over the open plan as a file that is a valid plan',
    async run(b, { url }) {
      await fresh(b, url);
      await until(b, readStoredPlan, STORED, Boolean, 'the plan is saved in the browser');
      await b.evaluate(captureDownloads);
      await b.click('[data-testid="export"]');
      const file = await nextDownload(b);
      assert.match(file.name, /\.json$/);
      const exported = JSON.parse(file.text);
      assert.deepEqual(validate(SCHEMA, exported), [], 'the file follows the plan format');
      assert.equal(exported.id, plan.id);
      assert.deepEqual(exported, await storedPlan(b), 'the file holds the plan as the board keeps it');
      await assertNoConsoleErrors(b);
    },
  },
  {
    name: 'presentation mode turns on and off, and the language switch changes the board to Chinese and back',
    async run(b, { url }) {
      await fresh(b, url);
      await b.click('[data-testid="present"]');
      await until(b, (sel) => document.querySelector(sel).dataset.mode, [BOARD], (m) => m === 'present', 'presentation mode is on');
      await until(b, () => document.documentElement.classList.contains('presenting'), [], Boolean, 'the page is in presentation style');
      // Where the browser went fullscreen, Esc goes to the browser, which
      // leaves fullscreen: the board leaves presentation mode with it.
      await b.press('Escape');
      await until(b, (sel) => document.querySelector(sel).dataset.mode, [BOARD], (m) => m === 'board', 'Esc ends it');
      // Leaving fullscreen is asynchronous where the board itself asked for it.
      await until(b, () => document.fullscreenElement === null, [], Boolean, 'fullscreen ends too');
      assert.equal(await b.evaluate(() => document.documentElement.classList.contains('presenting')), false);

      const haidian = '[data-unit-id="haidian"] .unit-name';
      await b.click('[data-testid="language"] [data-lang="zh-CN"]');
      await textIs(b, haidian, '海淀区');
      assert.equal(await b.evaluate(() => document.documentElement.lang), 'zh-CN');
      const received = await text(b, '[data-tally="plan:received"]');
      assert.match(received, /万$/, 'amounts in 万');
      assert.equal(Number(received.replace(/[,万]/g, '')) * 10000, Number(want.plan.received));
      await b.click('[data-testid="language"] [data-lang="en"]');
      await textIs(b, haidian, 'Haidian District');
      assert.equal(await b.evaluate(() => document.documentElement.lang), 'en');
      await assertNoConsoleErrors(b);
    },
  },
  {
    name: 'where the browser lacks an API the board uses (file picker, storage promise), the board says so and offers export',
    async run(b, { url }) {
      await fresh(b, url);
      const has = await b.evaluate(() => ({
        filePicker: typeof window.showSaveFilePicker === 'function',
        persist: typeof navigator.storage?.persist === 'function',
      }));
      // The first change of a session is when the board asks to keep storage.
      await retitle(b, plan.items[0].id, 'Community science stations');
      const noPromise = "This browser cannot be asked to keep the board's storage and may clear it: export the plan now and then to keep a copy.";
      if (!has.persist) {
        await until(
          b,
          (t) => [...document.querySelectorAll('.notice[role="alert"]')].some((n) => n.textContent.includes(t)),
          [noPromise],
          Boolean,
          'a warning says the browser cannot be asked to keep storage',
        );
      }
      await b.click('[data-testid="plans-toggle"]');
      await present(b, '[data-testid="plans"]');
      const persistence = await until(b, () => document.querySelector('[data-testid="persistence"]')?.textContent.trim(), [], Boolean, 'the plan list says how storage is kept');
      const unsupported = 'this browser cannot promise to keep it: export the plan now and then';
      if (has.persist) assert.notEqual(persistence, unsupported);
      else assert.equal(persistence, unsupported);

      const keepFile = await b.evaluate(() => ({
        button: !!document.querySelector('[data-testid="keep-file"]'),
        note: document.querySelector('[data-testid="keep-file-unsupported"]')?.textContent.trim() ?? null,
      }));
      if (has.filePicker) {
        assert.deepEqual(keepFile, { button: true, note: null }, 'the plan can be kept in a file');
      } else {
        assert.equal(keepFile.button, false, 'no button that cannot work');
        assert.match(keepFile.note ?? '', /cannot keep a file in step.*Export the plan instead/);
      }
      // What it offers instead works: the panel's Export hands over the plan.
      await b.evaluate(captureDownloads);
      await b.click('[data-testid="export-panel"]');
      const file = await nextDownload(b);
      assert.equal(JSON.parse(file.text).items[0].title, 'Community science stations');
      await assertNoConsoleErrors(b);
      return [
        `showSaveFilePicker ${has.filePicker ? 'present: the plan can be kept in a file' : 'absent: the board says so and offers export'}`,
        `navigator.storage.persist ${has.persist ? 'present' : 'absent: the board warns and advises export'}`,
      ].join('; ');
    },
  },
];
