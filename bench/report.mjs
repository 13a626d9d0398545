// `make bench` (SPEC §11): Repère's release build side by side with a minimal Leptos CSR app built
// the same way (bench/minimal), in one table. A benchmark, never a test: figures are medians of
// one run on this machine, compared with each other, and no timing is asserted.
// Usage: node bench/report.mjs [repere dist] [minimal dist] [runs]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileSizes, firstLoad } from '../scripts/first-load.mjs';
import { answerTimings, firstRenderMedians, launch, memoryAfterFullPositioning, memoryAfterLoad, serve } from './browser.mjs';
import { breakdown } from './wasm-breakdown.mjs';

const [dist = 'dist', minimalDist = 'bench/minimal/dist', runsArg = '15'] = process.argv.slice(2);
const runs = Number(runsArg);
const budgets = JSON.parse(readFileSync('bench/budgets.json', 'utf8'));
const KiB = (n) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n, digits = 1) => `${n.toFixed(digits)} ms`;
const verdict = (ok) => (ok ? 'met' : '**NOT met**');
const rows = [];
const row = (...cells) => rows.push(`| ${cells.join(' | ')} |`);

function allFiles(dir) {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? allFiles(join(dir, f)) : [join(dir, f)]));
}

// 1. Files.
const repere = firstLoad(dist), minimal = firstLoad(minimalDist);
const firstLoadSet = new Set(repere.files.map((f) => f.path));
console.log(`\n## Files of the release build (${dist}); * = part of the first load\n`);
console.log('| file | raw | gzip -9 | brotli |\n|---|---:|---:|---:|');
for (const path of allFiles(dist).map((f) => relative(dist, f)).sort()) {
  const f = fileSizes(dist, path);
  console.log(`| ${path}${firstLoadSet.has(path) ? ' *' : ''} | ${f.raw} | ${f.gzip} | ${f.brotli} |`);
}
console.log(`| **first load, Repère** (${repere.files.length} files) | ${repere.total.raw} | **${repere.total.gzip}** | ${repere.total.brotli} |`);
console.log(`| first load, minimal Leptos app (${minimal.files.length} files) | ${minimal.total.raw} | ${minimal.total.gzip} | ${minimal.total.brotli} |`);

// 2. Browser.
const ports = [4195, 4196];
const servers = [await serve(dist, ports[0]), await serve(minimalDist, ports[1])];
const base = `http://127.0.0.1:${ports[0]}/formations/outils/repere/`;
const browser = await launch();
let nav, answers, mem, memMinimal;
try {
  nav = await firstRenderMedians(browser, [base, `http://127.0.0.1:${ports[1]}/`], runs);
  answers = await answerTimings(browser, base, Math.max(runs, 21));
  mem = await memoryAfterFullPositioning(browser, base);
  memMinimal = await memoryAfterLoad(browser, `http://127.0.0.1:${ports[1]}/`);
} finally {
  await browser.close();
  for (const s of servers) s.kill();
}

// 3. Native criterion figures (the middle estimate of each benchmark).
const criterion = execFileSync('cargo', ['bench', '--bench', 'scoring', '--', '--quick'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const native = {};
let lastName = null;
for (const line of criterion.split('\n')) {
  const time = /time:\s+\[\S+ \S+ (\S+) (\S+) \S+ \S+\]/.exec(line);
  const head = /^(\S.*?)(\s+time:.*)?$/.exec(line);
  if (head && !/^(Benchmarking|Found|Warning|Gnuplot)/.test(line)) lastName = head[1].trim();
  if (time && lastName) native[lastName] = `${time[1]} ${time[2]}`;
}
const toMs = (s) => { const [v, u] = s.split(' '); return Number(v) * { ns: 1e-6, 'µs': 1e-3, us: 1e-3, ms: 1, s: 1e3 }[u]; };
const synthetic = native['synthetic 1000x100: evaluate after one answer'];

// 4. The table.
const spec = budgets.first_load_gzip.spec_bytes;
const ratio = nav[0].render / nav[1].render;
row('first load, gzip -9 (Repère)', KiB(repere.total.gzip), `≤ ${KiB(spec)}`, verdict(repere.total.gzip <= spec));
row('first load, gzip -9 (minimal Leptos app)', KiB(minimal.total.gzip), 'SPEC: about 52 KB', '—');
row('first load, brotli (Repère / minimal)', `${KiB(repere.total.brotli)} / ${KiB(minimal.total.brotli)}`, '—', '—');
row(`navigation → first meaningful render, median of ${runs} first visits (Repère)`, ms(nav[0].render), '—', '—');
row('… of which navigation → wasm running (download, compile, instantiate)', ms(nav[0].start), '—', '—');
row('… of which wasm running → first render (catalog, storage, first view)', ms(nav[0].appStartup), '—', '—');
row(`navigation → first meaningful render, median of ${runs} first visits (minimal)`, ms(nav[1].render), '—', '—');
row('ratio Repère / minimal', `${ratio.toFixed(2)}×`, '≤ 2×', verdict(ratio <= 2));
row('rescoring all profiles after one answer (browser, median)', ms(answers.evaluate, 3), '≤ 1 ms', verdict(answers.evaluate <= 1));
row('click on an answer → updated result on screen (median)', ms(answers.click), '≤ 50 ms', verdict(answers.click <= 50));
row(`wasm memory after a full detailed positioning (${mem.answered} answers)`, KiB(mem.wasm), `minimal app: ${KiB(memMinimal.wasm)}`, '—');
row('JS heap after a full detailed positioning (after GC)', KiB(mem.heap), `minimal app: ${KiB(memMinimal.heap)}`, '—');
for (const [name, value] of Object.entries(native)) {
  const budget = name === 'synthetic 1000x100: evaluate after one answer' ? '≤ 20 ms' : '—';
  row(`native (criterion, median): ${name}`, value, budget, budget === '—' ? '—' : verdict(toMs(value) <= 20));
}
console.log(`\n## SPEC §11 budgets (same machine, same run)\n`);
console.log('| measure | value | budget | verdict |\n|---|---:|---|---|');
console.log(rows.join('\n'));
if (!synthetic) console.log('(criterion output not recognised: see its output above)');

// 5. Where the wasm's bytes go (needs the wasm with names: see the Makefile's bench target).
const named = 'bench/.tmp-breakdown/opt.wasm';
try {
  // The data as build.rs wrote it for this wasm (the newest build script output of the release).
  const buildDir = 'target/wasm32-unknown-unknown/release/build';
  const out = readdirSync(buildDir).filter((d) => d.startsWith('repere-')).map((d) => join(buildDir, d, 'out'))
    .filter((d) => { try { return statSync(join(d, 'catalog.bin')).isFile(); } catch { return false; } })
    .sort((a, b) => statSync(join(b, 'catalog.bin')).mtimeMs - statSync(join(a, 'catalog.bin')).mtimeMs)[0];
  const dataFiles = out ? [['data: referentials + pivots (catalog.bin)', join(out, 'catalog.bin')],
    ['locale: fr', join(out, 'locale-fr.txt')], ['locale: en', join(out, 'locale-en.txt')]] : [];
  const groups = breakdown(readFileSync(named), dataFiles);
  console.log(`\n## Where the wasm's bytes go (${named}; gzip of each group alone, an upper bound)\n`);
  console.log('| group | raw | gzip -9 |\n|---|---:|---:|');
  for (const g of groups.filter((g) => g.gzip >= 1024)) console.log(`| ${g.key} | ${g.raw} | ${g.gzip} |`);
  const small = groups.filter((g) => g.gzip < 1024);
  console.log(`| ${small.length} smaller groups | ${small.reduce((s, g) => s + g.raw, 0)} | ${small.reduce((s, g) => s + g.gzip, 0)} |`);
} catch (e) {
  console.log(`\n(no size breakdown: ${e.message})`);
}
