// SPEC §13 « Everywhere the five are »: a referential a trainer brought (RNCP38812, stored the way
// the import page stores it: the value is written straight into storage here, the import page has
// tests of its own) appears on home, its page with its provenance, search, the detailed
// positioning, results (match-row, block-status with the fiche's codes), report and record; its
// deletion asks first and keeps the answers aside, which come back with it; a dossier's answers
// to it survive an export and an import into a browser that does not have it yet.
import { readFileSync } from 'node:fs';
import { test, expect, appReady, gotoPage, expectNoAxeViolations } from './helpers.mjs';

const STORED = readFileSync(new URL('../fixtures/rncp/stored-rncp38812.json', import.meta.url), 'utf8').trim();
const ID = 'rncp38812';
const KEY = `repere.default.referential.${ID}`;
const BLOCKS = ['RNCP38812BC01', 'RNCP38812BC02', 'RNCP38812BC03', 'RNCP38812BC04'];
const radio = (page, item, level) => page.locator(`input[type="radio"][name="a-${item.replace(/\./g, '-')}"][value="${level}"]`);

/** Stores the referential in this browser, as the import page would, and reloads at `hash`. */
async function bring(page, hash = './') {
  await page.goto('./');
  await appReady(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, STORED]);
  await page.goto(hash);
  await page.reload();
  await appReady(page);
}

/** Rates every item of blocks BC01 and BC02 (BC01 at its targets and more: ready). */
async function rate(page) {
  await gotoPage(page, `./#/positionnement/${ID}`);
  for (const item of ['BC01.1', 'BC01.2', 'BC01.3', 'BC01.4', 'BC02.1', 'BC02.2']) {
    await radio(page, `RNCP38812${item}`, item.startsWith('BC01') ? 4 : 1).check();
  }
}

const storedDossier = (page) => page.evaluate(() => {
  const index = JSON.parse(localStorage.getItem('repere.default.index'));
  return JSON.parse(localStorage.getItem(`repere.default.dossier.${index.active}`));
});

test('home lists it after the five, its page shows where it comes from, search finds it', async ({ page }) => {
  await bring(page);
  const card = page.getByTestId('brought-card');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-referential', ID);
  await expect(card.locator('h3')).toHaveText('Responsable e-commerce');
  await expect(card).toContainText('14 éléments à évaluer');
  // After the five bundled ones, never above them.
  const order = await page.locator('[data-testid="referential-card"], [data-testid="brought-card"]').evaluateAll((els) => els.map((e) => e.dataset.referential));
  expect(order.at(-1)).toBe(ID);
  expect(order).toHaveLength(6);
  await expectNoAxeViolations(page, 'home with a brought referential');

  await card.getByRole('link', { name: 'Responsable e-commerce', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/referentiel/${ID}$`));
  await expect(page.locator('main h1')).toHaveText('Responsable e-commerce');
  const provenance = page.getByTestId('provenance');
  await expect(provenance.getByTestId('provenance-line')).toHaveText('France compétences, RNCP, Licence Ouverte 2.0, export du 03/06/2025');
  await expect(provenance.getByTestId('provenance-fiche')).toHaveText('RNCP38812');
  await expect(provenance.getByTestId('provenance-link')).toHaveAttribute('href', 'https://www.francecompetences.fr/recherche/rncp/38812/');
  const edits = provenance.getByTestId('provenance-edits').locator('li');
  await expect(edits).toHaveCount(6);
  await expect(edits.nth(4)).toHaveText('Compétence RNCP38812BC02.4 reformulée : « Traiter les réclamations des clients et les fidéliser »');
  await expect(edits.nth(5)).toHaveText('Niveau visé de RNCP38812BC01.4 : 2');
  await expect(page.getByTestId('block')).toHaveCount(4);
  expect(await page.getByTestId('block').evaluateAll((els) => els.map((e) => e.dataset.block))).toEqual(BLOCKS.map((b) => `${ID}/${b}`));
  // The fiche's list as published, beside each block's split.
  const raw = page.locator('[data-testid="raw-list"][data-block="RNCP38812BC01"]');
  await raw.locator('summary').click();
  await expect(raw).toContainText('- Réaliser une veille concurrentielle et technologique sur le commerce en ligne  - Analyser');
  await expectNoAxeViolations(page, 'brought referential page');

  // A deep link in a fresh load: the shell draws a generic top, then the page its own.
  await page.goto(`./#/referentiel/${ID}/RNCP38812BC02.4`);
  await page.reload();
  await expect(page.locator('#item-RNCP38812BC02\\.4')).toBeFocused();
  await expect(page.locator('main h1')).toHaveText('Responsable e-commerce');

  await gotoPage(page, './#/recherche?q=reclamations clients');
  const hit = page.getByTestId('search-result').filter({ hasText: 'Responsable e-commerce' });
  await expect(hit.first()).toBeVisible();
  await expect(hit.first().getByRole('link')).toHaveAttribute('href', `#/referentiel/${ID}/RNCP38812BC02.4`);
  await expectNoAxeViolations(page, 'search with a brought referential');
});

test('rated like the five: results with its match-row and blocks, report, record with its codes', async ({ page }) => {
  await bring(page);
  await rate(page);
  await expect(page.locator('main h1')).toContainText('Responsable e-commerce');
  await expectNoAxeViolations(page, 'detailed positioning of a brought referential');
  const saved = await storedDossier(page);
  expect(saved.items[`${ID}/RNCP38812BC01.1`]).toEqual({ level: 4 });

  await gotoPage(page, './#/resultats');
  const row = page.locator(`[data-testid="match-row"][data-referential="${ID}"]`);
  await expect(row).toHaveCount(1);
  expect(Number(await row.getAttribute('data-readiness'))).toBeGreaterThan(0.3);
  expect(Number(await row.getAttribute('data-completeness'))).toBeGreaterThan(0);
  const blocks = page.locator(`[data-testid="block-status"][data-block^="${ID}/"]`);
  expect(await blocks.evaluateAll((els) => els.map((e) => e.dataset.block))).toEqual(BLOCKS.map((b) => `${ID}/${b}`));
  await expect(page.locator(`[data-testid="block-status"][data-block="${ID}/RNCP38812BC01"]`)).toHaveAttribute('data-ready', 'true');
  await expect(page.locator(`[data-testid="block-status"][data-block="${ID}/RNCP38812BC02"]`)).toHaveAttribute('data-ready', 'false');
  await expectNoAxeViolations(page, 'results with a brought referential');

  await gotoPage(page, './#/rapport');
  await expect(page.getByTestId('report').locator(`[data-testid="match-row"][data-referential="${ID}"]`)).toHaveCount(1);
  await expect(page.getByTestId('report').locator(`[data-testid="block-status"][data-block="${ID}/RNCP38812BC01"]`)).toHaveAttribute('data-ready', 'true');
  await expectNoAxeViolations(page, 'report with a brought referential');

  await gotoPage(page, `./#/positionnement-entree/${ID}`);
  const codes = await page.getByTestId('record-code').evaluateAll((els) => els.map((e) => e.dataset.code));
  expect(codes).toEqual(['RNCP 38812', 'NSF 312', 'NSF 312p', 'ROME M1707', 'ROME E1101']);
  expect(await page.getByTestId('record-section').evaluateAll((els) => els.map((e) => e.dataset.section))).toEqual(BLOCKS);
  await expect(page.getByTestId('record-provenance')).toContainText('export du 03/06/2025 · RNCP38812');
  await expect(page.locator('[data-testid="record-ready"] li')).toHaveAttribute('data-block', 'RNCP38812BC01');
  const r = page.locator('[data-testid="record-row"][data-item="RNCP38812BC01.4"]');
  await expect(r.locator('td').nth(0)).toHaveText('4');
  await expect(r.locator('td').nth(1)).toHaveText('2');
  await expectNoAxeViolations(page, 'record of a brought referential');
});

test('deleting it asks first and keeps the answers aside; brought again, they come back', async ({ page }) => {
  await bring(page);
  await rate(page);
  await gotoPage(page, `./#/referentiel/${ID}`);
  const del = page.getByTestId('delete-referential');
  await del.click();
  const confirm = page.getByTestId('delete-confirm');
  await expect(confirm).toHaveAttribute('role', 'alertdialog');
  await expect(confirm).toContainText('Supprimer « Responsable e-commerce » de ce navigateur ?');
  await expect(page.locator('#delete-confirm-text')).toBeFocused();
  await expect(del).toHaveAttribute('aria-expanded', 'true');
  await expectNoAxeViolations(page, 'delete confirmation');
  // « Annuler »: nothing happens, the focus goes back.
  await page.getByTestId('delete-confirm-no').click();
  await expect(confirm).toHaveCount(0);
  await expect(del).toBeFocused();
  expect(await page.evaluate((k) => localStorage.getItem(k) !== null, KEY)).toBe(true);

  await del.click();
  await page.getByTestId('delete-confirm-yes').click();
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.locator('.notice', { hasText: 'a été supprimé de ce navigateur' })).toContainText(`« ${KEY}.deleted »`);
  await expect(page.getByTestId('brought-card')).toHaveCount(0);
  const after = await page.evaluate((k) => ({ stored: localStorage.getItem(k), aside: JSON.parse(localStorage.getItem(`${k}.deleted`)) }), KEY);
  expect(after.stored).toBeNull();
  expect(Object.values(after.aside.answers)[0]).toMatchObject({ 'RNCP38812BC01.1': { level: 4 }, 'RNCP38812BC02.2': { level: 1 } });
  const dossier = await storedDossier(page);
  expect(Object.keys(dossier.items).filter((k) => k.startsWith(`${ID}/`))).toEqual([]);
  // Its page is gone; results no longer list it.
  await gotoPage(page, `./#/referentiel/${ID}`);
  await expect(page.locator('main')).toContainText(`Le référentiel « ${ID} » n'existe pas`);
  await gotoPage(page, './#/resultats');
  await expect(page.locator(`[data-testid="match-row"][data-referential="${ID}"]`)).toHaveCount(0);

  // Brought again: its page offers the answers back.
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, STORED]);
  await page.goto(`./#/referentiel/${ID}`);
  await page.reload();
  await appReady(page);
  const offer = page.getByTestId('restore-offer');
  await expect(offer).toContainText('6 réponse(s) à « Responsable e-commerce » avaient été mises de côté');
  await expectNoAxeViolations(page, 'restore offer');
  await page.getByTestId('restore-answers').click();
  await expect(offer).toHaveCount(0);
  await expect(page.locator('.notice', { hasText: 'est de retour' })).toContainText('6 réponse(s)');
  await gotoPage(page, `./#/positionnement/${ID}`);
  await expect(radio(page, 'RNCP38812BC01.1', 4)).toBeChecked();
  expect(await page.evaluate((k) => localStorage.getItem(`${k}.deleted`), KEY)).toBeNull();
});

test('a dossier with answers to it goes through export and import, into a browser without it first', async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  await bring(a);
  await rate(a);
  await gotoPage(a, './#/dossiers');
  const [download] = await Promise.all([a.waitForEvent('download'), a.getByTestId('export').click()]);
  const path = test.info().outputPath('export.json');
  await download.saveAs(path);
  expect(JSON.parse(readFileSync(path, 'utf8')).dossier.items[`${ID}/RNCP38812BC02.2`]).toEqual({ level: 1, evidence: '' });

  // A browser without the referential keeps the answers, and says what to do.
  const b = await (await browser.newContext()).newPage();
  await b.goto('./#/dossiers');
  await appReady(b);
  await b.getByTestId('import-file').setInputFiles(path);
  const ready = b.getByTestId('import-ready');
  await expect(ready).toContainText(`6 réponse(s) portent sur le référentiel « ${ID} », absent de ce navigateur`);
  await expect(ready).toContainText("Importez d'abord le fichier du référentiel");
  await b.getByRole('button', { name: 'Importer ce dossier' }).click();
  await expect(b.getByTestId('import-done')).toBeVisible();
  expect(Object.keys((await storedDossier(b)).items).filter((k) => k.startsWith(`${ID}/`))).toHaveLength(6);
  // A reload with the referential still absent keeps them too.
  await b.reload();
  await appReady(b);
  expect(Object.keys((await storedDossier(b)).items).filter((k) => k.startsWith(`${ID}/`))).toHaveLength(6);

  // Once the referential is there, they count.
  await b.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, STORED]);
  await b.goto('./#/resultats');
  await b.reload();
  await appReady(b);
  await expect(b.locator(`[data-testid="block-status"][data-block="${ID}/RNCP38812BC01"]`)).toHaveAttribute('data-ready', 'true');
  await b.goto(`./#/positionnement/${ID}`);
  await expect(radio(b, 'RNCP38812BC02.2', 1)).toBeChecked();
});
