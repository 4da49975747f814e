// What the split build (scripts/build-split.mjs) and the single-file build
// (scripts/build-single.mjs) share: building the wasm with cargo, running
// wasm-bindgen and wasm-opt, and gzip.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';
import { decompress as unzstd } from 'fzstd';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = 'linkage-board';
const TARGET = 'wasm32-unknown-unknown';

// Debian 12's wasm-opt 108 needs the features the module uses named (see
// .cargo/config.toml for why reference types are off).
export const WASM_OPT_FEATURES = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];

export function run(cmd, args, options = {}) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
}

/**
 * Builds the board's wasm (the `linkage-board` binary) and returns its path.
 * `linkArgs` go to the final link only (`cargo rustc`), so the dependencies
 * are shared by every build; `features` are the crate's own.
 */
export function cargoWasm({ release, features = [], extra = [] }) {
  const args = ['rustc', '--target', TARGET, '--bin', BIN];
  if (release) args.push('--release');
  if (features.length) args.push('--features', features.join(','));
  if (extra.length) args.push('--', ...extra);
  run('cargo', args);
  return path.join(root, 'target', TARGET, release ? 'release' : 'debug', `${BIN}.wasm`);
}

export function wasmBindgen(input, outDir, outName, extra = []) {
  fs.rmSync(outDir, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', outDir, '--out-name', outName, ...extra, input]);
}

export function wasmOpt(file) {
  run('wasm-opt', ['-Oz', ...WASM_OPT_FEATURES, '--strip-debug', '--strip-producers', file, '-o', file]);
}

/**
 * The gzip copy of a module. A release build writes it with zopfli's deflate
 * (plain gzip that any reader unpacks, about 5% smaller than zlib's level 9
 * for the main module: 393.3 against 413.6 KB), which takes a few seconds;
 * a development build uses zlib.
 */
export async function gzip(bytes, { release }) {
  return release ? Buffer.from(await gzipAsync(bytes, { numiterations: 15 })) : zlib.gzipSync(bytes, { level: 9 });
}

/**
 * The zstd copy of a module, `<file>.zst` (level 19 on a release build: for
 * the main module about 13% smaller than zopfli's gzip, 350.8 against 403.3
 * KB). The page unpacks it with fzstd, the decoder it ships
 * (`ZSTD_DECODER`), so before it is kept that decoder must give back the very
 * bytes it was made from.
 */
export function zstd(file, { release }) {
  const out = `${file}.zst`;
  run('zstd', ['-q', '-f', release ? '-19' : '-3', file, '-o', out]);
  const back = unzstd(fs.readFileSync(out));
  if (Buffer.compare(Buffer.from(back.buffer, back.byteOffset, back.byteLength), fs.readFileSync(file)) !== 0) {
    throw new Error(`${out}: fzstd does not unpack it to ${path.basename(file)}`);
  }
  return out;
}

/** The page's zstd decoder: fzstd's ES module (MIT), as npm has it (scripts/unzstd-worker.js is added to it). */
export const ZSTD_DECODER = path.join(root, 'node_modules', 'fzstd', 'esm', 'index.mjs');

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Writes `file` again without the custom sections named. */
export function dropCustomSections(file, names) {
  const b = fs.readFileSync(file);
  const parts = [b.subarray(0, 8)];
  let i = 8;
  const leb = () => {
    let r = 0;
    let shift = 0;
    let x;
    do {
      x = b[i++];
      r += (x & 0x7f) * 2 ** shift;
      shift += 7;
    } while (x & 0x80);
    return r;
  };
  while (i < b.length) {
    const from = i;
    const id = b[i++];
    const size = leb();
    const body = i;
    let keep = true;
    if (id === 0) {
      const n = leb();
      keep = !names.includes(b.subarray(i, i + n).toString('utf8'));
    }
    i = body + size;
    if (keep) parts.push(b.subarray(from, i));
  }
  fs.writeFileSync(file, Buffer.concat(parts));
}
