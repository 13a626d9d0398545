// One download helper (src/ui/files.rs) for the export and the cohort CSV; a large
// export file arrives whole in Chromium.
import { readFileSync, statSync } from 'node:fs';
import { RATED } from '../support/data.mjs';
import { test, expect, exportFile, importDossier } from './helpers.mjs';

test('the export of a dossier full of long evidence notes downloads whole', async ({ page }) => {
  // Every rated item with a note of the longest size kept (2,000 characters), accented French:
  // about 0.5 MB, a hundred times a usual export.
  const note = (i) => `Preuve n° ${i} — ${'Élaboré, négocié, évalué; '.repeat(100)}`.slice(0, 2000);
  const items = Object.fromEntries(RATED.map((it, i) => [it.id, { level: i % 4, evidence: note(i) }]));
  const file = exportFile({ name: 'Élodie Dupré', quick: { veille: 2 }, items });
  expect(file.buffer.length).toBeGreaterThan(450_000);
  await importDossier(page, file);
  await expect(page.getByTestId('current-dossier')).toHaveText('Élodie Dupré');

  for (const round of [1, 2]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(await download.failure()).toBeNull();
    const path = test.info().outputPath(`export-${round}.json`);
    await download.saveAs(path);
    expect(statSync(path).size).toBeGreaterThan(450_000);
    const exported = JSON.parse(readFileSync(path, 'utf8'));
    expect(exported.dossier.name).toBe('Élodie Dupré');
    expect(Object.keys(exported.dossier.items)).toHaveLength(RATED.length);
    for (const [id, answer] of Object.entries(items)) {
      expect(exported.dossier.items[id], id).toEqual(answer);
    }
  }
});
