// The size of what a browser downloads to run the board: the wasm module and
// every JS file the page loads (the glue and its snippets), raw and gzip -9.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export function bundleSize(dist) {
  const files = fs
    .readdirSync(dist, { recursive: true })
    .filter((f) => !f.startsWith('linkage-board.html'));
  const measure = (list) =>
    list
      .map((f) => fs.readFileSync(path.join(dist, f)))
      .reduce(
        (sum, buf) => ({ raw: sum.raw + buf.length, gz: sum.gz + zlib.gzipSync(buf, { level: 9 }).length }),
        { raw: 0, gz: 0 },
      );
  const wasm = measure(files.filter((f) => f.endsWith('_bg.wasm')));
  const js = measure(files.filter((f) => f.endsWith('.js')));
  if (wasm.raw === 0 || js.raw === 0) throw new Error(`no wasm or JS in ${dist}: build it first`);
  return { wasm, js, gz: wasm.gz + js.gz };
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
