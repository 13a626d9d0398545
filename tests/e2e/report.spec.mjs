// Issue 4 (report): the printable report, printed to PDF by Chromium, contains the ranking.
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { test, expect, appReady, expectNoAxeViolations, loadReferential } from './helpers.mjs';

async function pdfText(buffer) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: true }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => it.str).join(' '));
  }
  // Ligatures ("fi") come out as separate runs: compare without any whitespace.
  return { pages: doc.numPages, text: pages.join('').normalize('NFKC').replace(/\s+/g, '') };
}

test('the report prints to an A4 PDF whose text holds the ranking and the evidence', async ({ page }) => {
  await page.goto('./#/diagnostic');
  await appReady(page);
  for (const [pivot, level] of [['referencement', 4], ['contenus-web', 3], ['campagnes-promotion', 3], ['veille', 2]]) {
    await page.locator(`input[name="quick-${pivot}"][value="${level}"]`).check();
  }
  await page.goto('./#/positionnement/animateur-ecommerce');
  const item = page.locator('[data-item="animateur-ecommerce/RED1"]');
  await item.getByLabel(/Je maîtrise/).check();
  await item.locator('summary', { hasText: 'Preuve' }).click();
  await item.getByRole('textbox').fill('Rédaction de 120 fiches produits pour une boutique de thé');
  await item.getByRole('textbox').blur();

  await page.goto('./#/rapport');
  await appReady(page);
  await expect(page.getByTestId('report-name')).toHaveText('Mon dossier');
  await expectNoAxeViolations(page, 'report');
  const rows = await page.$$eval('[data-testid="match-row"]', (rs) => rs.map((r) => [r.dataset.referential, r.querySelector('th').textContent.trim()]));
  expect(rows).toHaveLength(5);

  await page.emulateMedia({ media: 'print' });
  const { pages, text } = await pdfText(await page.pdf({ format: 'A4', printBackground: true }));
  expect(pages).toBeGreaterThanOrEqual(1);
  const squash = (s) => s.replace(/\s+/g, '');
  expect(text).toContain(squash('Bilan de positionnement'));
  // The five profiles appear in rank order.
  const positions = rows.map(([id]) => text.indexOf(squash(loadReferential(id).title)));
  expect(positions.every((p) => p >= 0), `titles in PDF: ${positions}`).toBeTruthy();
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(text).toContain(squash('Rédaction de 120 fiches produits'));
  expect(text).not.toContain(squash('Imprimer / Enregistrer en PDF'));
});
