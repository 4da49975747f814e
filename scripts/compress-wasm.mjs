// Writes <module>_bg.wasm.gz (gzip -9) beside the wasm module, so that a
// static host that compresses nothing still sends the small file: the loader
// in index.html fetches the .gz and unpacks it in the browser.
//
// Runs as trunk's post-build hook (Trunk.toml), on the staging directory, so
// `trunk build` and `trunk serve` both get it; run by hand it works on dist/:
//   node scripts/compress-wasm.mjs [dir]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? path.join(root, 'dist'));
const modules = fs.readdirSync(dir).filter((f) => f.endsWith('_bg.wasm'));
if (modules.length === 0) {
  console.error(`compress-wasm: no *_bg.wasm in ${dir}`);
  process.exit(1);
}
for (const f of modules) {
  const raw = fs.readFileSync(path.join(dir, f));
  const gz = zlib.gzipSync(raw, { level: 9 });
  fs.writeFileSync(path.join(dir, `${f}.gz`), gz);
  console.log(`compress-wasm: ${f}.gz ${(gz.length / 1024).toFixed(1)} KB (wasm ${(raw.length / 1024).toFixed(1)} KB)`);
}
