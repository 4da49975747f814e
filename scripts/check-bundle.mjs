// Fails when the release bundle (wasm + JS, gzip -9) grows past LIMIT_KB,
// so that growth is a decision rather than an accident. The target is
// 150 KB; BENCHMARKS.md and bench/NOTES.md say where the bytes go today.
// Lower LIMIT_KB whenever the bundle shrinks.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSize, kb } from '../bench/bundle.mjs';

const LIMIT_KB = 577.5;

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { wasm, js, gz } = bundleSize(path.join(root, 'dist'));
console.log(`bundle: wasm ${kb(wasm.gz)} + JS ${kb(js.gz)} = ${kb(gz)} gzip (limit ${LIMIT_KB} KB, target 150 KB)`);
if (gz > LIMIT_KB * 1024) {
  console.error(`the bundle grew past ${LIMIT_KB} KB gzip: find what added it (bench/NOTES.md, "Where the bytes go")`);
  process.exit(1);
}
