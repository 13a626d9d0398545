// Cohort view load time (a benchmark, never a test): N generated export files given to
// the multi-file input, until the table shows N rows. Reports, as medians of a few runs on a
// fresh page each:
// - "app": the User Timing measure `repere-cohort-load` written by the app (input `change` →
//   last batch rendered and painted);
// - "wall": Node side, from `setInputFiles` (the file chooser's answer, files on disk) to N rows
//   in the DOM, so it includes handing the files to the page;
// - "longest task": the longest main-thread task from the input's `change` event to the end
//   (PerformanceObserver `longtask`), i.e. the longest the page could not answer input.
// The files are written to a temporary directory and given by path, as a real file chooser does
// (buffers would be rebuilt from base64 by script in the page, a long task that is not the app's).
// Usage: node bench/cohort-timing.mjs [dist dir] [runs] [sizes, e.g. 30,300]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportFiles } from '../tests/support/data.mjs';
import { launch, median, serve } from './browser.mjs';

const dist = process.argv[2] || 'dist';
const runs = Number(process.argv[3] || 5);
const sizes = (process.argv[4] || '30,300').split(',').map(Number);
const port = 4198;
const server = await serve(dist, port);
const browser = await launch();
try {
  for (const n of sizes) {
    const generated = exportFiles(n, n);
    const bytes = generated.reduce((s, f) => s + f.buffer.length, 0);
    const dir = mkdtempSync(join(tmpdir(), 'repere-cohort-'));
    const files = generated.map((f) => { const path = join(dir, f.name); writeFileSync(path, f.buffer); return path; });
    const app = [], wall = [], longest = [];
    for (let r = 0; r < runs; r++) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/formations/outils/repere/#/groupe`);
      await page.waitForSelector('[data-testid="cohort-files"]');
      await page.evaluate(() => {
        window.__longest = 0;
        window.__t0 = Infinity;
        document.addEventListener('change', () => { window.__t0 = performance.now(); }, { capture: true });
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (e.startTime + e.duration > window.__t0) window.__longest = Math.max(window.__longest, e.duration);
        }).observe({ type: 'longtask' });
      });
      const t0 = performance.now();
      await page.getByTestId('cohort-files').setInputFiles(files);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="cohort-row"]').length === n, n, { polling: 'raf', timeout: 120_000 });
      wall.push(performance.now() - t0);
      await page.waitForFunction(() => performance.getEntriesByName('repere-cohort-load').length > 0);
      app.push(await page.evaluate(() => performance.getEntriesByName('repere-cohort-load').at(-1).duration));
      longest.push(await page.evaluate(() => window.__longest));
      await page.close();
    }
    console.log(`${String(n).padStart(4)} files (${(bytes / 1024).toFixed(0)} KiB), median of ${runs}: app ${median(app).toFixed(0)} ms, wall ${median(wall).toFixed(0)} ms, longest task ${median(longest) ? `${median(longest).toFixed(0)} ms` : 'none ≥ 50 ms'}`
      + `   [app runs: ${app.map((x) => x.toFixed(0)).join(', ')}]`);
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  await browser.close();
  server.kill();
}
