// Writes the service worker `sw.js` of a build: the list of every built file to precache, and a
// cache name derived from a hash of all their contents (and of the worker's own code), so any
// change to any file makes a new version, which the page offers to activate (« Mettre à jour »).
//
// It also writes `precache.json`, the same list for the page: the SCORM package a trainer builds
// in the browser for a brought referential (SPEC §13) is made of exactly these files, fetched
// from the worker's cache (or the network), so it can be built offline too.
//
// Run at the end of the post-build hook (scripts/post-build.mjs) on $TRUNK_STAGING_DIR, after the
// split, so the chunks are precached too; can also be run by hand on a built folder:
// node scripts/build-sw.mjs [dir]   (default: $TRUNK_STAGING_DIR, then dist)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFiles } from './build-files.mjs';

const SW_FILE = 'sw.js';
const LIST_FILE = 'precache.json';

// The worker itself. Every URL is relative to sw.js, so the build works under any sub-path.
// It never calls skipWaiting on its own: the page asks for it when the user presses the button.
const WORKER = String.raw`
const SCOPE = self.registration.scope;
// One cache per version and per deployment (several copies may live on one origin).
const CACHE = 'repere-' + VERSION + ' ' + SCOPE;
const URLS = PRECACHE.map((path) => new URL(path, self.location).href);
const PRECACHED = new Set(URLS);
const SHELL = new URL('./index.html', self.location).href;
// A content hash in a file name (trunk's, scripts/split.mjs's): main-a5b9d09ce3287c8c.css,
// repere-556a9177440833e3_bg.wasm, split_results-0b5c9a1d2e3f4a5b.wasm
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z0-9]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(URLS.map(async (url) => {
      // A content-hashed file cannot be stale: the copy the page just downloaded will do. Any
      // other file is revalidated with the server, so a new version never caches an old one.
      const response = await fetch(new Request(url, { cache: HASHED.test(url) ? 'force-cache' : 'no-cache' }));
      if (!response.ok) throw new Error('precache ' + url + ': HTTP ' + response.status);
      // A redirected response cannot answer a navigation: keep its body and headers only.
      const stored = response.redirected
        ? new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers })
        : response;
      await cache.put(url, stored);
    }));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('repere-') && key.endsWith(' ' + SCOPE) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

async function fromCache(key, request) {
  const hit = await (await caches.open(CACHE)).match(key);
  return hit || fetch(request);
}

async function navigate(request, key) {
  if (key === SCOPE || key === SHELL) {
    // The app shell: always this version's index.html (hash and query routing do the rest).
    return fromCache(SHELL, request);
  }
  if (PRECACHED.has(key)) return fromCache(key, request);
  try {
    return await fetch(request);
  } catch (error) {
    // Offline: any other page of the scope falls back to the app shell.
    const shell = await (await caches.open(CACHE)).match(SHELL);
    if (shell) return shell;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const key = url.origin + url.pathname;
  if (request.mode === 'navigate') event.respondWith(navigate(request, key));
  else if (PRECACHED.has(key)) event.respondWith(fromCache(key, request));
});
`;

/** Writes `dir`/precache.json and `dir`/sw.js for the files of `dir`; returns what it precaches. */
export function buildServiceWorker(dir) {
  const built = () => buildFiles(dir).filter((f) => f !== SW_FILE);
  if (!built().includes('index.html')) throw new Error(`build-sw: no index.html in ${dir}`);
  // The list names itself: it is one of the files precached.
  const listed = [...new Set([...built(), LIST_FILE])].sort();
  writeFileSync(join(dir, LIST_FILE), `${JSON.stringify({ format: 'repere.precache', version: 1, files: listed }, null, 2)}\n`);
  const files = built();
  const hash = createHash('sha256').update(WORKER);
  let bytes = 0;
  for (const file of files) {
    const content = readFileSync(join(dir, file));
    bytes += content.length;
    hash.update(`\0${file}\0${content.length}\0`).update(content);
  }
  const version = hash.digest('hex').slice(0, 16);
  const precache = files.map((f) => './' + f.split('/').map(encodeURIComponent).join('/'));

  writeFileSync(join(dir, SW_FILE), `// Generated by scripts/build-sw.mjs at build time: do not edit.
const VERSION = ${JSON.stringify(version)};
const PRECACHE = ${JSON.stringify(precache, null, 2)};
${WORKER}`);
  return { files, bytes, version };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist';
  try {
    const { files, bytes, version } = buildServiceWorker(dir);
    console.log(`build-sw: ${SW_FILE} precaches ${files.length} files, ${(bytes / 1024).toFixed(1)} KiB, cache repere-${version}`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
