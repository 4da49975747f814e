// Where the bytes of the wasm go: builds the release module with symbol
// names kept, runs it through wasm-bindgen and `wasm-opt -Oz` as the real
// build does, and sums the size of every function and data segment by the
// crate (and, for the board's own code, the module) it comes from.
//
//   node bench/profile-size.mjs            (needs `cargo install twiggy`)
//
// The module it measures is within about 1% of the shipped one (KEEP=1
// keeps the files, with names, for `twiggy top`, `twiggy monos` and the like).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../tests/support/harness.mjs';
import { WASM_OPT_FEATURES } from '../scripts/wasm-build.mjs';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-size-'));
const target = path.join(os.tmpdir(), 'lb-size-target');
const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });

// The whole app in one module (the `single` feature: no split points), so
// the sums say where the bytes go whichever chunk they end in.
run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--bin', 'linkage-board', '--features', 'single'], {
  CARGO_TARGET_DIR: target,
  CARGO_PROFILE_RELEASE_STRIP: 'false',
  CARGO_PROFILE_RELEASE_DEBUG: 'false',
});
const built = fs.readFileSync(path.join(target, 'wasm32-unknown-unknown/release/linkage-board.wasm'));
// The shipped module is stripped of custom sections: wasm-bindgen reads
// `target_features` to decide how to pass JS values, and wasm-opt optimises
// less when DWARF (`.debug_*`) is present, so drop those here too.
fs.writeFileSync(path.join(work, 'in.wasm'), dropCustomSections(built, (name) => name === 'target_features' || name.startsWith('.debug')));
run('wasm-bindgen', ['--target', 'web', '--keep-debug', '--out-dir', work, '--out-name', 'app', path.join(work, 'in.wasm')]);
const features = WASM_OPT_FEATURES;
const named = path.join(work, 'named.wasm');
run('wasm-opt', ['-Oz', ...features, '-g', path.join(work, 'app_bg.wasm'), '-o', named]);
const plain = path.join(work, 'plain.wasm');
run('wasm-opt', ['--strip-debug', ...features, named, '-o', plain]);
const gz = zlib.gzipSync(fs.readFileSync(plain), { level: 9 }).length;

const csv = run('twiggy', ['top', '-n', '1000000', '-f', 'csv', named]).toString();
const rows = csv
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const m = line.match(/^"?(.*?)"?,(\d+),/);
    return { name: m[1], size: Number(m[2]) };
  })
  .filter((r) => !/section|^"?custom/.test(r.name));

const groups = new Map();
for (const { name, size } of rows) {
  const key = group(name);
  const g = groups.get(key) ?? { size: 0, count: 0 };
  g.size += size;
  g.count += 1;
  groups.set(key, g);
}
const total = rows.reduce((a, r) => a + r.size, 0);
console.log(`wasm after wasm-opt: ${(fs.statSync(plain).size / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzip`);
console.log('  bytes      %   items  from');
for (const [key, g] of [...groups].sort((a, b) => b[1].size - a[1].size).slice(0, 30)) {
  console.log(`${String(g.size).padStart(7)} ${((100 * g.size) / total).toFixed(1).padStart(6)} ${String(g.count).padStart(6)}  ${key}`);
}
if (process.env.KEEP) console.log(work); else fs.rmSync(work, { recursive: true, force: true });

// The crate a function belongs to: the first path in its name, looking
// through `<T as Trait>` to the trait when the type is a bare parameter; the
// board's own code by module; data segments and wasm tables apart.
function group(name) {
  if (name.startsWith('data segment') || name.startsWith('data[')) return 'data (strings, tables, the demo plan)';
  if (/^(elem|type|import|export|table|global|memory|code|func)\b/.test(name)) return 'wasm tables and types';
  if (name.startsWith('__wbg') || name.startsWith('__wbindgen')) return 'wasm_bindgen';
  let s = name;
  const as = s.match(/^<([A-Z]|&[A-Z]|&mut [A-Z]|\[[A-Z]\]|\(.*?\)) as ([a-z_][a-z0-9_]*)::/);
  if (as) return crateGroup(as[2], name);
  s = s.replace(/^[<&*\s]+|^(mut|dyn|const) /g, '');
  const m = s.match(/^([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::(\w+)?(?:::(\w+))?/);
  if (!m) return 'other';
  if (m[1] === 'linkage_board') return ['ui', 'model', 'io'].includes(m[2]) ? `linkage_board::${m[2]}::${m[3] ?? ''}` : `linkage_board::${m[2]}`;
  return crateGroup(m[1], name);
}

function crateGroup(crate, name) {
  if (['core', 'alloc', 'std'].includes(crate)) return /fmt/.test(name) ? 'core::fmt' : `${crate} (generic code: drop glue, closures, iterators)`;
  if (crate.startsWith('leptos')) return 'leptos';
  return crate;
}

function dropCustomSections(bytes, unwanted) {
  const leb = (i) => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[i++];
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return [value, i];
    }
  };
  const kept = [bytes.subarray(0, 8)];
  let i = 8;
  while (i < bytes.length) {
    const start = i;
    const id = bytes[i++];
    const [size, body] = leb(i);
    const end = body + size;
    let drop = false;
    if (id === 0) {
      const [len, at] = leb(body);
      drop = unwanted(bytes.subarray(at, at + len).toString());
    }
    if (!drop) kept.push(bytes.subarray(start, end));
    i = end;
  }
  return Buffer.concat(kept);
}
