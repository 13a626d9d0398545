// Browser measurements for the benchmark (bench/report.mjs), in headless Chromium on localhost.
import { spawn } from 'node:child_process';
import { REFERENTIAL_IDS } from '../tests/support/data.mjs';

export { launch } from '../scripts/chromium.mjs';

const SERVER = new URL('../scripts/server.mjs', import.meta.url).pathname;

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** Serves `dir` like a static host (under / and under the sub-path the e2e tests use), in a
 * process of its own, so that serving never competes with the measuring script for its thread.
 * Compressed, as a production host serves it (the tests' server does it only on request). */
export async function serve(dir, port) {
  const server = spawn('node', [SERVER, String(port), dir, '--compress'], { stdio: 'ignore' });
  // It compresses every file before it listens (a few seconds for the whole build).
  for (let i = 0; i < 600; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return server; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`static server on port ${port} did not start`);
}

// What a visit paints, in the page from its first script on (ms from navigation):
// - `h1`: the first non-empty `main h1` is in the document (Repère's static home has it as the
//   HTML is parsed; a CSR app, when it renders);
// - `heading`: that heading's first paint, by Element Timing (the attribute is put on each
//   `main h1` as it is inserted, before any frame paints it), and `headingFrame`, the first
//   animation frame that shows one (a check of the first: a frame is painted right after);
// - `ready`: the app's ready marker on <html> (`data-app`, set in the task that mounted it);
// - `cls`: the layout shifts, summed.
const PAINT_PROBE = () => {
  const m = (window.__paint = { cls: 0 });
  const now = () => performance.now();
  new MutationObserver(() => {
    const h1 = document.querySelector('main h1');
    if (h1 && h1.textContent.trim()) {
      m.h1 ??= now();
      for (const h of document.querySelectorAll('main h1:not([elementtiming])')) h.setAttribute('elementtiming', 'heading');
    }
    if (document.documentElement.dataset.app) m.ready ??= now();
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-app'] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.identifier === 'heading') m.heading = Math.min(m.heading ?? Infinity, e.renderTime || e.loadTime);
  }).observe({ type: 'element', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) m.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const frame = (t) => {
    const h1 = document.querySelector('main h1');
    if (h1 && h1.textContent.trim() && h1.checkVisibility()) m.headingFrame = t;
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

/** A phone on a mobile network, as SPEC §11 measures the static first paint: CPU ×4 and slow 4G
 * (150 ms round trip, 1.6 Mbps down, 750 kbps up), applied by the DevTools protocol; gzip served
 * (Chromium would take brotli from the benchmark's server). */
export const SLOW_PHONE = { cpu: 4, latency: 150, down: 1.6e6, up: 750e3, encoding: 'gzip' };

/** One first visit of `url` in a fresh profile (service worker blocked), under `throttle` if
 * given: the figures of PAINT_PROBE, `start` (when Repère's wasm began running, its
 * `repere-wasm-start` mark) and `fcp`. `settle` waits for the network to go quiet first, so that
 * late layout shifts count. */
export async function visit(browser, url, { throttle, settle = false } = {}) {
  const headers = throttle?.encoding ? { 'accept-encoding': throttle.encoding } : {};
  const context = await browser.newContext({ serviceWorkers: 'block', extraHTTPHeaders: headers });
  try {
    const page = await context.newPage();
    if (throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: throttle.latency, downloadThroughput: throttle.down / 8, uploadThroughput: throttle.up / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle.cpu });
    }
    await page.addInitScript(PAINT_PROBE);
    let encoding;
    page.on('response', (r) => { if (r.request().isNavigationRequest()) encoding = r.headers()['content-encoding'] ?? 'none'; });
    await page.goto(url);
    await page.waitForFunction(() => window.__paint.ready !== undefined && window.__paint.headingFrame !== undefined, null, { timeout: 60_000 });
    if (settle) await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const figures = await page.evaluate(() => ({
      ...window.__paint,
      start: performance.getEntriesByName('repere-wasm-start')[0]?.startTime,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    }));
    return { ...figures, encoding };
  } finally {
    await context.close();
  }
}

/** Medians of `runs` visits of each of `urls`, alternating so that drift hits all alike: per
 * url, the median of each figure of `visit` (over the runs that have it) and `missing`, how
 * many runs lacked it. */
export async function visitMedians(browser, urls, runs, options = {}) {
  const all = urls.map(() => []);
  for (let i = 0; i < runs; i++) for (const [k, url] of urls.entries()) all[k].push(await visit(browser, url, options));
  return all.map((visits) => {
    const out = { runs: visits.length, missing: {}, encoding: visits[0].encoding, clsMax: Math.max(...visits.map((v) => v.cls)) };
    for (const key of ['h1', 'heading', 'headingFrame', 'ready', 'start', 'fcp', 'cls']) {
      const values = visits.map((v) => v[key]).filter((x) => typeof x === 'number' && Number.isFinite(x));
      out[key] = values.length ? median(values) : NaN;
      // Only Repère marks when its wasm starts.
      if (values.length < visits.length && key !== 'start') out.missing[key] = visits.length - values.length;
    }
    out.appStartup = median(visits.filter((v) => v.start !== undefined).map((v) => v.ready - v.start));
    return out;
  });
}

/** Rescoring (User Timing measure `repere-evaluate` written by the app) and click → updated score. */
export async function answerTimings(browser, base, runs) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${base}#/positionnement/chef-projet-ecommerce`);
    await page.waitForSelector('[data-testid="live-result"]');
    const names = await page.$$eval('[data-testid="assess-item"] fieldset', (fs) => fs.map((f) => f.querySelector('input').name));
    const evaluate = [], click = [];
    for (let i = 0; i < runs; i++) {
      const name = names[i % names.length];
      const level = 1 + (i % 4);
      click.push(await page.evaluate(({ name, level }) => new Promise((resolve) => {
        const target = document.querySelector('[data-testid="live-result"]');
        const before = target.textContent;
        const input = document.querySelector(`input[name="${name}"][value="${level}"]`);
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (target.textContent !== before) { observer.disconnect(); resolve(performance.now() - t0); }
        });
        observer.observe(target, { childList: true, characterData: true, subtree: true });
        input.click();
        // An answer that leaves the rounded percentage unchanged still re-renders within a frame.
        requestAnimationFrame(() => requestAnimationFrame(() => { observer.disconnect(); resolve(performance.now() - t0); }));
      }), { name, level }));
      evaluate.push(await page.evaluate(() => performance.getEntriesByName('repere-evaluate').at(-1)?.duration ?? NaN));
    }
    return { evaluate: median(evaluate), click: median(click) };
  } finally {
    await context.close();
  }
}

const WASM_HANDLE = () => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });

async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasm = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);
  return { wasm, heap };
}

/** Wasm linear memory and JS heap after answering every item of every referential, on results. */
export async function memoryAfterFullPositioning(browser, base) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(WASM_HANDLE);
    let answered = 0;
    for (const id of REFERENTIAL_IDS) {
      await page.goto(`${base}#/positionnement/${id}`);
      // The page renders its groups one per frame (ui::reveal): all of them, before answering.
      await page.waitForSelector('[data-testid="assess"]:not([aria-busy])');
      answered += await page.evaluate(async () => {
        const sets = [...document.querySelectorAll('[data-testid="assess-item"] fieldset')];
        for (const [i, set] of sets.entries()) {
          const inputs = set.querySelectorAll('input[type="radio"]');
          inputs[1 + (i % (inputs.length - 1))].click();
          if (i % 20 === 19) await new Promise((r) => requestAnimationFrame(r));
        }
        return sets.length;
      });
    }
    await page.goto(`${base}#/resultats`);
    await page.waitForSelector('html[data-app]');
    await page.waitForTimeout(500);
    return { answered, ...(await memory(page)) };
  } finally {
    await context.close();
  }
}

/** The same two figures for an app right after its first render (the minimal app's baseline). */
export async function memoryAfterLoad(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(WASM_HANDLE);
    await page.goto(url);
    await page.waitForSelector('html[data-app]');
    await page.waitForTimeout(500);
    return await memory(page);
  } finally {
    await context.close();
  }
}

/**
 * Each lazy page's first open after the home page (SPEC §11: ≤ 150 ms from click to heading):
 * `runs` fresh visits per page (service worker blocked: a first visit), home first, then the
 * navigation; returns per page the median time from the navigation to its heading on screen and
 * the files that navigation downloaded.
 */
export async function pageFirstOpens(browser, base, pages, runs) {
  const out = [];
  for (const { name, hash, heading } of pages) {
    const times = [];
    let files = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      try {
        const page = await context.newPage();
        await page.goto(base);
        await page.waitForSelector('html[data-app]');
        await page.waitForLoadState('networkidle');
        const requested = [];
        page.on('request', (r) => requested.push(r.url().slice(base.length)));
        times.push(await page.evaluate(({ hash, heading }) => new Promise((resolve) => {
          const t0 = performance.now();
          const done = () => {
            const h1 = document.querySelector('main h1');
            return h1 && h1.textContent.includes(heading) && !document.querySelector('.page-loading');
          };
          const observer = new MutationObserver(() => {
            if (done()) { observer.disconnect(); resolve(performance.now() - t0); }
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          location.hash = hash;
        }), { hash, heading }));
        files = requested.filter((f) => /\.(wasm|bin)$/.test(f));
      } finally {
        await context.close();
      }
    }
    out.push({ name, hash, median: median(times), files });
  }
  return out;
}
