// Browser measurements for the benchmark (bench/report.mjs), in headless Chromium on localhost.
import { spawn } from 'node:child_process';
import { REFERENTIAL_IDS } from '../tests/support/data.mjs';

export { launch } from '../tests/support/chromium.mjs';

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** Serves `dir` like a static host (under / and under the sub-path the e2e tests use), in a
 * process of its own, so that serving never competes with the measuring script for its thread. */
export async function serve(dir, port) {
  // Compressed, as a production host serves it (the tests' server does it only on request).
  const server = spawn('node', ['tests/support/server.mjs', String(port), dir, '--compress'], { stdio: 'ignore' });
  // It compresses every file before it listens (a few seconds for the whole build).
  for (let i = 0; i < 600; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return server; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`static server on port ${port} did not start`);
}

// Records when the first non-empty `main h1` is in the document: the page has rendered its
// content (both apps render their heading in the same pass as the rest of the first view).
const FIRST_RENDER = () => {
  new MutationObserver((_, observer) => {
    const h1 = document.querySelector('main h1');
    if (h1 && h1.textContent.trim()) { window.__firstRender = performance.now(); observer.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
};

/** Navigation start → first meaningful render, in a fresh profile each time (a first visit). */
export async function firstRender(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(FIRST_RENDER);
    await page.goto(url);
    await page.waitForFunction(() => window.__firstRender !== undefined, null, { timeout: 30_000 });
    // Repère marks the moment its wasm starts running (`repere-wasm-start`, in ui::start).
    return await page.evaluate(() => ({
      render: window.__firstRender,
      start: performance.getEntriesByName('repere-wasm-start')[0]?.startTime ?? window.__firstRender,
    }));
  } finally {
    await context.close();
  }
}

/** Medians of `runs` first visits of each app, alternating so that drift hits both alike:
 * { render, start } per app (start = when the wasm began running). */
export async function firstRenderMedians(browser, urls, runs) {
  const times = urls.map(() => []);
  for (let i = 0; i < runs; i++) for (const [k, url] of urls.entries()) times[k].push(await firstRender(browser, url));
  return times.map((ts) => ({ render: median(ts.map((t) => t.render)), start: median(ts.map((t) => t.start)), appStartup: median(ts.map((t) => t.render - t.start)) }));
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
    await page.waitForSelector('main h1');
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
    await page.waitForSelector('main h1');
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
        await page.waitForSelector('main h1');
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
