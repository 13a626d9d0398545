// What a first visit of the home page downloads before it is ready, measured in Chromium (SPEC
// §11): a fresh profile with the service worker blocked (its precache runs after the page is
// ready and is not part of the visit). The page is ready when the app has rendered it (its
// heading is in the document, the static loading message gone): the files whose request started
// before that moment are the first load. What the page requests after (the app state's chunk,
// for the current dossier's line) is reported apart, until the network has been idle for 500 ms.
// Shared by the size guard (bench/check-size.mjs) and the benchmark (bench/report.mjs). Sizes
// are those of the built files: raw, gzip -9, brotli.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { buildFiles } from '../../scripts/build-files.mjs';
import { launch } from './chromium.mjs';
import { SUB_PATH, serveBuild } from './server.mjs';

export const gzip9 = (buf) => gzipSync(buf, { level: 9 }).length;
export const brotli = (buf) => brotliCompressSync(buf, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
}).length;

/** Sizes of one file of `dist`: raw, gzip -9 and brotli (quality 11) bytes. */
export function fileSizes(dist, path) {
  const buf = readFileSync(join(dist, path));
  return { path, raw: buf.length, gzip: gzip9(buf), brotli: brotli(buf) };
}

/** The chunks of a split build: the pages' own (`split_<page>`), the bundles (`bundle_state`,
 * `bundle_shared`), the other shared ones (`chunk_<n>`). */
export function chunkFiles(dist) {
  return buildFiles(dist).filter((f) => /^(split_|chunk_|bundle_)/.test(f));
}

/** `split_results-0123456789abcdef.wasm` → `split_results`; `chunk_12-….wasm` → `chunk_*`. */
export const chunkKey = (file) => file.replace(/-[0-9a-f]{16}\.(wasm|bin)$/, '').replace(/^chunk_\d+$/, 'chunk_*');

function totals(files) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of Object.keys(total)) total[k] += f[k];
  return total;
}

// Records when the app has rendered the page: its heading in the document, the loading message
// of index.html gone (the app removes it when it mounts).
const READY = () => {
  new MutationObserver((_, observer) => {
    const h1 = document.querySelector('main h1');
    if (h1 && h1.textContent.trim() && !document.getElementById('loading')) {
      window.__ready = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
};

/**
 * Visits `url` (the home page of the build served from `dist`) in a fresh context of `browser`:
 * `{ files, total }` requested before the page was ready, `after` the files requested after it,
 * and `ready` (ms from navigation). `lang: 'en'` makes it an English visitor's first visit (the
 * stored preference), which loads the English texts before the first render.
 */
export async function firstVisit(browser, url, dist, { lang } = {}) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    if (lang) await page.addInitScript((l) => localStorage.setItem('repere.lang', l), lang);
    await page.addInitScript(READY);
    await page.goto(url);
    await page.waitForFunction(() => window.__ready !== undefined);
    await page.waitForLoadState('networkidle');
    const { ready, resources } = await page.evaluate(() => ({
      ready: window.__ready,
      resources: performance.getEntriesByType('resource').map((e) => ({ url: e.name, start: e.startTime })),
    }));
    const base = new URL(url);
    const pathOf = (u) => {
      const p = new URL(u);
      if (p.origin !== base.origin) throw new Error(`first visit requested another origin: ${u}`);
      const path = decodeURIComponent(p.pathname).slice(SUB_PATH.length);
      return path === '' || path.endsWith('/') ? `${path}index.html` : path;
    };
    const before = ['index.html'], after = [];
    for (const r of resources) {
      const path = pathOf(r.url);
      const list = r.start < ready ? before : after;
      if (!before.includes(path) && !list.includes(path)) list.push(path);
    }
    const files = before.map((p) => fileSizes(dist, p));
    const later = after.map((p) => fileSizes(dist, p));
    return { files, total: totals(files), after: later, afterTotal: totals(later), ready };
  } finally {
    await context.close();
  }
}

/** Serves `dist` and measures a first visit of its home page (French, then English). */
export async function measureFirstVisits(dist) {
  const server = await serveBuild(dist);
  const browser = await launch();
  try {
    const url = `${server.origin}${SUB_PATH}`;
    return { fr: await firstVisit(browser, url, dist), en: await firstVisit(browser, url, dist, { lang: 'en' }) };
  } finally {
    await browser.close();
    await server.close();
  }
}
