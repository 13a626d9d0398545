// Browsing the five referentials, searching, deep links from a sub-path, accessibility.
import { test, expect, REFERENTIAL_IDS, loadReferential, allItems, fold, appReady, pageComplete, expectNoAxeViolations } from './helpers.mjs';

test('the home page lists the five professions', async ({ page }) => {
  await page.goto('./');
  await appReady(page);
  const cards = page.getByTestId('referential-card');
  await expect(cards).toHaveCount(5);
  for (const id of REFERENTIAL_IDS) {
    const card = page.locator(`[data-testid="referential-card"][data-referential="${id}"]`);
    await expect(card.getByRole('heading')).toHaveText(loadReferential(id).title);
  }
  await expectNoAxeViolations(page, 'home');
});

for (const id of REFERENTIAL_IDS) {
  test(`the ${id} page renders every item of its data`, async ({ page }) => {
    const ref = loadReferential(id);
    await page.goto(`./#/referentiel/${id}`);
    await appReady(page);
    await expect(page.locator('main h1')).toHaveText(ref.title);
    await pageComplete(page);
    const rendered = await page.$$eval('[data-testid="item"]', (els) => els.map((e) => [e.dataset.item, e.textContent]));
    const byId = new Map(rendered);
    const items = allItems(ref);
    expect(rendered.length).toBe(items.length);
    for (const item of items) {
      const text = byId.get(`${id}/${item.id}`);
      expect(text, `${id}/${item.id} is rendered`).toBeDefined();
      const body = fold(text);
      for (const line of item.text.split('\n')) expect(body).toContain(fold(line.replace(/^- /, '')));
      for (const level of item.levels || []) expect(body).toContain(fold(level.text));
      for (const c of item.criteria || []) expect(body).toContain(c.id);
      for (const c of item.codes || []) expect(body).toContain(fold(c.label));
    }
    for (const block of ref.blocks || []) {
      await expect(page.locator(`[data-testid="block"][data-block="${id}/${block.id}"]`)).toContainText(block.title);
    }
    await expectNoAxeViolations(page, id);
  });
}

test('search finds an accented term from an unaccented query, and links to the item', async ({ page }) => {
  await page.goto('./#/recherche');
  await appReady(page);
  await page.getByLabel('Mot ou expression').fill('referencement');
  const results = page.getByTestId('search-result');
  await expect(results.first()).toBeVisible();
  expect(await results.count()).toBeGreaterThan(3);
  await expect(results.filter({ hasText: /[Rr]éférencement/ }).first()).toBeVisible();
  // the query is kept in the URL so the result list is a link too
  expect(page.url()).toContain('#/recherche?q=referencement');
  await expectNoAxeViolations(page, 'search results');

  const first = results.filter({ hasText: 'Optimiser le référencement' }).first();
  await first.getByRole('link').click();
  const item = page.locator('[data-item="charge-ecommerce/AC2.2"]');
  await expect(item).toBeFocused();
  await expect(item).toBeInViewport();
});

test('a deep link survives a reload when served from a sub-path', async ({ page }) => {
  await page.goto('./#/referentiel/charge-developpement-commercial/C2.1.3');
  await appReady(page);
  expect(new URL(page.url()).pathname).toBe('/formations/outils/repere/');
  const item = page.locator('[data-item="charge-developpement-commercial/C2.1.3"]');
  await expect(item).toBeFocused();
  await page.reload();
  await appReady(page);
  await expect(item).toBeFocused();
  await expect(item).toBeInViewport();
  await expect(item).toContainText('CR2.1.3');
});

test('a deep link to the blocks or a modality renders and shows its section at once', async ({ page }) => {
  // The referential page renders its sections one per frame (ui::reveal): a deep link's section
  // comes with the page, in view.
  await page.goto('./#/referentiel/charge-developpement-commercial/blocks');
  await appReady(page);
  await expect(page.locator('#item-blocks')).toBeFocused();
  await expect(page.locator('#item-blocks')).toBeInViewport();
  await page.goto('./#/referentiel/charge-developpement-commercial/modality-oral');
  await page.reload();
  await appReady(page);
  await expect(page.locator('#item-modality-oral')).toBeInViewport();
});

test('an unknown page or referential gives a clear message', async ({ page }) => {
  await page.goto('./#/referentiel/inconnu');
  await appReady(page);
  await expect(page.locator('main')).toContainText('Le référentiel « inconnu » n\'existe pas');
  await page.goto('./#/nulle/part');
  await expect(page.locator('main h1')).toHaveText('Page introuvable');
  await expectNoAxeViolations(page, 'not found');
});
