// Never lose a plan when the browser forgets it: persistent storage, a plan
// file kept in step on disk, a calm reminder, rolling earlier versions.
//
// The file picker is the one thing a headless browser cannot show, so the
// tests answer it with a file in the origin-private file system: a real
// FileSystemFileHandle that the app writes through the same API as a file
// on disk, and that the test reads back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useBoard, withBoard } from './support/fixture.mjs';
import { demoPlan, STORAGE_PREFIX } from './support/plan.mjs';
import { boardShown, card, eventually, expectTally, saved, settled, storedPlan, revision, fillStorage, freeStorage } from './support/board.mjs';

useBoard();
const plan = demoPlan();
const item = plan.items.find((i) => i.unit === 'miyun');

async function setBudget(page, value) {
  await card(page, item.id).focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="field-budget"]').fill(String(value));
  await page.locator('[data-testid="save-item"]').click();
  // A budget a thousand times off the old one is asked about once.
  const question = page.locator('[data-testid="amount-question"]');
  if (await question.isVisible()) await question.locator('[data-testid="confirm-amount"]').click();
  await expectTally(page, `item:${item.id}:budget`, BigInt(value));
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function openPlans(page) {
  await page.locator('[data-testid="plans-toggle"]').click();
  await page.locator('[data-testid="plans"]').waitFor();
}

/** Answers showSaveFilePicker with a file in a folder "plans" of the
 * origin-private file system. */
function pickerInOpfs() {
  window.__picks = 0;
  window.showSaveFilePicker = async ({ suggestedName }) => {
    window.__picks += 1;
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('plans', { create: true });
    return dir.getFileHandle(suggestedName, { create: true });
  };
}

/** Picks a file to keep the open plan in, waits for the first write;
 * returns the file's name. */
async function keepInFile(page) {
  await saved(page);
  await openPlans(page);
  await page.locator('[data-testid="keep-file"]').click();
  const kept = page.locator('[data-testid="kept-file"]');
  await kept.filter({ hasText: 'last written' }).waitFor();
  return kept.getAttribute('data-file');
}

async function fileText(page, name) {
  return page.evaluate(async (name) => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('plans', { create: true });
    try {
      return await (await (await dir.getFileHandle(name)).getFile()).text();
    } catch {
      return null;
    }
  }, name);
}

async function fileBudget(page, name) {
  const text = await fileText(page, name);
  return text ? JSON.parse(text).items.find((i) => i.id === item.id).budget : null;
}

test('the first change asks the browser to keep storage and says what it answered; the plan list shows usage', async () => {
  const answer = (granted) => {
    let kept = false;
    window.__persistCalls = 0;
    navigator.storage.persisted = async () => kept;
    navigator.storage.persist = async () => {
      window.__persistCalls += 1;
      kept = granted;
      return granted;
    };
  };
  for (const granted of [true, false]) {
    await withBoard({ init: [[answer, granted]] }, async ({ page }) => {
      await saved(page);
      await settled(page);
      assert.equal(await page.evaluate(() => window.__persistCalls), 0, 'opening the board asks nothing');
      await setBudget(page, 123456);
      await saved(page);
      const notice = page.locator('.notice', { hasText: granted ? 'promised to keep' : 'may clear' });
      await notice.waitFor();
      assert.equal(await notice.getAttribute('role'), granted ? 'status' : 'alert');
      await setBudget(page, 123457);
      await saved(page);
      assert.equal(await page.evaluate(() => window.__persistCalls), 1, 'asked once a session');
      // The next session asks again but does not repeat the same answer.
      await page.locator('.notice .dismiss').first().click();
      await page.reload();
      await boardShown(page);
      await setBudget(page, 123458);
      await saved(page);
      await eventually(() => page.evaluate(() => window.__persistCalls), 1, 'asked in the new session');
      await settled(page);
      assert.equal(await page.locator('.notice', { hasText: /promised to keep|may clear/ }).count(), 0, 'told once');
      await openPlans(page);
      await eventually(
        () => page.locator('[data-testid="persistence"]').textContent(),
        granted ? 'kept: the browser has promised not to clear it' : 'may be cleared by the browser',
      );
      await eventually(async () => /^Used \d.* · Available \d.* · Plans and versions here \d/.test(await page.locator('[data-testid="storage-usage"]').textContent()), true);
    });
  }
});

test('the real browser is asked too, and the board shows its actual answer', () => withBoard(async ({ page }) => {
  await saved(page);
  await setBudget(page, 2000);
  await saved(page);
  await page.locator('.notice', { hasText: /promised to keep|may clear/ }).waitFor();
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  await openPlans(page);
  await eventually(() => page.locator('[data-testid="persistence"]').getAttribute('data-persisted'), `Some(${persisted})`);
  const { usage, quota } = await page.evaluate(() => navigator.storage.estimate());
  assert.ok(quota > usage);
}));

test('a browser that cannot be asked to keep storage (no navigator.storage) is warned about once, and the plan list advises export, in both languages', async () => {
  for (const [locale, warning, line] of [
    ['en-US', "This browser cannot be asked to keep the board's storage and may clear it: export the plan now and then to keep a copy.", 'this browser cannot promise to keep it: export the plan now and then'],
    ['zh-CN', '无法请求此浏览器保留本看板的存储，它可能会被清除：请不时导出计划，留一份副本。', '此浏览器无法承诺保留：请不时导出计划'],
  ]) {
    // As in WebKitGTK's MiniBrowser: no StorageManager at all.
    const noStorage = () => Object.defineProperty(Navigator.prototype, 'storage', { get: () => undefined, configurable: true });
    await withBoard({ locale, init: noStorage }, async ({ page }) => {
      assert.equal(await page.evaluate(() => navigator.storage), undefined);
      await saved(page);
      const notice = page.locator('.notice', { hasText: warning });
      assert.equal(await notice.count(), 0, 'opening the board says nothing yet');
      await setBudget(page, 7007);
      await saved(page);
      await notice.waitFor();
      assert.equal(await notice.getAttribute('role'), 'alert');
      await openPlans(page);
      await eventually(() => page.locator('[data-testid="persistence"]').textContent(), line);
      // Said once: not again in the next session.
      await page.reload();
      await boardShown(page);
      await setBudget(page, 7008);
      await saved(page);
      await openPlans(page);
      await eventually(() => page.locator('[data-testid="persistence"]').textContent(), line);
      assert.equal(await notice.count(), 0, 'told once');
    });
  }
});

test('keep in a file: every saved change is written whole to the picked file, which survives a reload', () => withBoard({ init: pickerInOpfs }, async ({ page }) => {
  const name = await keepInFile(page);
  assert.match(name, /\.json$/);
  assert.deepEqual(JSON.parse(await fileText(page, name)), JSON.parse(await storedPlan(page)));
  assert.match(await page.locator('[data-testid="file-indicator"]').textContent(), new RegExp(`Kept in ${escape(name)} \\d\\d:\\d\\d`));

  // While changes come in, whoever reads the file finds a whole plan.
  await page.evaluate((name) => {
    window.__reads = { whole: 0, broken: 0, busy: 0 };
    window.__reading = setInterval(async () => {
      let text;
      try {
        const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('plans');
        text = await (await (await dir.getFileHandle(name)).getFile()).text();
      } catch {
        // The browser is putting the new file in place: not readable for a moment.
        window.__reads.busy += 1;
        return;
      }
      try {
        JSON.parse(text);
        window.__reads.whole += 1;
      } catch {
        window.__reads.broken += 1;
      }
    }, 5);
  }, name);
  for (const budget of [111, 222, 333, 444]) {
    await setBudget(page, budget);
    await saved(page);
  }
  await eventually(() => fileBudget(page, name), 444, 'the file has the last change', 5000);
  const reads = await page.evaluate(() => {
    clearInterval(window.__reading);
    return window.__reads;
  });
  assert.equal(reads.broken, 0, `${reads.broken} reads found a broken file`);
  assert.ok(reads.whole > 20, `the file was read while it was written (${reads.whole} reads)`);
  assert.deepEqual(JSON.parse(await fileText(page, name)), JSON.parse(await storedPlan(page)));

  // After a reload the board still keeps the same file, without asking again.
  await page.reload();
  await boardShown(page);
  await page.locator('[data-testid="file-indicator"][data-state="kept"]').waitFor();
  await setBudget(page, 555);
  await eventually(() => fileBudget(page, name), 555, 'written after the reload', 5000);
  assert.equal(await page.evaluate(() => window.__picks), 0, 'not picked again');
}));

test('a file that can no longer be written is shown at once, and picking it again puts the plan back in it', () => withBoard({ init: pickerInOpfs }, async ({ page }) => {
  const name = await keepInFile(page);
  await page.locator('[data-testid="plans-toggle"]').click();

  // The file goes away with its folder (deleted, or moved elsewhere).
  await page.evaluate(async () => (await navigator.storage.getDirectory()).removeEntry('plans', { recursive: true }));
  await setBudget(page, 777);
  const alert = page.locator('[data-testid="file-write-failed"]');
  await alert.waitFor({ timeout: 5000 });
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.match(await alert.textContent(), new RegExp(`could not be written to ${escape(name)}: NotFoundError`));
  assert.equal(await page.locator('[data-testid="file-indicator"]').getAttribute('data-state'), 'failed');
  // Nothing is lost meanwhile: the browser has the change.
  await saved(page);
  assert.equal(JSON.parse(await storedPlan(page)).items.find((i) => i.id === item.id).budget, 777);

  await page.locator('[data-testid="notice-pick-again"]').click();
  await alert.waitFor({ state: 'detached' });
  await eventually(() => fileBudget(page, name), 777, 'the plan is back in the file');
  await page.locator('[data-testid="file-indicator"][data-state="kept"]').waitFor();
}));

// As with a file on disk after a reload: the browser asks before writing.
function leaveAfterReload() {
  if (!sessionStorage.getItem('reloaded')) return;
  const proto = FileSystemHandle.prototype;
  let allowed = false;
  proto.queryPermission = async () => (allowed ? 'granted' : 'prompt');
  proto.requestPermission = async () => {
    allowed = true;
    return 'granted';
  };
}

test('after a reload a file on disk needs the user\'s leave again: one click resumes it', () => withBoard({ init: [pickerInOpfs, leaveAfterReload] }, async ({ page }) => {
  await saved(page);
  await openPlans(page);
  await page.locator('[data-testid="keep-file"]').click();
  await page.locator('[data-testid="kept-file"]').filter({ hasText: 'last written' }).waitFor();
  const name = await page.locator('[data-testid="kept-file"]').getAttribute('data-file');
  await page.evaluate(() => sessionStorage.setItem('reloaded', '1'));
  await page.reload();
  await boardShown(page);
  const indicator = page.locator('[data-testid="file-indicator"][data-state="needs-leave"]');
  await indicator.waitFor();
  await setBudget(page, 888);
  await saved(page);
  // Without leave the kept file is not scheduled to be written at all.
  await settled(page);
  assert.notEqual(await fileBudget(page, name), 888, 'nothing is written without leave');
  await openPlans(page);
  await page.locator('[data-testid="resume-file"]').click();
  await eventually(() => fileBudget(page, name), 888, 'written once allowed');
  await page.locator('[data-testid="file-indicator"][data-state="kept"]').waitFor();
}));

function noFilePicker() {
  Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });
}

test('where the browser cannot keep a file, the app says so and offers export instead', () => withBoard({ init: noFilePicker }, async ({ page }) => {
  await openPlans(page);
  const note = page.locator('[data-testid="keep-file-unsupported"]');
  await note.waitFor();
  assert.match(await note.textContent(), /cannot keep a file.*Export the plan instead/);
  assert.equal(await page.locator('[data-testid="keep-file"]').count(), 0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-panel"]').click()]);
  assert.equal(JSON.parse(fs.readFileSync(await download.path(), 'utf8')).id, plan.id);
}));

test('a calm reminder when changes have been only in this browser for a day; export or a kept file ends it', () => withBoard({ init: pickerInOpfs, clock: true }, async ({ page }) => {
  await saved(page);
  const reminder = page.locator('[data-testid="reminder"]');
  // The demo as it first opens exists elsewhere: no reminder, however long.
  await page.clock.runFor('25:00:00');
  assert.equal(await reminder.count(), 0);

  await setBudget(page, 4242);
  await saved(page);
  await page.clock.runFor('23:59:00');
  assert.equal(await reminder.count(), 0, 'not before a day');
  await page.clock.runFor('00:02:00');
  await reminder.waitFor();
  assert.equal(await reminder.getAttribute('role'), 'status');
  assert.match(await reminder.textContent(), /not in any file yet/);
  assert.equal(await page.locator('[role="dialog"]').count(), 0, 'never a modal');
  // The meeting goes on around it.
  await setBudget(page, 4343);

  // Later: it comes back after a few hours.
  await page.locator('[data-testid="reminder-later"]').click();
  await reminder.waitFor({ state: 'detached' });
  await page.clock.runFor('03:59:00');
  assert.equal(await reminder.count(), 0);
  await page.clock.runFor('00:02:00');
  await reminder.waitFor();

  // Export: the changes are in a file now.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="reminder-export"]').click()]);
  assert.equal(JSON.parse(fs.readFileSync(await download.path(), 'utf8')).items.find((i) => i.id === item.id).budget, 4343);
  await reminder.waitFor({ state: 'detached' });
  await page.clock.runFor('48:00:00');
  assert.equal(await reminder.count(), 0);

  // New changes start the day again; keeping a file ends it for good.
  await setBudget(page, 4444);
  await saved(page);
  await page.clock.runFor('24:01:00');
  await reminder.waitFor();
  await page.locator('[data-testid="reminder-keep"]').click();
  await reminder.waitFor({ state: 'detached' });
  const name = await page.locator('[data-testid="file-indicator"][data-state="kept"]').getAttribute('title');
  await setBudget(page, 4545);
  await saved(page);
  await eventually(() => fileBudget(page, name), 4545, 'the kept file has the change', 5000);
  await page.clock.runFor('30:00:00');
  assert.equal(await reminder.count(), 0, 'a kept file holds every change');
}));

/** The earlier versions stored for a plan: [{ at, revision, chars, text }]. */
async function versions(page, planId = plan.id) {
  return page.evaluate(([prefix, planId]) => {
    return Object.keys(localStorage)
      .filter((k) => k.startsWith(`${prefix}snap:`) && k.endsWith(`:${planId}`))
      .sort()
      .map((k) => {
        const [, at, revision, chars] = k.slice(prefix.length).split(':');
        return { key: k, at: Number(at), revision: Number(revision), chars: Number(chars) };
      });
  }, [STORAGE_PREFIX, planId]);
}

test('earlier versions: kept as you work, listed with time and revision, restored undoably, exported', () => withBoard({ clock: true }, async ({ page }) => {
  await saved(page);
  const first = await versions(page);
  assert.equal(first.length, 1, 'the plan as it opened');
  const firstRev = first[0].revision;
  await setBudget(page, 1111);
  await saved(page);
  assert.equal((await versions(page)).length, 1, 'not one per keystroke');
  await page.clock.runFor('00:11:00');
  await setBudget(page, 2222);
  await saved(page);
  const two = await versions(page);
  assert.equal(two.length, 2);
  assert.equal(two[1].revision, await revision(page));

  await openPlans(page);
  const listed = page.locator('[data-testid="versions"] .version');
  await eventually(() => listed.count(), 2);
  const oldest = listed.last();
  assert.equal(Number(await oldest.getAttribute('data-revision')), firstRev);
  assert.match(await oldest.textContent(), new RegExp(`r${firstRev} · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d`));

  // Export a version.
  const [download] = await Promise.all([page.waitForEvent('download'), oldest.locator('[data-action="export-version"]').click()]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.revision, firstRev);
  assert.equal(exported.items.find((i) => i.id === item.id).budget, item.budget);
  assert.match(download.suggestedFilename(), new RegExp(`-r${firstRev}-`));

  // Restore it, then undo the restore.
  const before = await revision(page);
  await oldest.locator('[data-action="restore"]').click();
  await expectTally(page, `item:${item.id}:budget`, BigInt(item.budget));
  assert.ok((await revision(page)) > before, 'a restore is a new revision, never a step back');
  await saved(page);
  assert.equal(JSON.parse(await storedPlan(page)).items.find((i) => i.id === item.id).budget, item.budget);
  await page.locator('[data-testid="undo"]').click();
  await expectTally(page, `item:${item.id}:budget`, 2222n);
  await saved(page);
  assert.equal(JSON.parse(await storedPlan(page)).items.find((i) => i.id === item.id).budget, 2222);
}));

test('earlier versions stay within 20 a plan and a size budget, and give way when storage is full', () => withBoard({ clock: true }, async ({ page }) => {
  await saved(page);
  // 25 older versions, as after a long week of work.
  await page.evaluate(([prefix, id]) => {
    const text = localStorage.getItem(`${prefix}plan:${id}`);
    for (let i = 0; i < 25; i++) {
      const at = String(Date.now() - (30 - i) * 3_600_000).padStart(15, '0');
      localStorage.setItem(`${prefix}snap:${at}:${1000 + i}:${text.length}:${id}`, text);
    }
  }, [STORAGE_PREFIX, plan.id]);
  await page.clock.runFor('00:11:00');
  await setBudget(page, 3333);
  await saved(page);
  let list = await versions(page);
  assert.equal(list.length, 20);
  assert.equal(list.at(-1).revision, await revision(page), 'the newest is kept');
  assert.equal(list[0].revision, 1007, 'the oldest went first');

  // Big versions: all of them together stay within the budget.
  await page.evaluate(([prefix, id]) => {
    const big = 'x'.repeat(600_000);
    for (let i = 0; i < 3; i++) {
      const at = String(Date.now() - (10 - i) * 60_000).padStart(15, '0');
      localStorage.setItem(`${prefix}snap:${at}:${100 + i}:${big.length}:big-plan`, big);
    }
  }, [STORAGE_PREFIX]);
  await page.clock.runFor('00:11:00');
  await setBudget(page, 3434);
  await saved(page);
  const all = await page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(`${prefix}snap:`)).map((k) => Number(k.split(':')[4])), STORAGE_PREFIX);
  assert.ok(all.reduce((a, b) => a + b, 0) <= 1_500_000, `versions hold ${all.reduce((a, b) => a + b, 0)} characters`);
  assert.equal((await versions(page)).at(-1).revision, await revision(page));

  // Storage full: versions make room for the plan itself.
  await fillStorage(page);
  const allVersions = () => page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(`${prefix}snap:`)).length, STORAGE_PREFIX);
  const had = await allVersions();
  // A longer number: the plan needs more room than it had.
  await setBudget(page, 353535353);
  await saved(page);
  assert.equal(await page.locator('[data-testid="save-failed"]').count(), 0, 'no warning: the plan was saved');
  assert.equal(JSON.parse(await storedPlan(page)).items.find((i) => i.id === item.id).budget, 353535353);
  assert.ok((await allVersions()) < had, 'an earlier version gave way');
  await freeStorage(page);
}));

test('copies kept by an earlier version of the app become earlier versions', () => withBoard(async ({ page }) => {
  await saved(page);
  const old = { ...plan, title: 'Before the import', revision: 3 };
  await page.evaluate(([prefix, id, text]) => localStorage.setItem(`${prefix}backup:2026-11-20T10:00:00.000Z:${id}`, text), [STORAGE_PREFIX, plan.id, JSON.stringify(old)]);
  await page.reload();
  await boardShown(page);
  assert.equal(await page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.includes(':backup:')).length, STORAGE_PREFIX), 0);
  const list = await versions(page);
  const adopted = list.find((v) => v.revision === 3);
  assert.ok(adopted, 'kept as a version');
  assert.equal(adopted.at, Date.parse('2026-11-20T10:00:00.000Z'));
  await openPlans(page);
  await page.locator('[data-testid="versions"] .version[data-revision="3"]').waitFor();
}));
