// Trunk's post_build hook (Trunk.toml), on $TRUNK_STAGING_DIR, in this order (trunk runs the hooks
// of one stage concurrently, so the order lives here):
//   1. scripts/split.mjs    cut the wasm into the main module and the pages' chunks;
//   2. scripts/csp.mjs      complete each page's Content-Security-Policy with its inline hashes
//                           (the staged app cannot start under its own policy before);
//   3. scripts/snapshot-home.mjs render the home in Chromium and put its HTML into index.html,
//                           with the guard that hides it when the first render is another page;
//   4. scripts/csp.mjs      again, for the guard's hash;
//   5. scripts/build-sw.mjs write the service worker, which precaches every file as it ships, so
//                           repeat and offline visits get the static home too.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { splitBuild } from './split.mjs';
import { applyCsp } from './csp.mjs';
import { buildServiceWorker } from './build-sw.mjs';
import { addStaticHome } from './snapshot-home.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
const profile = process.env.TRUNK_PROFILE || 'release';
const source = process.env.TRUNK_SOURCE_DIR || '.';
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (this runs as a trunk hook)');
  process.exit(1);
}

try {
  const t0 = Date.now();
  const { out } = await splitBuild({ staging, sourceDir: source, profile });
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  const wasm = Object.keys(out).filter((f) => f.endsWith('.wasm') || f.endsWith('.bin')).sort();
  console.log(`post-build: split into ${wasm.length} wasm files in ${((Date.now() - t0) / 1000).toFixed(1)} s (gzip -9):`);
  for (const f of wasm) console.log(`  ${f.padEnd(44)} ${String(gz(out[f])).padStart(8)} B`);

  const csp = () => {
    for (const page of readdirSync(staging).filter((f) => f.endsWith('.html'))) {
      const path = join(staging, page);
      writeFileSync(path, applyCsp(readFileSync(path, 'utf8'), page));
    }
  };
  csp();
  if (await addStaticHome(staging)) csp();
  const sw = buildServiceWorker(staging);
  console.log(`post-build: sw.js precaches ${sw.files.length} files, ${(sw.bytes / 1024).toFixed(1)} KiB, cache repere-${sw.version}`);
} catch (e) {
  console.error(`post-build: ${e.message}`);
  process.exit(1);
}
