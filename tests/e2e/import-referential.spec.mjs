// SPEC §13: a trainer brings a referential. From the RNCP export (tests/fixtures/rncp/, invented
// fiches in the flux 4.1 format) to a fiche (scan progress, search, inactive fiches shown, stop),
// the editor (merge, split, reword, delete, add, paste, reorder, targets, weights, pivots), the
// save (asked before replacing) and the referential's page; a referential file; bad files get
// the core's French messages and store nothing; the scan of a multi-MB export never blocks the
// main thread long; axe on every stage, at 390 px too.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, appReady, expectNoAxeViolations, gotoPage } from './helpers.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/rncp/${name}`, import.meta.url));
// The export carries its date in its name (data.gouv.fr's files do).
const EXPORT = { name: 'export-fiches-rncp-v4-1-2025-06-03.xml', mimeType: 'text/xml', buffer: fixture('export-extrait.xml') };
const PROBLEMS = { name: 'fiches-a-probleme.xml', mimeType: 'text/xml', buffer: fixture('fiches-a-probleme.xml') };
const xmlFile = (name, text) => ({ name, mimeType: 'text/xml', buffer: Buffer.from(text) });

const storedReferentials = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('.referential.')));
const option = (page, number) => page.locator(`[data-testid="fiche-option"][data-fiche="${number}"]`);
const item = (page, id) => page.locator(`[data-testid="draft-item"][data-item="${id}"]`);
const itemIds = (page, block) => page.locator(`[data-testid="draft-block"][data-block="${block}"] [data-testid="draft-item"]`)
  .evaluateAll((els) => els.map((e) => e.dataset.item));
const editCount = (page) => page.getByTestId('edit-count').getAttribute('data-count').then(Number);

async function openImport(page) {
  await page.goto('./#/referentiels/importer');
  await appReady(page);
  await expect(page.locator('main h1')).toHaveText('Importer un référentiel');
}

async function scanExport(page, file = EXPORT) {
  await page.getByTestId('referential-import').setInputFiles(file);
  await expect(page.getByTestId('scan-progress')).toHaveAttribute('data-state', 'done');
}

async function chooseFiche(page, number) {
  await option(page, number).click();
  await expect(page.getByTestId('referential-draft')).toHaveAttribute('data-fiche', number);
}

test('the home page and the cohort page lead to the import page', async ({ page }) => {
  await page.goto('./');
  await appReady(page);
  await page.getByTestId('home-import').click();
  await expect(page.locator('main h1')).toHaveText('Importer un référentiel');
  await gotoPage(page, './#/groupe');
  await page.getByTestId('cohort-import').click();
  await expect(page.locator('main h1')).toHaveText('Importer un référentiel');
});

test('from the export to a fiche: progress, search, inactive fiches, then the fiche read in full', async ({ page }) => {
  await openImport(page);
  await expectNoAxeViolations(page, 'import page');
  await scanExport(page);
  await expect(page.getByTestId('scan-status')).toHaveText('Lecture terminée : 5 fiches, dont 4 actives.');
  await expect(page.getByTestId('scan-counts')).toContainText('5 fiches trouvées');
  await expect(page.locator('#scan-bar')).toHaveJSProperty('value', EXPORT.buffer.length);
  await expect(page.getByTestId('fiche-option')).toHaveCount(5);
  // The inactive fiche is listed, and says so.
  await expect(option(page, 'RNCP29210')).toHaveAttribute('data-active', 'false');
  await expect(option(page, 'RNCP29210')).toContainText('inactive');
  await expect(option(page, 'RNCP38812')).toContainText('active');
  await expectNoAxeViolations(page, 'fiche list');

  // Search by title (accents and case ignored) or number; active fiches only.
  const search = page.getByTestId('fiche-search');
  await search.fill('ELECTRONIQUE');
  await expect(page.getByTestId('fiche-option')).toHaveCount(1);
  await expect(option(page, 'RNCP29210')).toBeVisible();
  await search.fill('commerce');
  await expect(page.getByTestId('fiche-option')).toHaveCount(2);
  await page.getByTestId('fiche-active-only').check();
  await expect(page.getByTestId('fiche-option')).toHaveCount(1);
  await expect(option(page, 'RNCP38812')).toBeVisible();
  await page.getByTestId('fiche-active-only').uncheck();
  await search.fill('rncp 34950');
  await expect(page.getByTestId('fiche-option')).toHaveCount(1);
  await search.fill('');
  await expect(page.getByTestId('fiche-option')).toHaveCount(5);

  // The fiche chosen: each block's raw list beside its default split.
  await chooseFiche(page, 'RNCP38812');
  // The list stays behind the draft (« Choisir une autre fiche » brings it back), out of sight.
  await expect(page.getByTestId('fiche-option').first()).toBeHidden();
  await expect(page.getByTestId('draft-block')).toHaveCount(4);
  const first = page.locator('[data-testid="draft-block"][data-block="RNCP38812BC01"]');
  await expect(first.getByTestId('block-raw')).toContainText("- Réaliser une veille concurrentielle et technologique sur le commerce en ligne  - Analyser le marché");
  expect(await itemIds(page, 'RNCP38812BC01')).toEqual(['RNCP38812BC01.1', 'RNCP38812BC01.2', 'RNCP38812BC01.3', 'RNCP38812BC01.4']);
  await expect(item(page, 'RNCP38812BC01.2').getByTestId('item-text')).toHaveValue("Analyser le marché, les cibles et le parcours d'achat des clients");
  await expect(page.getByTestId('draft-block').first()).toHaveAttribute('data-doubtful', 'false');

  // Back to the list: the search is where it was.
  await page.getByTestId('back-to-fiches').click();
  await expect(page.getByTestId('fiche-option')).toHaveCount(5);
});

test('editing the split, targets, weights and pivots, then saving opens the referential', async ({ page }) => {
  test.slow();
  await openImport(page);
  await scanExport(page);
  await chooseFiche(page, 'RNCP38812');
  const b1 = 'RNCP38812BC01';

  // Reword: the text as typed, whitespace folded; recorded.
  const reworded = 'Réaliser une veille concurrentielle, technologique et réglementaire';
  await item(page, `${b1}.1`).getByTestId('item-text').fill(reworded);
  await item(page, `${b1}.1`).getByTestId('item-text').blur();
  await expect.poll(() => editCount(page)).toBe(1);

  // Split at the caret: after « Analyser le marché, » the rest becomes the block's next item.
  const split = item(page, `${b1}.2`).getByTestId('item-text');
  await split.evaluate((t) => { t.focus(); t.setSelectionRange(20, 20); });
  await item(page, `${b1}.2`).getByTestId('item-split').click();
  await expect(item(page, `${b1}.5`).getByTestId('item-text')).toHaveValue("les cibles et le parcours d'achat des clients");
  await expect(split).toHaveValue('Analyser le marché,');
  await expect(item(page, `${b1}.5`).getByTestId('item-text')).toBeFocused();
  expect(await itemIds(page, b1)).toEqual([`${b1}.1`, `${b1}.2`, `${b1}.5`, `${b1}.3`, `${b1}.4`]);

  // Merge it back with the item before it.
  await item(page, `${b1}.2`).getByTestId('item-merge').click();
  await expect(item(page, `${b1}.5`)).toHaveCount(0);
  await expect(split).toHaveValue("Analyser le marché, les cibles et le parcours d'achat des clients");

  // Delete, add, reorder (by keyboard: the focus stays on the item moved).
  await item(page, `${b1}.4`).getByTestId('item-delete').click();
  await expect(item(page, `${b1}.4`)).toHaveCount(0);
  // The focus goes to the item before the last one deleted (once the row is gone): typing
  // elsewhere before it has moved would land in that item.
  await expect(item(page, `${b1}.3`).getByTestId('item-text')).toBeFocused();
  const block = page.locator(`[data-testid="draft-block"][data-block="${b1}"]`);
  await block.getByTestId('add-item-text').fill('Piloter la rentabilité du canal de vente en ligne');
  await block.getByTestId('add-item').click();
  await expect(item(page, `${b1}.6`).getByTestId('item-text')).toHaveValue('Piloter la rentabilité du canal de vente en ligne');
  await item(page, `${b1}.6`).getByTestId('item-up').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => itemIds(page, b1)).toEqual([`${b1}.1`, `${b1}.2`, `${b1}.6`, `${b1}.3`]);
  await expect(item(page, `${b1}.6`).getByTestId('item-up')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => itemIds(page, b1)).toEqual([`${b1}.1`, `${b1}.6`, `${b1}.2`, `${b1}.3`]);

  // A pasted list goes through the fiche's split.
  const b4 = page.locator('[data-testid="draft-block"][data-block="RNCP38812BC04"]');
  await b4.locator('details.draft-paste summary').click();
  await b4.getByTestId('paste-text').fill('- Recruter et intégrer les collaborateurs  - Conduire les entretiens annuels\n- Gérer les conflits');
  await b4.getByTestId('paste-items').click();
  expect(await itemIds(page, 'RNCP38812BC04')).toEqual(['RNCP38812BC04.1', 'RNCP38812BC04.2', 'RNCP38812BC04.3', 'RNCP38812BC04.4', 'RNCP38812BC04.5']);
  await expect(item(page, 'RNCP38812BC04.4').getByTestId('item-text')).toHaveValue('Conduire les entretiens annuels');
  await b4.getByTestId('paste-text').fill(' - ; * ');
  await b4.getByTestId('paste-items').click();
  await expect(b4.getByTestId('paste-error')).toHaveText('Le texte collé ne contient aucune compétence.');

  // Block title, target, weight.
  await block.locator('input[type="text"]').first().fill('Élaborer la stratégie de vente en ligne');
  await block.locator('input[type="text"]').first().blur();
  await expect(block.locator('h3')).toContainText('Élaborer la stratégie de vente en ligne');
  await item(page, `${b1}.1`).getByTestId('item-target').selectOption('4');
  await item(page, `${b1}.1`).getByTestId('item-weight').fill('2');
  await item(page, `${b1}.1`).getByTestId('item-weight').blur();
  await item(page, `${b1}.3`).getByTestId('item-weight').fill('0');
  await item(page, `${b1}.3`).getByTestId('item-weight').blur();
  await expect(item(page, `${b1}.3`).getByTestId('item-weight')).toHaveValue('1');

  // Pivots: suggestions with their reason; the trainer ticks one, adds another, or keeps them all.
  const veille = item(page, `${b1}.1`);
  await expect(veille.locator('[data-testid="pivot-option"][data-suggested="true"]').first()).toBeAttached();
  await expect(veille.locator('[data-testid="pivot-option"][data-pivot="veille"]')).toHaveAttribute('data-suggested', 'true');
  await expect(veille.getByTestId('pivot-reason').first()).toContainText(/proche de « .+ »|mots en commun/);
  await veille.locator('[data-testid="pivot-option"][data-pivot="veille"]').check();
  await expect(veille.getByTestId('pivot-choice')).toHaveAttribute('data-chosen', 'veille');
  await veille.getByTestId('pivot-add').selectOption('analyse-synthese');
  await expect(veille.getByTestId('pivot-choice')).toHaveAttribute('data-chosen', 'veille analyse-synthese');
  await veille.locator('[data-testid="pivot-option"][data-pivot="analyse-synthese"]').uncheck();
  await expect(veille.getByTestId('pivot-choice')).toHaveAttribute('data-chosen', 'veille');
  await page.getByTestId('confirm-all-pivots').click();
  await expect(page.getByTestId('items-without-pivots')).toHaveAttribute('data-count', '0');
  await expect(veille.getByTestId('pivot-choice')).toHaveAttribute('data-chosen', 'veille');
  await expectNoAxeViolations(page, 'the editor');

  // Saved: the referential's page opens; the stored file records the edits.
  await page.getByTestId('referential-save').click();
  await expect(page).toHaveURL(/#\/referentiel\/rncp38812$/);
  await expect(page.locator('main h1')).toContainText('Responsable e-commerce');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('repere.default.referential.rncp38812')));
  const file = stored.referential;
  expect(file.id).toBe('rncp38812');
  expect(file.provenance.export_date).toBe('2025-06-03');
  const ops = file.provenance.edits.map((e) => e.op);
  for (const op of ['reword', 'split', 'merge', 'delete', 'add', 'move', 'retitle', 'target', 'weight', 'pivots']) expect(ops).toContain(op);
  const g1 = file.groups.find((g) => g.id === b1);
  expect(g1.items.map((i) => i.id)).toEqual([`${b1}.1`, `${b1}.6`, `${b1}.2`, `${b1}.3`]);
  expect(g1.items[0]).toMatchObject({ text: reworded, target: 4, weight: 2, pivots: ['veille'] });
  expect(file.blocks.find((b) => b.id === b1).title).toBe('Élaborer la stratégie de vente en ligne');
});

test('saving a fiche again asks before replacing the stored one', async ({ page }) => {
  await openImport(page);
  await scanExport(page);
  await chooseFiche(page, 'RNCP36190');
  await page.getByTestId('referential-save').click();
  await expect(page).toHaveURL(/#\/referentiel\/rncp36190$/);
  const first = await page.evaluate(() => localStorage.getItem('repere.default.referential.rncp36190'));

  await gotoPage(page, './#/referentiels/importer');
  await scanExport(page);
  await chooseFiche(page, 'RNCP36190');
  const b = await page.getByTestId('draft-item').first().getAttribute('data-item');
  await item(page, b).getByTestId('item-target').selectOption('2');
  await page.getByTestId('referential-save').click();
  await expect(page.getByTestId('referential-replace')).toContainText('« Community manager » (rncp36190) est déjà enregistré');
  await expectNoAxeViolations(page, 'replace question');
  await page.getByTestId('referential-replace').getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByTestId('referential-replace')).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('repere.default.referential.rncp36190'))).toBe(first);
  await page.getByTestId('referential-save').click();
  await page.getByTestId('referential-replace-yes').click();
  await expect(page).toHaveURL(/#\/referentiel\/rncp36190$/);
  const replaced = await page.evaluate(() => JSON.parse(localStorage.getItem('repere.default.referential.rncp36190')));
  expect(replaced.referential.groups[0].items[0].target).toBe(2);
});

test('a referential file (repere.referential JSON) is read and saved under its own id', async ({ page }) => {
  await openImport(page);
  await scanExport(page);
  await chooseFiche(page, 'RNCP36190');
  await page.getByTestId('referential-save').click();
  await expect(page).toHaveURL(/#\/referentiel\/rncp36190$/);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('repere.default.referential.rncp36190')));
  const file = { ...stored.referential, id: 'webmaster-maison', title: 'Webmaster (version de l’organisme)' };

  await gotoPage(page, './#/referentiels/importer');
  await page.getByTestId('referential-import').setInputFiles({ name: 'webmaster-maison.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByTestId('referential-file')).toContainText('Webmaster (version de l’organisme)');
  await expect(page.getByTestId('referential-file')).toContainText('Identifiant webmaster-maison');
  await page.getByTestId('referential-save').click();
  await expect(page).toHaveURL(/#\/referentiel\/webmaster-maison$/);
  await expect(page.locator('main h1')).toContainText('Webmaster (version de l’organisme)');
});

test('bad files: the core\'s message in French, nothing stored', async ({ page }) => {
  test.slow();
  await openImport(page);
  const error = page.getByTestId('referential-import-error');
  const cases = [
    [{ name: 'fiches.csv', mimeType: 'text/csv', buffer: Buffer.from('numero;intitule\nRNCP1;Titre\n') }, "Ce fichier n'est ni un export du RNCP (XML) ni un référentiel Repère (JSON) : il commence par « numero;intitule »."],
    [xmlFile('page.xml', '<?xml version="1.0"?><html><body>Bonjour</body></html>'), "Ce fichier XML n'est pas un export du RNCP : son élément principal est « html » au lieu de « FICHES »."],
    [xmlFile('coupe.xml', EXPORT.buffer.toString('utf8').slice(0, 5000)), "Le fichier s'arrête au milieu de la fiche RNCP36190 : il est incomplet"],
    [xmlFile('vide.xml', ''), 'Le fichier est vide : il ne contient ni fiche du RNCP ni référentiel.'],
    [{ name: 'autre.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"repere.dossier","version":1}') }, "Ce fichier n'est pas un référentiel Repère : son format est « repere.dossier » au lieu de « repere.referential »."],
    [{ name: 'casse.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"repere.referential",') }, "Le fichier s'arrête avant la fin des données"],
  ];
  for (const [file, message] of cases) {
    await page.getByTestId('referential-import').setInputFiles(file);
    await expect(error, file.name).toContainText(message);
    await expect(error).toContainText("Ce fichier ne peut pas être utilisé ; rien n'a été enregistré.");
  }
  await expectNoAxeViolations(page, 'a bad file');

  // A fiche without block, named; the fiches of the export with problems.
  const noBlock = '<?xml version="1.0"?><FICHES><FICHE><NUMERO_FICHE>RNCP40404</NUMERO_FICHE><INTITULE>Fiche sans bloc</INTITULE><ACTIF>Oui</ACTIF></FICHE></FICHES>';
  await scanExport(page, xmlFile('sans-bloc.xml', noBlock));
  await option(page, 'RNCP40404').click();
  await expect(error).toContainText('La fiche RNCP40404 (« Fiche sans bloc ») ne contient aucun bloc de compétences');
  await expect(page.getByTestId('referential-draft')).toHaveCount(0);

  await scanExport(page, PROBLEMS);
  await expect(page.getByTestId('scan-warnings')).toContainText('2 fiche(s) laissée(s) de côté');
  await page.getByTestId('scan-warnings').locator('summary').click();
  await expect(page.getByTestId('scan-warnings')).toContainText("La fiche n° 3 de l'export (« Fiche sans numéro ») n'a pas de numéro RNCP");
  await expect(page.getByTestId('scan-warnings')).toContainText('« RS5678 », qui n\'est pas un numéro RNCP');
  await option(page, 'RNCP31111').click();
  await expect(error).toContainText('La fiche RNCP31111 donne le même code RNCP31111BC01 à deux blocs de compétences');

  // Empty lists: the fiche opens with what to check, and cannot be saved until fixed.
  await option(page, 'RNCP32222').click();
  await expect(page.getByTestId('draft-warnings')).toContainText('Fiche RNCP32222, bloc RNCP32222BC01 : la liste de compétences est vide.');
  await expect(page.locator('[data-testid="draft-block"][data-block="RNCP32222BC03"]')).toHaveAttribute('data-doubtful', 'true');
  await expect(page.locator('[data-testid="draft-block"][data-block="RNCP32222BC03"] [data-testid="block-doubt"]')).toContainText('une seule compétence');
  await page.getByTestId('referential-save').click();
  const saveError = page.getByTestId('referential-save-error');
  await expect(saveError).toContainText('Fiche RNCP32222, bloc RNCP32222BC01 « Gérer le catalogue » : aucune compétence.');
  await expect(saveError).toContainText('Fiche RNCP32222, bloc RNCP32222BC02 « Expédier les commandes » : aucune compétence.');
  await expectNoAxeViolations(page, 'a draft that cannot be saved');
  expect(await storedReferentials(page)).toEqual([]);

  // Fixed by deleting the empty blocks: saved.
  for (const b of ['RNCP32222BC01', 'RNCP32222BC02']) {
    const block = page.locator(`[data-testid="draft-block"][data-block="${b}"]`);
    await block.getByTestId('delete-block').click();
    await block.getByTestId('delete-block-yes').click();
    await expect(block).toHaveCount(0);
  }
  await page.getByTestId('referential-save').click();
  await expect(page).toHaveURL(/#\/referentiel\/rncp32222$/);
  expect(await storedReferentials(page)).toEqual(['repere.default.referential.rncp32222']);
});

/** An export of about `mb` MB (the fixtures' fiches renumbered, bench/rncp-synthetic.mjs). */
function syntheticExport(mb) {
  const dir = mkdtempSync(join(tmpdir(), 'repere-rncp-'));
  const path = join(dir, `export-${mb}mo.xml`);
  execFileSync(process.execPath, [new URL('../../bench/rncp-synthetic.mjs', import.meta.url).pathname, path, String(mb)]);
  return path;
}

/** Holds the scan after its first `slices` slices (the Blobs cut from the File; the File itself
 * is read freely) until `window.__releaseScan()`: a fast machine reads an export of tens of MB
 * before a click can land, so a test that stops a scan must hold it first. */
function holdScanAfter(page, slices) {
  return page.addInitScript((n) => {
    const read = Blob.prototype.arrayBuffer;
    let served = 0;
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    window.__releaseScan = () => release();
    window.__scanHeld = () => served > n;
    Blob.prototype.arrayBuffer = function arrayBuffer() {
      if (this instanceof File || ++served <= n) return read.call(this);
      return held.then(() => read.call(this));
    };
  }, slices);
}

test('a long export: the list grows while it is read, the trainer can stop it and search what was found', async ({ page }) => {
  test.slow();
  const path = syntheticExport(8);
  await holdScanAfter(page, 2);
  await openImport(page);
  await page.getByTestId('referential-import').setInputFiles(path);
  await expect.poll(() => page.evaluate(() => window.__scanHeld())).toBe(true);
  await expect(page.getByTestId('scan-progress')).toHaveAttribute('data-state', 'running');
  await expect.poll(() => page.getByTestId('fiche-option').count()).toBeGreaterThan(10);
  await page.getByTestId('scan-stop').click();
  await page.evaluate(() => window.__releaseScan());
  await expect(page.getByTestId('scan-progress')).toHaveAttribute('data-state', 'stopped');
  await expect(page.getByTestId('scan-status')).toContainText('Lecture arrêtée');
  const read = await page.locator('#scan-bar').evaluate((p) => [p.value, p.max]);
  expect(read[0]).toBeLessThan(read[1]);
  // RNCP100001 is the second fiche of the extract renumbered (RNCP100003, its blockless fiche).
  await page.getByTestId('fiche-search').fill('RNCP100001');
  await expect(page.locator('[data-testid="fiche-option"][data-fiche="RNCP100001"]')).toHaveCount(1);
  await chooseFiche(page, 'RNCP100001');
  await expect(page.getByTestId('draft-block').first()).toBeVisible();
});

// The scan yields to the event loop after each 1 MiB slice (a few tens of ms of parsing), so no
// task of the main thread should come near SPEC §13's 200 ms. This checks that behaviour with
// the Long Tasks API (tasks over 50 ms are reported): the threshold is the spec's, generous for
// a slice, and the test says nothing of speed (`make bench` measures it).
test('scanning a multi-MB export never blocks the main thread for 200 ms', async ({ page }) => {
  test.slow();
  const path = syntheticExport(24);
  await openImport(page);
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
  const start = await page.evaluate(() => performance.now());
  await page.getByTestId('referential-import').setInputFiles(path);
  await expect(page.getByTestId('scan-progress')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const found = await page.getByTestId('scan-counts').textContent();
  expect(found).toMatch(/[1-9]\d{3,} fiches trouvées/);
  const tasks = await page.evaluate((t0) => window.__longTasks.filter((t) => t.start >= t0), start);
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  expect(longest, `long tasks during the scan: ${JSON.stringify(tasks)}`).toBeLessThan(200);
});

test('at 390 px: no sideways scroll, axe clean, every control reachable', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await openImport(page);
  await scanExport(page);
  await chooseFiche(page, 'RNCP34950');
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(width[0]).toBeLessThanOrEqual(width[1]);
  await expectNoAxeViolations(page, 'the editor at 390 px');
  await expect(page.getByTestId('referential-save')).toBeVisible();
});
