// The cohort view: 30 generated export files (SPEC §7, seeded random answers on real ids)
// plus broken ones, loaded at once through the multi-file input; sorting, filters, averages,
// heatmap, CSV download (BOM, ";", CRLF, decimal comma), row removal, drag and drop, axe-core.
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

test('30 exported files load at once: table, sorting, filters, averages, heatmap, CSV, axe', async ({ page }) => {
  const good = exportFiles(30);
  await loadGroup(page, [...good.slice(0, 12), BROKEN[0], ...good.slice(12), BROKEN[1]]);
  await expect(page.getByTestId('cohort-report')).toHaveText('Fichiers lus : 32. Candidats ajoutés : 30. Fichiers refusés : 2.');

  // 30 rows, one per good file; the second « Camille » is told apart by its file name.
  const rows = page.getByTestId('cohort-row');
  await expect(rows).toHaveCount(30);
  const names = await rows.evaluateAll((rs) => rs.map((r) => r.dataset.name));
  expect(names[0]).toBe('Camille');
  expect(names).toContain('Camille (repere-30.json)');
  expect(new Set(names).size).toBe(30);
  await expect(page.getByTestId('cohort-count')).toHaveText('Candidats affichés : 30 sur 30');

  // The broken files are listed with their name and the problems in French.
  const errors = page.getByTestId('cohort-error');
  await expect(errors).toHaveCount(2);
  for (const f of BROKEN) {
    const e = page.locator(`[data-testid="cohort-error"][data-file="${f.name}"]`);
    await expect(e).toContainText(f.name);
    await expect(e.locator('ul.problems li').first()).not.toBeEmpty();
  }
  await expect(page.locator('[data-testid="cohort-error"][data-file="autre-format.json"]')).toContainText('autre.chose');

  // Five profiles × (fit, readiness, completeness), every figure in [0, 1].
  const firstRow = rows.first();
  await expect(firstRow.getByTestId('cohort-score')).toHaveCount(5);
  await expect(firstRow.getByTestId('cohort-readiness')).toHaveCount(5);
  await expect(firstRow.getByTestId('cohort-completeness')).toHaveCount(5);
  const ref = 'charge-ecommerce';
  const scores = await columnScores(page, ref);
  expect(scores.every((s) => s >= 0 && s <= 1)).toBeTruthy();
  expect(new Set(scores).size).toBeGreaterThan(5);

  // Sorting by a profile's score: best first, then reversed; ties keep loading order.
  const sortButton = page.locator(`[data-testid="cohort-sort"][data-sort="score"][data-referential="${ref}"]`);
  await sortButton.click();
  await expect(page.locator('th', { has: sortButton })).toHaveAttribute('aria-sort', 'descending');
  const desc = await columnScores(page, ref);
  expect(desc).toEqual([...scores].sort((a, b) => b - a));
  await sortButton.click();
  await expect(page.locator('th', { has: sortButton })).toHaveAttribute('aria-sort', 'ascending');
  expect(await columnScores(page, ref)).toEqual([...scores].sort((a, b) => a - b));
  // Sorting by readiness, the other figure of the same profile: best first.
  const readinessButton = page.locator(`[data-testid="cohort-sort"][data-sort="readiness"][data-referential="${ref}"]`);
  await readinessButton.click();
  await expect(page.locator('th', { has: readinessButton })).toHaveAttribute('aria-sort', 'descending');
  const byReadiness = await page.$$eval(`[data-testid="cohort-row"] [data-testid="cohort-readiness"][data-referential="${ref}"]`, (cs) => cs.map((c) => Number(c.dataset.readiness)));
  expect(byReadiness).toEqual([...byReadiness].sort((a, b) => b - a));
  expect(new Set(byReadiness).size).toBeGreaterThan(5);
  await sortButton.click();
  await expect(page.locator('th', { has: sortButton })).toHaveAttribute('aria-sort', 'descending');
  await sortButton.click();
  await expect(page.locator('th', { has: sortButton })).toHaveAttribute('aria-sort', 'ascending');
  // The heatmap follows the same order.
  const tableOrder = await rows.evaluateAll((rs) => rs.map((r) => r.dataset.name));
  expect(await page.getByTestId('heatmap-row').evaluateAll((rs) => rs.map((r) => r.dataset.name))).toEqual(tableOrder);
  // Sorting by name (accents ignored).
  await page.locator('[data-testid="cohort-sort"][data-sort="name"]').click();
  const byName = await rows.evaluateAll((rs) => rs.map((r) => r.dataset.name));
  expect(byName).toEqual([...names].sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0)));
  await page.getByTestId('cohort-reset-sort').click();
  expect(await rows.evaluateAll((rs) => rs.map((r) => r.dataset.name))).toEqual(names);

  // The averages row is the mean of the cells shown (3-decimal data attributes).
  async function checkAverages() {
    const shown = await rows.count();
    await expect(page.getByTestId('cohort-average')).toHaveAttribute('data-count', String(shown));
    for (const id of REFERENTIAL_IDS) {
      for (const [kind, attr] of [['score', 'score'], ['readiness', 'readiness'], ['completeness', 'completeness']]) {
        const cells = await page.$$eval(`[data-testid="cohort-row"] [data-testid="cohort-${kind}"][data-referential="${id}"]`, (cs, a) => cs.map((c) => Number(c.dataset[a])), attr);
        const avg = Number(await page.locator(`[data-testid="cohort-average-${kind}"][data-referential="${id}"]`).getAttribute(`data-${attr}`));
        const mean = cells.reduce((s, x) => s + x, 0) / cells.length;
        expect(Math.abs(avg - mean), `${kind} average of ${id}`).toBeLessThanOrEqual(0.0011);
      }
    }
  }
  await checkAverages();

  // Name filter: accents and case ignored; the averages follow the filter.
  await page.getByTestId('cohort-filter-name').fill('CAM');
  await expect(rows).toHaveCount(names.filter((n) => fold(n).includes('cam')).length);
  await expect(rows).toHaveCount(2);
  await checkAverages();
  await page.getByTestId('cohort-filter-name').fill('elo');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-name', 'Élodie');
  await page.getByTestId('cohort-filter-name').fill('');
  await expect(rows).toHaveCount(30);

  // Minimum score on a chosen profile.
  await page.getByTestId('cohort-filter-profile').selectOption({ index: REFERENTIAL_IDS.indexOf(ref) });
  const threshold = [...scores].sort((a, b) => a - b)[15];
  await page.getByTestId('cohort-filter-min').fill(String(Math.floor(threshold * 100)));
  const kept = scores.filter((s) => s >= Math.floor(threshold * 100) / 100).length;
  await expect(rows).toHaveCount(kept);
  expect((await columnScores(page, ref)).every((s) => s >= Math.floor(threshold * 100) / 100)).toBeTruthy();
  await checkAverages();
  await page.getByTestId('cohort-filter-min').fill('');
  await expect(rows).toHaveCount(30);

  // Heatmap: 30 × 28 cells, the number printed in each, headers from pivots.json, a legend.
  const heat = page.getByTestId('cohort-heatmap');
  await expect(heat.locator('thead th.cohort-pivot-head')).toHaveText(PIVOT_SKILLS.map((s) => s.label.fr));
  await expect(page.getByTestId('heatmap-row')).toHaveCount(30);
  const cells = await page.getByTestId('heatmap-row').evaluateAll((rs) => rs.map((r) => [...r.querySelectorAll('td')].map((td) => [td.dataset.level ?? null, td.textContent.trim(), td.className])));
  expect(cells.every((r) => r.length === 28)).toBeTruthy();
  for (const row of cells) {
    for (const [level, text, cls] of row) {
      if (level === null) expect(text.startsWith('–')).toBeTruthy();
      else { expect(text).toBe(level); expect(cls).toContain(`lvl-${level}`); }
    }
  }
  // A quick-diagnostic answer is the pivot's level.
  const k0 = good.findIndex((f) => Object.keys(f.dossier.quick).length > 0);
  for (const [pivot, level] of Object.entries(good[k0].dossier.quick)) {
    expect(cells[k0][PIVOT_SKILLS.findIndex((s) => s.id === pivot)][0]).toBe(String(level));
  }

  // CSV download: BOM, ";", CRLF, header + 30 records, French decimal comma.
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('cohort-csv').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^repere-groupe-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  expect(text.endsWith('\r\n')).toBeTruthy();
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = text.slice(0, -2).split('\r\n');
  expect(lines).toHaveLength(31);
  const header = lines[0].split(';');
  // Per profile: fit, readiness, completeness; per block (3 in 003, 5 in 004): readiness, ready.
  expect(header.length).toBe(2 + 3 * 5 + 2 * (3 + 5) + 28);
  expect(header[0]).toBe('Candidat');
  expect(lines.every((l) => l.split(';').length === header.length)).toBeTruthy();
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
  const readiness = await page.$$eval(`[data-testid="cohort-row"] [data-testid="cohort-readiness"][data-referential="${ref}"]`, (cs) => cs.map((c) => Number(c.dataset.readiness)));
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

  await expectNoAxeViolations(page, 'cohort view');

  // A row can be removed; the averages follow.
  await page.getByRole('button', { name: 'Retirer Hugo du groupe' }).click();
  await expect(rows).toHaveCount(29);
  await expect(page.getByTestId('heatmap-row')).toHaveCount(29);
  await expect(page.locator('[data-testid="cohort-row"][data-name="Hugo"]')).toHaveCount(0);
  await expect(page.locator(':focus')).toHaveAttribute('data-testid', 'cohort-remove');
  await checkAverages();
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
