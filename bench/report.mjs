// `make bench` (SPEC §11): Repère's release build side by side with a minimal Leptos CSR app built
// the same way (bench/minimal), in one table. A benchmark, never a test: figures are medians of
// one run on this machine, compared with each other, and no timing is asserted.
// Usage: node bench/report.mjs [repere dist] [minimal dist] [runs]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildFiles } from '../scripts/build-files.mjs';
import { chunkFiles, chunkKey, fileSizes, firstVisit } from '../tests/support/first-load.mjs';
import { SUB_PATH } from '../tests/support/server.mjs';
import { answerTimings, firstRenderMedians, launch, memoryAfterFullPositioning, memoryAfterLoad, pageFirstOpens, serve } from './browser.mjs';
import { breakdown } from './wasm-breakdown.mjs';

const [dist = 'dist', minimalDist = 'bench/minimal/dist', runsArg = '15'] = process.argv.slice(2);
const runs = Number(runsArg);
const budgets = JSON.parse(readFileSync('bench/budgets.json', 'utf8'));
const KiB = (n) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n, digits = 1) => `${n.toFixed(digits)} ms`;
const verdict = (ok) => (ok ? 'met' : '**NOT met**');
const rows = [];
const row = (...cells) => rows.push(`| ${cells.join(' | ')} |`);

// The lazy pages, as a visitor opens them after the home page (route, heading shown).
const PAGES = [
  { name: 'referential', hash: '#/referentiel/charge-developpement-commercial', heading: 'CHARGÉ' },
  { name: 'search', hash: '#/recherche?q=client', heading: 'Rechercher' },
  { name: 'quick', hash: '#/diagnostic', heading: 'Diagnostic rapide' },
  { name: 'assess', hash: '#/positionnement/chef-projet-ecommerce', heading: 'Positionnement' },
  { name: 'results', hash: '#/resultats', heading: 'Vos résultats' },
  { name: 'report', hash: '#/rapport', heading: 'Bilan de positionnement' },
  { name: 'dossiers', hash: '#/dossiers', heading: 'Mes dossiers' },
  { name: 'shared', hash: '#/partage/x', heading: 'Résultats partagés' },
  { name: 'cohort', hash: '#/groupe', heading: 'Vue de groupe' },
];

// 0. Both builds optimised as shipped. A wasm that still carries the linker's `linking` section
// (rustc's `--emit-relocs`, which Repère's split step needs and strips) was skipped by wasm-opt:
// the minimal app would be a bloated yardstick and every ratio below would flatter Repère.
for (const dir of [dist, minimalDist]) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.wasm'))) {
    const module = new WebAssembly.Module(readFileSync(join(dir, file)));
    if (WebAssembly.Module.customSections(module, 'linking').length > 0) {
      throw new Error(`${join(dir, file)} still has a linking section: built with --emit-relocs, not optimised by wasm-opt (bench/minimal must be built with RUSTFLAGS without it, as the Makefile does)`);
    }
  }
}

// 1. Browser.
const ports = [4195, 4196];
const servers = [await serve(dist, ports[0]), await serve(minimalDist, ports[1])];
const base = `http://127.0.0.1:${ports[0]}${SUB_PATH}`;
const browser = await launch();
let visitFr, visitEn, minimalVisit, nav, answers, mem, memMinimal, opens;
try {
  visitFr = await firstVisit(browser, base, dist);
  visitEn = await firstVisit(browser, base, dist, { lang: 'en' });
  minimalVisit = await firstVisit(browser, `http://127.0.0.1:${ports[1]}${SUB_PATH}`, minimalDist);
  nav = await firstRenderMedians(browser, [base, `http://127.0.0.1:${ports[1]}/`], runs);
  opens = await pageFirstOpens(browser, base, PAGES, 5);
  answers = await answerTimings(browser, base, Math.max(runs, 21));
  mem = await memoryAfterFullPositioning(browser, base);
  memMinimal = await memoryAfterLoad(browser, `http://127.0.0.1:${ports[1]}/`);
} finally {
  await browser.close();
  for (const s of servers) s.kill();
}

// 2. Files.
const firstSet = new Set(visitFr.files.map((f) => f.path));
console.log(`\n## Files of the release build (${dist}); * = downloaded by a first visit of the home page\n`);
console.log('| file | raw | gzip -9 | brotli |\n|---|---:|---:|---:|');
for (const path of buildFiles(dist)) {
  const f = fileSizes(dist, path);
  console.log(`| ${path}${firstSet.has(path) ? ' *' : ''} | ${f.raw} | ${f.gzip} | ${f.brotli} |`);
}
for (const [label, v] of [['Repère, French', visitFr], ['Repère, English', visitEn], ['minimal Leptos app', minimalVisit]]) {
  console.log(`| **first visit before ready, ${label}** (${v.files.length} files: ${v.files.map((f) => f.path).join(', ')}) | ${v.total.raw} | **${v.total.gzip}** | ${v.total.brotli} |`);
  if (v.after.length) console.log(`| … then, once ready (${v.after.map((f) => f.path).join(', ')}) | ${v.afterTotal.raw} | ${v.afterTotal.gzip} | ${v.afterTotal.brotli} |`);
}

// 3. Pages: their own chunk, what their first open downloads, click → heading.
console.log(`\n## Each page's first open after the home page (fresh visit, service worker blocked; median of 5)\n`);
console.log('| page | own chunk, gzip -9 (limit) | downloaded on first open: files, gzip -9 | navigation → heading | budget | verdict |\n|---|---:|---:|---:|---|---|');
const chunkLimits = budgets.chunk_gzip.limits;
for (const p of opens) {
  const own = chunkFiles(dist).find((f) => chunkKey(f) === `split_${p.name}`);
  const ownGz = own ? fileSizes(dist, own).gzip : 0;
  const total = p.files.reduce((s, f) => s + fileSizes(dist, f).gzip, 0);
  console.log(`| ${p.name} (${p.hash}) | ${ownGz} (${chunkLimits[`split_${p.name}`] ?? budgets.chunk_gzip.default_bytes}) | ${p.files.length} files, ${KiB(total)} | ${ms(p.median)} | ≤ 150 ms | ${verdict(p.median <= 150)} |`);
}
const sizeOf = (key) => fileSizes(dist, chunkFiles(dist).find((f) => chunkKey(f) === key)).gzip;
const others = chunkFiles(dist).filter((f) => chunkKey(f) === 'chunk_*');
console.log(`\nShared code: the app state's bundle ${KiB(sizeOf('bundle_state'))} (right after the first render, on every visit), the shared bundle ${KiB(sizeOf('bundle_shared'))} (once, by the first page opened), and ${others.length} smaller shared chunks, ${KiB(others.reduce((s, f) => s + fileSizes(dist, f).gzip, 0))} in all. The English texts: ${KiB(sizeOf('split_english'))}.`);

// 4. Native criterion figures (the middle estimate of each benchmark).
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

// 5. The table.
const { spec_bytes: spec, goal_bytes: goal } = budgets.first_load_gzip;
const ratio = nav[0].render / nav[1].render;
row('first visit of the home page, gzip -9 (Repère, French)', KiB(visitFr.total.gzip), `≤ ${KiB(spec)}; goal ${KiB(goal)}`, `${verdict(visitFr.total.gzip <= spec)}; goal ${visitFr.total.gzip <= goal ? 'met' : '**not met**'}`);
row('… requested once it is ready, same visit (the app state: current dossier, notices)', KiB(visitFr.afterTotal.gzip), '—', '—');
row('first visit of the home page, gzip -9 (Repère, English)', KiB(visitEn.total.gzip), `≤ ${KiB(spec)}`, verdict(visitEn.total.gzip <= spec));
row('first visit, gzip -9 (minimal Leptos app)', KiB(minimalVisit.total.gzip), '—', '—');
row('first visit, brotli (Repère / minimal)', `${KiB(visitFr.total.brotli)} / ${KiB(minimalVisit.total.brotli)}`, '—', '—');
row(`navigation → first meaningful render, median of ${runs} first visits (Repère)`, ms(nav[0].render), '—', '—');
row('… of which navigation → wasm running (download, compile, instantiate)', ms(nav[0].start), '—', '—');
row('… of which wasm running → first render (storage, first view)', ms(nav[0].appStartup), '—', '—');
row(`navigation → first meaningful render, median of ${runs} first visits (minimal)`, ms(nav[1].render), '—', '—');
row('ratio Repère / minimal', `${ratio.toFixed(2)}×`, '≤ 1.5×', verdict(ratio <= 1.5));
const slowest = opens.reduce((a, b) => (b.median > a.median ? b : a));
row('slowest page, first open after home: navigation → heading (median of 5)', `${ms(slowest.median)} (${slowest.name})`, '≤ 150 ms', verdict(slowest.median <= 150));
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

// 6. Where the bytes go (bench/named-split.mjs: the same split, with names; see the Makefile).
const named = 'bench/.tmp-breakdown';
try {
  // The data as build.rs wrote it for this wasm (the newest build script output of the release).
  const buildDir = 'target/wasm32-unknown-unknown/release/build';
  const out = readdirSync(buildDir).filter((d) => d.startsWith('repere-')).map((d) => join(buildDir, d, 'out'))
    .filter((d) => { try { return statSync(join(d, 'catalog.bin')).isFile(); } catch { return false; } })
    .sort((a, b) => statSync(join(b, 'catalog.bin')).mtimeMs - statSync(join(a, 'catalog.bin')).mtimeMs)[0];
  const dataFiles = out ? [['data: referentials + pivots (catalog.bin)', join(out, 'catalog.bin')],
    ['locale: fr', join(out, 'locale-fr.txt')], ['locale: en', join(out, 'locale-en.txt')]] : [];
  const groups = breakdown(readFileSync(join(named, 'repere_bg.wasm')), dataFiles);
  console.log(`\n## Where the main module's bytes go (the first load; gzip of each group alone, an upper bound)\n`);
  console.log('| group | raw | gzip -9 |\n|---|---:|---:|');
  for (const g of groups.filter((g) => g.gzip >= 1024)) console.log(`| ${g.key} | ${g.raw} | ${g.gzip} |`);
  const small = groups.filter((g) => g.gzip < 1024);
  console.log(`| ${small.length} smaller groups | ${small.reduce((s, g) => s + g.raw, 0)} | ${small.reduce((s, g) => s + g.gzip, 0)} |`);
  const where = {};
  for (const f of readdirSync(named).filter((f) => /^(split_|chunk_).*\.wasm$/.test(f))) {
    for (const g of breakdown(readFileSync(join(named, f)), dataFiles)) {
      if (g.key.startsWith('data:') || g.key.startsWith('locale:')) where[g.key] = [...(where[g.key] ?? []), f];
    }
  }
  console.log(`\nBundled data, by chunk: ${Object.entries(where).map(([k, fs]) => `${k} in ${fs.join(', ')}`).join('; ') || 'none found'}.`);
} catch (e) {
  console.log(`\n(no size breakdown: ${e.message})`);
}
