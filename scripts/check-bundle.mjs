// Fails when the release bundle grows past its limits, so that growth is a
// decision rather than an accident. Two figures, packed (each file as the
// .zst or .gz the loaders fetch, bench/bundle.mjs; the rest at gzip -9):
// - the first load, what comes before the board shows: the main wasm module,
//   every JS file and the CSS (FIRST_LIMIT_KB);
// - the total: the first load and every chunk, the views kept out of it
//   (TOTAL_LIMIT_KB);
// and one more: the first load from a host that compresses nothing (the
// packed files the loaders fetch, the page and the rest as they are), which
// stays within the 380 KB the board's first load is meant to take
// (PLAIN_HOST_LIMIT_KB).
// BENCHMARKS.md and bench/NOTES.md say where the bytes go today. Lower a
// limit whenever its figure shrinks. wasm_split_cli does not lay its
// modules out the same way twice: from one input the first load varies by
// about 0.3 KB and the total by about 1 KB, which the limits leave room for.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSize, kb } from '../bench/bundle.mjs';

// 411.3 → 363.9 and 677.3 → 629.4: the main module travels as zstd (the
// decoder, 3.7 KB, is in the first load).
const FIRST_LIMIT_KB = 363.9;
const TOTAL_LIMIT_KB = 629.4;
const PLAIN_HOST_LIMIT_KB = 380;

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { wasm, chunks, js, css, first, plainHost, total } = bundleSize(path.join(root, 'dist'));
console.log(
  `first load: wasm ${kb(wasm.gz)} + JS ${kb(js.gz)} + CSS ${kb(css.gz)} = ${kb(first)} packed (limit ${FIRST_LIMIT_KB} KB)`,
);
console.log(`total: first load + chunks ${kb(chunks.gz)} = ${kb(total)} packed (limit ${TOTAL_LIMIT_KB} KB)`);
console.log(`first load from a host that compresses nothing: ${kb(plainHost)} (limit ${PLAIN_HOST_LIMIT_KB} KB)`);
let failed = false;
if (first > FIRST_LIMIT_KB * 1024) {
  console.error(`the first load grew past ${FIRST_LIMIT_KB} KB packed: find what added it (bench/NOTES.md, "Where the bytes go"), or move it behind a split point (src/ui/shell/deferred.rs)`);
  failed = true;
}
if (total > TOTAL_LIMIT_KB * 1024) {
  console.error(`the bundle grew past ${TOTAL_LIMIT_KB} KB packed in all: find what added it (bench/NOTES.md, "Where the bytes go")`);
  failed = true;
}
if (plainHost > PLAIN_HOST_LIMIT_KB * 1024) {
  console.error(`the first load from a host that compresses nothing grew past ${PLAIN_HOST_LIMIT_KB} KB: the page (index.html) and the JS go as they are there`);
  failed = true;
}
if (failed) process.exit(1);
