// A same-origin test LMS for the SCORM e2e tests: serves tests/support/lms/ (player page and
// runtime), scorm-again from node_modules, and every package of dist-scorm/ unzipped in memory
// under a deep Moodle-like path, with `.wasm` as `application/octet-stream` as LMSs serve it.
import { createServer } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.xml': 'application/xml',
};
export const CONTENT = '/lms/pluginfile.php/42/mod_scorm/content/';

/** Every package of `dir`: name → { files: Map(path → bytes), manifest, launch }. */
export function readPackages(dir = join(ROOT, 'dist-scorm')) {
  const packages = new Map();
  for (const zip of readdirSync(dir).filter((f) => f.endsWith('.zip'))) {
    const files = new Map(Object.entries(unzipSync(readFileSync(join(dir, zip)))));
    const manifest = strFromU8(files.get('imsmanifest.xml'));
    const launch = /<resource [^>]*href="([^"]+)"/.exec(manifest)[1].replaceAll('&amp;', '&');
    packages.set(zip.replace(/\.zip$/, ''), { files, manifest, launch });
  }
  return packages;
}

export async function startLms(packages) {
  const support = join(ROOT, 'tests/support/lms');
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    let body;
    let type;
    if (path === '/lms/scorm12.js') {
      body = readFileSync(join(ROOT, 'node_modules/scorm-again/dist/scorm12.js'));
    } else if (path === '/lms/player.html' || path === '/lms/player.js') {
      body = readFileSync(join(support, path.slice(5)));
    } else if (path.startsWith(CONTENT)) {
      const [name, ...rest] = path.slice(CONTENT.length).split('/');
      body = packages.get(name)?.files.get(rest.join('/'));
      // What an LMS answers for a type it does not know.
      type = TYPES[extname(path)] || 'application/octet-stream';
    }
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': type || TYPES[extname(path)] || 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close() { server.closeAllConnections(); return new Promise((ok) => server.close(ok)); },
  };
}
