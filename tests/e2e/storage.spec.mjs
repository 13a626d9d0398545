// SPEC §6: a stored value that does not parse is kept aside under a free `.corrupt` key and
// reported, at startup and while the app runs; an earlier copy is never overwritten, and a
// failed write is shown instead of losing the value.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, appReady, expectNoAxeViolations } from './helpers.mjs';

const radio = (page, pivot, level) => page.locator(`input[type="radio"][name="quick-${pivot}"][value="${level}"]`);

/** The storage key of the dossier the page works on. */
async function activeKey(page) {
  return page.evaluate(() => `repere.default.dossier.${JSON.parse(localStorage.getItem('repere.default.index')).active}`);
}

const read = (page, keys) => page.evaluate((ks) => ks.map((k) => localStorage.getItem(k)), keys);

test('two different unreadable values on two starts are both kept aside and both reported', async ({ page }) => {
  const key = 'repere.default.dossier.broken';
  const first = '{"version":1,"id":"broken","name":"Camille","revision":"sept"}';
  const second = 'pas du JSON du tout';
  await page.goto('./');
  await appReady(page);

  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, first]);
  await page.reload();
  await appReady(page);
  const notices = page.getByTestId('notice');
  await expect(notices.filter({ hasText: `« ${key}.corrupt »` })).toContainText('Le dossier enregistré « Camille » était illisible');
  expect(await read(page, [key, `${key}.corrupt`])).toEqual([null, first]);

  // Another unreadable value under the same key, found at the next start.
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, second]);
  await page.reload();
  await appReady(page);
  await expect(notices.filter({ hasText: `« ${key}.corrupt-2 »` })).toContainText(
    `Un dossier enregistré était illisible : il a été mis de côté sous la clé « ${key}.corrupt-2 ».`);
  expect(await read(page, [key, `${key}.corrupt`, `${key}.corrupt-2`])).toEqual([null, first, second]);
  await expectNoAxeViolations(page, 'second set-aside notice');
});

test('a value another tab made unreadable is kept aside when the user answers, and said so', async ({ page, context }) => {
  await page.goto('./#/diagnostic');
  await appReady(page);
  await radio(page, 'veille', 3).check();
  const key = await activeKey(page);
  await expect.poll(() => page.evaluate((k) => JSON.parse(localStorage.getItem(k)).quick.veille, key)).toBe(3);

  // A copy kept aside earlier, and another tab that leaves garbage where this page writes.
  const older = 'une copie mise de côté plus tôt';
  const garbage = '{"version":1,"id":"cassé par un autre onglet"';
  const other = await context.newPage();
  await other.goto('./');
  await appReady(other);
  await other.evaluate(([k, o, g]) => {
    localStorage.setItem(`${k}.corrupt`, o);
    localStorage.setItem(k, g);
  }, [key, older, garbage]);
  await other.close();

  await radio(page, 'referencement', 2).check();
  const notice = page.getByTestId('notice').filter({ hasText: `« ${key}.corrupt-2 »` });
  await expect(notice).toContainText(
    'Le dossier enregistré « Mon dossier » était devenu illisible : il a été mis de côté sous la clé');
  await expect(notice).toContainText('et remplacé par vos réponses de cette page.');
  await expect(page.getByTestId('save-error')).toHaveCount(0);
  const [stored, first, second] = await read(page, [key, `${key}.corrupt`, `${key}.corrupt-2`]);
  expect(first).toBe(older);
  expect(second).toBe(garbage);
  // This page's answers, both of them, are what is stored now.
  expect(JSON.parse(stored).quick).toEqual({ veille: 3, referencement: 2 });
  // The notices only: the whole diagnostic page is checked by assess.spec.mjs (and takes long).
  const axe = await new AxeBuilder({ page }).include('.notices').analyze();
  expect(axe.violations.map((v) => v.id), 'axe on the notices').toEqual([]);

  // The notice follows the language.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByTestId('notice').filter({ hasText: `“${key}.corrupt-2”` })).toContainText(
    'had become unreadable: it was set aside under the key');
});

test('when the unreadable value cannot be kept aside, nothing overwrites it and the failure is shown', async ({ page }) => {
  await page.goto('./#/diagnostic');
  await appReady(page);
  await radio(page, 'veille', 1).check();
  const key = await activeKey(page);
  await expect.poll(() => page.evaluate((k) => JSON.parse(localStorage.getItem(k)).quick.veille, key)).toBe(1);
  const garbage = '{"quick": ';
  await page.evaluate(([k, g]) => {
    localStorage.setItem(k, g);
    // Storage is full for the copy.
    window.__realSetItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k2, v) {
      if (k2.includes('.corrupt')) throw new DOMException('quota', 'QuotaExceededError');
      return window.__realSetItem.call(this, k2, v);
    };
  }, [key, garbage]);

  await radio(page, 'communication', 4).check();
  await expect(page.getByTestId('save-error')).toContainText('Impossible d\'enregistrer');
  await expect(radio(page, 'communication', 4)).toBeChecked();
  expect(await read(page, [key, `${key}.corrupt`])).toEqual([garbage, null]);
  await expect(page.getByTestId('notice').filter({ hasText: 'illisible' })).toHaveCount(0);

  // Space again: the retry keeps the value aside, then saves the answers.
  await page.evaluate(() => { Storage.prototype.setItem = window.__realSetItem; });
  await page.getByRole('button', { name: 'Réessayer d\'enregistrer' }).click();
  await expect(page.getByTestId('save-error')).toHaveCount(0);
  await expect(page.getByTestId('notice').filter({ hasText: `« ${key}.corrupt »` })).toContainText('était devenu illisible');
  const [stored, aside] = await read(page, [key, `${key}.corrupt`]);
  expect(aside).toBe(garbage);
  expect(JSON.parse(stored).quick).toEqual({ veille: 1, communication: 4 });
});

test('an unreadable list of dossiers is kept aside before a new dossier is added to it', async ({ page }) => {
  await page.goto('./#/dossiers');
  await appReady(page);
  const key = 'repere.default.index';
  const garbage = '{"version":1,"dossiers":{}}';
  await page.evaluate(([k, g]) => localStorage.setItem(k, g), [key, garbage]);
  await page.getByLabel('Nom du nouveau dossier').fill('Léa');
  await page.getByRole('button', { name: 'Créer le dossier' }).click();
  await expect(page.getByTestId('notice').filter({ hasText: `« ${key}.corrupt »` }))
    .toContainText('La liste des dossiers enregistrée était illisible : elle a été mise de côté');
  await expect(page.getByTestId('current-dossier')).toHaveText('Léa');
  const [stored, aside] = await read(page, [key, `${key}.corrupt`]);
  expect(aside).toBe(garbage);
  expect(JSON.parse(stored).dossiers.map((d) => d.name)).toEqual(['Mon dossier', 'Léa']);
});
