// Self-assessment, matching and results, persisted in localStorage.
import { test, expect, REFERENTIAL_IDS, appReady, expectNoAxeViolations, gotoPage } from './helpers.mjs';

/** The ranking rows, once the results page shows them (the pages these tests come from show none). */
async function matchRows(page) {
  await expect(page.getByTestId('match-row')).toHaveCount(REFERENTIAL_IDS.length);
  return page.$$eval('[data-testid="match-row"]', (rows) =>
    rows.map((r) => ({ id: r.dataset.referential, score: Number(r.dataset.score), readiness: Number(r.dataset.readiness), completeness: Number(r.dataset.completeness) })));
}

async function scoreOf(page, id) {
  const rows = await matchRows(page);
  return rows.find((r) => r.id === id);
}

function radio(page, name, level) {
  return page.locator(`input[type="radio"][name="${name}"][value="${level}"]`);
}

test('the quick diagnostic can be completed with the keyboard only and gives a ranking', async ({ page }) => {
  // About 230 key presses and focus checks, each a round trip to the browser, and axe on the two
  // largest pages: 20 to 40 s on a busy 2-core machine, where the default 60 s ran out now and
  // then. The test has no time assertion of its own.
  test.slow();
  await page.goto('./#/diagnostic');
  await appReady(page);
  await expect(page.getByTestId('quick-skill')).toHaveCount(28);
  // After rendering a page the app moves the focus to its heading: start from there.
  await expect(page.locator('main h1')).toBeFocused();
  await expectNoAxeViolations(page, 'quick diagnostic');
  const skills = await page.$$eval('[data-testid="quick-skill"]', (els) => els.map((e) => e.dataset.pivot));
  // Tab until the first radio of the first skill has the focus.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('name') === 'quick-veille')) break;
  }
  for (let i = 0; i < skills.length; i++) {
    const level = [3, 2, 4, 1, 0][i % 5];
    await expect(radio(page, `quick-${skills[i]}`, 0)).toBeFocused();
    await page.keyboard.press('Space');
    for (let k = 0; k < level; k++) await page.keyboard.press('ArrowRight');
    await expect(radio(page, `quick-${skills[i]}`, level)).toBeChecked();
    // Out of the group: its « clear » button (there once answered), then the next group.
    await page.keyboard.press('Tab');
    await expect(page.locator(`[data-pivot="${skills[i]}"] .clear-answer`)).toBeFocused();
    await page.keyboard.press('Tab');
  }
  await expect(page.locator('#quick-progress')).toHaveAttribute('value', '28');
  // On to the results, still by keyboard: the link after the last skill.
  await expect(page.locator('.next-step a')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/resultats$/);
  const rows = await matchRows(page);
  expect(rows.map((r) => r.id).sort()).toEqual([...REFERENTIAL_IDS].sort());
  // Ranked by score, then completeness, best first.
  const ranked = [...rows].sort((a, b) => b.score - a.score || b.completeness - a.completeness);
  expect(rows.map((r) => r.id)).toEqual(ranked.map((r) => r.id));
  // Every pivot skill is rated, so every item is estimated: completeness 1, fit and readiness
  // strictly between 0 and 1.
  for (const r of rows) {
    expect(r.completeness).toBe(1);
    for (const figure of [r.score, r.readiness]) {
      expect(figure).toBeGreaterThan(0);
      expect(figure).toBeLessThan(1);
    }
  }
  await expectNoAxeViolations(page, 'results');
});

test('answering items of a detailed positioning changes the score, and everything survives a reload', async ({ page }) => {
  const ref = 'charge-developpement-commercial';
  await page.goto('./#/resultats');
  await appReady(page);
  expect((await scoreOf(page, ref)).score).toBe(0);

  await page.goto(`./#/positionnement/${ref}`);
  await appReady(page);
  await expectNoAxeViolations(page, 'detailed positioning');
  const item = page.locator(`[data-item="${ref}/C1.1.1"]`);
  await item.getByLabel(/Je le fais en autonomie/).check();
  await expect(item.getByTestId('level-status')).toContainText('Votre réponse : niveau 3');
  await page.locator(`[data-item="${ref}/C2.1.3"]`).getByLabel(/Je maîtrise/).check();
  await item.locator('summary', { hasText: 'Preuve' }).click();
  await item.getByRole('textbox').fill('Veille mise en place chez Acme en 2025');
  await item.getByRole('textbox').blur();

  await gotoPage(page, './#/resultats');
  await expect(page.locator(`[data-testid="match-row"][data-referential="${ref}"]`)).not.toHaveAttribute('data-score', '0.000');
  const after = await scoreOf(page, ref);
  // 27 competences of weight 1, target 3: the two answers alone give a readiness of (1 + 1) / 27;
  // the pivot skills they link to also estimate other items, which can only add to that.
  expect(after.readiness).toBeGreaterThanOrEqual(2 / 27 - 5e-4);
  expect(after.score).toBeGreaterThan(0);
  expect(after.completeness).toBeGreaterThan(2 / 27);
  await page.goto(`./#/positionnement/${ref}`);
  // C2.1.4.1 (negotiation) has no answer: its only pivot, vente-negociation, takes C2.1.3's 4.
  await expect(page.locator(`[data-item="${ref}/C2.1.4.1"]`).getByTestId("level-status")).toContainText("Estimé au niveau 4");

  await page.reload();
  await appReady(page);
  await gotoPage(page, './#/resultats');
  await expect(page.locator(`[data-testid="match-row"][data-referential="${ref}"]`)).toHaveAttribute('data-score', after.score.toFixed(3));
  expect((await scoreOf(page, ref)).readiness).toBeCloseTo(after.readiness, 3);
  await page.goto(`./#/positionnement/${ref}`);
  await expect(radio(page, 'a-C1-1-1', 3)).toBeChecked();
  await expect(radio(page, 'a-C2-1-3', 4)).toBeChecked();
  await expect(page.locator(`[data-item="${ref}/C1.1.1"]`).getByRole('textbox')).toHaveValue('Veille mise en place chez Acme en 2025');
});

test('results show block readiness and unfold to the items', async ({ page }) => {
  const ref = 'animateur-ecommerce';
  await page.goto(`./#/positionnement/${ref}`);
  await appReady(page);
  for (const id of ['REF1', 'REF3']) await page.locator(`[data-item="${ref}/${id}"]`).getByLabel(/Je le fais en autonomie/).check();
  await page.goto('./#/resultats');
  await expect(page.locator(`[data-testid="block-status"][data-block="${ref}/BC03"]`)).toHaveAttribute('data-ready', 'true');
  await expect(page.locator(`[data-testid="block-status"][data-block="${ref}/BC05"]`)).toHaveAttribute('data-ready', 'false');
  await page.locator(`[data-testid="match-details"][data-referential="${ref}"] summary`).click();
  await expect(page.locator(`[data-testid="match-details"][data-referential="${ref}"]`)).toContainText('REF1');
  await expectNoAxeViolations(page, 'results with details');
});

test('two tabs on the same dossier: the other tab picks changes up and never overwrites them', async ({ context }) => {
  const ref = 'chef-projet-ecommerce';
  const a = await context.newPage();
  await a.goto(`./#/positionnement/${ref}`);
  await appReady(a);
  const b = await context.newPage();
  await b.goto(`./#/positionnement/${ref}`);
  await appReady(b);

  await radio(a, 'a-COM-SF1', 3).check();
  await expect(radio(b, 'a-COM-SF1', 3)).toBeChecked();
  await radio(b, 'a-COM-SF2', 2).check();
  await expect(radio(a, 'a-COM-SF2', 2)).toBeChecked();
  // Tab A is now "stale" only if it ignored B: its next answer must keep B's.
  await radio(a, 'a-COM-SF3', 4).check();
  const c = await context.newPage();
  await c.goto(`./#/positionnement/${ref}`);
  await appReady(c);
  await expect(radio(c, 'a-COM-SF1', 3)).toBeChecked();
  await expect(radio(c, 'a-COM-SF2', 2)).toBeChecked();
  await expect(radio(c, 'a-COM-SF3', 4)).toBeChecked();
});

test('a corrupt stored value is set aside and reported, not dropped', async ({ page }) => {
  await page.goto('./');
  await appReady(page);
  await page.evaluate(() => localStorage.setItem('repere.default.dossier.broken1', '{"version":1,"id":"broken1","name":"Camille"'));
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId('notice').first()).toContainText('illisible');
  const stored = await page.evaluate(() => ({
    original: localStorage.getItem('repere.default.dossier.broken1'),
    aside: localStorage.getItem('repere.default.dossier.broken1.corrupt'),
  }));
  expect(stored.original).toBeNull();
  expect(stored.aside).toBe('{"version":1,"id":"broken1","name":"Camille"');
  await expectNoAxeViolations(page, 'corrupt notice');
});

test('storage notices follow the UI language', async ({ page }) => {
  await page.goto('./');
  await appReady(page);
  await page.evaluate(() => {
    localStorage.setItem('repere.lang', 'en');
    localStorage.setItem('repere.default.dossier.broken2', '{"version":1,"id":"broken2","name":"Camille","revision":"x"}');
    localStorage.setItem('repere.default.answers', JSON.stringify({ quick: { referencement: 3 } }));
  });
  await page.reload();
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const notices = page.getByTestId('notice');
  await expect(notices.filter({ hasText: 'The saved dossier “Camille” could not be read' })).toContainText('“repere.default.dossier.broken2.corrupt”');
  await expect(notices.filter({ hasText: 'earlier version of Repère' })).toHaveCount(1);
  for (const text of await notices.allTextContents()) {
    expect(text).not.toMatch(/illisible|mis de côté|version précédente|Masquer/);
  }
  await expectNoAxeViolations(page, 'storage notices (en)');
  // Switching language re-renders the notices already shown.
  await page.getByRole('button', { name: 'Passer en français' }).click();
  await expect(notices.filter({ hasText: 'Le dossier enregistré « Camille » était illisible' })).toHaveCount(1);
  await expect(notices.filter({ hasText: 'ont été reprises dans le dossier « Mon dossier »' })).toHaveCount(1);
  await expect(notices.filter({ hasText: 'could not be read' })).toHaveCount(0);
});

test('a storage quota error is shown and loses nothing', async ({ page }) => {
  const ref = 'vendeur-web';
  await page.goto(`./#/positionnement/${ref}`);
  await appReady(page);
  await radio(page, 'a-A-7', 2).check();
  await page.evaluate(() => {
    window.__realSetItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () { throw new DOMException('quota', 'QuotaExceededError'); };
  });
  await radio(page, 'a-D-5', 3).check();
  await expect(page.getByTestId('save-error')).toBeVisible();
  await expect(page.getByTestId('save-error')).toContainText('Impossible d\'enregistrer');
  await expect(radio(page, 'a-D-5', 3)).toBeChecked();
  await gotoPage(page, './#/resultats');
  const inMemory = await scoreOf(page, ref);
  expect(inMemory.score).toBeGreaterThan(0);
  await page.evaluate(() => { Storage.prototype.setItem = window.__realSetItem; });
  await page.getByRole('button', { name: 'Réessayer d\'enregistrer' }).click();
  await expect(page.getByTestId('save-error')).toHaveCount(0);
  await page.reload();
  await appReady(page);
  await expect.poll(async () => (await scoreOf(page, ref)).score).toBeCloseTo(inMemory.score, 3);
});

test('several named dossiers: create, rename, switch and delete with confirmation', async ({ page }) => {
  await page.goto('./#/dossiers');
  await appReady(page);
  await page.getByLabel('Nom du nouveau dossier').fill('Camille');
  await page.getByRole('button', { name: 'Créer le dossier' }).click();
  await expect(page.getByTestId('current-dossier')).toHaveText('Camille');
  await page.goto('./#/diagnostic');
  await radio(page, 'quick-referencement', 4).check();
  await page.goto('./#/dossiers');
  await expect(page.getByTestId('dossier')).toHaveCount(2);
  const other = page.getByTestId('dossier').filter({ hasText: 'Mon dossier' });
  await other.getByRole('button', { name: 'Ouvrir' }).click();
  await expect(page.getByTestId('current-dossier')).toHaveText('Mon dossier');
  await page.goto('./#/diagnostic');
  await expect(radio(page, 'quick-referencement', 4)).not.toBeChecked();
  await page.goto('./#/dossiers');
  const camille = page.getByTestId('dossier').filter({ hasText: 'Camille' });
  await camille.getByRole('button', { name: 'Renommer' }).click();
  await camille.getByLabel('Nouveau nom').fill('Camille D.');
  await camille.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('dossier').filter({ hasText: 'Camille D.' })).toHaveCount(1);
  await expectNoAxeViolations(page, 'dossiers');
  const renamed = page.getByTestId('dossier').filter({ hasText: 'Camille D.' });
  await renamed.getByRole('button', { name: 'Supprimer' }).click();
  await expect(renamed).toContainText('Supprimer définitivement');
  await renamed.getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByTestId('dossier')).toHaveCount(2);
  await renamed.getByRole('button', { name: 'Supprimer' }).click();
  await renamed.getByRole('button', { name: 'Oui, supprimer' }).click();
  await expect(page.getByTestId('dossier')).toHaveCount(1);
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId('dossier')).toHaveCount(1);
});

test('an old (v0) saved answer set is migrated on start', async ({ page }) => {
  await page.goto('./');
  await appReady(page);
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) localStorage.removeItem(k);
    localStorage.setItem('repere.default.answers', JSON.stringify({ quick: { referencement: 3 }, items: { 'vendeur-web/A.7': 2 } }));
  });
  await page.reload();
  await appReady(page);
  await page.goto('./#/diagnostic');
  await expect(radio(page, 'quick-referencement', 3)).toBeChecked();
  await page.goto('./#/positionnement/vendeur-web');
  await expect(radio(page, 'a-A-7', 2)).toBeChecked();
});

test('a long positioning shows its first part at once and the rest frame by frame; a deep link to its last item is focused', async ({ page }) => {
  // Records whether the page was seen busy (its later groups still to come) before it completed.
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="assess"][aria-busy="true"]')) window.__seenBusy = true;
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
  });
  const ref = 'chef-projet-ecommerce';
  await page.goto(`./#/positionnement/${ref}`);
  await appReady(page);
  await expect(page.getByTestId('assess-item')).toHaveCount(139);
  expect(await page.evaluate(() => window.__seenBusy)).toBe(true);
  // A deep link into the last group renders every group before it at once and focuses its item.
  await page.goto(`./#/positionnement/${ref}/D5.SF27`);
  await page.reload();
  await appReady(page);
  const last = page.locator(`[data-item="${ref}/D5.SF27"]`);
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await expect(page.getByTestId('assess-item')).toHaveCount(139);
});
