// Size guard, part of `make test` (SPEC §11). Fails when
// - a first visit of the home page (Chromium, service worker blocked: tests/support/first-load.mjs)
//   downloads more before it is ready, gzip -9, than bench/budgets.json allows, in French or in
//   English (what it requests after, listed too, is limited as chunks are);
// - a chunk of the build (a page's own, the shared bundle, any other shared chunk) is larger than
//   its own limit there (`chunk_gzip.limits`, or `default_bytes` for a chunk without one).
// Usage: node bench/check-size.mjs [dist]
import { readFileSync } from 'node:fs';
import { chunkFiles, chunkKey, fileSizes, measureFirstVisits } from '../tests/support/first-load.mjs';

const dist = process.argv[2] || 'dist';
const budgets = JSON.parse(readFileSync(new URL('./budgets.json', import.meta.url), 'utf8'));
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const failures = [];

const visits = await measureFirstVisits(dist);
for (const [lang, budget] of [['fr', budgets.first_load_gzip], ['en', budgets.first_load_english_gzip]]) {
  const { files, total } = visits[lang];
  console.log(`first visit of the home page (${lang}), gzip -9: ${total.gzip} B = ${kb(total.gzip)} in ${files.length} files; limit ${kb(budget.limit_bytes)}`
    + (budget.spec_bytes ? `, SPEC §11 ${kb(budget.spec_bytes)}, goal ${kb(budget.goal_bytes)}` : ''));
  for (const f of files) console.log(`  ${f.path.padEnd(48)} ${String(f.gzip).padStart(8)} B`);
  for (const f of visits[lang].after) console.log(`  after ready: ${f.path.padEnd(35)} ${String(f.gzip).padStart(8)} B`);
  if (total.gzip > budget.limit_bytes) failures.push(`the first visit (${lang}) grew to ${kb(total.gzip)}, over its limit of ${kb(budget.limit_bytes)}`);
  else if (budget.limit_bytes - total.gzip > 4096) console.log(`  ${kb(budget.limit_bytes - total.gzip)} under the limit: lower limit_bytes in bench/budgets.json to lock the gain in`);
}

const { default_bytes: fallback, limits } = budgets.chunk_gzip;
console.log('chunks, gzip -9 (limit):');
for (const file of chunkFiles(dist)) {
  const { gzip } = fileSizes(dist, file);
  const key = chunkKey(file);
  const limit = limits[key] ?? fallback;
  console.log(`  ${file.padEnd(48)} ${String(gzip).padStart(8)} B (${limits[key] ? limit : `${limit}, default`})`);
  if (gzip > limit) failures.push(`${file} is ${kb(gzip)}, over its limit of ${kb(limit)} (bench/budgets.json, chunk_gzip)`);
}
for (const key of Object.keys(limits)) {
  if (!chunkFiles(dist).some((f) => chunkKey(f) === key)) failures.push(`bench/budgets.json names a chunk the build does not have: ${key}`);
}

if (failures.length) {
  for (const f of failures) console.error(`size guard: ${f}`);
  process.exit(1);
}
console.log('size guard: every size within its limit');
