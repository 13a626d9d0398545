// A plain static file server for the end-to-end tests: serves dist/ under a sub-path (and at /),
// with no rewrite rule, like any static host. Usage: node tests/support/server.mjs [port] [dir]
// [--compress]. With --compress (the benchmark's), it answers in gzip -9 or brotli when the
// browser accepts it, as a production host does: Lighthouse simulates a slow network from the
// bytes actually transferred, so an uncompressed server would measure a site nobody ships.
import { createServer } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';

const port = Number(process.argv[2] || process.env.PORT || 4173);
const root = resolve(process.argv[3] || 'dist');
const compress = process.argv.includes('--compress');
const compressed = new Map(); // `${encoding} ${file} ${mtime}` → bytes
const encode = (encoding, body) => (encoding === 'br'
  ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
  : gzipSync(body, { level: 9 }));
export const SUB_PATH = '/formations/outils/repere/';
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};

// A production host serves precompressed files (nginx gzip_static/brotli_static, every static
// host): compressing brotli -11 on the first request would add up to a second of server time,
// which Lighthouse takes for the server's own latency.
async function precompress(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) { await precompress(file); continue; }
    if (extname(file) === '.png') continue;
    const info = await stat(file), body = await readFile(file);
    for (const encoding of ['br', 'gzip']) compressed.set(`${encoding} ${file} ${info.mtimeMs}`, encode(encoding, body));
  }
}
if (compress) await precompress(root);

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/healthz') { res.end('ok'); return; }
  let path = decodeURIComponent(url.pathname);
  if (path.startsWith(SUB_PATH)) path = '/' + path.slice(SUB_PATH.length);
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    let body = await readFile(file);
    const headers = { 'content-type': types[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' };
    const accepted = String(req.headers['accept-encoding'] || '');
    const encoding = !compress || extname(file) === '.png' ? null : /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    if (encoding) {
      const key = `${encoding} ${file} ${info.mtimeMs}`;
      if (!compressed.has(key)) compressed.set(key, encode(encoding, body));
      body = compressed.get(key);
      Object.assign(headers, { 'content-encoding': encoding, vary: 'accept-encoding' });
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${SUB_PATH}`));
