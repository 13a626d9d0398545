// Cohort view load time (issue 4, a benchmark, never a test): N generated export files given to
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
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = process.argv[2] || 'dist';
const runs = Number(process.argv[3] || 5);
const sizes = (process.argv[4] || '30,300').split(',').map(Number);
const port = 4198;
const root = new URL('../', import.meta.url);
const json = (p) => JSON.parse(readFileSync(new URL(p, root), 'utf8'));
const REFERENTIAL_IDS = ['vendeur-web', 'charge-ecommerce', 'chef-projet-ecommerce', 'charge-developpement-commercial', 'animateur-ecommerce'];
const PIVOTS = json('data/pivots.json').families.flatMap((f) => f.skills.map((s) => s.id));
const RATED = REFERENTIAL_IDS.flatMap((id) => {
  const ref = json(`data/referentials/${id}.json`);
  const out = [];
  const walk = (g) => { for (const it of g.items || []) out.push(it); for (const s of g.groups || []) walk(s); };
  ref.groups.forEach(walk);
  return out.filter((it) => it.rated).map((it) => ({ id: `${id}/${it.id}`, max: ref.scale === 'ecf' ? 5 : 4 }));
});

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` SPEC §7 export files with seeded random answers (about half the items answered). */
function exportFiles(count, seed) {
  const rand = rng(seed);
  const int = (n) => Math.floor(rand() * n);
  return Array.from({ length: count }, (_, k) => {
    const quick = {};
    for (const p of PIVOTS) if (rand() < 0.5) quick[p] = int(5);
    const items = {};
    for (const it of RATED) if (rand() < 0.5) items[it.id] = { level: int(it.max + 1), evidence: rand() < 0.2 ? `Expérience ${k}` : '' };
    const dossier = { id: (seed * 100000 + k).toString(16).padStart(16, '0'), name: `Candidat ${k + 1}`,
      created_at: '2026-11-01T09:00:00Z', updated_at: '2026-11-20T09:00:00Z', quick, items };
    const file = { format: 'repere.dossier', version: 1, app_version: '0.1.0', exported_at: '2026-11-23T10:00:00Z', dossier };
    return { name: `repere-${k + 1}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file, null, 2)) };
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const server = spawn('node', ['tests/support/server.mjs', String(port), dist], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
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
