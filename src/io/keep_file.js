// Keeping the open plan in a file the user picked (File System Access API,
// Chromium), and remembering that file across visits (IndexedDB, which can
// hold file handles; localStorage cannot).

const DB = 'linkage-board';
const STORE = 'kept-files';

export function supported() {
  return typeof globalThis.showSaveFilePicker === 'function' && typeof indexedDB !== 'undefined';
}

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function inStore(mode, use) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = use(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Asks the user for a file and remembers it for the plan. */
export async function pick(planId, suggestedName) {
  const handle = await globalThis.showSaveFilePicker({
    suggestedName,
    types: [{ description: 'Linkage Board plan', accept: { 'application/json': ['.json'] } }],
  });
  await inStore('readwrite', (store) => store.put(handle, planId));
  return handle;
}

/** The file remembered for the plan, or null. */
export async function remembered(planId) {
  return (await inStore('readonly', (store) => store.get(planId))) ?? null;
}

export async function forget(planId) {
  await inStore('readwrite', (store) => store.delete(planId));
}

export function fileName(handle) {
  return handle.name;
}

/** 'granted', 'prompt' or 'denied'; asks the user only when `ask` is true
 * (which needs a click). */
export async function permission(handle, ask) {
  const mode = { mode: 'readwrite' };
  if (typeof handle.queryPermission !== 'function') return 'granted';
  let state = await handle.queryPermission(mode);
  if (state === 'prompt' && ask) state = await handle.requestPermission(mode);
  return state;
}

/** Writes the whole text. The browser writes to a temporary file and puts it
 * in place on close(), so the file is never left half written. */
export async function write(handle, text) {
  const writable = await handle.createWritable();
  try {
    await writable.write(text);
    await writable.close();
  } catch (e) {
    try {
      await writable.abort();
    } catch {
      // Already closed or errored: nothing more to undo.
    }
    throw e;
  }
}
