// The share link opens a read-only result in a fresh context; damaged links are explained.
// The shared view says the results are self-declared and unchecked.
import { readFileSync } from 'node:fs';
import { test, expect, appReady, expectNoAxeViolations, gotoPage } from './helpers.mjs';

const fr = JSON.parse(readFileSync(new URL('../../locales/fr.json', import.meta.url), 'utf8'));

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
  await gotoPage(a, './#/resultats');
  await expect(a.getByTestId('match-row')).toHaveCount(5);
  const original = await rowsOf(a);
  expect(Math.max(...original.map(([, score]) => Number(score))), 'the best score').toBeGreaterThan(0);
  await a.getByTestId('make-share-link').click();
  const url = await a.getByTestId('share-url').inputValue();
  expect(url).toContain('#/partage/');
  expect(url.length).toBeLessThan(2000);

  const b = await (await browser.newContext()).newPage();
  await b.goto(url);
  await appReady(b);
  await expect(b.getByTestId('shared-results')).toBeVisible();
  await expect.poll(() => rowsOf(b)).toEqual(original);
  await expect(b.locator('main')).not.toContainText('Note privée');
  // Whoever opens the link is told plainly that nobody checked these results.
  const disclaimer = b.getByTestId('share-disclaimer');
  await expect(disclaimer).toHaveText('Ces résultats sont déclarés par la personne elle-même : ils n\'ont été vérifiés ni par Repère, ni par un formateur, ni par un jury.');
  await expectNoAxeViolations(b, 'shared results');
  await b.getByRole('button', { name: 'Switch to English' }).click();
  await expect(disclaimer).toHaveText('These results are self-declared: they have not been checked by Repère, a trainer or a jury.');
  await expectNoAxeViolations(b, 'shared results (en)');
  await b.getByRole('button', { name: 'Passer en français' }).click();
  await expect(disclaimer).toContainText('déclarés par la personne elle-même');
  // Nothing stored until the visitor asks.
  expect(await b.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('.dossier.')).length)).toBe(1);
  await b.getByRole('button', { name: 'Importer ce dossier' }).click();
  await expect(b.getByTestId('share-imported')).toContainText('Dossier importé');
  await expect(b.getByTestId('current-dossier')).toHaveText('Dossier partagé');
  // The results page, not the shared view that showed the same rows a moment ago.
  await gotoPage(b, './#/resultats');
  await expect(b.getByTestId('shared-results')).toHaveCount(0);
  await expect.poll(() => rowsOf(b)).toEqual(original);
});

test('a damaged or truncated share link gives a clear message', async ({ page }) => {
  await page.goto('./#/diagnostic');
  await appReady(page);
  await page.locator('input[name="quick-veille"][value="3"]').check();
  await gotoPage(page, './#/resultats');
  await page.getByTestId('make-share-link').click();
  const url = await page.getByTestId('share-url').inputValue();
  const payload = url.split('#/partage/')[1];

  const flipped = payload.slice(0, 5) + (payload[5] === 'A' ? 'B' : 'A') + payload.slice(6);
  // Each link shows its own message, not the previous link's still on screen (same heading).
  const error = page.getByTestId('share-error');
  await page.goto(`./#/partage/${flipped}`);
  await expect(error).toHaveText(fr['share.damaged']);
  await page.goto(`./#/partage/${payload.slice(0, Math.floor(payload.length / 2))}`);
  await expect(error).toHaveText(fr['share.truncated']);
  await page.goto('./#/partage/!!!');
  await expect(error).toHaveText(fr['share.damaged']);
  await expectNoAxeViolations(page, 'broken share link');
});
