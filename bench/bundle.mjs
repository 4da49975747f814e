// The size of what a browser downloads to run the board, raw and packed: the
// modules as the .zst or .gz files the build wrote (what the loaders fetch),
// the JS and CSS as their .gz or at gzip -9.
// The wasm is split (scripts/build-split.mjs): the first load, until the
// board shows, is the main module, every JS file (the glue, its snippets and
// the chunks' loader) and the CSS; the chunks (the views kept out of the
// first load) arrive after it. `plainHost` is the first load from a host
// that compresses nothing.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export function bundleSize(dist) {
  const files = fs
    .readdirSync(dist, { recursive: true })
    .map(String)
    .filter((f) => !f.startsWith('linkage-board.html') && fs.statSync(path.join(dist, f)).isFile());
  // A file travels as the .zst or .gz the build wrote beside it when there
  // is one (the loaders fetch that, from any host: the .zst first), so its
  // packed figure is that file's size; the rest are measured at gzip -9.
  const size = (f) => fs.statSync(path.join(dist, f)).size;
  const packed = (f) => [`${f}.zst`, `${f}.gz`].find((p) => files.includes(p)) ?? null;
  const shipped = (list) =>
    list.reduce((sum, f) => {
      const gz = packed(f) ? size(packed(f)) : zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
      return { raw: sum.raw + size(f), gz: sum.gz + gz };
    }, { raw: 0, gz: 0 });
  const wasm = shipped(files.filter((f) => f.endsWith('_bg.wasm')));
  const chunks = shipped(files.filter((f) => f.endsWith('.wasm') && !f.endsWith('_bg.wasm')));
  const js = shipped(files.filter((f) => f.endsWith('.js')));
  const css = shipped(files.filter((f) => f.endsWith('.css')));
  if (wasm.raw === 0 || js.raw === 0) throw new Error(`no wasm or JS in ${dist}: build it first`);
  const first = wasm.gz + js.gz + css.gz;
  // From a host that compresses nothing: the main module's .zst (the loader
  // fetches it and unpacks it in the page), the page, JS (the decoder
  // included), CSS and icon as they are, or their .gz where the loader
  // fetches that instead.
  const plainHost =
    files.filter((f) => f.endsWith('_bg.wasm')).reduce((n, f) => n + size(packed(f)), 0) +
    files.filter((f) => /\.(html|js|css|svg)$/.test(f)).reduce((n, f) => n + size(packed(f) ?? f), 0);
  return { wasm, chunks, js, css, first, plainHost, total: first + chunks.gz, gz: wasm.gz + js.gz };
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
