// The printable report, printed to PDF by Chromium, contains the ranking.
// What the print stylesheet promises, checked on the PDF: A4 from `@page`, no site
// chrome or controls, no row, entry or chart cut by a page break, no heading left alone at the
// bottom of a page.
import { readFileSync } from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PIVOT_SKILLS, RATED } from '../support/data.mjs';
import { test, expect, appReady, exportFile, expectNoAxeViolations, gotoPage, importDossier, loadReferential } from './helpers.mjs';

const fr = JSON.parse(readFileSync(new URL('../../locales/fr.json', import.meta.url), 'utf8'));
// A4 in PostScript points (210 × 297 mm).
const A4 = { width: 595.28, height: 841.89 };
const squash = (s) => s.replace(/\s+/g, '');

/** The PDF's pages: size in points and text without whitespace (ligatures such as "fi" come out
 * as separate runs). Printed with the page size the print stylesheet asks for, as a browser's
 * « Enregistrer en PDF » does. */
async function printToPdf(page) {
  await page.emulateMedia({ media: 'print' });
  const buffer = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: true }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const p = await doc.getPage(i);
    const { width, height } = p.getViewport({ scale: 1 });
    const content = await p.getTextContent();
    pages.push({ width, height, text: squash(content.items.map((it) => it.str).join('')).normalize('NFKC') });
  }
  return pages;
}

function expectA4(pages) {
  for (const [i, p] of pages.entries()) {
    expect(Math.abs(p.width - A4.width), `page ${i + 1} width ${p.width} pt`).toBeLessThan(1);
    expect(Math.abs(p.height - A4.height), `page ${i + 1} height ${p.height} pt`).toBeLessThan(1);
  }
}

test('the report prints to an A4 PDF whose text holds the ranking and the evidence', async ({ page }) => {
  await page.goto('./#/diagnostic');
  await appReady(page);
  for (const [pivot, level] of [['referencement', 4], ['contenus-web', 3], ['campagnes-promotion', 3], ['veille', 2]]) {
    await page.locator(`input[name="quick-${pivot}"][value="${level}"]`).check();
  }
  await gotoPage(page, './#/positionnement/animateur-ecommerce');
  const item = page.locator('[data-item="animateur-ecommerce/RED1"]');
  await item.getByLabel(/Je maîtrise/).check();
  await item.locator('summary', { hasText: 'Preuve' }).click();
  await item.getByRole('textbox').fill('Rédaction de 120 fiches produits pour une boutique de thé');
  await item.getByRole('textbox').blur();

  await gotoPage(page, './#/rapport');
  await expect(page.getByTestId('report-name')).toHaveText('Mon dossier');
  await expectNoAxeViolations(page, 'report');
  await expect(page.getByTestId('match-row')).toHaveCount(5);
  const rows = await page.$$eval('[data-testid="match-row"]', (rs) => rs.map((r) => [r.dataset.referential, r.querySelector('th').textContent.trim()]));

  const { pages } = await printChecked(page);
  const text = pages.map((p) => p.text).join('');
  expect(text).toContain(squash('Bilan de positionnement'));
  // The five profiles appear in rank order.
  const positions = rows.map(([id]) => text.indexOf(squash(loadReferential(id).title)));
  expect(rows.filter((_, i) => positions[i] < 0).map(([id]) => id), 'profiles missing from the PDF').toEqual([]);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(text).toContain(squash('Rédaction de 120 fiches produits'));
});

/** Tags what the print stylesheet keeps whole with text markers the PDF's text will hold: `s`/`e`
 * at the start and end of every row cell, list entry and block; at the first and last label of the
 * chart; at the end of each heading (`h`) and the start of what follows it (`f`). Lists the
 * printed elements whose computed style does not ask for that (`loose`). */
function tagUnits() {
  const mark = (el, text, atEnd) => {
    const m = document.createElement('span');
    m.className = 'print-marker';
    m.textContent = text;
    m.style.fontSize = '1px';
    if (atEnd) el.append(m); else el.prepend(m);
  };
  const shown = (el) => el.checkVisibility();
  const main = document.querySelector('main');
  const units = [];
  const loose = [];
  const declares = (el, property) => {
    if (getComputedStyle(el)[property] !== 'avoid') loose.push(`${el.tagName.toLowerCase()}.${el.className} (${property})`);
  };
  for (const el of main.querySelectorAll('tr, li, .block-status, .evidence-entry')) {
    if (!shown(el)) continue;
    declares(el, 'breakInside');
    const n = units.length;
    units.push({ kind: el.tagName.toLowerCase(), container: el.closest('table, ol, ul, section')?.id || el.closest('section')?.getAttribute('aria-labelledby') || '' });
    for (const part of el.tagName === 'TR' ? el.cells : [el]) {
      mark(part, `~~${n}s~~`, false);
      mark(part, `~~${n}e~~`, true);
    }
  }
  for (const svg of main.querySelectorAll('svg')) {
    const labels = [...svg.querySelectorAll('text')];
    if (!shown(svg) || labels.length < 2) continue;
    declares(svg, 'breakInside');
    const n = units.length;
    units.push({ kind: 'svg', container: 'chart' });
    labels[0].prepend(`~~${n}s~~`);
    labels.at(-1).append(`~~${n}e~~`);
  }
  const headings = [];
  for (const h of main.querySelectorAll('h1, h2, h3')) {
    let next = h.nextElementSibling;
    while (next && !shown(next)) next = next.nextElementSibling;
    if (!shown(h) || !next) continue;
    declares(h, 'breakAfter');
    const n = headings.length;
    headings.push(h.textContent.trim());
    mark(h, `~~${n}h~~`, true);
    mark(next.matches('table') ? next.querySelector('th, td') : next, `~~${n}f~~`, false);
  }
  return { units, headings, loose };
}

/** Prints the report and checks every promise of the print stylesheet on the PDF: A4 from
 * `@page`; no site chrome, notice or control; every row, entry, block and the chart on one page;
 * every heading on the page of what follows it. Returns the pages and the tagged units. */
async function printChecked(page) {
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['header.site-header', 'nav', 'footer.site-footer', '.skip-link', '.notices', '[data-testid="print"]']) {
    const shown = await page.locator(selector).evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
    expect(shown, `${selector} printed`).toBe(0);
  }
  const controls = await page.locator('button, input, select, textarea, summary, [role="button"]')
    .evaluateAll((els) => els.filter((e) => e.checkVisibility()).map((e) => e.outerHTML.slice(0, 100)));
  expect(controls, 'controls in print').toEqual([]);

  const { units, headings, loose } = await page.evaluate(tagUnits);
  // What the stylesheet declares, on every element it applies to…
  expect(loose, 'printed elements allowed to break').toEqual([]);
  // …and what Chromium made of it.
  const pages = await printToPdf(page);
  expectA4(pages);
  const text = pages.map((p) => p.text).join('');
  for (const key of ['nav.skip', 'footer.privacy', 'footer.sources', 'report.print', 'dossier.manage', 'lang.switch', 'report.with_evidence']) {
    expect(text, `« ${fr[key]} » printed`).not.toContain(squash(fr[key]));
  }
  const pagesOf = (tag) => pages.flatMap((p, i) => (p.text.includes(`~~${tag}~~`) ? [i + 1] : []));
  const placed = units.map((u, n) => ({ ...u, pages: [...new Set([...pagesOf(`${n}s`), ...pagesOf(`${n}e`)])] }));
  expect(placed.filter((u) => u.pages.length === 0), 'units missing from the PDF').toEqual([]);
  expect(placed.filter((u) => u.pages.length > 1), 'units cut by a page break').toEqual([]);
  const alone = headings.flatMap((h, n) => {
    const [at, next] = [pagesOf(`${n}h`), pagesOf(`${n}f`)];
    return at.length === 1 && next.length === 1 && at[0] === next[0] ? [] : [`${h}: page ${at} then ${next}`];
  });
  expect(alone, 'headings left at the bottom of a page').toEqual([]);
  return { pages, units: placed };
}

test('in print: a long report breaks pages between rows and entries, never inside them', async ({ page }) => {
  // A full dossier: every pivot skill rated, and long evidence notes, so that page breaks fall
  // inside the ranking, the blocks, the gaps and the evidence.
  const quick = Object.fromEntries(PIVOT_SKILLS.map((s, i) => [s.id, [1, 2, 3, 0, 4][i % 5]]));
  const note = (i) => `Preuve ${i} : ${'mission conduite de bout en bout, avec indicateurs, budget et bilan partagé avec l’équipe. '.repeat(6 + (i % 4) * 5)}`.slice(0, 1900);
  const items = Object.fromEntries(RATED.filter((_, i) => i % 12 === 0).map((it, i) => [it.id, { level: 1 + (i % 3), evidence: note(i) }]));
  await importDossier(page, exportFile({ name: 'Camille Martin', quick, items }));
  await gotoPage(page, './#/rapport');
  await expect(page.getByTestId('report-name')).toHaveText('Camille Martin');

  const { pages, units } = await printChecked(page);
  expect(pages.length).toBeGreaterThanOrEqual(4);
  expect(units.filter((u) => u.kind === 'tr').length).toBeGreaterThan(1);
  // Not vacuous: page breaks do fall between the entries of one list or table.
  const spread = new Set(units.map((u) => `${u.container}@${u.pages[0]}`));
  const containers = new Set(units.map((u) => u.container));
  expect(spread.size, 'a page break inside a list or table').toBeGreaterThan(containers.size);
});
