// SPEC §11: each page but home comes from its own chunk, fetched when the page is first
// opened; the English texts only in English; a chunk that cannot be loaded says so and can be
// retried; the build runs when .wasm is served as application/octet-stream from a deep sub-path,
// inside a frame (how an LMS serves a package).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/server.mjs';
import { test, expect, appReady, expectNoAxeViolations } from './helpers.mjs';

const DIST = process.env.REPERE_DIST ? resolve(process.env.REPERE_DIST) : fileURLToPath(new URL('../../dist/', import.meta.url));

// Every lazy page: a route, the chunk it comes from, and its heading.
const PAGES = [
  ['#/referentiel/vendeur-web', 'referential', 'Vendeur Web'],
  ['#/recherche?q=client', 'search', 'Rechercher dans les référentiels'],
  ['#/diagnostic', 'quick', 'Diagnostic rapide'],
  ['#/positionnement/charge-ecommerce', 'assess', 'Positionnement'],
  ['#/resultats', 'results', 'Vos résultats'],
  ['#/rapport', 'report', 'Bilan de positionnement'],
  ['#/dossiers', 'dossiers', 'Mes dossiers'],
  ['#/groupe', 'cohort', 'Vue de groupe'],
  ['#/partage/x', 'shared', 'Résultats partagés'],
];

/** `split_results` for …/split_results-<hash>.wasm, `bundle_state`, `chunk_*`; null for other files. */
const chunkOf = (url) => {
  const m = /\/((split|bundle)_[a-z_]+|chunk_)\d*-[0-9a-f]{16}\.(wasm|bin)$/.exec(url);
  return m ? (m[1] === 'chunk_' ? 'chunk_*' : m[1]) : null;
};

/** The chunks requested by `page` from now on (see `chunkOf`). */
function recordChunks(page) {
  const chunks = [];
  page.on('request', (r) => { const c = chunkOf(r.url()); if (c) chunks.push(c); });
  return chunks;
}

const pageChunks = (chunks) => chunks.filter((c) => c.startsWith('split_'));

test.use({ serviceWorkers: 'block' });

test('home needs no page chunk; each page fetches its own when first opened, and only then', async ({ page }) => {
  const chunks = recordChunks(page);
  await page.goto('./');
  await appReady(page);
  await expect(page.getByTestId('current-dossier')).toHaveText('Mon dossier');
  await page.waitForLoadState('networkidle');
  // Only the app state (the current dossier, storage notices), once the page is shown.
  expect(chunks).toEqual(['bundle_state']);
  let first = true;
  for (const [hash, chunk, heading] of PAGES) {
    const before = chunks.length;
    await page.evaluate((h) => { location.hash = h; }, hash);
    await expect(page.locator('main h1')).toContainText(heading);
    await expect(page.locator('main h1')).toBeFocused();
    const fetched = chunks.slice(before);
    expect(pageChunks(fetched), hash).toEqual([`split_${chunk}`]);
    // The code most pages share comes once, with the first page opened.
    expect(fetched.filter((c) => c.startsWith('bundle_')), hash).toEqual(first ? ['bundle_shared'] : []);
    first = false;
  }
  // Back on pages already opened: nothing is fetched again.
  const before = chunks.length;
  for (const [hash, , heading] of PAGES.slice(0, 3)) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await expect(page.locator('main h1')).toContainText(heading);
  }
  expect(chunks.slice(before)).toEqual([]);
});

test('a deep link loads its page chunk directly, and no other page\'s', async ({ page }) => {
  const chunks = recordChunks(page);
  await page.goto('./#/resultats');
  await expect(page.getByTestId('match-row')).toHaveCount(5);
  await page.waitForLoadState('networkidle');
  expect(pageChunks(chunks)).toEqual(['split_results']);
  expect(chunks.filter((c) => c.startsWith('bundle_')).sort()).toEqual(['bundle_shared', 'bundle_state']);
});

const VENDEUR_WEB = JSON.parse(readFileSync(new URL('../../data/referentials/vendeur-web.json', import.meta.url), 'utf8'));
// Every page the shell draws a top for (`ui::components::page_head`), its chunk, and its lead paragraph.
const FRAMED = [
  ['#/referentiel/vendeur-web', 'referential', VENDEUR_WEB.summary],
  ['#/positionnement/vendeur-web', 'assess', 'Chaque compétence e-CF se note sur ses propres niveaux'],
  ['#/positionnement/charge-ecommerce', 'assess', 'Pour chaque élément, choisissez votre niveau'],
  ['#/positionnement', 'assess', 'Choisissez un référentiel pour vous positionner'],
  ['#/diagnostic', 'quick', '28 compétences, environ 5 minutes'],
  ['#/resultats', 'results', 'Votre correspondance avec chaque métier'],
  ['#/dossiers', 'dossiers', 'Chaque dossier garde ses propres réponses'],
  ['#/groupe', 'cohort', 'Chargez les fichiers que vos apprenants ont exportés'],
  ['#/recherche?q=client', 'search', null],
];
const FRAMED_EN = [
  ['#/referentiel/vendeur-web', 'referential', VENDEUR_WEB.summary],
  ['#/diagnostic', 'quick', '28 skills, about 5 minutes'],
  ['#/resultats', 'results', 'How well you fit each job'],
  ['#/positionnement', 'assess', 'Choose a referential to rate yourself'],
];

/** Waits until `locator` stands where `box` was, to the pixel (layout rounds to fractions of a
 * pixel, so an exact comparison of two boxes would fail on a 0.01 px difference). */
async function expectSamePlace(locator, box, what) {
  const drift = async () => {
    const now = await locator.boundingBox();
    return Math.max(...['x', 'y', 'width', 'height'].map((k) => Math.abs(now[k] - box[k])));
  };
  await expect.poll(drift, { message: `${what}: the heading moved from ${JSON.stringify(box)}` }).toBeLessThanOrEqual(1);
}

// For each deep link, with its page's chunk held: the frame shows the page's top, busy; the
// page then replaces it with the same heading in the same place, and every chunk was asked for
// once the frame was painted.
async function expectFramedTops(page, entries, english = false) {
  // For each chunk or bundle fetched: whether the app was mounted (an English visit loads its
  // texts before that), and how many animation frames after the top of the page was in the
  // document (null: before it was).
  await page.addInitScript(() => {
    window.__asked = [];
    let frames = 0, drawnAt = null;
    const tick = () => { frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    new MutationObserver(() => { if (drawnAt === null && document.querySelector('main .page-frame h1')) drawnAt = frames; })
      .observe(document, { childList: true, subtree: true });
    const fetch = window.fetch;
    window.fetch = function (input, init) {
      const url = String(input instanceof Request ? input.url : input);
      if (/\/(split|bundle|chunk)_/.test(url)) window.__asked.push({ mounted: !!document.documentElement.dataset.app, frames: drawnAt === null ? null : frames - drawnAt });
      return fetch.call(this, input, init);
    };
  });
  for (const [hash, chunk, lead] of entries) {
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(new RegExp(`split_${chunk}-[0-9a-f]{16}\\.wasm$`), async (route) => {
      await held;
      await route.continue();
    });
    // A first visit of the deep link (from another document, not a hash change).
    await page.goto('about:blank');
    await page.goto(`./${hash}`);
    const frame = page.locator('main .page-frame');
    await expect(frame, hash).toHaveAttribute('aria-busy', 'true');
    await expect(frame.locator('h1'), hash).toBeVisible();
    const frameH1 = await frame.locator('h1').textContent();
    expect(frameH1.trim(), hash).not.toBe('');
    if (lead) await expect(frame.locator('.lead'), hash).toContainText(lead);
    // A referential's top is all the page would draw there: kind, title, summary, source, count.
    if (chunk === 'referential') await expect(frame.locator('.page-header .muted')).toContainText(`${VENDEUR_WEB.source} · `);
    const top = await frame.locator('h1').boundingBox();
    const frameLead = lead ? await frame.locator('.lead').textContent() : null;
    await expect(page.locator('main h1'), hash).toHaveCount(1);
    release();
    await expect(frame, hash).toHaveCount(0);
    await appReady(page);
    // The same top, in the same place, now the page's.
    await expect(page.locator('main h1'), hash).toHaveText(frameH1);
    await expectSamePlace(page.locator('main h1'), top, hash);
    if (lead) await expect(page.locator('main .lead').first(), hash).toHaveText(frameLead);
    // The chunks were asked for once that top was on screen, not while it was being built; before
    // the app is mounted, only an English visit asks for anything (its texts).
    const asked = await page.evaluate(() => window.__asked);
    const afterMount = asked.filter((a) => a.mounted);
    expect(afterMount.length, hash).toBeGreaterThan(0);
    expect(asked.length - afterMount.length, hash).toBe(english ? 1 : 0);
    for (const { frames } of afterMount) expect(frames, hash).toBeGreaterThanOrEqual(1);
    await page.unroute(new RegExp(`split_${chunk}-[0-9a-f]{16}\\.wasm$`));
  }
}

test('while its chunk loads, a deep link shows the top of its page at once, busy; the page then takes its place without moving it', async ({ page }) => {
  await expectFramedTops(page, FRAMED);
});

test('in English, the top a page shows while its chunk loads is in English, and so is the page', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('repere.lang', 'en'));
  await expectFramedTops(page, FRAMED_EN, true);
});

test('a page whose chunk cannot be loaded says so in plain words, and « Réessayer » loads it', async ({ page }) => {
  await page.goto('./');
  await appReady(page);
  let blocked = 0;
  await page.route(/split_results-[0-9a-f]{16}\.wasm$/, (route) => { blocked++; return route.abort('internetdisconnected'); });
  await page.getByRole('link', { name: 'Résultats', exact: true }).click();
  const failed = page.getByTestId('chunk-failed');
  await expect(failed.getByRole('heading', { level: 1 })).toHaveText("Cette page n'a pas pu être chargée");
  await expect(failed.getByRole('alert')).toContainText('Vos réponses sont intactes');
  await expect(failed.getByRole('heading', { level: 1 })).toBeFocused();
  expect(blocked).toBe(1);
  await expectNoAxeViolations(page, 'chunk failure');
  // The rest of the app still works, and so does the retry once the network is back.
  await page.getByRole('link', { name: 'Diagnostic rapide', exact: true }).click();
  await expect(page.getByTestId('quick-skill')).toHaveCount(28);
  await page.getByRole('link', { name: 'Résultats', exact: true }).click();
  await expect(failed).toBeVisible();
  expect(blocked).toBe(2);
  await page.unroute(/split_results-[0-9a-f]{16}\.wasm$/);
  await failed.getByRole('button', { name: 'Réessayer' }).click();
  await expect(page.getByTestId('match-row')).toHaveCount(5);
  await expect(failed).toHaveCount(0);
});

// Only the French texts the first load names travel in it (locales/first-load.txt); the others come
// with the app state's chunk. Without that chunk, whatever the shell draws (home, the top of
// every page, the failure message, the header) is still text, never a key.
const FRENCH_KEYS = Object.keys(JSON.parse(readFileSync(new URL('../../locales/fr.json', import.meta.url), 'utf8')));

test('before the app state\'s chunk, the shell shows texts, never a locale key', async ({ page }) => {
  // The state's chunk never arrives: pages stay on the top the shell draws while they load.
  await page.route(/bundle_state-[0-9a-f]{16}\.bin$/, () => {});
  const keysShown = () => page.evaluate((keys) => {
    const text = document.body.innerText;
    return keys.filter((k) => new RegExp(`(^|[^\\w.-])${k.replace(/[.]/g, '\\.')}($|[^\\w.-])`).test(text));
  }, FRENCH_KEYS);
  await page.goto('./');
  await expect(page.locator('html[data-app="mounted"]')).toBeAttached();
  await expect(page.locator('main h1')).toHaveText('Où en êtes-vous face aux métiers du e-commerce ?');
  expect(await keysShown(), 'home').toEqual([]);
  for (const [hash, , heading] of PAGES) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    // The top the shell draws for it (its title and introduction, where the page has them).
    await expect(page.locator('main [aria-busy="true"]')).toBeVisible();
    expect(await keysShown(), `${hash} (${heading}) while it loads`).toEqual([]);
  }
});

test('the failure message follows the language', async ({ page }) => {
  await page.goto('./');
  await appReady(page);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.route(/split_cohort-[0-9a-f]{16}\.wasm$/, (route) => route.abort());
  await page.evaluate(() => { location.hash = '#/groupe'; });
  await expect(page.getByTestId('chunk-failed').getByRole('heading', { level: 1 })).toHaveText('This page could not be loaded');
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
});

test('a French visit never downloads the English texts; switching loads them once', async ({ page }) => {
  const chunks = recordChunks(page);
  await page.goto('./#/diagnostic');
  await expect(page.getByTestId('quick-skill')).toHaveCount(28);
  await page.waitForLoadState('networkidle');
  expect(chunks).not.toContain('split_english');
  expect(chunks.length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('main h1')).toHaveText('Quick check');
  await page.getByRole('button', { name: 'Passer en français' }).click();
  await expect(page.locator('main h1')).toHaveText('Diagnostic rapide');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('main h1')).toHaveText('Quick check');
  expect(chunks.filter((c) => c === 'split_english')).toHaveLength(1);
});

test('an English visitor gets English from the first render', async ({ page }) => {
  await page.addInitScript(() => {
    localStorage.setItem('repere.lang', 'en');
    // The first heading the app ever renders, whatever comes after (index.html's static copy of
    // the French home is in the document too, never shown: tests/e2e/first-paint.spec.mjs).
    new MutationObserver((_, observer) => {
      const h1 = [...document.querySelectorAll('main h1')].find((h) => !h.closest('#ssg'));
      if (h1 && h1.textContent.trim()) { window.__firstHeading = h1.textContent.trim(); observer.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('./');
  await appReady(page);
  expect(await page.evaluate(() => window.__firstHeading)).toBe('Where do you stand in the e-commerce professions?');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('English texts that cannot be loaded: said so, French kept, the button retries', async ({ page }) => {
  await page.goto('./');
  await appReady(page);
  await page.route(/split_english-[0-9a-f]{16}\.wasm$/, (route) => route.abort());
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByTestId('lang-error')).toContainText("Les textes en anglais n'ont pas pu être chargés");
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('main h1')).toHaveText('Où en êtes-vous face aux métiers du e-commerce ?');
  await expectNoAxeViolations(page, 'English texts unavailable');
  await page.unroute(/split_english-[0-9a-f]{16}\.wasm$/);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('main h1')).toHaveText('Where do you stand in the e-commerce professions?');
  await expect(page.getByTestId('lang-error')).toHaveCount(0);
});

// How an LMS serves a package: deep path, unknown types as application/octet-stream, framed by
// the LMS's player page on the same origin.
const LMS_CONTENT = '/lms/pluginfile.php/42/mod_scorm/content/7/repere/';
const LMS_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
const LMS_PLAYER = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>LMS</title></head><body><h1>Cours</h1>
  <iframe id="sco" title="Repère" style="width:100%;height:900px" src="${LMS_CONTENT}index.html"></iframe></body></html>`;

test('served as application/octet-stream from a deep sub-path, inside a frame: home and a lazy page work', async ({ page }) => {
  const wasmTypes = new Set();
  page.on('response', (r) => { if (r.url().endsWith('.wasm')) wasmTypes.add(r.headers()['content-type']); });
  const server = await startServer({
    types: LMS_TYPES,
    mounts: {
      '/lms/mod/scorm/player.php': { read: (rest) => (rest === '' ? LMS_PLAYER : undefined), type: LMS_TYPES['.html'] },
      [LMS_CONTENT]: { dir: DIST },
    },
  });
  try {
    await page.goto(`${server.origin}/lms/mod/scorm/player.php`);
    const app = page.frameLocator('#sco');
    await expect(app.locator('main h1')).toHaveText('Où en êtes-vous face aux métiers du e-commerce ?');
    await app.getByRole('link', { name: 'Résultats', exact: true }).click();
    await expect(app.getByTestId('match-row')).toHaveCount(5);
    await app.getByRole('link', { name: 'Diagnostic rapide', exact: true }).click();
    await expect(app.getByTestId('quick-skill')).toHaveCount(28);
    expect([...wasmTypes]).toEqual(['application/octet-stream']);
  } finally {
    await server.close();
  }
});
