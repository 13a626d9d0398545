// The candidate's journey, written once for every engine (SPEC §9: the same in Chromium, Firefox
// and WebKit): home, a referential page (its chunk), the quick diagnostic by clicks, results,
// a reload that keeps the answers, a detailed positioning, the dossiers, and no page error.
// It drives the page through an engine adapter (firefox.mjs, webkit.mjs):
//   name                     the engine, for messages
//   goto(url), reload()      a new document
//   click(selector)          a real click on the element (waits for it to be there)
//   upload(selector, path)   the file at `path` chosen in a file input (trainer.mjs)
//   evaluate(fn, ...args)    fn run in the page, its result
//   waitFor(fn, ...args)     resolves once fn, run in the page, gives a truthy value (or fails
//                            after the adapter's timeout)
// Every wait is on a condition of the page, never on time.
import assert from 'node:assert/strict';
import { allItems, loadReferential } from '../support/data.mjs';

const REF = 'charge-developpement-commercial';
const ITEM = `${REF}/C1.1.1`;

/** The page whose heading contains `heading` is on screen and complete: the app mounted (its
 * ready marker; before it the heading may be the static home's), the app state there (the
 * current dossier's name), no section still arriving. */
export function shown(heading) {
  const h1 = document.querySelector('main h1');
  return document.documentElement.dataset.app === 'mounted' && !!h1 && h1.textContent.includes(heading)
    && !!document.querySelector('[data-testid="current-dossier"]')
    && !document.querySelector('main [aria-busy="true"]');
}

/** A same-document navigation, as a link in the header does. */
function goHash(hash) {
  location.hash = hash;
}

function matchRows() {
  return [...document.querySelectorAll('[data-testid="match-row"]')].map((r) => ({
    id: r.dataset.referential, score: r.dataset.score, readiness: Number(r.dataset.readiness), completeness: Number(r.dataset.completeness),
  }));
}

const pageErrors = () => window.__pageErrors;

/** Runs the journey on `engine` against the app at `base` (served by tests/engines/run.mjs);
 * `log` gets one line per step with its time. */
export async function journey(engine, base, log) {
  const step = async (name, run) => {
    const start = Date.now();
    await run();
    log(`  ${engine.name}: ${name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
  };
  const open = async (hash, heading) => {
    await engine.evaluate(goHash, hash);
    await engine.waitFor(shown, heading);
  };
  const noPageError = async (when) => assert.deepEqual(await engine.evaluate(pageErrors), [], `${engine.name}: page errors ${when}`);

  await step('home', async () => {
    await engine.goto(`${base}index.html`);
    await engine.waitFor(shown, 'Où en êtes-vous face aux métiers du e-commerce ?');
  });

  await step('a referential page, from its own chunk', async () => {
    await engine.click('main a[href="#/referentiel/vendeur-web"]');
    await engine.waitFor(shown, 'Vendeur Web');
    const chunks = await engine.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)
      .filter((name) => /\/split_referential-[0-9a-f]{16}\.wasm$/.test(name)));
    assert.equal(chunks.length, 1, `${engine.name}: the referential page's chunk, fetched once`);
    const items = await engine.evaluate(() => document.querySelectorAll('[data-testid="item"]').length);
    assert.equal(items, allItems(loadReferential('vendeur-web')).length, `${engine.name}: every item of the referential`);
  });

  let results;
  await step('the quick diagnostic, by clicks', async () => {
    await open('#/diagnostic', 'Diagnostic rapide');
    const pivots = await engine.evaluate(() => [...document.querySelectorAll('[data-testid="quick-skill"]')].map((e) => e.dataset.pivot));
    assert.equal(pivots.length, 28, `${engine.name}: the 28 pivot skills`);
    for (const pivot of pivots) await engine.click(`input[name="quick-${pivot}"][value="4"]`);
    await engine.waitFor(() => document.getElementById('quick-progress')?.getAttribute('value') === '28');
  });

  await step('results', async () => {
    await open('#/resultats', 'Vos résultats');
    await engine.waitFor(() => document.querySelectorAll('[data-testid="match-row"]').length === 5);
    results = await engine.evaluate(matchRows);
    assert.deepEqual(results.map((r) => r.completeness), [1, 1, 1, 1, 1], `${engine.name}: every profession estimated from the quick diagnostic`);
    assert.ok(results.every((r) => r.readiness > 0), `${engine.name}: readiness above 0 everywhere: ${JSON.stringify(results)}`);
  });

  await step('a reload keeps the answers', async () => {
    await noPageError('before the reload');
    await engine.reload();
    await engine.waitFor(shown, 'Vos résultats');
    await engine.waitFor(() => document.querySelectorAll('[data-testid="match-row"]').length === 5);
    assert.deepEqual(await engine.evaluate(matchRows), results, `${engine.name}: the same results after the reload`);
    await open('#/diagnostic', 'Diagnostic rapide');
    const checked = await engine.evaluate(() => document.querySelectorAll('[data-testid="quick-skill"] input[value="4"]:checked').length);
    assert.equal(checked, 28, `${engine.name}: the 28 answers after the reload`);
  });

  await step('a detailed positioning', async () => {
    await open(`#/positionnement/${REF}`, 'Positionnement');
    await engine.click(`[data-item="${ITEM}"] input[type="radio"][value="1"]`);
    await engine.waitFor((item) => document.querySelector(`[data-item="${item}"] [data-testid="level-status"]`)?.textContent.includes('Votre réponse : niveau 1'), ITEM);
    await open('#/resultats', 'Vos résultats');
    await engine.waitFor(() => document.querySelectorAll('[data-testid="match-row"]').length === 5);
    const before = results.find((r) => r.id === REF).readiness;
    const after = (await engine.evaluate(matchRows)).find((r) => r.id === REF).readiness;
    assert.ok(after < before, `${engine.name}: a level 1 where 4 was estimated lowers ${REF}'s readiness (${before} → ${after})`);
  });

  await step('the dossiers', async () => {
    await open('#/dossiers', 'Mes dossiers');
    await engine.waitFor(() => document.querySelectorAll('[data-testid="dossier"]').length === 1);
    assert.equal(await engine.evaluate(() => document.querySelector('[data-testid="current-dossier"]').textContent.trim()), 'Mon dossier');
  });

  await noPageError('during the journey');
}
