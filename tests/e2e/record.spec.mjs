// The positioning record « Positionnement à l'entrée », printable on A4 in French
// and English, with the referential's official codes, every block and item, ready blocks,
// signature boxes and what traces it to the data.
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { test, expect, allItems, appReady, expectNoAxeViolations, loadReferential } from './helpers.mjs';

async function pdfText(buffer) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: true }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => it.str).join(' '));
  }
  return { pages: doc.numPages, text: pages.join('').normalize('NFKC').replace(/\s+/g, '') };
}
const squash = (s) => s.normalize('NFKC').replace(/\s+/g, '');

const rated = (id) => allItems(loadReferential(id)).filter((i) => i.rated !== false);

test('the record of a certification: codes, every block and item, ready blocks, signatures; printed on A4', async ({ page }) => {
  await page.goto('./#/positionnement/animateur-ecommerce');
  await appReady(page);
  for (const id of ['REF1', 'REF2', 'REF3']) {
    await page.locator(`input[type="radio"][name="a-${id}"][value="4"]`).check();
  }
  const ref1 = page.locator('[data-item="animateur-ecommerce/REF1"]');
  await ref1.locator('details.evidence summary').click();
  await ref1.getByRole('textbox').fill('Audit SEO de 3 boutiques en ligne');
  await ref1.getByRole('textbox').blur();

  // From the results page.
  await page.goto('./#/resultats');
  await appReady(page);
  await page.getByTestId('record-link').click();
  await page.getByRole('link', { name: 'Animateur e-commerce' }).click();
  await expect(page).toHaveURL(/#\/positionnement-entree\/animateur-ecommerce$/);
  const record = page.getByTestId('record');
  await expect(record.locator('h1')).toHaveText("Fiche de positionnement à l'entrée");
  await expect(page.getByTestId('record-name')).toHaveText('Mon dossier');
  await expect(page.getByTestId('record-date')).toHaveText(/\d{2}\/\d{2}\/\d{4}/);
  const codes = await page.getByTestId('record-code').evaluateAll((els) => els.map((e) => e.dataset.code));
  expect(codes).toEqual(['RNCP 19357', 'NSF 312', 'ROME M1707', 'ROME M1706', 'ROME E1101', 'ROME E1104', 'ROME D1401']);
  const referential = loadReferential('animateur-ecommerce');
  const sections = await page.getByTestId('record-section').evaluateAll((els) => els.map((e) => e.dataset.section));
  expect(sections).toEqual(referential.blocks.map((b) => b.id));
  const rows = await page.getByTestId('record-row').evaluateAll((els) => els.map((e) => e.dataset.item));
  expect(rows.sort()).toEqual(rated('animateur-ecommerce').map((i) => i.id).sort());
  const row = page.locator('[data-testid="record-row"][data-item="REF1"]');
  await expect(row.locator('td').nth(0)).toHaveText('4');
  await expect(row.locator('td').nth(1)).toHaveText('3');
  await expect(row.locator('td').nth(2)).toHaveText('Répondu');
  await expect(row.locator('td').nth(3)).toHaveText('Audit SEO de 3 boutiques en ligne');
  // Items linked to the same pivot skills are estimated, and say from what.
  await expect(page.getByTestId('record-row').locator('td', { hasText: "Estimé d'après" }).first()).toBeVisible();
  // The blocks within reach are those whose verdict says so, BC03 (answered at 4) among them.
  await expect(page.locator('[data-section="BC03"] [data-testid="record-verdict"]')).toContainText('À portée');
  const withinReach = await page.getByTestId('record-section').evaluateAll((els) =>
    els.filter((e) => e.querySelector('[data-testid="record-verdict"]').textContent.startsWith('À portée')).map((e) => e.dataset.section));
  expect(await page.locator('[data-testid="record-ready"] li').evaluateAll((els) => els.map((e) => e.dataset.block))).toEqual(withinReach);
  expect(withinReach).toContain('BC03');
  await expect(page.getByTestId('signature-candidate')).toContainText('Date et signature');
  await expect(page.getByTestId('signature-trainer')).toContainText('Le formateur ou la formatrice');
  await expect(page.getByTestId('record-trace')).toHaveText(/^Repère \d+\.\d+\.\d+ · données « animateur-ecommerce » version \d+, empreinte [0-9a-f]{16}$/);
  await expectNoAxeViolations(page, 'positioning record');

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByTestId('record-print')).toBeHidden();
  await expect(page.getByTestId('signature-trainer')).toBeVisible();
  const { pages, text } = await pdfText(await page.pdf({ format: 'A4', printBackground: true }));
  expect(pages).toBeGreaterThanOrEqual(2);
  for (const s of ["Fiche de positionnement à l'entrée", 'RNCP 19357', 'ROME M1707', 'NSF 312', 'Audit SEO de 3 boutiques en ligne', 'Le ou la candidat·e', 'Le formateur ou la formatrice']) {
    expect(text).toContain(squash(s));
  }
  for (const b of referential.blocks) expect(text).toContain(squash(`${b.id} ${b.title}`));
  expect(text).not.toContain(squash('Imprimer / Enregistrer en PDF'));
  await expectNoAxeViolations(page, 'positioning record, print media');
});

test('records of referentials without RNCP code or without blocks, and in English', async ({ page }) => {
  await page.goto('./#/positionnement-entree/charge-developpement-commercial');
  await appReady(page);
  await expect(page.getByTestId('record')).toContainText('Le document source ne donne ni code RNCP ni code ROME.');
  expect(await page.getByTestId('record-section').evaluateAll((els) => els.map((e) => e.dataset.section))).toEqual(['BC01', 'BC02', 'BC03']);
  await expect(page.getByTestId('record-ready-none')).toBeVisible();

  await page.goto('./#/positionnement-entree/charge-ecommerce');
  await expect(page.getByTestId('record-code')).toHaveText(['ROME E1103 — Animation de site multimédia']);
  const groups = loadReferential('charge-ecommerce').groups.map((g) => g.id);
  expect(await page.getByTestId('record-section').evaluateAll((els) => els.map((e) => e.dataset.section))).toEqual(groups);
  await expect(page.getByTestId('record-ready-none')).toHaveCount(0);
  expect(await page.getByTestId('record-row').count()).toBe(rated('charge-ecommerce').length);

  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByTestId('record').locator('h1')).toHaveText('Entry positioning record');
  await expect(page.getByTestId('record-trace')).toContainText('data “charge-ecommerce”');
  // Referential text stays French, marked as such.
  await expect(page.locator('[data-testid="record-code"] span[lang="fr"]')).toHaveText('Animation de site multimédia');
  await expectNoAxeViolations(page, 'positioning record in English');

  await page.goto('./#/positionnement-entree/nope');
  await expect(page.locator('main h1')).toHaveText('Page not found');
});
