// The cohort view: 30 generated export files (SPEC §7, seeded random answers on real ids)
// plus broken ones, loaded at once through the multi-file input; then one test per behaviour:
// sorting, filters and averages, heatmap, CSV download (BOM, ";", CRLF, decimal comma), row
// removal, drag and drop, axe-core.
import { readFileSync } from 'node:fs';
import { test, expect, REFERENTIAL_IDS, appReady, expectNoAxeViolations } from './helpers.mjs';
import { PIVOT_SKILLS, exportFiles } from '../support/data.mjs';

const BROKEN = [
  { name: 'tronque.json', mimeType: 'application/json', buffer: Buffer.from('{ "format": "repere.dossier", "version": 1, "dossier": { "id": "abc", "name": "Paul"') },
  { name: 'autre-format.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'autre.chose', version: 1, dossier: {} })) },
];

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const columnScores = (page, ref) => page.$$eval(`[data-testid="cohort-row"] [data-testid="cohort-score"][data-referential="${ref}"]`, (cs) => cs.map((c) => Number(c.dataset.score)));

async function loadGroup(page, files) {
  await page.goto('./#/groupe');
  await appReady(page);
  await page.getByTestId('cohort-files').setInputFiles(files.map(({ name, mimeType, buffer }) => ({ name, mimeType, buffer })));
  await expect(page.getByTestId('cohort-report')).toContainText(`Fichiers lus : ${files.length}.`);
}

// The group most tests load: 30 good exports with two broken files among them.
const GOOD = exportFiles(30);
const REF = 'charge-ecommerce';

async function loadThirty(page) {
  await loadGroup(page, [...GOOD.slice(0, 12), BROKEN[0], ...GOOD.slice(12), BROKEN[1]]);
  await expect(page.getByTestId('cohort-row')).toHaveCount(30);
}

const rowNames = (page) => page.getByTestId('cohort-row').evaluateAll((rs) => rs.map((r) => r.dataset.name));
const columnReadiness = (page, ref) => page.$$eval(`[data-testid="cohort-row"] [data-testid="cohort-readiness"][data-referential="${ref}"]`, (cs) => cs.map((c) => Number(c.dataset.readiness)));

/** The averages row is the mean of the cells shown (3-decimal data attributes). */
async function expectAveragesOfShownRows(page) {
  const shown = await page.getByTestId('cohort-row').count();
  await expect(page.getByTestId('cohort-average')).toHaveAttribute('data-count', String(shown));
  for (const id of REFERENTIAL_IDS) {
    for (const kind of ['score', 'readiness', 'completeness']) {
      const cells = await page.$$eval(`[data-testid="cohort-row"] [data-testid="cohort-${kind}"][data-referential="${id}"]`, (cs, a) => cs.map((c) => Number(c.dataset[a])), kind);
      const avg = Number(await page.locator(`[data-testid="cohort-average-${kind}"][data-referential="${id}"]`).getAttribute(`data-${kind}`));
      const mean = cells.reduce((s, x) => s + x, 0) / cells.length;
      expect(Math.abs(avg - mean), `${kind} average of ${id}`).toBeLessThanOrEqual(0.0011);
    }
  }
}

test('30 exported files load at once: a row each, names told apart, broken files explained, figures in [0, 1], axe', async ({ page }) => {
  await loadThirty(page);
  await expect(page.getByTestId('cohort-report')).toHaveText('Fichiers lus : 32. Candidats ajoutés : 30. Fichiers refusés : 2.');
  // One row per good file; the second « Camille » is told apart by its file name.
  const names = await rowNames(page);
  expect(names[0]).toBe('Camille');
  expect(names).toContain('Camille (repere-30.json)');
  expect(new Set(names).size).toBe(30);
  await expect(page.getByTestId('cohort-count')).toHaveText('Candidats affichés : 30 sur 30');

  // The broken files are listed with their name and the problems in French.
  await expect(page.getByTestId('cohort-error')).toHaveCount(2);
  for (const f of BROKEN) {
    const e = page.locator(`[data-testid="cohort-error"][data-file="${f.name}"]`);
    await expect(e).toContainText(f.name);
    await expect(e.locator('ul.problems li').first()).not.toBeEmpty();
  }
  await expect(page.locator('[data-testid="cohort-error"][data-file="autre-format.json"]')).toContainText('autre.chose');

  // Five profiles × (fit, readiness, completeness), every figure in [0, 1].
  const firstRow = page.getByTestId('cohort-row').first();
  for (const kind of ['score', 'readiness', 'completeness']) await expect(firstRow.getByTestId(`cohort-${kind}`)).toHaveCount(5);
  const scores = await columnScores(page, REF);
  expect(scores.filter((s) => !(s >= 0 && s <= 1)), 'scores outside [0, 1]').toEqual([]);
  expect(new Set(scores).size).toBeGreaterThan(5);
  await expectNoAxeViolations(page, 'cohort view');
});

test("sorting by a profile's fit or readiness, by name, and back to loading order; the heatmap follows", async ({ page }) => {
  await loadThirty(page);
  const names = await rowNames(page);
  const scores = await columnScores(page, REF);
  // Best first, then reversed; ties keep loading order.
  const sortButton = page.locator(`[data-testid="cohort-sort"][data-sort="score"][data-referential="${REF}"]`);
  const sortOf = (button) => page.locator('th', { has: button });
  await sortButton.click();
  await expect(sortOf(sortButton)).toHaveAttribute('aria-sort', 'descending');
  expect(await columnScores(page, REF)).toEqual([...scores].sort((a, b) => b - a));
  await sortButton.click();
  await expect(sortOf(sortButton)).toHaveAttribute('aria-sort', 'ascending');
  expect(await columnScores(page, REF)).toEqual([...scores].sort((a, b) => a - b));
  // Readiness, the other figure of the same profile: best first.
  const readinessButton = page.locator(`[data-testid="cohort-sort"][data-sort="readiness"][data-referential="${REF}"]`);
  await readinessButton.click();
  await expect(sortOf(readinessButton)).toHaveAttribute('aria-sort', 'descending');
  const byReadiness = await columnReadiness(page, REF);
  expect(byReadiness).toEqual([...byReadiness].sort((a, b) => b - a));
  expect(new Set(byReadiness).size).toBeGreaterThan(5);
  // Back to the fit: best first again.
  await sortButton.click();
  await expect(sortOf(sortButton)).toHaveAttribute('aria-sort', 'descending');
  await sortButton.click();
  await expect(sortOf(sortButton)).toHaveAttribute('aria-sort', 'ascending');
  // The heatmap follows the same order.
  const tableOrder = await rowNames(page);
  expect(await page.getByTestId('heatmap-row').evaluateAll((rs) => rs.map((r) => r.dataset.name))).toEqual(tableOrder);
  // By name, accents ignored.
  await page.locator('[data-testid="cohort-sort"][data-sort="name"]').click();
  expect(await rowNames(page)).toEqual([...names].sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0)));
  await page.getByTestId('cohort-reset-sort').click();
  expect(await rowNames(page)).toEqual(names);
});

test('the averages are those of the rows shown: all, then a name filter, then a minimum fit on a profile', async ({ page }) => {
  await loadThirty(page);
  const rows = page.getByTestId('cohort-row');
  const names = await rowNames(page);
  await expectAveragesOfShownRows(page);
  // Name filter: accents and case ignored.
  await page.getByTestId('cohort-filter-name').fill('CAM');
  await expect(rows).toHaveCount(names.filter((n) => fold(n).includes('cam')).length);
  await expect(rows).toHaveCount(2);
  await expectAveragesOfShownRows(page);
  await page.getByTestId('cohort-filter-name').fill('elo');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-name', 'Élodie');
  await page.getByTestId('cohort-filter-name').fill('');
  await expect(rows).toHaveCount(30);

  // Minimum fit on a chosen profile.
  const scores = await columnScores(page, REF);
  await page.getByTestId('cohort-filter-profile').selectOption({ index: REFERENTIAL_IDS.indexOf(REF) });
  const minimum = Math.floor([...scores].sort((a, b) => a - b)[15] * 100);
  await page.getByTestId('cohort-filter-min').fill(String(minimum));
  await expect(rows).toHaveCount(scores.filter((s) => s >= minimum / 100).length);
  expect((await columnScores(page, REF)).filter((s) => s < minimum / 100), 'scores kept under the minimum').toEqual([]);
  await expectAveragesOfShownRows(page);
  await page.getByTestId('cohort-filter-min').fill('');
  await expect(rows).toHaveCount(30);
});

test('the heatmap: a cell per candidate and pivot skill with its level printed, headers from pivots.json', async ({ page }) => {
  await loadThirty(page);
  const heat = page.getByTestId('cohort-heatmap');
  await expect(heat.locator('thead th.cohort-pivot-head')).toHaveText(PIVOT_SKILLS.map((s) => s.label.fr));
  await expect(page.getByTestId('heatmap-row')).toHaveCount(30);
  const cells = await page.getByTestId('heatmap-row').evaluateAll((rs) => rs.map((r) => [...r.querySelectorAll('td')].map((td) => [td.dataset.level ?? null, td.textContent.trim(), td.className])));
  expect(cells.map((r) => r.length)).toEqual(cells.map(() => 28));
  for (const row of cells) {
    for (const [level, text, cls] of row) {
      if (level === null) expect(text).toMatch(/^–/);
      else { expect(text).toBe(level); expect(cls).toContain(`lvl-${level}`); }
    }
  }
  // A quick-diagnostic answer is the pivot's level.
  const k0 = GOOD.findIndex((f) => Object.keys(f.dossier.quick).length > 0);
  for (const [pivot, level] of Object.entries(GOOD[k0].dossier.quick)) {
    expect(cells[k0][PIVOT_SKILLS.findIndex((s) => s.id === pivot)][0]).toBe(String(level));
  }
});

test('the CSV download: BOM, ";", CRLF, a record per candidate, decimal comma, official codes in the headers', async ({ page }) => {
  await loadThirty(page);
  const scores = await columnScores(page, REF);
  const readiness = await columnReadiness(page, REF);
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('cohort-csv').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^repere-groupe-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  expect(text.slice(-2), 'the CSV ends with CRLF').toBe('\r\n');
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = text.slice(0, -2).split('\r\n');
  expect(lines).toHaveLength(31);
  const header = lines[0].split(';');
  // Per profile: fit, readiness, completeness; per block (3 in 003, 5 in 004): readiness, ready.
  expect(header.length).toBe(2 + 3 * 5 + 2 * (3 + 5) + 28);
  expect(header[0]).toBe('Candidat');
  expect(lines.map((l) => l.split(';').length)).toEqual(lines.map(() => header.length));
  const first = lines[1].split(';');
  expect(first[0]).toBe('Camille');
  expect(first[1]).toBe('repere-1.json');
  const column = (h) => header.indexOf(h);
  // The profile's official codes follow its name (ROME E1103 for 001, RNCP 19357 for 004).
  const fitColumn = column('Chargé(e) du e-commerce (ROME E1103) — correspondance (%)');
  expect(fitColumn).toBeGreaterThan(1);
  expect(header[fitColumn + 1]).toBe('Chargé(e) du e-commerce (ROME E1103) — part des attendus atteints (%)');
  expect(first[fitColumn]).toMatch(/^\d{1,3},\d$/);
  expect(Number(first[fitColumn].replace(',', '.'))).toBeCloseTo(scores[0] * 100, 0);
  expect(Number(first[fitColumn + 1].replace(',', '.'))).toBeCloseTo(readiness[0] * 100, 0);
  const animateur = 'Animateur e-commerce (RNCP 19357, ROME M1707, ROME M1706, ROME E1101, ROME E1104, ROME D1401)';
  for (const block of ['BC01', 'BC02', 'BC03', 'BC04', 'BC05']) {
    const c = column(`${animateur} — ${block} — part des attendus atteints (%)`);
    expect(c, block).toBeGreaterThan(1);
    expect(header[c + 1]).toBe(`${animateur} — ${block} — bloc prêt`);
    for (const l of lines.slice(1)) {
      const f = l.split(';');
      expect(f[c]).toMatch(/^\d{1,3},\d$/);
      expect(['oui', 'non']).toContain(f[c + 1]);
    }
  }
  expect(column('CHARGÉ.E DU DÉVELOPPEMENT COMMERCIAL — BC03 — bloc prêt')).toBeGreaterThan(1);
});

test('a row can be removed: the heatmap and the averages follow, focus stays on a remove button', async ({ page }) => {
  await loadThirty(page);
  await page.getByRole('button', { name: 'Retirer Hugo du groupe' }).click();
  await expect(page.getByTestId('cohort-row')).toHaveCount(29);
  await expect(page.getByTestId('heatmap-row')).toHaveCount(29);
  await expect(page.locator('[data-testid="cohort-row"][data-name="Hugo"]')).toHaveCount(0);
  await expect(page.locator(':focus')).toHaveAttribute('data-testid', 'cohort-remove');
  await expectAveragesOfShownRows(page);
});

test('files dropped on the drop zone are added; the same export twice is refused', async ({ page }) => {
  const files = exportFiles(3, 7);
  await loadGroup(page, files.slice(0, 2));
  await expect(page.getByTestId('cohort-row')).toHaveCount(2);
  const payload = [files[2], files[0]].map((f) => ({ name: f.name, text: f.buffer.toString('utf8') }));
  await page.getByTestId('cohort-drop').evaluate((zone, list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'application/json' }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
  await expect(page.getByTestId('cohort-row')).toHaveCount(3);
  await expect(page.getByTestId('cohort-report')).toHaveText('Fichiers lus : 2. Candidats ajoutés : 1. Fichiers refusés : 1.');
  await expect(page.locator(`[data-testid="cohort-error"][data-file="${files[0].name}"]`)).toContainText('déjà dans le groupe');
  // Emptying the group asks first.
  await page.getByTestId('cohort-clear').click();
  await page.getByTestId('cohort-clear-yes').click();
  await expect(page.getByTestId('cohort-row')).toHaveCount(0);
  await expect(page.getByTestId('cohort-empty')).toBeVisible();
});
