// What a first visit downloads, computed from a built folder: index.html, everything its <head>
// makes the browser fetch to render (stylesheets, favicon, manifest, the module script, the
// preloaded wasm) and the service worker it registers. Background precache traffic and files a
// browser only fetches on demand (apple-touch-icon, embed.js, icons) are not part of it.
// Shared by the size guard (scripts/check-size.mjs) and the benchmark (bench/report.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const FETCHED_RELS = new Set(['stylesheet', 'icon', 'manifest', 'modulepreload', 'preload']);

/** Relative paths of the files of `dist` a first visit downloads, index.html first. */
export function firstLoadFiles(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = ['index.html'];
  const add = (href) => {
    if (/^[a-z]+:|^\/\//i.test(href)) return; // another origin: not ours to count
    const path = href.replace(/^\.\//, '').split(/[?#]/)[0];
    if (!files.includes(path)) files.push(path);
  };
  for (const [, attrs] of html.matchAll(/<link\b([^>]*)>/gi)) {
    const rel = /\brel="([^"]+)"/i.exec(attrs)?.[1];
    const href = /\bhref="([^"]+)"/i.exec(attrs)?.[1];
    if (href && rel && rel.split(/\s+/).some((r) => FETCHED_RELS.has(r))) add(href);
  }
  for (const [, src] of html.matchAll(/\bfrom\s+'([^']+)'/g)) add(src);
  for (const [, src] of html.matchAll(/module_or_path:\s*'([^']+)'/g)) add(src);
  if (existsSync(join(dist, 'sw.js'))) add('sw.js');
  for (const f of files) if (!existsSync(join(dist, f))) throw new Error(`${dist}/index.html refers to ${f}, which is missing`);
  return files;
}

export const gzip9 = (buf) => gzipSync(buf, { level: 9 }).length;
export const brotli = (buf) => brotliCompressSync(buf, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
}).length;

/** Sizes of one file of `dist`: raw, gzip -9 and brotli (quality 11) bytes. */
export function fileSizes(dist, path) {
  const buf = readFileSync(join(dist, path));
  return { path, raw: buf.length, gzip: gzip9(buf), brotli: brotli(buf) };
}

/** The first-load files of `dist` with their sizes, and their totals. */
export function firstLoad(dist) {
  const files = firstLoadFiles(dist).map((f) => fileSizes(dist, f));
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of Object.keys(total)) total[k] += f[k];
  return { files, total };
}
