// Export → import in a fresh browser context, conflicts, and bad files.
import { readFileSync } from 'node:fs';
import { test, expect, appReady, expectNoAxeViolations } from './helpers.mjs';

const radio = (page, name, level) => page.locator(`input[type="radio"][name="${name}"][value="${level}"]`);

test('a dossier exported in one browser is imported in a fresh one, with its answers and notes', async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  await a.goto('./#/positionnement/charge-ecommerce');
  await appReady(a);
  await radio(a, 'a-AC2-2', 4).check();
  const item = a.locator('[data-item="charge-ecommerce/AC2.2"]');
  await item.locator('summary', { hasText: 'Preuve' }).click();
  await item.getByRole('textbox').fill('Refonte SEO du site, +40 % de trafic');
  await item.getByRole('textbox').blur();
  await a.goto('./#/diagnostic');
  await radio(a, 'quick-veille', 3).check();
  await a.goto('./#/dossiers');
  await expectNoAxeViolations(a, 'dossiers with transfer panel');
  const [download] = await Promise.all([a.waitForEvent('download'), a.getByTestId('export').click()]);
  expect(download.suggestedFilename()).toMatch(/^repere-.*\.json$/);
  const path = test.info().outputPath('export.json');
  await download.saveAs(path);
  const exported = JSON.parse(readFileSync(path, 'utf8'));
  expect(exported.format).toBe('repere.dossier');
  expect(exported.version).toBe(1);
  expect(exported.dossier.items['charge-ecommerce/AC2.2']).toEqual({ level: 4, evidence: 'Refonte SEO du site, +40 % de trafic' });
  expect(exported.dossier.quick.veille).toBe(3);

  const b = await (await browser.newContext()).newPage();
  await b.goto('./#/dossiers');
  await appReady(b);
  await b.getByTestId('import-file').setInputFiles(path);
  await expect(b.getByTestId('import-ready')).toContainText('2 réponses');
  await b.getByRole('button', { name: 'Importer ce dossier' }).click();
  await expect(b.getByTestId('import-done')).toBeVisible();
  await b.goto('./#/positionnement/charge-ecommerce');
  await expect(radio(b, 'a-AC2-2', 4)).toBeChecked();
  await expect(b.locator('[data-item="charge-ecommerce/AC2.2"]').getByRole('textbox')).toHaveValue('Refonte SEO du site, +40 % de trafic');

  // The same file again: never overwritten without asking.
  await b.goto('./#/dossiers');
  await b.getByTestId('import-file').setInputFiles(path);
  await expect(b.getByTestId('import-ready')).toContainText('même dossier d\'origine');
  await b.getByRole('button', { name: 'L\'importer comme nouveau dossier' }).click();
  await expect(b.getByTestId('dossier')).toHaveCount(3);
  await expect(b.getByTestId('dossier').filter({ hasText: '(importé)' })).toHaveCount(1);
  await b.getByTestId('import-file').setInputFiles(path);
  await b.getByRole('button', { name: /^Remplacer/ }).click();
  await expect(b.getByTestId('import-confirm')).toContainText('Ses réponses actuelles seront perdues');
  await b.getByRole('button', { name: 'Oui, remplacer' }).click();
  await expect(b.getByTestId('import-done')).toBeVisible();
  await expect(b.getByTestId('dossier')).toHaveCount(3);
});

test('bad files are refused with a clear French message, unknown ids are listed and skipped', async ({ page }) => {
  await page.goto('./#/dossiers');
  await appReady(page);
  const input = page.getByTestId('import-file');
  await input.setInputFiles({ name: 'casse.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "repere.dossier", "version": 1, "dossier": {') });
  await expect(page.getByTestId('import-error')).toBeVisible();
  await expect(page.getByTestId('import-error')).toContainText('ligne');
  await expectNoAxeViolations(page, 'import error');

  await input.setInputFiles({ name: 'gros.json', mimeType: 'application/json', buffer: Buffer.alloc(1024 * 1024 + 10, 32) });
  await expect(page.getByTestId('import-error')).toContainText('Mio');

  await input.setInputFiles({ name: 'autre.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ hello: 'world' })) });
  await expect(page.getByTestId('import-error')).toBeVisible();

  const withUnknown = {
    format: 'repere.dossier', version: 1, app_version: '0.1.0', exported_at: '2026-11-23T10:00:00Z',
    dossier: { id: 'abc123', name: 'Camille', created_at: '2026-11-20T10:00:00Z', updated_at: '2026-11-22T10:00:00Z',
      quick: { referencement: 3, 'pas-une-competence': 2 },
      items: { 'vendeur-web/A.7': { level: 2, evidence: '' }, 'vendeur-web/Z.9': { level: 3, evidence: '' }, 'charge-ecommerce/AC1.1': { level: 9, evidence: '' } } },
  };
  await input.setInputFiles({ name: 'camille.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(withUnknown)) });
  const ready = page.getByTestId('import-ready');
  await expect(ready).toContainText('Camille');
  await expect(ready).toContainText('vendeur-web/Z.9');
  await expect(ready).toContainText('pas-une-competence');
  await expect(ready).toContainText('charge-ecommerce/AC1.1');
  await page.getByRole('button', { name: 'Importer ce dossier' }).click();
  await expect(page.getByTestId('current-dossier')).toHaveText('Camille');
});
