// A small static server for dist/ on the loopback address, in one of two modes:
//   plain — sends every file as it is (a host that compresses nothing);
//   gzip  — gzips every response on the fly when the request accepts it,
//           the wasm's .gz copy included (a host that compresses everything,
//           so the .gz arrives gzipped twice and the browser undoes one).
//
//   node bench/static-server.mjs [plain|gzip] [port] [dir]   (serves until stopped)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
  '.zst': 'application/zstd',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * Serves `dir` at http://127.0.0.1:<port>/ (port 0: any free one).
 * Every file sent is recorded in `sent` ({url, body: bytes on the wire, encoding})
 * once the server has handed its last byte to the network.
 * @returns {Promise<{url: string, close: () => Promise<void>, sent: {url: string, body: number, encoding?: string}[]}>}
 */
export async function serveStatic(dir = path.join(ROOT, 'dist'), { mode = 'plain', port = 0 } = {}) {
  if (mode !== 'plain' && mode !== 'gzip') throw new Error(`static-server: unknown mode ${mode}`);
  const root = path.resolve(dir);
  const sent = [];
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname).replace(/^\/+/, '');
    } catch {
      rel = '\0';
    }
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    const type = TYPES[path.extname(file)];
    if (!file.startsWith(root + path.sep) || !type || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found\n');
    }
    let body = fs.readFileSync(file);
    const headers = { 'content-type': type, 'cache-control': 'no-cache' };
    if (mode === 'gzip' && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = zlib.gzipSync(body, { level: 6 });
      headers['content-encoding'] = 'gzip';
      headers.vary = 'accept-encoding';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    if (req.method === 'GET') {
      res.on('finish', () => sent.push({ url: req.url, body: body.length, encoding: headers['content-encoding'] }));
    }
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    sent,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [mode = 'plain', port = '8081', dir] = process.argv.slice(2);
  const { url } = await serveStatic(dir ?? path.join(ROOT, 'dist'), { mode, port: Number(port) });
  console.log(`static-server (${mode}): ${url}`);
}
