// The installable app (PWA, SPEC §9): the web manifest and icons, the service worker, use with the network
// off after one visit, and the « Mettre à jour » banner when a new build is deployed.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFiles } from '../../scripts/build-files.mjs';
import { SUB_PATH, startServer } from '../support/server.mjs';
import { test, expect, appReady, expectNoAxeViolations, watchCsp } from './helpers.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The build under test (the folder playwright.config.mjs serves); REPERE_DIST overrides it.
const DIST = process.env.REPERE_DIST ? resolve(process.env.REPERE_DIST) : join(ROOT, 'dist');
const UPDATE_TEXT = 'Une nouvelle version de Repère est prête.';

/** A static server of its own (own origin), whose build can be switched, like a redeployment. */
async function serveOwn(dir) {
  const server = await startServer({ mounts: { [SUB_PATH]: { dir } } });
  return {
    url: `${server.origin}${SUB_PATH}`,
    serve(next) { server.mount(SUB_PATH, { dir: next }); },
    close: () => server.close(),
  };
}

/** Waits until the service worker is activated (everything precached) and controls the page. */
async function waitForServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

const cacheNames = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('repere-')));

function pngSize(buffer) {
  expect(buffer.subarray(1, 4).toString('ascii')).toBe('PNG');
  return `${buffer.readUInt32BE(16)}x${buffer.readUInt32BE(20)}`;
}

const stylesheetVar = (page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--repere-build').trim());

test('the manifest is linked and valid, and the service worker precaches the build and controls the page', async ({ page }) => {
  await page.goto('./');
  await appReady(page);
  const manifestUrl = await page.evaluate(() => document.querySelector('link[rel="manifest"]').href);
  expect(manifestUrl).toMatch(/\/formations\/outils\/repere\/manifest\.webmanifest$/);
  const response = await page.request.get(manifestUrl);
  expect(response.ok()).toBe(true);
  const manifest = await response.json();
  expect(manifest).toMatchObject({
    name: 'Repère — métiers du e-commerce', short_name: 'Repère', lang: 'fr', start_url: './', scope: './',
    display: 'standalone', theme_color: '#1d4e89', background_color: '#ffffff',
  });
  expect(manifest.description.length).toBeGreaterThan(20);
  const icons = [];
  for (const icon of manifest.icons) {
    const res = await page.request.get(new URL(icon.src, manifestUrl).href);
    expect(res.ok(), icon.src).toBe(true);
    expect(res.headers()['content-type']).toBe(icon.type);
    expect(pngSize(await res.body()), icon.src).toBe(icon.sizes);
    icons.push(`${icon.sizes} ${icon.purpose}`);
  }
  expect(icons.sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  const appleIcon = await page.evaluate(() => document.querySelector('link[rel="apple-touch-icon"]').href);
  expect(pngSize(await (await page.request.get(appleIcon)).body())).toBe('180x180');

  await waitForServiceWorker(page);
  const sw = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return { script: navigator.serviceWorker.controller.scriptURL, scope: registration.scope, waiting: !!registration.waiting };
  });
  expect(sw).toEqual({ script: new URL('sw.js', page.url()).href, scope: new URL('./', page.url()).href, waiting: false });
  // Every built file is precached, in a single cache for this version.
  const names = await cacheNames(page);
  expect(names).toHaveLength(1);
  const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url), names[0]);
  expect(cached.map((u) => u.slice(new URL('./', page.url()).href.length)).sort()).toEqual(buildFiles(DIST).filter((f) => f !== 'sw.js'));
  await expect(page.getByText(UPDATE_TEXT)).toHaveCount(0);
});

test('Chromium finds the app installable (manifest parsed, no installability error)', async ({ baseURL, launchOptions, cspViolations }, testInfo) => {
  // Test contexts are off-the-record profiles, where Chromium never offers to install: use a real one.
  const context = await chromium.launchPersistentContext(testInfo.outputPath('profile'), launchOptions);
  await watchCsp(context, cspViolations);
  try {
    const page = context.pages()[0] || (await context.newPage());
    await page.goto(baseURL);
    await appReady(page);
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const { url, errors } = await cdp.send('Page.getAppManifest');
    expect(url).toBe(new URL('manifest.webmanifest', baseURL).href);
    expect(errors).toEqual([]);
    expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('after one visit, the app and a full quick diagnostic work with the network off', async ({ page, context }) => {
  const server = await serveOwn(DIST);
  await page.goto(server.url);
  await appReady(page);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await server.close(); // really nothing to answer any more
  await page.reload();
  await appReady(page);
  await page.goto(`${server.url}#/diagnostic`);
  await expect(page.getByTestId('quick-skill')).toHaveCount(28);
  const pivots = await page.$$eval('[data-testid="quick-skill"]', (els) => els.map((e) => e.dataset.pivot));
  for (const pivot of pivots) await page.locator(`input[name="quick-${pivot}"][value="2"]`).check();
  await expect(page.locator('#quick-progress')).toHaveAttribute('value', '28');
  await page.goto(`${server.url}#/resultats`);
  await expect(page.locator('[data-testid="match-row"]')).toHaveCount(5);

  // Navigations to the app, with any query, and to unknown pages beside it get the cached shell.
  await page.goto(`${server.url}index.html?source=offline#/resultats`);
  await appReady(page);
  await expect(page.locator('[data-testid="match-row"]')).toHaveCount(5);
  await page.goto(`${server.url}page-inconnue?x=1#/resultats`);
  await appReady(page);
  await expect(page.locator('[data-testid="match-row"]')).toHaveCount(5);
});

test('after one visit of the home page only, every page opens with the network off: its chunk comes from the precache', async ({ page, context }) => {
  const server = await serveOwn(DIST);
  const pageChunks = [];
  page.on('request', (r) => { if (/\/(split_|chunk_|bundle_)/.test(r.url())) pageChunks.push(r.url().split('/').pop()); });
  await page.goto(server.url);
  await appReady(page);
  await waitForServiceWorker(page);
  // The page itself fetched no page's chunk, only the app state's bundle: the worker's precache
  // fetched the rest.
  expect(pageChunks.map((f) => f.replace(/-[0-9a-f]{16}\.bin$/, ''))).toEqual(['bundle_state']);
  const cached = await page.evaluate(async () => {
    const [name] = (await caches.keys()).filter((k) => k.startsWith('repere-'));
    return (await (await caches.open(name)).keys()).map((r) => r.url.split('/').pop());
  });
  expect(cached.filter((f) => /^split_[a-z_]+-[0-9a-f]{16}\.wasm$/.test(f)).length).toBeGreaterThanOrEqual(10);
  expect(cached.filter((f) => /^bundle_(state|shared)-[0-9a-f]{16}\.bin$/.test(f)).length).toBe(2);

  await context.setOffline(true);
  await server.close(); // really nothing to answer any more
  const pages = [
    ['#/referentiel/vendeur-web', 'Vendeur Web'], ['#/recherche?q=client', 'Rechercher'], ['#/diagnostic', 'Diagnostic rapide'],
    ['#/positionnement/vendeur-web', 'Positionnement'], ['#/resultats', 'Vos résultats'], ['#/rapport', 'Bilan de positionnement'],
    ['#/dossiers', 'Mes dossiers'], ['#/groupe', 'Vue de groupe'], ['#/partage/x', 'Résultats partagés'],
  ];
  for (const [hash, heading] of pages) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await expect(page.locator('main h1'), hash).toContainText(heading);
    await expect(page.getByTestId('chunk-failed')).toHaveCount(0);
  }
  // A fresh start offline on a deep link, and in English (its texts are a chunk too).
  await page.evaluate(() => localStorage.setItem('repere.lang', 'en'));
  await page.goto(`${server.url}#/resultats`);
  await page.reload();
  await expect(page.locator('main h1')).toHaveText('Your results');
  await expect(page.locator('[data-testid="match-row"]')).toHaveCount(5);
  expect(pageChunks.length).toBeGreaterThan(10);
});

/** A second build of the app: dist with one changed stylesheet (new hashed name and SRI), and
 * its worker regenerated by scripts/build-sw.mjs, like a real redeployment. */
function buildVariants(testInfo) {
  const v1 = testInfo.outputPath('dist-v1');
  const v2 = testInfo.outputPath('dist-v2');
  for (const dir of [v1, v2]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(DIST, dir, { recursive: true });
  }
  const html = readFileSync(join(v2, 'index.html'), 'utf8');
  const link = /<link rel="stylesheet" href="\.\/(main-[0-9a-f]+\.css)"( integrity="[^"]*")?/;
  expect(html).toMatch(link);
  const css = html.match(link)[1];
  const text = `${readFileSync(join(v2, css), 'utf8')}\n/* v2 */\n:root { --repere-build: "v2"; }\n`;
  const renamed = 'main-00000000000000v2.css';
  rmSync(join(v2, css));
  writeFileSync(join(v2, renamed), text);
  const integrity = `sha384-${createHash('sha384').update(text).digest('base64')}`;
  writeFileSync(join(v2, 'index.html'), html.replace(link, (_, name, sri) =>
    `<link rel="stylesheet" href="./${renamed}"${sri ? ` integrity="${integrity}"` : ''}`));
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-sw.mjs'), v2], { stdio: 'pipe' });
  const version = (dir) => readFileSync(join(dir, 'sw.js'), 'utf8').match(/const VERSION = "([0-9a-f]+)"/)[1];
  expect(version(v2)).not.toBe(version(v1));
  return { v1, v2, v2Version: version(v2) };
}

test('a new build shows the update banner, and « Mettre à jour » switches to it', async ({ page }, testInfo) => {
  const { v1, v2, v2Version } = buildVariants(testInfo);
  const server = await serveOwn(v1);
  try {
    await page.goto(`${server.url}#/resultats`);
    await appReady(page);
    await waitForServiceWorker(page);
    expect(await stylesheetVar(page)).toBe('');
    await expect(page.getByText(UPDATE_TEXT)).toHaveCount(0);

    server.serve(v2);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByRole('status').filter({ hasText: UPDATE_TEXT });
    await expect(banner).toBeVisible();
    await expectNoAxeViolations(page, 'update banner');
    // Nothing changes until the user asks for it.
    expect(await stylesheetVar(page)).toBe('');
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()).waiting)).toBe(true);

    await banner.getByRole('button', { name: 'Mettre à jour' }).click();
    // A retrying assertion on the element, which outlives the reload (no swallowed errors).
    await expect(page.locator('html')).toHaveCSS('--repere-build', /^\s*"v2"\s*$/);
    await appReady(page);
    await waitForServiceWorker(page);
    await expect(page.getByText(UPDATE_TEXT)).toHaveCount(0);
    await expect(page.locator('[data-testid="match-row"]')).toHaveCount(5);
    // The old version's cache is gone; only the new one is left.
    expect((await cacheNames(page)).map((n) => n.split(' ')[0])).toEqual([`repere-${v2Version}`]);
  } finally {
    await server.close();
  }
});

test('a new build found when the page is reloaded also shows the banner', async ({ page }, testInfo) => {
  const { v1, v2 } = buildVariants(testInfo);
  const server = await serveOwn(v1);
  try {
    await page.goto(server.url);
    await appReady(page);
    await waitForServiceWorker(page);
    server.serve(v2);
    await page.reload();
    await appReady(page);
    // The reloaded page is still the cached version 1, which now offers version 2.
    await expect(page.getByRole('status').filter({ hasText: UPDATE_TEXT })).toBeVisible();
    expect(await stylesheetVar(page)).toBe('');
    await page.getByRole('button', { name: 'Mettre à jour' }).click();
    // A retrying assertion on the element, which outlives the reload (no swallowed errors).
    await expect(page.locator('html')).toHaveCSS('--repere-build', /^\s*"v2"\s*$/);
  } finally {
    await server.close();
  }
});
