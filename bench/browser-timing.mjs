// Browser timings for SPEC §11 (a benchmark, never a test): rescoring after one answer (User
// Timing measure "repere-evaluate" written by the app) and click → updated result on screen.
// Usage: node bench/browser-timing.mjs [dist dir] [runs]
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';

const dist = process.argv[2] || 'dist';
const runs = Number(process.argv[3] || 15);
const port = 4199;
const server = spawn('node', ['tests/support/server.mjs', String(port), dist], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/formations/outils/repere/#/positionnement/chef-projet-ecommerce`);
  await page.waitForSelector('[data-testid="live-score"]');
  const names = await page.$$eval('[data-testid="assess-item"] fieldset', (fs) => fs.map((f) => f.querySelector('input').name));
  const evaluate = [], click = [];
  for (let i = 0; i < runs; i++) {
    const name = names[i % names.length];
    const level = 1 + (i % 4);
    const ms = await page.evaluate(({ name, level }) => new Promise((resolve) => {
      const target = document.querySelector('[data-testid="live-score"]');
      const before = target.textContent;
      const input = document.querySelector(`input[name="${name}"][value="${level}"]`);
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        if (target.textContent !== before) { obs.disconnect(); resolve(performance.now() - t0); }
      });
      obs.observe(target, { childList: true, characterData: true, subtree: true });
      input.click();
      // An answer that does not change the displayed percentage still re-renders within a frame.
      requestAnimationFrame(() => requestAnimationFrame(() => { obs.disconnect(); resolve(performance.now() - t0); }));
    }), { name, level });
    click.push(ms);
    evaluate.push(await page.evaluate(() => performance.getEntriesByName('repere-evaluate').at(-1)?.duration ?? NaN));
  }
  console.log(`rescoring after one answer (browser, median of ${runs}): ${median(evaluate).toFixed(3)} ms   [budget 1 ms]`);
  console.log(`click → updated result on screen (median of ${runs}): ${median(click).toFixed(1)} ms   [budget 50 ms]`);
} finally {
  await browser.close();
  server.kill();
}
