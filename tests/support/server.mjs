// The one static server of the tests, the size guard and the benchmark: plain files, no rewrite
// rule, like any static host. What it serves is a table of mounts, URL prefix → source:
// - `{ dir }`: a folder (a path ending in `/` or nothing gets its `index.html`);
// - `{ file }`: one file, at the prefix itself;
// - `{ read }`: `read(rest)` gives the bytes (or text) for the path after the prefix, or nothing
//   (the test LMS's packages unzipped in memory, a host page written by a test).
// The longest matching prefix wins; `/healthz` answers `ok`. Types come from `types` by extension
// (or from the mount's own `type`), and a file of any other type is `application/octet-stream`,
// as hosts and LMSs answer. With `compress` it
// answers in gzip -9 or brotli when the browser accepts it, as a production host does: Lighthouse
// simulates a slow network from the bytes actually transferred, so an uncompressed server would
// measure a site nobody ships.
//
// As a command (Playwright's web server, the benchmark, the size guard):
//   node tests/support/server.mjs [port] [dir] [--compress]
// serves `dir` (default dist/) under SUB_PATH and at /.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';
import { buildFiles } from '../../scripts/build-files.mjs';

/** Where the tests serve the app: a sub-path, as a training organisation's site would. */
export const SUB_PATH = '/formations/outils/repere/';

export const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.xml': 'application/xml',
};

const encode = (encoding, body) => (encoding === 'br'
  ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
  : gzipSync(body, { level: 9 }));

async function fromFile(file) {
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? { file, mtime: info.mtimeMs, body: await readFile(file) } : undefined;
}

/** The bytes a `{ dir }` mount holds at `rest`, or undefined. */
function fromDir(dir, rest) {
  const root = resolve(dir);
  const file = normalize(join(root, rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest));
  return file.startsWith(root) ? fromFile(file) : undefined;
}

/** What `source` holds at `rest`: `{ body, file?, mtime? }`, or undefined. */
async function lookUp(source, rest) {
  if (source?.dir) return fromDir(source.dir, rest);
  if (source?.file) return rest === '' ? fromFile(source.file) : undefined;
  if (source?.read) return { body: await source.read(rest) };
  return undefined;
}

/**
 * Starts serving on 127.0.0.1 (`port` 0: any free one); resolves once it listens:
 * `{ origin, port, mount(prefix, source), close() }`. `mount` adds or replaces a mount while it
 * runs (a redeployment).
 */
export async function startServer({ mounts = {}, port = 0, types = TYPES, compress = false } = {}) {
  const table = new Map(Object.entries(mounts));
  // A production host serves precompressed files (nginx gzip_static/brotli_static, every static
  // host): compressing brotli -11 on the first request would add up to a second of server time,
  // which Lighthouse takes for the server's own latency.
  const compressed = new Map(); // `${encoding} ${file} ${mtime}` → bytes
  const compressedBody = async (encoding, found) => {
    const key = `${encoding} ${found.file} ${found.mtime}`;
    if (!compressed.has(key)) compressed.set(key, encode(encoding, found.body));
    return compressed.get(key);
  };
  if (compress) {
    for (const { dir } of table.values()) {
      if (!dir) continue;
      for (const path of buildFiles(dir)) {
        if (extname(path) === '.png') continue;
        const found = await fromDir(dir, path);
        for (const encoding of ['br', 'gzip']) await compressedBody(encoding, found);
      }
    }
  }

  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (path === '/healthz') { res.end('ok'); return; }
    const prefix = [...table.keys()].filter((p) => path.startsWith(p)).sort((a, b) => b.length - a.length)[0];
    const rest = prefix === undefined ? '' : path.slice(prefix.length);
    const source = table.get(prefix);
    let found;
    try {
      found = await lookUp(source, rest);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
      return;
    }
    if (found?.body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const name = found.file ?? path;
    const type = source.type || types[extname(name)] || 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'no-cache' };
    const accepted = String(req.headers['accept-encoding'] || '');
    const encoding = !compress || !found.file || extname(name) === '.png' ? null
      : /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    let body = found.body;
    if (encoding) {
      body = await compressedBody(encoding, found);
      Object.assign(headers, { 'content-encoding': encoding, vary: 'accept-encoding' });
    }
    res.writeHead(200, headers).end(body);
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));
  const actual = server.address().port;
  return {
    origin: `http://127.0.0.1:${actual}`,
    port: actual,
    mount(prefix, source) { table.set(prefix, source); },
    close() { server.closeAllConnections(); return new Promise((ok) => server.close(ok)); },
  };
}

/** Serves the build `dir` under SUB_PATH and at / (how the tests and the benchmark see it). */
export function serveBuild(dir, { port = 0, compress = false } = {}) {
  return startServer({ mounts: { [SUB_PATH]: { dir }, '/': { dir } }, port, compress });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] || process.env.PORT || 4173);
  const dir = resolve(process.argv[3] || 'dist');
  const server = await serveBuild(dir, { port, compress: process.argv.includes('--compress') });
  console.log(`serving ${dir} at ${server.origin}${SUB_PATH}`);
}
