// Builds dist-single/linkage-board.html: one file with the CSS, the JS glue
// and the wasm (gzip, base64) inlined, that opens from disk with no server
// and no network. Its wasm is a plain build of its own (the `single`
// feature: one module, no chunks to fetch); the CSS comes from the release
// build in dist/. A copy goes into dist/ too, so that a board served over
// HTTP can offer "Save as standalone HTML".
import fs from 'node:fs';
import path from 'node:path';
import { root, BIN, cargoWasm, wasmBindgen, wasmOpt, gzip } from './wasm-build.mjs';

const dist = path.join(root, 'dist');
const out = path.join(root, 'target', 'single');
wasmBindgen(cargoWasm({ release: true, features: ['single'] }), out, BIN);
wasmOpt(path.join(out, `${BIN}_bg.wasm`));

const pick = (dir, test, what) => {
  const f = fs.readdirSync(dir).find(test);
  if (!f) throw new Error(`build-single: no ${what} in ${dir} (run trunk build --release first)`);
  return fs.readFileSync(path.join(dir, f));
};
const css = pick(dist, (f) => /^main-.*\.css$/.test(f), 'stylesheet').toString('utf8');
// JS snippets the glue imports (`from './snippets/...'`) go inline as data:
// URLs; the same path elsewhere in the glue names the wasm's import module
// and stays as it is.
const glue = pick(out, (f) => f === `${BIN}.js`, 'JS glue')
  .toString('utf8')
  .replace(/\bfrom\s*(['"])\.\/(snippets\/[^'"]+)\1/g, (_, quote, rel) => {
    const code = fs.readFileSync(path.join(out, rel));
    return `from ${quote}data:text/javascript;base64,${code.toString('base64')}${quote}`;
  });
const wasm = pick(out, (f) => f === `${BIN}_bg.wasm`, 'wasm');
const icon = fs.readFileSync(path.join(root, 'public/favicon.svg'), 'utf8');

for (const [name, text] of [['stylesheet', css], ['JS glue', glue]]) {
  if (/<\/(style|script)/i.test(text)) throw new Error(`build-single: the ${name} contains a closing tag and cannot be inlined`);
}
const wasmB64 = (await gzip(wasm, { release: true })).toString('base64');

const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Linkage Board</title>
<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(icon)}">
<style>${css}</style>
</head>
<body>
<noscript>Linkage Board needs JavaScript and WebAssembly to run.</noscript>
<script type="application/json" id="lb-embedded-plan"></script>
<script type="text/plain" id="lb-glue">${glue}</script>
<script type="text/plain" id="lb-wasm">${wasmB64}</script>
<script type="module">
window.__lbSource = '<!DOCTYPE html>\\n' + document.documentElement.outerHTML;
const gz = Uint8Array.from(atob(document.getElementById('lb-wasm').textContent), (c) => c.charCodeAt(0));
const bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
const glue = URL.createObjectURL(new Blob([document.getElementById('lb-glue').textContent], { type: 'text/javascript' }));
const bindings = await import(glue);
await bindings.default({ module_or_path: bytes });
</script>
</body>
</html>
`;
fs.mkdirSync(path.join(root, 'dist-single'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist-single/linkage-board.html'), html);
fs.writeFileSync(path.join(dist, 'linkage-board.html'), html);
console.log(`dist-single/linkage-board.html: ${(html.length / 1024).toFixed(0)} KB`);
