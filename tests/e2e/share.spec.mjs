// Issue 4: the share link opens a read-only result in a fresh context; damaged links are explained.
import { test, expect, appReady, expectNoAxeViolations } from './helpers.mjs';

const rowsOf = (page) => page.$$eval('[data-testid="match-row"]', (rs) => rs.map((r) => [r.dataset.referential, r.dataset.score, r.dataset.completeness]));

test('a share link shows the same results read-only in a fresh browser, and can be imported', async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  await a.goto('./#/diagnostic');
  await appReady(a);
  for (const [pivot, level] of [['referencement', 4], ['relation-client', 3], ['gestion-projet', 2], ['veille', 1]]) {
    await a.locator(`input[name="quick-${pivot}"][value="${level}"]`).check();
  }
  await a.goto('./#/positionnement/vendeur-web');
  await a.locator('input[name="a-D-7"][value="4"]').check();
  const item = a.locator('[data-item="vendeur-web/D.7"]');
  await item.locator('summary', { hasText: 'Preuve' }).click();
  await item.getByRole('textbox').fill('Note privée à ne pas partager');
  await item.getByRole('textbox').blur();
  await a.goto('./#/resultats');
  // The results page comes from its chunk: wait for its rows before reading them.
  await expect(a.getByTestId('match-row')).toHaveCount(5);
  const original = await rowsOf(a);
  await a.getByTestId('make-share-link').click();
  const url = await a.getByTestId('share-url').inputValue();
  expect(url).toContain('#/partage/');
  expect(url.length).toBeLessThan(2000);

  const b = await (await browser.newContext()).newPage();
  await b.goto(url);
  await appReady(b);
  await expect(b.getByTestId('shared-results')).toBeVisible();
  expect(await rowsOf(b)).toEqual(original);
  await expect(b.locator('main')).not.toContainText('Note privée');
  await expectNoAxeViolations(b, 'shared results');
  // Nothing stored until the visitor asks.
  expect(await b.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('.dossier.')).length)).toBe(1);
  await b.getByRole('button', { name: 'Importer ce dossier' }).click();
  await expect(b.getByTestId('share-imported')).toContainText('Dossier importé');
  await expect(b.getByTestId('current-dossier')).toHaveText('Dossier partagé');
  await b.goto('./#/resultats');
  await expect.poll(() => rowsOf(b)).toEqual(original);
});

test('a damaged or truncated share link gives a clear message', async ({ page }) => {
  await page.goto('./#/diagnostic');
  await appReady(page);
  await page.locator('input[name="quick-veille"][value="3"]').check();
  await page.goto('./#/resultats');
  await page.getByTestId('make-share-link').click();
  const url = await page.getByTestId('share-url').inputValue();
  const payload = url.split('#/partage/')[1];

  const flipped = payload.slice(0, 5) + (payload[5] === 'A' ? 'B' : 'A') + payload.slice(6);
  await page.goto(`./#/partage/${flipped}`);
  await expect(page.getByTestId('share-error')).toContainText('lien de partage');
  await page.goto(`./#/partage/${payload.slice(0, Math.floor(payload.length / 2))}`);
  await expect(page.getByTestId('share-error')).toBeVisible();
  await page.goto('./#/partage/!!!');
  await expect(page.getByTestId('share-error')).toBeVisible();
  await expectNoAxeViolations(page, 'broken share link');
});
