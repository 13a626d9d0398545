// Lighthouse accessibility and best-practices scores of the release build (a report, not a test).
// Usage: node bench/lighthouse.mjs [dist dir]
import { spawn, execFileSync } from 'node:child_process';

const dist = process.argv[2] || 'dist';
const port = 4198;
const server = spawn('node', ['tests/support/server.mjs', String(port), dist], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const base = `http://127.0.0.1:${port}/formations/outils/repere/`;
const pages = { accueil: '', 'référentiel': '#/referentiel/charge-developpement-commercial', diagnostic: '#/diagnostic', 'résultats': '#/resultats', embed: 'index.html?embed=1&ref=vendeur-web' };
try {
  for (const [name, path] of Object.entries(pages)) {
    const out = execFileSync('node_modules/.bin/lighthouse', [base + path, '--quiet', '--output=json', '--only-categories=accessibility,best-practices,performance',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic'],
    { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 64 * 1024 * 1024 });
    const r = JSON.parse(out);
    const s = (c) => Math.round(r.categories[c].score * 100);
    const failed = Object.values(r.audits).filter((a) => a.score === 0 && ['accessibility', 'best-practices'].some((c) => r.categories[c].auditRefs.some((x) => x.id === a.id && x.weight > 0))).map((a) => a.id);
    console.log(`${name.padEnd(12)} accessibility ${s('accessibility')}  best-practices ${s('best-practices')}  performance ${s('performance')}${failed.length ? '  failing: ' + failed.join(', ') : ''}`);
  }
} finally {
  server.kill();
}
