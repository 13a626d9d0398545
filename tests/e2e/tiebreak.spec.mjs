// SPEC §5.1 « Départager »: when professions are too close to call, the results page says so
// above the ranking, shows them as close in the ranking, and offers a few item questions (one at a
// time, skippable, each with its own scale); after the last one the ranking has moved and the
// outcome names who came out ahead or that they fit about equally. The answers are item answers:
// they survive a reload and travel in the export and in the SCORM suspend_data. Archetypes from
// tests/validation/profiles.json (sales-manager: a close group; community-manager: a clear first).
import { readFileSync } from 'node:fs';
import { testLms } from '../support/lms-server.mjs';
import { loadReferential, allItems } from '../support/data.mjs';
import { test, expect, appReady, exportFile, expectNoAxeViolations, gotoPage, importDossier } from './helpers.mjs';

const ARCHETYPES = JSON.parse(readFileSync(new URL('../validation/profiles.json', import.meta.url), 'utf8')).profiles;
const quickOf = (id) => ARCHETYPES.find((a) => a.id === id).quick;
const GROUP = 'charge-developpement-commercial|vendeur-web';

/** An item's full id → its scale as the detailed positioning offers it: e-CF « aucun » and the
 * described levels, or the generic 0–4. */
function levelsOf(fullId) {
  const [ref, id] = fullId.split('/');
  const data = loadReferential(ref);
  const item = allItems(data).find((i) => i.id === id);
  return data.scale === 'ecf' ? ['0', ...item.levels.map((l) => String(l.level))] : ['0', '1', '2', '3', '4'];
}

async function openResults(page, archetype) {
  await importDossier(page, exportFile({ name: archetype, quick: quickOf(archetype) }));
  await gotoPage(page, './#/resultats');
  await expect(page.getByTestId('match-row')).toHaveCount(5);
}

const scores = (page) => page.getByTestId('match-row').evaluateAll((rs) => rs.map((r) => [r.dataset.referential, r.dataset.score]));
const question = (page) => page.getByTestId('tiebreak-item');

/** The current question's item, once the panel shows it. */
async function currentItem(page) {
  await expect(question(page)).toBeVisible();
  return question(page).getAttribute('data-item');
}

test('a clear first gets no offer and a plain ranking', async ({ page }) => {
  await openResults(page, 'community-manager');
  await expect(page.getByTestId('tiebreak-notice')).toHaveCount(0);
  await expect(page.getByTestId('tiebreak-offer')).toHaveCount(0);
  await expect(page.locator('[data-testid="match-row"][data-close]')).toHaveCount(0);
  await expect(page.getByTestId('match-row').first().locator('td').first()).toHaveText('1');
});

test('too close to call: notice, close ranking, questions one at a time, skip, outcome; answers survive a reload and travel in the export', async ({ page }) => {
  test.slow();
  await openResults(page, 'sales-manager');
  const notice = page.getByTestId('tiebreak-notice');
  await expect(notice).toContainText('Trop proche pour trancher');
  await expect(notice).toContainText('CHARGÉ.E DU DÉVELOPPEMENT COMMERCIAL et Vendeur Web');
  const offer = page.getByTestId('tiebreak-offer');
  await expect(offer).toHaveAttribute('data-group', GROUP);
  // The notice comes before the ranking; the ranking shows the two as close, not as 1 and 2.
  const [noticeY, rankingY] = await Promise.all([notice, page.locator('table.ranking')].map((l) => l.evaluate((e) => e.getBoundingClientRect().top)));
  expect(noticeY).toBeLessThan(rankingY);
  const close = page.locator('[data-testid="match-row"][data-close="true"]');
  await expect(close).toHaveCount(2);
  expect(await close.evaluateAll((rs) => rs.map((r) => r.dataset.referential).join('|'))).toBe(GROUP);
  await expect(close.first().locator('td').first()).toContainText('≈ 1');
  await expect(page.getByTestId('match-row').nth(2).locator('td').first()).toHaveText('3');
  await expect(page.getByTestId('ranking-close')).toBeVisible();
  await expectNoAxeViolations(page, 'results with a close group');
  const before = await scores(page);

  // Keyboard: the offer, then the first question, whose heading takes focus.
  await offer.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#tiebreak-title')).toBeFocused();
  await expect(page.locator('#tiebreak-title')).toContainText('question 1 sur');
  const first = await currentItem(page);
  expect(first.split('/')[0]).toBe('charge-developpement-commercial');
  const radios = question(page).locator('input[type="radio"]');
  expect(await radios.evaluateAll((rs) => rs.map((r) => r.value))).toEqual(levelsOf(first));
  await expect(question(page)).toContainText('Métier ou certification : CHARGÉ.E DU DÉVELOPPEMENT COMMERCIAL');
  await expectNoAxeViolations(page, 'a Départager question');
  // Choosing a level with the arrow keys answers without moving on.
  await radios.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(radios.nth(1)).toBeChecked();
  expect(await currentItem(page)).toBe(first);
  await page.getByTestId('tiebreak-next').focus();
  await page.keyboard.press('Enter');

  // In turn: the second question is the other profession's, on its own e-CF scale.
  const second = await currentItem(page);
  expect(second.split('/')[0]).toBe('vendeur-web');
  expect(await radios.evaluateAll((rs) => rs.map((r) => r.value))).toEqual(levelsOf(second));
  await expect(question(page).locator('label').first()).toContainText('Aucun de ces niveaux');
  // Skip it: no answer is recorded.
  await page.getByTestId('tiebreak-skip').click();
  const third = await currentItem(page);
  expect(third).not.toBe(second);

  // Answer the rest at level 0 (« aucun » on the e-CF scale).
  const asked = [first, second];
  for (let item = third; item; ) {
    asked.push(item);
    await question(page).locator('input[type="radio"][value="0"]').check();
    await page.getByTestId('tiebreak-next').click();
    item = (await question(page).count()) ? await currentItem(page) : null;
  }
  expect(asked.length).toBeLessThanOrEqual(8);
  expect(new Set(asked).size).toBe(asked.length);

  // The outcome, read on the ranking that has moved at once.
  const done = page.getByTestId('tiebreak-done');
  await expect(done).toBeVisible();
  await expect(page.locator('#tiebreak-title')).toBeFocused();
  expect(await scores(page)).not.toEqual(before);
  const firstRow = await page.getByTestId('match-row').first().getAttribute('data-referential');
  await expect(done).toHaveAttribute('data-first', firstRow);
  const outcome = await done.getAttribute('data-outcome');
  expect(['ahead', 'equal']).toContain(outcome);
  // « ahead » exactly when the ranking no longer shows a close group.
  await expect(page.locator('[data-testid="match-row"][data-close="true"]')).toHaveCount(outcome === 'ahead' ? 0 : await page.locator('.tiebreak-profile').count());
  await expect(done).toContainText(outcome === 'ahead' ? 'arrive en tête, avec' : 'vous correspondent à peu près autant');
  // Their defining skills side by side: the first and the runner-up, or the ones about equal.
  await expect(done.locator('.tiebreak-profile').first()).toHaveAttribute('data-referential', firstRow);
  expect(await done.locator('.tiebreak-profile li').count()).toBeGreaterThanOrEqual(2);
  await expectNoAxeViolations(page, 'the Départager outcome');

  // A reload keeps the answers (not the session): the first answer is a detailed answer now.
  await page.reload();
  await appReady(page);
  const [ref, id] = first.split('/');
  await gotoPage(page, `./#/positionnement/${ref}`);
  await expect(page.locator(`input[name="a-${id.replaceAll('.', '-')}"][value="1"]`)).toBeChecked();
  const skipped = second.split('/');
  await gotoPage(page, `./#/positionnement/${skipped[0]}`);
  await expect(page.locator(`input[name="a-${skipped[1].replaceAll('.', '-')}"]:checked`)).toHaveCount(0);

  // The export carries them as item answers, the quick answers untouched, nothing for the skip.
  await gotoPage(page, './#/dossiers');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const path = test.info().outputPath('export.json');
  await download.saveAs(path);
  const exported = JSON.parse(readFileSync(path, 'utf8')).dossier;
  expect(exported.quick).toEqual(quickOf('sales-manager'));
  expect(exported.items[first].level).toBe(1);
  expect(exported.items[second]).toBeUndefined();
  for (const item of asked.slice(2)) expect(exported.items[item].level).toBe(0);
  expect(Object.keys(exported.items)).toHaveLength(asked.length - 1);
});

test('offered from a profession\'s detail, with its neighbours; stopping early shows the outcome', async ({ page }) => {
  await openResults(page, 'sales-manager');
  const details = page.locator('[data-testid="match-details"][data-referential="vendeur-web"]');
  await details.locator('summary').click();
  const offer = details.getByTestId('tiebreak-detail-offer');
  await expect(offer).toHaveAttribute('data-group', GROUP);
  await expect(details).toContainText('à moins de 5 points de correspondance de « Vendeur Web »');
  await offer.click();
  await expect(page.locator('#tiebreak-title')).toBeFocused();
  await currentItem(page);
  await page.getByTestId('tiebreak-stop').click();
  await expect(page.getByTestId('tiebreak-done')).toBeVisible();
  // Nothing answered: still about equal, and more questions are on offer.
  await expect(page.getByTestId('tiebreak-done')).toHaveAttribute('data-outcome', 'equal');
  await page.getByTestId('tiebreak-close').click();
  await expect(page.getByTestId('tiebreak-offer')).toHaveAttribute('data-group', GROUP);
});

test('on a 390 px phone, in English: the close group, a question and the outcome fit the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openResults(page, 'sales-manager');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  await expect(page.getByTestId('tiebreak-notice')).toContainText('Too close to call');
  // The close marker (rank column) and the professions' names stay on screen, without scrolling
  // the table sideways.
  const visible = await page.locator('[data-testid="match-row"][data-close="true"]').evaluateAll((rows) => rows.map((r) => {
    const [rank, name] = [r.querySelector('td'), r.querySelector('th')].map((c) => c.getBoundingClientRect());
    return rank.left >= 0 && name.right <= document.documentElement.clientWidth && r.querySelector('td').textContent.includes('≈');
  }));
  expect(visible).toEqual([true, true]);
  expect(await fits()).toBe(true);
  await expectNoAxeViolations(page, 'close group at 390 px (en)');
  await page.getByTestId('tiebreak-offer').click();
  await currentItem(page);
  await expect(page.locator('#tiebreak-title')).toContainText('question 1 of');
  expect(await fits()).toBe(true);
  await expectNoAxeViolations(page, 'a question at 390 px (en)');
  await page.getByTestId('tiebreak-stop').click();
  await expect(page.getByTestId('tiebreak-done')).toContainText('match you about equally');
  expect(await fits()).toBe(true);
});

test('embed mode: the offer and the questions work in a framed, compact Repère', async ({ page }) => {
  await page.goto('./index.html?embed=1&ns=tiebreak#/diagnostic');
  await appReady(page);
  for (const [pivot, level] of Object.entries(quickOf('sales-manager'))) {
    await page.locator(`input[type="radio"][name="quick-${pivot}"][value="${level}"]`).check();
  }
  await page.getByRole('link', { name: 'Résultats', exact: true }).click();
  await expect(page.getByTestId('tiebreak-offer')).toHaveAttribute('data-group', GROUP);
  await page.getByTestId('tiebreak-offer').click();
  await question(page).locator('input[type="radio"][value="3"]').check();
  await page.getByTestId('tiebreak-next').click();
  await expect(question(page)).toBeVisible();
  await expectNoAxeViolations(page, 'Départager in embed mode');
});

test.describe('LMS mode', () => {
  const lms = testLms(test);
  const LEARNER = { 'cmi.core.student_id': 'learner-7', 'cmi.core.student_name': 'Martin, Camille' };
  const player = (cmi) => lms.player('repere', { cmi });
  const lastCommit = async (page) => (await page.evaluate(() => window.lms.commits)).at(-1);

  test('a Départager answer travels in cmi.suspend_data and comes back on another computer', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(player(LEARNER));
    const app = page.frameLocator('#sco');
    await expect(app.locator('main h1')).toBeVisible();
    await app.locator('a[href="#/diagnostic"]').first().click();
    for (const [pivot, level] of Object.entries(quickOf('sales-manager'))) {
      await app.locator(`input[type="radio"][name="quick-${pivot}"][value="${level}"]`).check();
    }
    await app.locator('a[href="#/resultats"]').first().click();
    // The quick answers are committed first; then the Départager answer changes the suspend data.
    await expect.poll(async () => (await lastCommit(page))?.suspend_data ?? '', { timeout: 10_000 }).toMatch(/^repere:1:/);
    await expect(app.getByTestId('match-row')).toHaveCount(5);
    const quickOnly = (await lastCommit(page)).suspend_data;
    await app.getByTestId('tiebreak-offer').click();
    const item = await app.getByTestId('tiebreak-item').getAttribute('data-item');
    await app.getByTestId('tiebreak-item').locator('input[type="radio"][value="2"]').check();
    await expect.poll(async () => (await lastCommit(page)).suspend_data, { timeout: 10_000 }).not.toBe(quickOnly);
    const suspend = (await lastCommit(page)).suspend_data;

    // Another computer: the answer comes back from cmi.suspend_data alone.
    const other = await browser.newContext();
    const page2 = await other.newPage();
    await page2.goto(player({ ...LEARNER, 'cmi.suspend_data': suspend, 'cmi.core.entry': 'resume' }));
    const app2 = page2.frameLocator('#sco');
    await expect(app2.locator('[data-testid="lms-message"][data-key="lms.restored"]')).toBeVisible();
    const [ref, id] = item.split('/');
    await app2.locator('body').evaluate((_, hash) => { location.hash = hash; }, `#/positionnement/${ref}`);
    await expect(app2.locator(`input[name="a-${id.replaceAll('.', '-')}"][value="2"]`)).toBeChecked();
    await other.close();
    await context.close();
  });
});
