// Telling professions apart (SPEC §5): contrasting candidates answer the quick diagnostic as
// their job descriptions say (archetypes of tests/validation/profiles.json) and see their own
// profession first; each profession's detail explains the figures and its defining skills with
// the candidate's standing, in French and in English; axe-clean.
import { readFileSync } from 'node:fs';
import { test, expect, appReady, expectNoAxeViolations } from './helpers.mjs';

const ARCHETYPES = JSON.parse(readFileSync(new URL('../validation/profiles.json', import.meta.url), 'utf8')).profiles;
const archetype = (id) => ARCHETYPES.find((a) => a.id === id);

/** Answers the 28 pivot skills of the quick diagnostic with the archetype's levels. */
async function answerQuick(page, quick) {
  await page.goto('./#/diagnostic');
  await appReady(page);
  for (const [pivot, level] of Object.entries(quick)) {
    await page.locator(`input[type="radio"][name="quick-${pivot}"][value="${level}"]`).check();
  }
  await expect(page.locator('#quick-progress')).toHaveAttribute('value', '28');
}

async function ranking(page) {
  await page.goto('./#/resultats');
  await appReady(page);
  await expect(page.getByTestId('match-row')).toHaveCount(5);
  // Every pivot skill is answered: every item is estimated, completeness 1 everywhere.
  await expect(page.locator('[data-testid="match-row"][data-completeness="1.000"]')).toHaveCount(5);
  return page.getByTestId('match-row').evaluateAll((rs) => rs.map((r) => ({
    id: r.dataset.referential, fit: Number(r.dataset.score), readiness: Number(r.dataset.readiness),
  })));
}

/** The standing the UI must give a level against the expected level (core::scoring::identity). */
function standing(level, expected) {
  if (level === null) return 'missing';
  if (level >= expected) return 'held';
  return level + 1 === expected ? 'close' : 'missing';
}

for (const [id, first] of [
  ['community-manager', 'animateur-ecommerce'],
  ['web-project-manager', 'chef-projet-ecommerce'],
  ['sales-manager', 'charge-developpement-commercial'],
  ['ecommerce-officer', 'charge-ecommerce'],
]) {
  test(`a ${id} sees ${first} ranked first, by fit`, async ({ page }) => {
    const a = archetype(id);
    expect(a.expected).toContain(first);
    await answerQuick(page, a.quick);
    const rows = await ranking(page);
    expect(rows[0].id).toBe(first);
    // Ranked by fit (data-score, SPEC §10), best first; readiness is a separate figure.
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1].fit).toBeGreaterThanOrEqual(rows[i].fit);
    expect(rows.filter((r) => !(r.fit > 0 && r.fit < 1 && r.readiness > 0 && r.readiness < 1)), 'figures outside ]0, 1[').toEqual([]);
  });
}

test('a profession\'s detail explains its figures and its defining skills, in French and English', async ({ page }) => {
  const a = archetype('community-manager');
  await answerQuick(page, a.quick);
  const rows = await ranking(page);
  const ref = 'animateur-ecommerce';
  const row = rows.find((r) => r.id === ref);
  const pct = (x, lang) => (lang === 'fr' ? `${Math.round(x * 100)}\u00a0%` : `${Math.round(x * 100)}%`);

  // One plain sentence per figure above the ranking.
  const help = page.getByTestId('figure-help');
  await expect(help).toContainText('La correspondance dit à quel point votre profil ressemble à ce métier');
  await expect(help).toContainText('La part des attendus atteints dit quelle part');
  await expect(help).toContainText('La complétude dit quelle part des éléments a un niveau');

  const details = page.locator(`[data-testid="match-details"][data-referential="${ref}"]`);
  // The details follow the ranking: the first one is the best fit's.
  await expect(page.getByTestId('match-details').first()).toHaveAttribute('data-referential', rows[0].id);
  await details.locator('summary').click();
  await expect(details.getByTestId('detail-figures')).toHaveText(
    `Correspondance : ${pct(row.fit, 'fr')}. Part des attendus atteints : ${pct(row.readiness, 'fr')}. Complétude : 100\u00a0%.`);
  await expect(details).toContainText('Ce qui caractérise ce métier');

  // Five defining skills, each with the candidate's quick answer, the expected level and the
  // standing those two give; the community manager holds some, is close to one, misses one.
  const skills = details.getByTestId('defining-skill');
  await expect(skills).toHaveCount(5);
  const seen = await skills.evaluateAll((rs) => rs.map((r) => ({
    pivot: r.dataset.pivot, standing: r.dataset.standing,
    cells: [...r.querySelectorAll('td')].map((td) => td.textContent.trim()),
  })));
  expect(seen.map((s) => s.pivot)).toEqual(['reseaux-sociaux', 'referencement', 'campagnes-promotion', 'ergonomie-parcours', 'contenus-web']);
  for (const s of seen) {
    const level = a.quick[s.pivot];
    expect(s.cells[0]).toBe(String(level));
    expect(s.standing).toBe(standing(level, Number(s.cells[1])));
    expect(s.cells[2]).toBe({ held: 'acquise', close: 'proche', missing: 'à développer' }[s.standing]);
  }
  expect(new Set(seen.map((s) => s.standing))).toEqual(new Set(['held', 'close', 'missing']));
  // Unfolded down to the items, with their weight in the fit.
  await expect(details.getByTestId('detail-item')).toHaveCount(14);
  await expect(details.locator('[data-testid="detail-item"][data-item="animateur-ecommerce/RED3"]')).toContainText('Estimé d\'après');
  await expectNoAxeViolations(page, 'results, detail open (fr)');

  // The same in English, the referential texts staying French.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(help).toContainText('The fit says how much your profile looks like this job');
  await expect(details.getByTestId('detail-figures')).toHaveText(
    `Fit: ${pct(row.fit, 'en')}. Share of what is expected: ${pct(row.readiness, 'en')}. Completeness: 100%.`);
  await expect(details).toContainText('What sets this job apart');
  await expect(details.locator('[data-testid="defining-skill"][data-pivot="reseaux-sociaux"] th')).toHaveText('Social media & communities');
  const standings = await skills.evaluateAll((rs) => rs.map((r) => [r.dataset.standing, r.querySelector('td:last-child').textContent.trim()]));
  for (const [s, text] of standings) expect(text).toBe({ held: 'held', close: 'close', missing: 'to develop' }[s]);
  await expect(page.getByRole('columnheader', { name: 'Share of what is expected' })).toBeVisible();
  await expectNoAxeViolations(page, 'results, detail open (en)');
});

test('a skill with no level is shown as not rated and to develop', async ({ page }) => {
  // Only one quick answer: the other defining skills of the best fit have no level at all.
  await page.goto('./#/diagnostic');
  await appReady(page);
  await page.locator('input[type="radio"][name="quick-reseaux-sociaux"][value="4"]').check();
  await page.goto('./#/resultats');
  await expect(page.getByTestId('match-row').first()).toHaveAttribute('data-referential', 'animateur-ecommerce');
  const details = page.locator('[data-testid="match-details"][data-referential="animateur-ecommerce"]');
  await details.locator('summary').click();
  await expect(details.locator('[data-testid="defining-skill"][data-pivot="reseaux-sociaux"]')).toHaveAttribute('data-standing', 'held');
  const referencement = details.locator('[data-testid="defining-skill"][data-pivot="referencement"]');
  await expect(referencement).toHaveAttribute('data-standing', 'missing');
  await expect(referencement.locator('td').first()).toHaveText('non renseigné');
});
