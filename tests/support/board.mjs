// Small helpers for driving the board as a user would.
import assert from 'node:assert/strict';
import { BOARD_DRAWN } from './harness.mjs';

export const card = (page, id) => page.locator(`[data-item-id="${id}"]`);

export async function centre(locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  assert.ok(box, 'element is on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A real mouse drag: press, move in steps, release. */
export async function mouseDrag(page, from, to, { release = true, beforeRelease } = {}) {
  const a = await centre(from);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(a.x + 10, a.y + 10, { steps: 3 });
  const b = await centre(to);
  await page.mouse.move(b.x, b.y, { steps: 12 });
  await settled(page);
  if (beforeRelease) await beforeRelease();
  if (release) await page.mouse.up();
}

/** Starts a link from the keyboard: L on the source card, arrows to the target, Enter. */
export async function linkByKeyboard(page, sourceId, targetId) {
  await card(page, sourceId).focus();
  await page.keyboard.press('l');
  // Each arrow moves the target one card on; stop on the wanted one.
  for (let i = 0; i < 500; i++) {
    await page.keyboard.press('ArrowRight');
    if ((await page.locator('.card.over').getAttribute('data-item-id')) === targetId) break;
  }
  await page.keyboard.press('Enter');
}

/** A touch-screen drag through the DevTools protocol (real touch, hence pointer, events). */
export async function touchDrag(page, from, to) {
  const cdp = await page.context().newCDPSession(page);
  const b = await centre(to);
  const a = await centre(from);
  assert.deepEqual(await centre(to), b, 'both ends are on screen together');
  const point = (x, y) => [{ x: Math.round(x), y: Math.round(y), id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(a.x, a.y) });
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    const x = a.x + ((b.x - a.x) * i) / steps;
    const y = a.y + ((b.y - a.y) * i) / steps;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(x, y) });
    await settled(page);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

export async function tally(page, key) {
  const v = await page.locator(`[data-tally="${key}"]`).first().getAttribute('data-value');
  assert.notEqual(v, null, `${key} is shown`);
  return BigInt(v);
}

export async function revision(page) {
  return Number(await page.locator('[data-testid="board"]').getAttribute('data-revision'));
}

export async function storedPlan(page) {
  return page.evaluate(() => {
    const id = localStorage.getItem('linkage-board:v1:current');
    return localStorage.getItem(`linkage-board:v1:plan:${id}`);
  });
}

/**
 * Waits until the page has drawn two more frames: every handler of what the
 * test just did has run, and the board's effects with it. What a "nothing
 * happened" check waits on, instead of a fixed sleep.
 */
export async function settled(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Waits until the autosave has written the current revision. */
export async function saved(page) {
  await page.locator('.save-state[data-state="saved"]').waitFor({ timeout: 5000 });
}

/** Polls until `read()` equals `expected` (the DOM updates a frame after a change); the
 * time allowed is generous so a busy machine is slow, not red. */
export async function eventually(read, expected, message, timeout = 10000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read();
    if (last === expected) return;
    if (Date.now() > end) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.equal(last, expected, message);
}

/** Asserts a tally figure, waiting a moment for the DOM to catch up. */
export async function expectTally(page, key, expected) {
  await eventually(() => tally(page, key), expected, key);
}

/** Drops files (`[name, text]` pairs) on the board together, the way a desktop drag does. */
export async function dropFiles(page, files) {
  const dt = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const [name, text] of files) dt.items.add(new File([text], name, { type: 'application/json' }));
    return dt;
  }, files);
  await page.locator('[data-testid="board"]').dispatchEvent('dragover', { dataTransfer: dt });
  await page.locator('[data-testid="board"]').dispatchEvent('drop', { dataTransfer: dt });
}

/** Waits for the board, drawn, after a reload, without navigating again. */
export async function boardShown(page) {
  await page.locator(BOARD_DRAWN).waitFor({ state: 'visible', timeout: 20_000 });
}

/** Fills localStorage to the last character (filler keys, then one-character keys). */
export async function fillStorage(page) {
  await page.evaluate(() => {
    let i = 0;
    for (let size = 256 * 1024; size >= 1; size = Math.floor(size / 2)) {
      try {
        for (;;) localStorage.setItem(`filler:${i++}`, 'y'.repeat(size));
      } catch {}
    }
    for (let k = 0; k < 64; k++) {
      try {
        localStorage.setItem(String.fromCharCode(0x4e00 + k), '');
      } catch {
        break;
      }
    }
  });
}

/** Takes away what fillStorage put in. */
export async function freeStorage(page) {
  await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('filler:') || k.length === 1)
      .forEach((k) => localStorage.removeItem(k)),
  );
}

/**
 * An input method at work in the focused field, through the DevTools
 * protocol: `compose` starts (or updates) a composition, `keyWhileComposing`
 * presses a key the way the browser reports it then (isComposing, key code
 * 229), `commit` ends the composition with the chosen text.
 */
export async function ime(page) {
  const cdp = await page.context().newCDPSession(page);
  return {
    compose: (text) => cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length }),
    async keyWhileComposing(key) {
      for (const type of ['keyDown', 'keyUp']) {
        await cdp.send('Input.dispatchKeyEvent', { type, key, code: key, windowsVirtualKeyCode: 229 });
      }
    },
    commit: (text) => cdp.send('Input.insertText', { text }),
    detach: () => cdp.detach(),
  };
}

/** Whether the focused element is inside `locator`'s element. */
export async function focusWithin(locator) {
  return locator.evaluate((el) => el.contains(document.activeElement));
}

/** The data-testid of the focused element. */
export const activeTestId = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

/**
 * Starts a new plan through "New plan": `template` is blank (with
 * `districts`), beijing or next-year (`carry` the open items). Waits until
 * the choice has closed and the focus is back on its button.
 */
export async function newPlan(page, template = 'blank', { districts, carry } = {}) {
  await page.locator('[data-testid="new-plan"]').click();
  await page.locator(`[data-template="${template}"]`).check();
  if (districts !== undefined) await page.locator('input[name="districts"]').fill(String(districts));
  if (carry) await page.locator('input[name="carry"]').check();
  await page.locator('[data-testid="new-plan-create"]').click();
  await page.locator('[data-testid="new-plan-dialog"]').waitFor({ state: 'detached' });
  await eventually(() => activeTestId(page), 'new-plan', 'focus back on the new-plan button');
}
