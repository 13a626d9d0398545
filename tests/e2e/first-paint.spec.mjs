// SPEC §11, static first paint: index.html holds the home page as the app renders it (the build's
// snapshot, scripts/snapshot-home.mjs), so that its heading and text show before the wasm
// arrives; the app replaces it in the task that mounts, with no flash and no layout shift; any
// first render other than the French default home (a deep link, a share link, English, embed,
// LMS) never shows it.
import { cpSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, appMounted, appReady, pageComplete } from './helpers.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = resolve(ROOT, process.env.REPERE_DIST || 'dist');
const HOME_TITLE = 'Où en êtes-vous face aux métiers du e-commerce ?';
const WASM = /\.(wasm|bin)$/;

/** Holds every wasm request of `page` until the returned function is called. */
async function holdWasm(page) {
  let release;
  const released = new Promise((r) => { release = r; });
  await page.route(WASM, async (route) => { await released; await route.continue(); });
  return release;
}

// Every animation frame until the test reads them: what it shows (a frame paints the DOM as it is
// when its callbacks run). `statik`: the static copy's heading is visible; `app`: an app heading
// (not the copy's) is visible; `both`: two page headers visible at once; `empty`: no heading
// visible at all after one was; `lastCopy` / `firstApp`: where the page's parts are in the last
// frame of the copy and the first of the app. (The Layout Instability API cannot see the copy
// give way to the app: new nodes replace it, and only nodes that move count as shifts.)
const SAMPLE_FRAMES = () => {
  const f = (window.__frames = { total: 0, withCopy: 0, statik: 0, app: 0, both: 0, empty: 0, seen: false });
  const PARTS = ['.brand', '.nav-list', 'header button', 'main h1', 'main .lead', 'main .privacy', '.cards > li', 'footer'];
  const where = (root) => Object.fromEntries(PARTS.map((sel) => [sel, [...root.querySelectorAll(sel)]
    .filter((e) => root.id === 'ssg' || !e.closest('#ssg'))
    .map((e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].map((n) => Math.round(n * 10) / 10); })]));
  const tick = () => {
    const copy = document.getElementById('ssg');
    const shown = (list) => [...list].filter((e) => e.checkVisibility()).length;
    const statik = copy ? shown(copy.querySelectorAll('h1')) : 0;
    const app = [...document.querySelectorAll('main h1')].filter((h) => !h.closest('#ssg') && h.checkVisibility()).length;
    f.total += 1;
    if (copy) f.withCopy += 1;
    if (statik) { f.statik += 1; f.lastCopy = where(copy); }
    if (app) { f.app += 1; f.firstApp ??= where(document); }
    if (shown(document.querySelectorAll('header')) > 1) f.both += 1;
    if (statik || app) f.seen = true;
    else if (f.seen) f.empty += 1;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

/** Loads `url` with the wasm held back for a while (so that frames are sampled while index.html
 * alone is on screen), then lets the app mount; returns the frames' counts. */
async function framesOf(page, url, { before } = {}) {
  await page.addInitScript(SAMPLE_FRAMES);
  if (before) await page.addInitScript(before);
  const release = await holdWasm(page);
  await page.goto(url);
  await expect.poll(() => page.evaluate(() => window.__frames.total)).toBeGreaterThan(10);
  release();
  await appMounted(page);
  await expect(page.locator('main h1')).toBeVisible();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => window.__frames);
}

test('the home heading and text are in index.html: they show with the wasm blocked', async ({ page }) => {
  const served = await (await page.request.get('./')).text();
  expect(served).toContain(`<h1 tabindex="-1">${HOME_TITLE}</h1>`);
  const wasm = [];
  await page.route(WASM, (route) => { wasm.push(route.request().url()); return route.abort(); });
  await page.goto('./');
  await expect(page.locator('main h1')).toHaveText(HOME_TITLE);
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('main .lead')).toBeVisible();
  await expect(page.locator('#ssg .card')).toHaveCount(5);
  await expect(page.locator('#loading')).toBeHidden();
  expect(wasm.length, 'the app asked for its wasm, which never came').toBeGreaterThan(0);
  await expect(page.locator('html')).not.toHaveAttribute('data-app');
});

test('the copy has no live-looking control, no test hook and no id the app also renders', async ({ page }) => {
  await page.route(WASM, (route) => route.abort());
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('./');
    await expect(page.locator('#ssg main h1')).toBeVisible();
    await expect(page.locator('#ssg form, #ssg input, #ssg select, #ssg textarea')).toHaveCount(0);
    const buttons = page.locator('#ssg button');
    expect(await buttons.count(), 'the header keeps its controls\' room').toBeGreaterThan(0);
    for (const button of await buttons.all()) {
      await expect(button).toBeDisabled();
      await expect(button).toBeHidden();
    }
    await expect(page.locator('#ssg [data-testid]')).toHaveCount(0);
    const ids = await page.$$eval('#ssg [id]', (els) => els.map((e) => e.id));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^ssg-/);
    // Labels still point at their targets.
    for (const ref of await page.$$eval('#ssg [aria-labelledby], #ssg [aria-controls]', (els) =>
      els.map((e) => e.getAttribute('aria-labelledby') ?? e.getAttribute('aria-controls')))) {
      expect(ids).toContain(ref);
    }
  }
});

test('the copy\'s links work before the wasm (plain anchors): the page asked for opens once the app is there', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('./');
  const hrefs = await page.$$eval('#ssg a', (as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(10);
  for (const href of hrefs) expect(href).toMatch(/^#\//);
  await page.locator('#ssg .card h3 a', { hasText: 'Vendeur Web' }).click();
  await expect(page).toHaveURL(/#\/referentiel\/vendeur-web$/);
  // The copy gives way to the loading message at once: the page asked for is on its way.
  await expect(page.locator('#ssg')).toBeHidden();
  await expect(page.locator('#loading')).toBeVisible();
  release();
  await appMounted(page);
  await expect(page.locator('main h1')).toContainText('Vendeur Web');
  await expect(page.locator('#ssg')).toHaveCount(0);
});

for (const width of [1280, 390]) {
  test(`the home, ${width} px wide: the copy shows until the app replaces it in one task, nothing moves, no flash`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    const f = await framesOf(page, './');
    expect(f.statik, 'frames showing the copy').toBeGreaterThan(5);
    expect(f.app, 'frames showing the app').toBeGreaterThan(0);
    expect(f.both, 'frames showing two headers').toBe(0);
    expect(f.empty, 'frames without a heading once one showed').toBe(0);
    expect(f.lastCopy['.cards > li']).toHaveLength(5);
    expect(f.firstApp, 'the app\'s first frame has every part where the copy had it').toEqual(f.lastCopy);
    await expect(page.locator('#ssg, #loading')).toHaveCount(0);
  });
}

const OTHER_FIRST_RENDERS = [
  ['a deep link', './#/diagnostic'],
  ['a share link', './#/partage/AU9qUXY____H__f'],
  ['a stored English preference', './', () => localStorage.setItem('repere.lang', 'en')],
  ['embed mode', './index.html?embed=1&ref=vendeur-web&ns=first-paint'],
  ['LMS mode', './index.html?lms=scorm12&ref=vendeur-web'],
];
for (const [what, url, before] of OTHER_FIRST_RENDERS) {
  test(`${what} never paints the static home`, async ({ page }) => {
    const f = await framesOf(page, url, { before });
    expect(f.withCopy, 'frames sampled while the copy was in the document').toBeGreaterThan(5);
    expect(f.statik, 'frames showing the static home').toBe(0);
    expect(f.app).toBeGreaterThan(0);
    await expect(page.locator('#loading, #ssg')).toHaveCount(0);
  });
}

const LAYOUT_SHIFTS = () => {
  window.__cls = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.hadRecentInput) window.__cls.push({ value: e.value, at: Math.round(e.startTime), nodes: e.sources.map((s) => s.node?.nodeName + (s.node?.className ? `.${s.node.className}` : '')) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
};

for (const url of ['./', './#/diagnostic', './#/referentiel/vendeur-web', './#/resultats', './#/dossiers']) {
  test(`no layout shift from index.html to the app's complete page: ${url}`, async ({ page }) => {
    await page.addInitScript(LAYOUT_SHIFTS);
    await page.goto(url);
    await appReady(page);
    await pageComplete(page);
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.evaluate(() => window.__cls)).toEqual([]);
  });
}

test('the service worker was written last: its version covers index.html as it ships, static home included', async ({}, testInfo) => {
  const copy = testInfo.outputPath('dist');
  cpSync(DIST, copy, { recursive: true });
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-sw.mjs'), copy], { stdio: 'pipe' });
  const version = (dir) => readFileSync(join(dir, 'sw.js'), 'utf8').match(/const VERSION = "([0-9a-f]+)"/)[1];
  expect(readFileSync(join(DIST, 'index.html'), 'utf8')).toContain('<div id="ssg">');
  expect(version(DIST)).toBe(version(copy));
});
