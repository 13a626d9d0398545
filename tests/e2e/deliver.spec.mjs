// SPEC §13, to candidates without a server: « Diffuser ce référentiel » on a brought referential's
// page (the link, its limit, the file), the referential link opened in a browser that lacks it,
// and share links whose answers to a brought referential travel (version 2) and are named, not
// lost, where the referential is missing.
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { test, expect, appReady, expectNoAxeViolations, gotoPage } from './helpers.mjs';

// The referential as rstore's tests store it (RNCP38812 with a trainer's edits).
const STORED = readFileSync(new URL('../fixtures/rncp/stored-rncp38812.json', import.meta.url), 'utf8');
const KEY = 'repere.default.referential.rncp38812';
const ID = 'rncp38812';
const BLOCKS = ['RNCP38812BC01', 'RNCP38812BC02', 'RNCP38812BC03', 'RNCP38812BC04'];
const LIMIT = 32 * 1024;

/** Every page of `context` starts with the referential stored (once: the app may replace it). */
async function withReferential(context, value = STORED, key = KEY) {
  await context.addInitScript(([k, v]) => {
    if (!localStorage.getItem(`${k}.seeded`)) {
      localStorage.setItem(k, v);
      localStorage.setItem(`${k}.seeded`, '1');
    }
  }, [key, value]);
}

/** The payload of a referential link as the app writes it (core::custom::link), from a file. */
function linkPayload(file) {
  const bytes = Buffer.from(file);
  const deflated = deflateRawSync(bytes);
  const header = Buffer.alloc(9);
  header[0] = 1;
  header.writeUInt32BE(crc32(bytes), 1);
  header.writeUInt32BE(deflated.length, 5);
  return Buffer.concat([header, deflated]).toString('base64url');
}

function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

const fileOf = (stored) => JSON.stringify(JSON.parse(stored).referential);
/** A whole number as the French UI writes it (narrow no-break spaces between thousands). */
const fr = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');

test('the panel makes a link within its limit that opens the referential in a browser without it, checked and added', async ({ page, browser }) => {
  await withReferential(page.context());
  await page.goto('./#/referentiel/rncp38812');
  await appReady(page);
  const panel = page.getByTestId('brought-delivery');
  await expect(panel).toHaveAttribute('data-referential', ID);
  // The limit is stated before any link is made, with what it means for a fiche.
  await expect(panel).toContainText('32\u202f768 caractères');
  await expect(panel).toContainText('environ 200 compétences');
  await panel.getByTestId('make-referential-link').click();
  const url = await panel.getByTestId('referential-link').inputValue();
  const fragment = url.slice(url.indexOf('#'));
  expect(fragment).toMatch(/^#\/referentiel-partage\/[A-Za-z0-9_-]+$/);
  expect(fragment.length).toBeLessThanOrEqual(LIMIT);
  await expect(panel.locator('label[for="referential-link"]')).toContainText(`${fr(fragment.length)} caractères sur 32\u202f768 au plus`);
  console.log(`referential link of ${ID} (14 items, its raw lists and edits): ${fragment.length} characters`);
  await expectNoAxeViolations(page, 'brought referential with its delivery panel');

  // A candidate's browser, which has never seen it.
  const other = await browser.newContext();
  const candidate = await other.newPage();
  await candidate.goto(url.replace(/^https?:\/\/[^/]+\/formations\/outils\/repere\//, './').replace('./#', './index.html#'));
  await expect(candidate.getByTestId('referential-link-title')).toHaveText('Responsable e-commerce');
  await expect(candidate.getByTestId('shared-referential')).toContainText('14 compétences à évaluer, 4 blocs.');
  expect(await candidate.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('.referential.')))).toEqual([]);
  await expectNoAxeViolations(candidate, 'referential link');
  await candidate.getByTestId('referential-link-add').click();
  await expect(candidate.getByTestId('referential-link-added')).toBeVisible();
  const stored = await candidate.evaluate((k) => JSON.parse(localStorage.getItem(k)).referential, KEY);
  expect(stored).toEqual(JSON.parse(STORED).referential);
  await candidate.getByTestId('referential-link-assess').click();
  await expect(candidate.getByTestId('assess')).toHaveAttribute('data-referential', ID);
  await expect(candidate.getByTestId('assess-item')).toHaveCount(14);
  await other.close();
});

test('a damaged or cut link, or one whose referential breaks the rules, says so and stores nothing', async ({ page }) => {
  const good = linkPayload(fileOf(STORED));
  const broken = JSON.parse(STORED).referential;
  broken.groups[0].items[0].target = 9;
  const cases = [
    [good.slice(0, good.length - 30), 'incomplet'],
    [good.slice(0, 40) + (good[40] === 'A' ? 'B' : 'A') + good.slice(41), 'abîmé'],
    [linkPayload(JSON.stringify(broken)), 'RNCP38812BC01.1'],
    [linkPayload('{"format":"repere.dossier"}'), 'repere.dossier'],
  ];
  for (const [payload, says] of cases) {
    await page.goto(`./index.html#/referentiel-partage/${payload}`);
    await expect(page.getByTestId('referential-link-error')).toContainText(says);
    await expect(page.getByTestId('referential-link-add')).toHaveCount(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('.referential.')))).toEqual([]);
  }
});

/** A referential file of `items` items of about 150 characters of varied French words. */
function fiche(items, seed = 7) {
  const words = JSON.parse(STORED).referential.groups.flatMap((g) => g.items.map((i) => i.text)).join(' ').split(/\s+/);
  let s = seed;
  const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const sentence = () => {
    const w = [];
    while (w.join(' ').length < 140) w.push(words[Math.floor(rnd() * words.length)]);
    return w.join(' ');
  };
  const base = JSON.parse(STORED).referential;
  const perBlock = Math.ceil(items / base.groups.length);
  let n = 0;
  for (const g of base.groups) {
    g.items = [];
    for (let i = 0; i < perBlock && n < items; i++, n++) {
      g.items.push({ id: `${g.id}.${i + 1}`, kind: 'competence', text: sentence(), target: 3, weight: 1 });
    }
  }
  base.provenance.raw_lists = base.groups.map((g) => ({ block: g.id, text: g.items.map((i) => `- ${i.text}`).join('  ') }));
  base.provenance.edits = [];
  return base;
}

test('what the limit holds, measured with the browser\'s own compression; a referential over it gets the file instead', async ({ page }) => {
  await page.goto('./');
  await appReady(page);
  // The link's length for fiches of a typical and of a large size (core::custom::link's framing).
  const lengths = {};
  for (const n of [30, 60, 100, 200, 250]) {
    const file = JSON.stringify(fiche(n), null, 2);
    lengths[n] = await page.evaluate(async (text) => {
      const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
      const deflated = new Uint8Array(await new Response(stream).arrayBuffer());
      return '#/referentiel-partage/'.length + Math.ceil(((9 + deflated.length) * 4) / 3);
    }, file);
  }
  console.log(`referential link length by number of items of ~150 characters (raw lists included): ${JSON.stringify(lengths)}`);
  expect(lengths[30]).toBeGreaterThan(3000);
  expect(lengths[60]).toBeLessThan(9000);
  expect(lengths[200]).toBeLessThan(LIMIT);
  expect(lengths[250]).toBeGreaterThan(0.8 * LIMIT);

  // A referential of 1,000 items does not fit: the panel says so and points to the file.
  const big = fiche(1000);
  big.id = 'rncp99999';
  const value = JSON.stringify({ version: 1, saved_at: '2026-12-04T10:00:00.000Z', referential: big });
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), ['repere.default.referential.rncp99999', value]);
  await gotoPage(page, './#/referentiel/rncp99999');
  await page.getByTestId('make-referential-link').click();
  const tooLong = page.getByTestId('referential-link-too-long');
  await expect(tooLong).toContainText('trop grand pour un lien');
  await expect(tooLong).toContainText('Donnez plutôt son fichier');
  await expect(page.getByTestId('referential-link')).toHaveCount(0);
});

test('the file downloads as a repere.referential file that reads back as the referential', async ({ page }) => {
  await withReferential(page.context());
  await page.goto('./#/referentiel/rncp38812');
  await appReady(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-referential').click()]);
  expect(download.suggestedFilename()).toBe('rncp38812.json');
  const text = readFileSync(await download.path(), 'utf8');
  const file = JSON.parse(text);
  expect(file.format).toBe('repere.referential');
  expect(file.version).toBe(1);
  expect(file).toEqual(JSON.parse(STORED).referential);
  // Opened through a link made from the downloaded bytes, it is the same referential.
  await page.goto(`./index.html#/referentiel-partage/${linkPayload(text)}`);
  await expect(page.getByTestId('referential-link-title')).toHaveAttribute('data-referential', ID);
  await expect(page.getByTestId('referential-link-added')).toBeVisible();
});

test('answers to a brought referential travel in a share link; a browser without it names what it cannot show', async ({ page, browser }) => {
  await withReferential(page.context());
  await page.goto('./#/positionnement/rncp38812');
  await appReady(page);
  for (const [item, level] of [['RNCP38812BC01-1', 4], ['RNCP38812BC01-2', 3], ['RNCP38812BC03-1', 2]]) {
    await page.locator(`input[name="a-${item}"][value="${level}"]`).check();
  }
  await gotoPage(page, './#/positionnement/vendeur-web');
  await page.locator('input[name="a-A-7"][value="2"]').check();
  await gotoPage(page, './#/resultats');
  await page.getByTestId('make-share-link').click();
  const url = await page.getByTestId('share-url').inputValue();
  const local = url.replace(/^https?:\/\/[^/]+\/formations\/outils\/repere\//, './').replace('./#', './index.html#');

  // Without the referential: the bundled answers, and the brought ones named.
  const bare = await browser.newContext();
  const without = await bare.newPage();
  await without.goto(local);
  await expect(without.getByTestId('shared-results')).toBeVisible();
  const skipped = without.getByTestId('share-skipped');
  await expect(skipped).toHaveCount(1);
  await expect(skipped).toHaveAttribute('data-referential', ID);
  await expect(skipped).toContainText('3 réponse(s) au référentiel « rncp38812 », absent de ce navigateur');
  await expect(without.getByTestId('match-row')).toHaveCount(5);
  await bare.close();

  // With it: everything is read, its row and its blocks (the fiche's codes) among the results.
  const held = await browser.newContext();
  await withReferential(held);
  const withIt = await held.newPage();
  await withIt.goto(local);
  await expect(withIt.getByTestId('shared-results')).toBeVisible();
  await expect(withIt.getByTestId('share-skipped')).toHaveCount(0);
  await expect(withIt.locator(`[data-testid="match-row"][data-referential="${ID}"]`)).toBeVisible();
  const blocks = await withIt.locator(`[data-testid="block-status"][data-block^="${ID}/"]`).evaluateAll((els) => els.map((e) => e.dataset.block.split('/')[1]));
  expect(blocks).toEqual(BLOCKS);
  await held.close();
});
