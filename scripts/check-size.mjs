// Size guard, part of `make test`: fails when the first load of the release build (gzip -9) grows
// past the enforced limit of bench/budgets.json, so size only goes down unless someone edits that
// file on purpose (and says why there). Usage: node scripts/check-size.mjs [dist]
import { readFileSync } from 'node:fs';
import { firstLoad } from './first-load.mjs';

const dist = process.argv[2] || 'dist';
const budgets = JSON.parse(readFileSync(new URL('../bench/budgets.json', import.meta.url), 'utf8'));
const { limit_bytes: limit, spec_bytes: spec } = budgets.first_load_gzip;
const { files, total } = firstLoad(dist);
const kb = (n) => (n / 1024).toFixed(1) + ' KiB';

console.log(`first load (gzip -9): ${total.gzip} B = ${kb(total.gzip)} in ${files.length} files; enforced limit ${kb(limit)}, SPEC §11 ${kb(spec)}`);
if (total.gzip > limit) {
  for (const f of files) console.error(`  ${f.path.padEnd(40)} ${String(f.gzip).padStart(8)} B`);
  console.error(`size guard: the first load grew to ${kb(total.gzip)}, over the enforced limit of ${kb(limit)} (bench/budgets.json).`);
  process.exit(1);
}
if (total.gzip > spec) console.log(`size guard: over the SPEC budget by ${kb(total.gzip - spec)} (see bench/budgets.json for why the limit is higher)`);
if (limit - total.gzip > 2048) console.log(`size guard: ${kb(limit - total.gzip)} under the limit: lower limit_bytes in bench/budgets.json to lock the gain in`);
