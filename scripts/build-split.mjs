// Builds the board's wasm split in chunks, as trunk's post-build hook
// (Trunk.toml; index.html's rust link has data-trunk-skip, so trunk builds
// only the page and the CSS). Trunk 0.21 cannot split wasm itself.
//
//   1. cargo builds the binary with `--emit-relocs` on its final link only;
//   2. wasm_split_cli (wasm_split_cli_support) cuts it at the split points
//      (src/ui/shell/deferred.rs): the main module and one chunk per view,
//      plus the chunks' loader, __wasm_split.js;
//   3. wasm-bindgen --target web --keep-lld-exports on the main module (the
//      chunks link to its lld exports);
//   4. wasm-opt -Oz on every module, and a gzip copy of each (zopfli on a
//      release build): the chunks' loader fetches the .gz and unpacks it in the
//      browser; the main module also gets a zstd copy, which the page's loader
//      fetches and unpacks with the decoder shipped beside it (unzstd.js,
//      fzstd), the .gz when that decoder cannot be had;
//   5. on a release build the JS, the page and the stylesheet trunk wrote
//      (its `integrity` written again) are minified (scripts/minify.mjs), and
//      the JS glue and the stylesheet get a gzip copy that the page's loader
//      fetches and unpacks: what a host that compresses nothing sends;
//   6. everything goes into one folder named by a hash of its contents, and
//      the page gets the two links the loader in index.html reads.
//
// Run by hand it builds into dist/: node scripts/build-split.mjs
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { root, cargoWasm, dropCustomSections, wasmBindgen, wasmOpt, gzip, zstd, ZSTD_DECODER, run, kb } from './wasm-build.mjs';
import { minifyCss, minifyJs, minifyPage } from './minify.mjs';

const staging = path.resolve(process.env.TRUNK_STAGING_DIR ?? path.join(root, 'dist'));
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const work = path.join(root, 'target', 'split');

const raw = cargoWasm({ release, extra: ['-Clink-args=--emit-relocs', '-Cstrip=none'] });

fs.rmSync(work, { recursive: true, force: true });
const split = path.join(work, 'split');
fs.mkdirSync(split, { recursive: true });
run('wasm_split_cli', [raw, split]);

const out = path.join(work, 'out');
// The relocations need the symbols kept (-Cstrip=none), which keeps the
// target_features section too; it names reference types (from the standard
// library), which this build turns off (.cargo/config.toml), and would make
// wasm-bindgen expect an externref table. A plain build strips it.
dropCustomSections(path.join(split, 'main.wasm'), ['target_features']);
wasmBindgen(path.join(split, 'main.wasm'), out, 'main', ['--keep-lld-exports']);
const chunks = fs.readdirSync(split).filter((f) => f.endsWith('.wasm') && f !== 'main.wasm');
for (const f of chunks) fs.copyFileSync(path.join(split, f), path.join(out, f));

// The chunks' loader: gzip like the main module, from any host.
const LINK = '__wasm_split.js';
const loader = fs.readFileSync(path.join(split, LINK), 'utf8');
fs.writeFileSync(path.join(out, LINK), patchLoader(loader));

for (const f of fs.readdirSync(out).filter((f) => f.endsWith('.wasm'))) {
  if (release) {
    dropCustomSections(path.join(out, f), ['name']);
    wasmOpt(path.join(out, f));
  }
  const bytes = fs.readFileSync(path.join(out, f));
  fs.writeFileSync(path.join(out, `${f}.gz`), await gzip(bytes, { release }));
}
zstd(path.join(out, 'main_bg.wasm'), { release });

// The decoder of the main module's .zst, an ES module the page runs as a
// worker (or imports, where it cannot make one).
const DECODER = 'unzstd.js';
const workerPart = fs.readFileSync(path.join(root, 'scripts', 'unzstd-worker.js'), 'utf8');
fs.writeFileSync(path.join(out, DECODER), `${fs.readFileSync(ZSTD_DECODER, 'utf8')}\n${workerPart}`);

if (release) {
  const scripts = fs.readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.js'));
  for (const f of scripts) await minifyJs(path.join(out, f));
  // Its licence, which minifying drops.
  const decoder = path.join(out, DECODER);
  fs.writeFileSync(decoder, `// fzstd 0.1.1, Copyright (c) 2020 Arjun Barrett, MIT License\n${fs.readFileSync(decoder, 'utf8')}`);
  // The glue goes gzip-compressed too: the loader unpacks it and imports it
  // from a blob URL, the plain file when it cannot.
  for (const f of ['main.js', DECODER]) {
    fs.writeFileSync(path.join(out, `${f}.gz`), await gzip(fs.readFileSync(path.join(out, f)), { release: true }));
  }
}

// One folder, named by what is in it.
const files = fs.readdirSync(out, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(out, f)).isFile()).sort();
const hash = crypto.createHash('sha256');
for (const f of files) hash.update(f).update(fs.readFileSync(path.join(out, f)));
const folder = `wasm-${hash.digest('hex').slice(0, 16)}`;
fs.cpSync(out, path.join(staging, folder), { recursive: true });

const html = path.join(staging, 'index.html');
let page = fs.readFileSync(html, 'utf8');
if (release) page = await packStylesheets(minifyStylesheets(page));
const links =
  (release
    ? `<link rel="preload" href="./${folder}/main.js.gz" as="fetch" crossorigin id="lb-glue">`
    : `<link rel="modulepreload" href="./${folder}/main.js" id="lb-glue">`) +
  `<link rel="preload" href="./${folder}/${DECODER}${release ? '.gz' : ''}" as="fetch" crossorigin id="lb-unzstd">` +
  `<link rel="preload" href="./${folder}/main_bg.wasm.zst" as="fetch" crossorigin id="lb-wasm">`;
// The end of the head: before </head>, or where the body starts when the
// minified page leaves the tag out.
const end = page.includes('</head>') ? page.lastIndexOf('</head>') : page.search(/<body[\s>]/i);
if (end < 0) throw new Error(`build-split: no end of the head in ${html}`);
const linked = `${page.slice(0, end)}${links}\n${page.slice(end)}`;
fs.writeFileSync(html, release ? await minifyPage(linked) : linked);

const size = (f) => fs.statSync(path.join(out, f)).size;
console.log(
  `build-split: ${folder}: main ${kb(size('main_bg.wasm.zst'))} zstd (${kb(size('main_bg.wasm.gz'))} gzip); ` +
    `${chunks.length} chunks ${kb(chunks.reduce((n, f) => n + size(`${f}.gz`), 0))} gzip`,
);

/**
 * Minifies each stylesheet trunk wrote into the staging folder and gives its
 * link the new file's `integrity`; returns the page with those links.
 */
function minifyStylesheets(page) {
  let found = 0;
  const done = page.replace(/<link rel="stylesheet" href="\.\/([^"]+\.css)" integrity="sha384-[^"]+"/g, (link, name) => {
    const file = path.join(staging, name);
    const css = minifyCss(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, css);
    const digest = crypto.createHash('sha384').update(css).digest('base64');
    found++;
    return `<link rel="stylesheet" href="./${name}" integrity="sha384-${digest}"`;
  });
  if (!found) throw new Error(`build-split: no stylesheet link with an integrity in ${html}; check the trunk version`);
  return done;
}

/**
 * Writes a gzip copy beside each stylesheet and puts in place of its link a
 * preload of the copy (id lb-css), which the loader in index.html fetches,
 * unpacks and adds to the page as a style element where the link was, before
 * the board starts; the plain file stays for browsers that cannot unpack.
 */
async function packStylesheets(page) {
  const links = [...page.matchAll(/<link rel="stylesheet" href="\.\/([^"]+\.css)" integrity="sha384-[^"]+"\s*\/?>/g)];
  if (links.length !== 1) throw new Error(`build-split: ${links.length} stylesheet links in ${html}, the loader takes one`);
  const [link, name] = links[0];
  fs.writeFileSync(path.join(staging, `${name}.gz`), await gzip(fs.readFileSync(path.join(staging, name)), { release: true }));
  return page.replace(link, `<link rel="preload" href="./${name}.gz" as="fetch" crossorigin id="lb-css">`);
}

/**
 * wasm_split_cli's loader fetches each chunk with instantiateStreaming, which
 * needs the host to say `application/wasm`. Ours fetches the chunk's .gz and
 * unpacks it (DecompressionStream), or the plain .wasm when it cannot. A
 * failed load is not kept: asking again fetches again (wasm_split_cli 0.2.2
 * already forgets it; the check below makes sure).
 */
function patchLoader(js) {
  const fetchStart = js.indexOf('function makeFetch(');
  if (fetchStart < 0) throw new Error('build-split: __wasm_split.js has no makeFetch; check the wasm_split_cli version');
  if (!/thisLoad\.catch|loadingModule = undefined/.test(js)) {
    throw new Error('build-split: __wasm_split.js keeps failed loads; check the wasm_split_cli version');
  }
  const end = endOfFunction(js, fetchStart);
  // A chunk that cannot be had is said in the page, next to what asked for
  // it (or not at all, when it was only fetched ahead): a warning here.
  const patched = `${js.slice(0, fetchStart)}${fetchCode()}${js.slice(end)}`;
  if (!patched.includes('console.error(e);')) throw new Error('build-split: __wasm_split.js does not report failed loads as expected; check the wasm_split_cli version');
  // The glue the page imported, not a second copy: a release build's page
  // imports it from a blob URL, which "./main.js" would not name. The page
  // hands it over (index.html) before the board starts, long before a chunk
  // is loaded; the two modules import each other, so it is read when used.
  const glueImport = 'import { initSync } from "./main.js";';
  if (!patched.includes(glueImport)) throw new Error('build-split: __wasm_split.js does not import the glue as expected; check the wasm_split_cli version');
  return patched
    .replace('console.error(e);', 'console.warn(e);')
    .replace(glueImport, 'const initSync = (...args) => globalThis.__linkageBoardGlue.initSync(...args);');
}

function endOfFunction(js, start) {
  let depth = 0;
  for (let i = js.indexOf('{', start); i < js.length; i++) {
    if (js[i] === '{') depth++;
    else if (js[i] === '}' && --depth === 0) return i + 1;
  }
  throw new Error('build-split: makeFetch does not end');
}

/**
 * The loader's makeFetch and what it calls. Each chunk's bytes are fetched
 * once and kept as they came, gzip-compressed (a failed fetch is forgotten,
 * so the next try fetches again). `globalThis.__linkageBoardChunks.fetchAll()`
 * fetches them all (src/io/chunks.rs calls it once the board shows) and does
 * no more: unpacking (DecompressionStream runs on the page's thread) and
 * compiling wait until a view first needs its chunk.
 */
function fetchCode() {
  return `const chunkFetches = [];
globalThis.__linkageBoardChunks = { fetchAll: () => Promise.all(chunkFetches.map((f) => f())) };
function makeFetch(srcUrl) {
    if (srcUrl === undefined) {
        return () => async (_imports) => ({});
    }
    let kept;
    const forget = (failed) => {
        if (kept === failed) kept = undefined;
    };
    const fetched = () => {
        if (kept === undefined) {
            const thisFetch = fetchChunk(String(srcUrl));
            thisFetch.catch(() => forget(thisFetch));
            kept = thisFetch;
        }
        return kept;
    };
    chunkFetches.push(fetched);
    return () => {
        const got = fetched();
        got.catch(() => {});
        return async (imports) => {
            try {
                return await WebAssembly.instantiate(await unpack(await got), imports);
            } catch (e) {
                forget(got);
                throw e;
            }
        };
    };
}
async function fetchChunk(url) {
    if (typeof DecompressionStream === 'function') {
        try {
            const res = await fetch(url + '.gz');
            if (res.ok) return new Uint8Array(await res.arrayBuffer());
        } catch (e) {
            console.warn('chunk ' + url + '.gz: ' + e.message);
        }
    }
    const res = await fetch(url);
    if (!res.ok) throw new Error(url + ': HTTP ' + res.status);
    return new Uint8Array(await res.arrayBuffer());
}
async function unpack(got) {
    if (got[0] !== 0x1f || got[1] !== 0x8b) return got;
    const unpacked = new Blob([got]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(unpacked).arrayBuffer());
}`;
}
