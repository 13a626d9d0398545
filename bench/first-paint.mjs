// `make bench`, SPEC §11 « Static first paint »: on a phone-like load (CPU ×4, slow 4G: 150 ms
// round trip, 1.6 Mbps; every app served compressed by scripts/server.mjs --compress), the
// median of `runs` fresh first visits of the home page, alternating between
//   Repère as built (its home's HTML in index.html: scripts/snapshot-home.mjs),
//   Repère built without it (REPERE_STATIC_HOME=0: what a visitor saw before),
//   the minimal Leptos CSR app (bench/minimal),
// of the home heading's first paint and of app-ready (the app mounted: it answers clicks), with
// their ratios. A benchmark, never a test: figures of one run on this machine, compared.
// Usage: node bench/first-paint.mjs <repere dist> <repere dist without static home> <minimal dist> [runs]
import { SLOW_PHONE, launch, serve, visitMedians } from './browser.mjs';
import { SUB_PATH } from '../scripts/server.mjs';

const [withStatic = 'dist', withoutStatic = 'bench/.tmp-nostatic', minimal = 'bench/minimal/dist', runsArg = '15'] = process.argv.slice(2);
const runs = Number(runsArg);
const apps = [
  { name: 'Repère', dir: withStatic, port: 4191 },
  { name: 'Repère without the static home', dir: withoutStatic, port: 4192 },
  { name: 'minimal Leptos app', dir: minimal, port: 4193 },
];

const servers = [];
const browser = await launch();
let m;
try {
  for (const a of apps) servers.push(await serve(a.dir, a.port));
  const urls = apps.map((a) => `http://127.0.0.1:${a.port}${SUB_PATH}`);
  m = await visitMedians(browser, urls, runs, { throttle: SLOW_PHONE, settle: true });
} finally {
  await browser.close();
  for (const s of servers) s.kill();
}

const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a');
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const missing = (r) => Object.entries(r.missing).map(([k, n]) => `${k} missing in ${n}`).join(', ') || '—';
const [repere, csr, min] = m;
console.log(`\n## Static first paint: home page, CPU ×${SLOW_PHONE.cpu} + slow 4G (${SLOW_PHONE.latency} ms RTT, ${SLOW_PHONE.down / 1e6} Mbps), compressed (${repere.encoding}), median of ${runs} fresh first visits\n`);
console.log('| app | home heading, first paint (Element Timing) | first frame showing it | first contentful paint | app ready (mounted) | CLS (max) | runs lacking a figure |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (const [i, r] of m.entries()) {
  console.log(`| ${apps[i].name} | ${ms(r.heading)} | ${ms(r.headingFrame)} | ${ms(r.fcp)} | ${ms(r.ready)} | ${r.clsMax.toFixed(3)} | ${missing(r)} |`);
}
const verdict = (ok) => (ok ? 'met' : '**NOT met**');
console.log('\n| ratio | value | SPEC §11 | verdict |\n|---|---:|---|---|');
console.log(`| Repère's heading first paint / the minimal app's first render | ${ratio(repere.heading, min.heading)} | ≤ 1 | ${verdict(repere.heading <= min.heading)} |`);
console.log(`| Repère's heading first paint / Repère's own without the static home | ${ratio(repere.heading, csr.heading)} | ≤ 0.6 | ${verdict(repere.heading <= 0.6 * csr.heading)} |`);
console.log(`| Repère's app ready / without the static home (time to interactive) | ${ratio(repere.ready, csr.ready)} | no worse | ${repere.ready <= csr.ready * 1.05 ? 'met (within 5 %)' : '**worse**'} |`);
console.log(`| Repère's app ready / the minimal app's | ${ratio(repere.ready, min.ready)} | — | — |`);
