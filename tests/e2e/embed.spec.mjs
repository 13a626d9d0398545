// Embedding (SPEC §8): a host page on another origin embeds Repère with embed.js; the iframe
// resizes; nothing reaches the host before consent; results arrive after it; foreign messages
// change nothing. An embedding never opens the candidate's own dossiers, and the consent
// button names the origin that receives the results.
import { readFileSync } from 'node:fs';
import { startServer } from '../../scripts/server.mjs';
import { test, expect, appReady, expectNoAxeViolations, gotoPage } from './helpers.mjs';

// The host page is served for real from another port: another origin on loopback, like a
// training website embedding Repère.
const HOST_PORT = Number(process.env.REPERE_E2E_PORT || 4173) + 2;
const HOST = `http://127.0.0.1:${HOST_PORT}`;
let hostServer;
let appBase;
test.beforeAll(async ({}, info) => {
  appBase = info.project.use.baseURL;
  // /formation.html names its namespace; /sans-ns.html names none; /ns-default.html asks for the
  // candidate's own one.
  const pages = { '/formation.html': 'ecole-test', '/sans-ns.html': null, '/ns-default.html': 'default' };
  const mounts = Object.fromEntries(Object.entries(pages).map(([path, ns]) =>
    [path, { read: (rest) => (rest === '' ? hostPage(appBase, ns) : undefined) }]));
  for (const [path, own] of Object.entries(referentialRoutes(appBase))) {
    mounts[path] = { type: own.type, read: (rest) => (rest === '' ? own.body : undefined) };
  }
  hostServer = await startServer({ mounts, port: HOST_PORT });
});
test.afterAll(async () => { await hostServer.close(); });

function hostPage(appBase, ns) {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Organisme de formation</title></head><body>
  <main><h1>Notre formation</h1>
  <div id="r" data-repere data-ref="animateur-ecommerce" data-lang="fr"${ns ? ` data-ns="${ns}"` : ''}></div></main>
  <script>
    window.messages = []; window.results = [];
    window.addEventListener('message', (e) => window.messages.push({ origin: e.origin, data: e.data }));
    document.getElementById('r').addEventListener('repere:results', (e) => window.results.push(e.detail));
  </script>
  <script src="${appBase}embed.js"></script></body></html>`;
}

test('a host page embeds Repère with embed.js: resize, consent, results, foreign messages ignored', async ({ page }) => {
  await page.goto(`${HOST}/formation.html`);
  const iframe = page.locator('#r iframe');
  await expect(iframe).toHaveAttribute('src', new RegExp(`embed=1.*ref=animateur-ecommerce.*ns=ecole-test.*parent=${encodeURIComponent(HOST).replace(/\./g, '\\.')}$`));
  const app = page.frameLocator('#r iframe');
  await expect(app.locator('main h1')).toContainText('Animateur e-commerce');
  // The app reports its height and embed.js applies it.
  await expect.poll(async () => parseInt(await iframe.evaluate((f) => f.style.height || '0'), 10)).toBeGreaterThan(1000);

  await app.locator('input[name="a-COM1"][value="3"]').check();
  await app.locator('input[name="a-REF1"][value="4"]').check();
  await app.getByRole('link', { name: 'Résultats', exact: true }).click();
  await expect(app.getByTestId('match-row')).toHaveCount(5);
  // Only resize messages so far: nothing about the candidate left the iframe.
  const before = await page.evaluate(() => window.messages.map((m) => m.data.type));
  expect(before.length).toBeGreaterThan(0);
  expect(before.filter((t) => t !== 'repere:resize'), 'messages other than resize before consent').toEqual([]);
  expect(await page.evaluate(() => window.results.length)).toBe(0);

  // The consent names who receives the results.
  await expect(app.getByTestId('transmit')).toHaveText(`Transmettre mes résultats à ${HOST}`);
  await app.getByTestId('transmit').click();
  await expect(app.getByTestId('transmit-status')).toContainText('Résultats transmis');
  await expect.poll(() => page.evaluate(() => window.results.length)).toBe(1);
  const sent = await page.evaluate(() => window.results[0]);
  expect(sent.type).toBe('repere:results');
  expect(sent.version).toBe(1);
  expect(sent.results).toHaveLength(5);
  const animateur = sent.results.find((r) => r.referential === 'animateur-ecommerce');
  expect(animateur.score).toBeGreaterThan(0);
  expect(Object.keys(animateur).sort()).toEqual(['completeness', 'readiness', 'referential', 'score']);
  // score is the fit the ranking shows, in its order; readiness the share of what is expected.
  const shown = await app.getByTestId('match-row').evaluateAll((rs) => rs.map((r) => [r.dataset.referential, Number(r.dataset.score), Number(r.dataset.readiness)]));
  expect(sent.results.map((r) => [r.referential, r.score, r.readiness])).toEqual(shown);

  // The dossier lives in the host's own namespace.
  const keys = await app.locator('body').evaluate(() => Object.keys(localStorage));
  expect(keys).toContainEqual(expect.stringMatching(/^repere\.ecole-test\.dossier\./));
  expect(keys.filter((k) => k.startsWith('repere.default.'))).toEqual([]);

  // A foreign window posting look-alike messages changes nothing.
  const height = await iframe.evaluate((f) => f.style.height);
  await page.evaluate(() => {
    const f = document.createElement('iframe');
    f.srcdoc = '<script>parent.postMessage({type:"repere:resize",height:7},"*");parent.postMessage({type:"repere:results",version:1,results:[]},"*")<\/script>';
    document.body.appendChild(f);
  });
  await expect.poll(() => page.evaluate(() => window.messages.filter((m) => m.data && m.data.height === 7).length)).toBe(1);
  expect(await iframe.evaluate((f) => f.style.height)).toBe(height);
  expect(await page.evaluate(() => window.results.length)).toBe(1);
});

test('the frame follows the page down as well as up: a shorter page shrinks it', async ({ page }) => {
  await page.goto(`${HOST}/formation.html`);
  const iframe = page.locator('#r iframe');
  const app = page.frameLocator('#r iframe');
  const height = async () => parseInt(await iframe.evaluate((f) => f.style.height || '0'), 10);
  await expect(app.locator('main h1')).toContainText('Animateur e-commerce');
  // The whole positioning, rendered group by group, makes the frame tall.
  await expect(app.getByTestId('assess')).not.toHaveAttribute('aria-busy');
  await expect.poll(height).toBeGreaterThan(2000);
  // A short page: the frame takes its height, not the one it had.
  await app.locator('body').evaluate(() => { location.hash = '#/page-inconnue'; });
  await expect(app.locator('main h1')).toBeVisible();
  const content = await app.locator('html').evaluate((h) => Math.ceil(h.getBoundingClientRect().height));
  expect(content).toBeLessThan(1000);
  await expect.poll(height).toBe(content);
});

test('embed mode is compact and accessible, and refuses a bad parent', async ({ page }) => {
  await page.goto('./index.html?embed=1&ref=vendeur-web&lang=en&ns=demo&parent=javascript:alert(1)');
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main h1')).toContainText('Vendeur Web');
  await expect(page.locator('.site-footer')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Search', exact: true })).toBeHidden();
  await page.getByRole('link', { name: 'Results', exact: true }).click();
  await expect(page.getByTestId('match-row')).toHaveCount(5);
  // No valid parent origin: no way to send results anywhere.
  await expect(page.getByTestId('transmit')).toHaveCount(0);
  await expectNoAxeViolations(page, 'embed mode (en)');
});

for (const [path, asked] of [['/sans-ns.html', 'no namespace'], ['/ns-default.html', 'ns=default']]) {
  test(`a host page with ${asked} cannot reach the candidate's own dossiers`, async ({ page }) => {
    // The candidate's own dossier, in Repère itself (same site as the host: same storage).
    await page.goto('./#/diagnostic');
    await appReady(page);
    for (const pivot of ['referencement', 'contenus-web', 'campagnes-promotion', 'reseaux-sociaux', 'veille']) {
      await page.locator(`input[name="quick-${pivot}"][value="4"]`).check();
    }
    await gotoPage(page, './#/resultats');
    await expect(page.getByTestId('match-row')).toHaveCount(5);
    const own = await page.getByTestId('match-row').evaluateAll((rs) => rs.map((r) => Number(r.dataset.score)));
    expect(Math.max(...own)).toBeGreaterThan(0);
    const stored = () => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('repere.default.')).map((k) => [k, localStorage.getItem(k)])));
    const before = await stored();
    expect(Object.keys(before).length).toBeGreaterThan(0);

    await page.goto(`${HOST}${path}`);
    const iframe = page.locator('#r iframe');
    if (asked === 'ns=default') await expect(iframe).toHaveAttribute('src', /[?&]ns=default(&|$)/);
    else await expect(iframe).not.toHaveAttribute('src', /[?&]ns=/);
    const app = page.frameLocator('#r iframe');
    await expect(app.locator('main h1')).toContainText('Animateur e-commerce');
    await app.getByRole('link', { name: 'Résultats', exact: true }).click();
    await expect(app.getByTestId('match-row')).toHaveCount(5);
    // An empty, embed-only dossier: nothing of the candidate's answers.
    const shown = await app.getByTestId('match-row').evaluateAll((rs) => rs.map((r) => [Number(r.dataset.score), Number(r.dataset.completeness)]));
    expect(shown).toEqual(shown.map(() => [0, 0]));
    await expect(app.getByTestId('transmit')).toHaveText(`Transmettre mes résultats à ${HOST}`);
    await app.getByTestId('transmit').click();
    await expect.poll(() => page.evaluate(() => window.results.length)).toBe(1);
    const sent = await page.evaluate(() => window.results[0].results);
    expect(sent.map((r) => [r.score, r.completeness])).toEqual(sent.map(() => [0, 0]));

    // Its store is the embed-only one; the candidate's own is untouched.
    const keys = await app.locator('body').evaluate(() => Object.keys(localStorage));
    expect(keys).toContainEqual(expect.stringMatching(/^repere\.embed\.dossier\./));
    await page.goto('./#/resultats');
    await appReady(page);
    expect(await stored()).toEqual(before);
  });
}

// SPEC §13 c: a host page gives the frame a referential of its own (embed.js data-referential):
// the page fetches it from its own site and posts it; the frame takes it from its parent's
// origin only, checks it like an import and keeps it in the embed's namespace.
const STORED = JSON.parse(readFileSync(new URL('../fixtures/rncp/stored-rncp38812.json', import.meta.url), 'utf8'));
// The same origin as the host page's server, under another name: a foreign site.
const FOREIGN = `http://localhost:${HOST_PORT}`;

// The host page's own landmark is a named region: the frame brings its banner, main and footer,
// and a second of any of them would be the host's doing, not Repère's.
function referentialHost(appBase, file, ns = 'ecole-test') {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Organisme de formation</title></head><body>
  <section aria-label="Notre certification"><h1>Notre certification</h1>
  <div id="r" data-repere data-referential="${file}" data-lang="fr" data-ns="${ns}"></div></section>
  <script>
    window.messages = []; window.errors = [];
    window.addEventListener('message', (e) => window.messages.push({ origin: e.origin, data: e.data }));
    document.getElementById('r').addEventListener('repere:error', (e) => window.errors.push(e.detail.message));
  </script>
  <script src="${appBase}embed.js"></script></body></html>`;
}

/** A page of another site that frames Repère claiming to be the host, then posts a referential. */
function impostor(appBase) {
  const src = `${appBase}index.html?embed=1&ns=ecole-test&referential=1&parent=${encodeURIComponent(HOST)}`;
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Autre site</title></head><body>
  <main><h1>Autre site</h1><iframe id="f" title="Repère" src="${src}" style="width:100%;height:600px"></iframe></main>
  <script>
    const file = ${JSON.stringify(STORED.referential)};
    window.posts = 0;
    setInterval(() => { document.getElementById('f').contentWindow.postMessage({ type: 'repere:referential', version: 1, referential: file }, '*'); window.posts++; }, 300);
  </script></body></html>`;
}

function referentialRoutes(appBase) {
  const broken = structuredClone(STORED.referential);
  broken.groups[0].items[0].target = 9;
  const html = (body) => ({ type: 'text/html; charset=utf-8', body });
  const json = (value) => ({ type: 'application/json', body: JSON.stringify(value) });
  return {
    '/referentiel.html': html(referentialHost(appBase, 'fichiers/rncp38812.json')),
    '/referentiel-casse.html': html(referentialHost(appBase, 'fichiers/casse.json')),
    '/referentiel-absent.html': html(referentialHost(appBase, 'fichiers/absent.json')),
    '/fichiers/rncp38812.json': json(STORED.referential),
    '/fichiers/casse.json': json(broken),
    '/usurpateur.html': html(impostor(appBase)),
  };
}

test('a host page gives the frame its own referential: fetched by the page, checked, kept in the embed namespace, its positioning open', async ({ page }) => {
  await page.goto(`${HOST}/referentiel.html`);
  const iframe = page.locator('#r iframe');
  await expect(iframe).toHaveAttribute('src', /[?&]referential=1(&|$)/);
  const app = page.frameLocator('#r iframe');
  await expect(app.getByTestId('assess')).toHaveAttribute('data-referential', 'rncp38812');
  await expect(app.getByTestId('assess-item')).toHaveCount(14);
  await expect(app.getByTestId('embed-referential')).toHaveCount(0);
  // The frame said it was ready, to this page only.
  await expect.poll(() => page.evaluate(() => window.messages.filter((m) => m.data.type === 'repere:ready').length)).toBeGreaterThan(0);
  const keys = await app.locator('body').evaluate(() => Object.keys(localStorage));
  expect(keys).toContain('repere.ecole-test.referential.rncp38812');
  expect(keys.filter((k) => k.startsWith('repere.default.'))).toEqual([]);
  // Answered and transmitted like the five: the results name it.
  await app.locator('input[name="a-RNCP38812BC01-1"][value="4"]').check();
  await app.getByRole('link', { name: 'Résultats', exact: true }).click();
  await expect(app.locator('[data-testid="match-row"][data-referential="rncp38812"]')).toBeVisible();
  await app.getByTestId('transmit').click();
  await expect.poll(() => page.evaluate(() => window.messages.filter((m) => m.data.type === 'repere:results').length)).toBe(1);
  const sent = await page.evaluate(() => window.messages.find((m) => m.data.type === 'repere:results').data.results);
  expect(sent.map((r) => r.referential)).toContain('rncp38812');
  await expectNoAxeViolations(page, 'embed with a referential of its own');
});

test('a referential breaking the rules, or one the page cannot fetch, is said, and nothing is stored', async ({ page }) => {
  await page.goto(`${HOST}/referentiel-casse.html`);
  const app = page.frameLocator('#r iframe');
  const status = app.getByTestId('embed-referential');
  await expect(status).toHaveAttribute('data-state', 'failed');
  await expect(status).toContainText('ne peut pas être utilisé');
  await expect(status).toContainText('RNCP38812BC01.1');
  expect((await app.locator('body').evaluate(() => Object.keys(localStorage))).filter((k) => k.includes('.referential.'))).toEqual([]);

  await page.goto(`${HOST}/referentiel-absent.html`);
  await expect.poll(() => page.evaluate(() => window.errors)).toEqual(['Repère: data-referential: HTTP 404']);
  await expect(page.frameLocator('#r iframe').getByTestId('embed-referential')).toHaveAttribute('data-state', 'waiting');
});

test('a referential posted by any other origin than the parent is ignored', async ({ page }) => {
  await page.goto(`${FOREIGN}/usurpateur.html`);
  const app = page.frameLocator('#f');
  await expect(app.getByTestId('embed-referential')).toHaveAttribute('data-state', 'waiting');
  // Several posts went by: none was taken.
  await expect.poll(() => page.evaluate(() => window.posts)).toBeGreaterThan(5);
  await expect(app.getByTestId('embed-referential')).toHaveAttribute('data-state', 'waiting');
  await expect(app.getByTestId('assess')).toHaveCount(0);
  // A frame of another site may be refused storage altogether (third-party storage blocked):
  // then nothing can have been stored either.
  const stored = await app.locator('body').evaluate(() => {
    try { return Object.keys(localStorage).filter((k) => k.includes('.referential.')); } catch { return []; }
  });
  expect(stored).toEqual([]);
});
