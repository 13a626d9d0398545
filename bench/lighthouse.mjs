// Lighthouse (mobile, its default emulation and throttling) on the five pages SPEC §11 names:
// performance ≥ 90, accessibility and best practices 100. A report, not a test.
// Usage: node bench/lighthouse.mjs [dist dir]
import { execFileSync } from 'node:child_process';
import { serve } from './browser.mjs';

const dist = process.argv[2] || 'dist';
const port = 4198;
const server = await serve(dist, port);
const base = `http://127.0.0.1:${port}/formations/outils/repere/`;
const pages = {
  home: '', referential: '#/referentiel/charge-developpement-commercial', 'quick diagnostic': '#/diagnostic',
  results: '#/resultats', embed: 'index.html?embed=1&ref=vendeur-web&ns=bench',
};
const FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic';
const rows = [];
try {
  for (const [name, path] of Object.entries(pages)) {
    const out = execFileSync('node_modules/.bin/lighthouse', [base + path, '--quiet', '--output=json',
      '--only-categories=accessibility,best-practices,performance', `--chrome-flags=${FLAGS}`],
    { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 64 * 1024 * 1024 });
    const r = JSON.parse(out);
    const s = (c) => Math.round(r.categories[c].score * 100);
    const audit = (id) => r.audits[id]?.displayValue ?? '—';
    const failing = Object.values(r.audits).filter((a) => a.score === 0 && ['accessibility', 'best-practices']
      .some((c) => r.categories[c].auditRefs.some((x) => x.id === a.id && x.weight > 0))).map((a) => a.id);
    const ok = s('performance') >= 90 && s('accessibility') === 100 && s('best-practices') === 100;
    rows.push(`| ${name} | ${s('performance')} | ${s('accessibility')} | ${s('best-practices')} | ${audit('first-contentful-paint')} | ${audit('largest-contentful-paint')} | ${audit('total-blocking-time')} | ${ok ? 'met' : `**NOT met**${failing.length ? ` (${failing.join(', ')})` : ''}`} |`);
  }
} finally {
  server.kill();
}
console.log('\n## Lighthouse, mobile (performance ≥ 90, accessibility 100, best practices 100)\n');
console.log('| page | performance | accessibility | best practices | FCP | LCP | TBT | verdict |\n|---|---:|---:|---:|---:|---:|---:|---|');
console.log(rows.join('\n'));
