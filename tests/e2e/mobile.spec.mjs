// On a 360 × 640 phone the header is one compact row (the links behind a « Menu »
// disclosure button), no page scrolls sideways, every page passes axe, and the keyboard and
// assistive technology reach every link.
import { readFileSync } from 'node:fs';
import { PIVOT_SKILLS, RATED, exportFiles } from '../support/data.mjs';
import { test, expect, REFERENTIAL_IDS, appReady, exportFile, expectNoAxeViolations, gotoPage, importDossier } from './helpers.mjs';

const fr = JSON.parse(readFileSync(new URL('../../locales/fr.json', import.meta.url), 'utf8'));
const NAV = ['nav.home', 'nav.quick', 'nav.assess', 'nav.results', 'nav.search', 'nav.dossiers', 'nav.cohort'].map((k) => fr[k]);
const HEADER_MAX = 64;

test.use({ viewport: { width: 360, height: 640 }, hasTouch: true });

/** Header height and horizontal overflow of the page as it is now. */
async function layout(page) {
  return page.evaluate(() => ({
    header: document.querySelector('header.site-header').getBoundingClientRect().height,
    scrollWidth: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
}

async function expectCompact(page, label, { axe = true } = {}) {
  const { header, scrollWidth, width } = await layout(page);
  expect(header, `header height on ${label}`).toBeLessThanOrEqual(HEADER_MAX);
  expect(scrollWidth, `page width on ${label} (viewport ${width})`).toBeLessThanOrEqual(width);
  await expect(page.getByRole('button', { name: fr['nav.menu'] })).toHaveAttribute('aria-expanded', 'false');
  if (axe) await expectNoAxeViolations(page, `${label} at 360 px`);
}

/** A dossier with every pivot skill and some items rated, and a few evidence notes. */
function fullDossier() {
  const quick = Object.fromEntries(PIVOT_SKILLS.map((s, i) => [s.id, [2, 3, 1, 4, 0][i % 5]]));
  const items = Object.fromEntries(RATED.filter((_, i) => i % 7 === 0).map((it, i) => [it.id, {
    level: 1 + (i % 3), evidence: i % 4 ? '' : 'Refonte complète du tunnel de commande (https://boutique.example.org/commande), +12 % de conversion',
  }]));
  return exportFile({ name: 'Camille-Alexandrine de La Rochefoucauld-Montbazon', quick, items });
}

test('browsing pages at 360 px: compact header, no sideways scroll, axe clean', async ({ page }) => {
  test.slow();
  await page.goto('./');
  await appReady(page);
  await expectCompact(page, 'home');
  for (const [i, id] of REFERENTIAL_IDS.entries()) {
    await gotoPage(page, `./#/referentiel/${id}`);
    await expectCompact(page, `referential ${id}`, { axe: i === 0 });
  }
  await gotoPage(page, './#/recherche?q=client');
  await expectCompact(page, 'search');
  await gotoPage(page, './#/diagnostic');
  await expectCompact(page, 'quick diagnostic');
  await gotoPage(page, './#/positionnement');
  await expectCompact(page, 'positionnement (chooser)');
  await gotoPage(page, './#/nulle-part');
  await expectCompact(page, 'not found');
});

test('a dossier\'s pages at 360 px: compact header, no sideways scroll, axe clean', async ({ page }) => {
  test.slow();
  await importDossier(page, fullDossier());
  await expectCompact(page, 'dossiers');
  for (const [i, id] of REFERENTIAL_IDS.entries()) {
    await gotoPage(page, `./#/positionnement/${id}`);
    await expectCompact(page, `positionnement ${id}`, { axe: i === 0 });
  }
  await gotoPage(page, './#/resultats');
  await expectCompact(page, 'results');
  await page.getByTestId('make-share-link').click();
  const url = await page.getByTestId('share-url').inputValue();
  await expectCompact(page, 'results with a share link', { axe: false });
  await gotoPage(page, './#/rapport');
  await expectCompact(page, 'report');
  await gotoPage(page, url);
  await expect(page.getByTestId('shared-results')).toBeVisible();
  await expectCompact(page, 'shared results');
  await gotoPage(page, './#/groupe');
  await page.getByTestId('cohort-files').setInputFiles(exportFiles(6).map(({ name, mimeType, buffer }) => ({ name, mimeType, buffer })));
  await expect(page.getByTestId('cohort-row')).toHaveCount(6);
  await expectCompact(page, 'cohort with six files');
});

test('the « Menu » button opens the navigation: keyboard and screen readers reach every link', async ({ page }) => {
  await page.goto('./#/resultats');
  await appReady(page);
  const nav = page.getByRole('navigation', { name: fr['nav.main'] });
  const menu = nav.getByRole('button', { name: fr['nav.menu'] });
  const list = page.locator(`#${await menu.getAttribute('aria-controls')}`);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(list).toBeHidden();
  for (const name of NAV) await expect(nav.getByRole('link', { name, exact: true })).toBeHidden();

  // Keyboard only, from the top of the document (the app has put the focus on the page heading):
  // skip link, brand, then the button.
  await page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute('tabindex');
  });
  await page.keyboard.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(nav.locator('.brand')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(menu).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(list).toBeVisible();
  // Every link, in order, then the language switch; the current page is marked.
  for (const name of NAV) {
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('link', { name, exact: true })).toBeFocused();
  }
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: fr['lang.switch_label'] })).toBeFocused();
  await expect(nav.getByRole('link', { name: fr['nav.results'], exact: true })).toHaveAttribute('aria-current', 'page');
  const open = await layout(page);
  expect(open.scrollWidth).toBeLessThanOrEqual(open.width);
  await expectNoAxeViolations(page, 'open menu at 360 px');

  // Choosing a link navigates, folds the menu and brings the header back to one row.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(nav.getByRole('link', { name: fr['nav.dossiers'], exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/dossiers$/);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(list).toBeHidden();
  await expect(page.locator('main h1')).toBeFocused();
  expect((await layout(page)).header).toBeLessThanOrEqual(HEADER_MAX);

  // The button folds the list again; touch works the same.
  await menu.tap();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await menu.tap();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(list).toBeHidden();
});

test('the smallest phones keep the button\'s name; wide screens show every link in one row', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 568 });
  await page.goto('./');
  await appReady(page);
  const menu = page.getByRole('button', { name: fr['nav.menu'] });
  await expect(menu).toBeVisible();
  expect((await layout(page)).header).toBeLessThanOrEqual(HEADER_MAX);
  expect((await layout(page)).scrollWidth).toBeLessThanOrEqual(320);

  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(menu).toBeHidden();
  for (const name of NAV) await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  expect((await layout(page)).header).toBeLessThanOrEqual(HEADER_MAX);
});
