// SPEC §8: the strict Content-Security-Policy is in force on the built pages,
// its only inline script is trunk's loader (by hash), and the test helpers catch any violation
// (every other spec fails on one: tests/e2e/helpers.mjs).
import { createHash } from 'node:crypto';
import { test, expect, appReady } from './helpers.mjs';

const policyOf = (html) => Object.fromEntries(
  /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)[1].split(';').map((d) => d.trim().split(/\s+/)).map(([n, ...v]) => [n, v]));

test('index.html carries the strict policy, and its one inline script is allowed by its hash', async ({ page, request }) => {
  const html = await (await request.get('./')).text();
  const policy = policyOf(html);
  expect(policy['default-src']).toEqual(["'self'"]);
  expect(policy['object-src']).toEqual(["'none'"]);
  expect(policy['base-uri']).toEqual(["'none'"]);
  expect(policy['style-src']).toEqual(["'self'"]);
  const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(inline).toHaveLength(1);
  const hash = `'sha256-${createHash('sha256').update(inline[0]).digest('base64')}'`;
  expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", hash]);
  await page.goto('./');
  await appReady(page);
});

test('the policy blocks inline code, and the helpers record each violation', async ({ page, cspViolations }) => {
  await page.goto('./');
  await appReady(page);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true;';
    document.body.append(script);
    const p = document.createElement('p');
    p.setAttribute('style', 'color: red');
    document.body.append(p);
  });
  await expect.poll(() => cspViolations.length).toBe(2);
  expect(await page.evaluate(() => window.__inline)).toBeUndefined();
  expect(cspViolations.map((v) => v.directive).sort()).toEqual(['script-src-elem', 'style-src-attr']);
  // These two were provoked on purpose: the helper's check at the end must not see them.
  cspViolations.length = 0;
});

test('the embedding demo runs under its own strict policy, the app in its frame too', async ({ page, request }) => {
  const html = await (await request.get('./embed-demo.html')).text();
  const policy = policyOf(html);
  expect(policy['script-src']).toHaveLength(2); // 'self' and the hash of the demo's own script
  expect(policy['object-src']).toEqual(["'none'"]);
  await page.goto('./embed-demo.html');
  const app = page.frameLocator('#repere iframe');
  await expect(app.locator('main h1')).toContainText('Animateur e-commerce');
  await app.getByRole('link', { name: 'Résultats', exact: true }).click();
  await expect(app.getByTestId('match-row')).toHaveCount(5);
});
