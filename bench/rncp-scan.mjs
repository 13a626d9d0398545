// `make bench` (SPEC §13): the import page scans a synthetic RNCP export of about the real one's
// size (≈ 500 MB, written by bench/rncp-synthetic.mjs at bench time, never committed) in headless
// Chromium, as a trainer would: time to the end of the scan, fiches per second, peak wasm linear
// memory (it only grows, so its size at the end is its peak) and peak JS heap (sampled through the
// DevTools protocol while the scan runs), and the longest main-thread task (Long Tasks API).
// Targets: peak memory under 150 MB, no task over 200 ms. A benchmark, not a test: it prints its
// figures and whether the targets are met, and fails only when the scan itself fails.
// Usage: node bench/rncp-scan.mjs [dist, default dist] [MB, default 500]
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serve } from './browser.mjs';

const [dist = 'dist', mbArg = '500'] = process.argv.slice(2);
const megabytes = Number(mbArg);
const file = join('bench/.tmp-rncp', `export-${megabytes}.xml`);
const PORT = Number(process.env.REPERE_BENCH_PORT || 4391);
const MB = 1e6;
const MiB = 1024 * 1024;

if (!existsSync(file) || Math.abs(statSync(file).size - megabytes * MB) > 2 * MB) {
  execFileSync(process.execPath, ['bench/rncp-synthetic.mjs', file, String(megabytes)], { stdio: 'inherit' });
}
const bytes = statSync(file).size;

const WATCH = () => {
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
};

const server = await serve(dist, PORT);
const browser = await launch();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(WATCH);
  await page.goto(`http://127.0.0.1:${PORT}/#/referentiels/importer`);
  await page.waitForSelector('[data-testid="referential-import"]');
  await page.waitForFunction(() => window.__wasm);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapNow = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasmBefore = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);
  const t0 = await page.evaluate(() => performance.now());
  const started = Date.now();
  await page.setInputFiles('[data-testid="referential-import"]', file);

  let heapPeak = await heapNow();
  let state = 'running';
  while (state === 'running' || state === 'idle') {
    await new Promise((r) => setTimeout(r, 250));
    heapPeak = Math.max(heapPeak, await heapNow());
    state = await page.getAttribute('[data-testid="scan-progress"]', 'data-state').catch(() => 'idle');
    if (Date.now() - started > 30 * 60_000) throw new Error('scan still running after 30 minutes');
  }
  const result = await page.evaluate((t0) => {
    const p = document.querySelector('[data-testid="scan-progress"]');
    const tasks = window.__longTasks.filter((t) => t.start >= t0);
    return {
      state: p.dataset.state,
      status: document.querySelector('[data-testid="scan-status"]').textContent,
      counts: document.querySelector('[data-testid="scan-counts"]').textContent,
      // The last change of the progress is the end of the scan: measured in the page.
      wasm: window.__wasm.memory.buffer.byteLength,
      longest: Math.max(0, ...tasks.map((t) => t.duration)),
      over50: tasks.length,
    };
  }, t0);
  const seconds = (Date.now() - started) / 1000;
  if (result.state !== 'done') throw new Error(`the scan ended as ${result.state}: ${result.status}`);
  const fiches = Number(/(\d[\d\s\u202f]*) fiches trouvées/.exec(result.counts)[1].replace(/\D/g, ''));
  const peak = Math.max(result.wasm, wasmBefore) + heapPeak;
  const rows = [
    ['export', `${(bytes / MB).toFixed(1)} MB, ${fiches} fiches`],
    ['scan time (file chosen → scan done, polled every 250 ms)', `${seconds.toFixed(1)} s (${(bytes / MB / seconds).toFixed(1)} MB/s)`],
    ['fiches per second', `${Math.round(fiches / seconds)}`],
    ['wasm linear memory (before → peak)', `${(wasmBefore / MiB).toFixed(1)} → ${(result.wasm / MiB).toFixed(1)} MiB`],
    ['JS heap, peak sampled', `${(heapPeak / MiB).toFixed(1)} MiB`],
    ['peak memory (wasm + JS heap), target < 150 MB', `${(peak / MB).toFixed(1)} MB: ${peak < 150 * MB ? 'met' : '**NOT met**'}`],
    ['longest main-thread task, target ≤ 200 ms', `${result.longest.toFixed(0)} ms (${result.over50} tasks over 50 ms): ${result.longest <= 200 ? 'met' : '**NOT met**'}`],
  ];
  console.log('\n### RNCP export scan in Chromium (SPEC §13)\n');
  console.log('| measure | value |\n|---|---|');
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  await context.close();
} finally {
  await browser.close();
  server.kill();
}
