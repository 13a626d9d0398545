// The English UI has no French UI string left (checked against the locale files); referential
// texts stay French and are marked lang="fr"; the choice persists and <html lang> follows.
import { readFileSync } from 'node:fs';
import { test, expect, appReady, expectNoAxeViolations, gotoPage } from './helpers.mjs';

const fr = JSON.parse(readFileSync(new URL('../../locales/fr.json', import.meta.url), 'utf8'));
const en = JSON.parse(readFileSync(new URL('../../locales/en.json', import.meta.url), 'utf8'));
// French strings that differ from their English counterpart, without their {placeholders}.
const frenchOnly = Object.keys(fr)
  .filter((k) => fr[k] !== en[k])
  .flatMap((k) => fr[k].split(/\{[a-z_]+\}/))
  .map((s) => s.trim())
  .filter((s) => s.length >= 4 && !Object.values(en).some((e) => e.includes(s)));

const PAGES = ['', '#/referentiel/charge-developpement-commercial', '#/recherche?q=referencement', '#/diagnostic',
  '#/positionnement', '#/positionnement/vendeur-web', '#/resultats', '#/rapport', '#/dossiers', '#/groupe',
  '#/positionnement-entree/animateur-ecommerce'];

async function uiTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.currentNode; n; n = walker.nextNode()) {
      const el = n.nodeType === 1 ? n : n.parentElement;
      if (!el || el.closest('[lang="fr"]') || el.closest('script,style,noscript')) continue;
      if (n.nodeType === 3) { const t = n.textContent.trim(); if (t) out.push(t); }
      else for (const a of ['aria-label', 'placeholder', 'title']) { const v = n.getAttribute(a); if (v) out.push(v.trim()); }
    }
    return out;
  });
}

test('the language switch gives an English UI with no French UI string, and persists', async ({ page }) => {
  // Eleven pages, each checked by axe: longer than the default timeout on a busy machine.
  test.setTimeout(120_000);
  await page.goto('./');
  await appReady(page);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The page already shown is re-rendered in English, not only <html lang>.
  await expect(page.locator('main h1')).toHaveText(en['home.title']);
  await expect(page.getByRole('button', { name: 'Passer en français' })).toBeVisible();
  for (const hash of PAGES) {
    // Each page is read once it replaced the previous one (same-document navigations).
    if (hash) await gotoPage(page, `./${hash}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const texts = await uiTexts(page);
    const leaks = texts.filter((t) => frenchOnly.some((f) => t.includes(f)));
    expect(leaks, `French UI strings on ${hash || 'home'}`).toEqual([]);
    await expectNoAxeViolations(page, `${hash || 'home'} (en)`);
  }
  await page.reload();
  await appReady(page);
  await expect(page.getByRole('button', { name: 'Passer en français' })).toBeVisible();
});

test('import problems are shown in the UI language and follow the switch', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('repere.lang', 'en'));
  await page.goto('./#/dossiers');
  await appReady(page);
  await page.getByTestId('import-file').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "repere.dossier",\n "version": 1, "dossier": {') });
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('The file stops before the end of its data (line 2, column');
  await expect(error).not.toContainText('Le fichier');
  await expectNoAxeViolations(page, 'import error (en)');
  await page.getByRole('button', { name: 'Passer en français' }).click();
  await expect(error).toContainText('Le fichier s\'arrête avant la fin des données (ligne 2, colonne');
});
