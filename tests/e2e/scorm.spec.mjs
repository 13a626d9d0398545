// SPEC §12: the SCORM 1.2 packages of `make scorm` in a test LMS — a same-origin page
// holding scorm-again's SCORM 1.2 runtime as `window.API` and the unzipped package in a frame
// under a deep path, `.wasm` served as application/octet-stream (tests/support/lms-server.mjs).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CONTENT, playerUrl as lmsPlayerUrl, readPackage, startLms, testLms } from '../support/lms-server.mjs';
import { test, expect, appReady, pageComplete, REFERENTIAL_IDS, expectNoAxeViolations } from './helpers.mjs';

const lms = testLms(test);

const LEARNER = { 'cmi.core.student_id': 'learner-42', 'cmi.core.student_name': 'Martin, Camille' };
const SUSPEND_MAX = 4096;

const playerUrl = (pkg, { cmi = LEARNER, ...options } = {}) => lms.player(pkg, { cmi, ...options });

/** Opens the LMS page on a package; returns the app's frame once it has rendered. */
async function openPlayer(page, pkg, options) {
  await page.goto(playerUrl(pkg, options));
  const app = page.frameLocator('#sco');
  await expect(app.locator('main h1')).toBeVisible();
  return app;
}

const calls = (page) => page.evaluate(() => window.lms.calls);
const commits = (page) => page.evaluate(() => window.lms.commits);
const lastCommit = async (page) => (await commits(page)).at(-1);
const commitCount = async (page) => (await commits(page)).length;
const objectives = (cmi) => Object.values(cmi.objectives).map((o) => ({ id: o.id, raw: o.score.raw, status: o.status }));
const radio = (app, name, level) => app.locator(`input[type="radio"][name="${name}"][value="${level}"]`);

/** Leaves the activity as Moodle's « Quitter » does: the frame navigates away. */
async function leave(page) {
  await page.click('#exit');
  await expect.poll(() => page.evaluate(() => window.lms.finished)).toBe(true);
}

/** Rates every unanswered item of every part with the parts' « rate the rest » shortcut. */
async function rateAll(app, level) {
  // The page reveals its groups one per frame: counting them before the last is there would skip some.
  await pageComplete(app);
  const groups = app.locator('[data-testid="assess-group"] .bulk');
  const n = await groups.count();
  for (let i = 0; i < n; i++) {
    const bulk = groups.nth(i);
    await bulk.locator('select').selectOption(String(level));
    await bulk.locator('button').click();
  }
}

/** The session as the LMS saw it, one call per line, long values shortened. */
function transcript(log) {
  const show = (v) => (v.length > 90 ? `${v.slice(0, 60)}… (${v.length} characters)` : v);
  return log.map((c) => `${c.fn}(${c.args.map((a) => JSON.stringify(show(a))).join(', ')}) → ${JSON.stringify(show(c.result))}`).join('\n');
}

test('a session as the LMS sees it: initialise, greet, answer, one commit per burst, finish; a second attempt restores the first', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const app = await openPlayer(page, 'repere-animateur-ecommerce');
  await expect(app.getByTestId('lms-greeting')).toHaveText('Bonjour Camille Martin !');
  await expect(app.getByTestId('assess')).toHaveAttribute('data-referential', 'animateur-ecommerce');
  await expect(app.getByTestId('current-dossier')).toHaveText('Camille Martin');

  // Initialisation: the learner's data is read, then everything is reported once.
  await expect.poll(() => commitCount(page)).toBe(1);
  const opening = await calls(page);
  expect(opening[0]).toEqual({ fn: 'LMSInitialize', args: [''], result: 'true' });
  const read = opening.filter((c) => c.fn === 'LMSGetValue').map((c) => c.args[0]);
  expect(read).toEqual(expect.arrayContaining(['cmi.core.student_name', 'cmi.core.student_id', 'cmi.suspend_data', 'cmi.student_data.mastery_score', 'cmi.core.lesson_mode']));
  let cmi = await lastCommit(page);
  expect(cmi.core.lesson_status).toBe('incomplete');
  expect(cmi.core.score).toEqual({ raw: '0', min: '0', max: '100' });
  expect(cmi.core.exit).toBe('suspend');
  expect(cmi.core.session_time).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
  expect(objectives(cmi)).toEqual(['BC01', 'BC02', 'BC03', 'BC04', 'BC05'].map((id) => ({ id, raw: '0', status: 'incomplete' })));
  expect(cmi.suspend_data).toMatch(/^repere:1:/);

  // A burst of answers (block BC03's three capabilities) is one commit.
  for (const id of ['REF1', 'REF2', 'REF3']) await radio(app, `a-${id}`, 4).check();
  await expect.poll(() => commitCount(page), { timeout: 10_000 }).toBe(2);
  // The first commit after the burst holds all three answers (leaving, below, shows that no
  // other commit came between).
  cmi = await lastCommit(page);
  expect(cmi.core.lesson_status).toBe('incomplete');
  const bc03 = objectives(cmi).find((o) => o.id === 'BC03');
  expect(bc03).toEqual({ id: 'BC03', raw: '100', status: 'passed' });
  // Values already sent are not sent again.
  const secondBurst = (await calls(page)).slice(opening.length).filter((c) => c.fn === 'LMSSetValue').map((c) => c.args[0]);
  expect(secondBurst).not.toContain('cmi.core.score.min');
  expect(secondBurst).not.toContain('cmi.objectives.0.id');
  expect(secondBurst).toContain('cmi.suspend_data');
  // The score is the readiness the results page shows for the package's referential (SPEC §5).
  await app.locator('a[href="#/resultats"]').first().click();
  const row = app.locator('[data-testid="match-row"][data-referential="animateur-ecommerce"]');
  const readiness = Number((await row.getAttribute('data-readiness')) ?? (await row.getAttribute('data-score')));
  expect(cmi.core.score.raw).toBe(String(Math.round(100 * readiness)));
  expect(Number(cmi.core.score.raw)).toBeGreaterThan(0);
  // An objective is passed exactly when the results page shows its block as ready.
  const ready = await app.locator('[data-testid="block-status"][data-block^="animateur-ecommerce/"]').evaluateAll((els) =>
    els.map((e) => ({ id: e.dataset.block.split('/')[1], ready: e.dataset.ready === 'true' })));
  expect(ready).toHaveLength(5);
  expect(objectives(cmi).map((o) => ({ id: o.id, ready: o.status === 'passed' }))).toEqual(ready);

  // Leaving: a last commit, then LMSFinish; three commits in all (opening, the burst, leaving).
  await leave(page);
  expect(await commitCount(page)).toBe(3);
  const log = await calls(page);
  expect(log.at(-1)).toEqual({ fn: 'LMSFinish', args: [''], result: 'true' });
  expect(log.at(-2).fn).toBe('LMSCommit');
  const sessionTime = log.filter((c) => c.fn === 'LMSSetValue' && c.args[0] === 'cmi.core.session_time').at(-1).args[1];
  expect(sessionTime).toMatch(/^\d{4}:\d{2}:\d{2}\.\d{2}$/);
  expect(log.filter((c) => c.result === 'false')).toEqual([]);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/scorm-session.txt', `${transcript(log)}\n`);
  const suspend = (await lastCommit(page)).suspend_data;
  expect(suspend.length).toBeLessThanOrEqual(SUSPEND_MAX);
  await context.close();

  // Second attempt, on another computer: the answers come back from cmi.suspend_data alone.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  const app2 = await openPlayer(page2, 'repere-animateur-ecommerce', { cmi: { ...LEARNER, 'cmi.suspend_data': suspend, 'cmi.core.entry': 'resume' } });
  await expect(app2.locator('[data-testid="lms-message"][data-key="lms.restored"]')).toBeVisible();
  for (const id of ['REF1', 'REF2', 'REF3']) await expect(radio(app2, `a-${id}`, 4)).toBeChecked();
  await expect(radio(app2, 'a-COM1', 4)).not.toBeChecked();
  await expect.poll(() => commitCount(page2)).toBeGreaterThan(0);
  const again = await lastCommit(page2);
  expect(again.core.score.raw).toBe(cmi.core.score.raw);
  expect(objectives(again)).toEqual(objectives(cmi));
  await expectNoAxeViolations(page2, 'LMS mode');
  await other.close();
});

test('a full positioning of chef-projet-ecommerce fits in 4,096 characters; notes that do not fit stay in the browser, said once', async ({ page }) => {
  const app = await openPlayer(page, 'repere-chef-projet-ecommerce');
  await expect.poll(() => commitCount(page)).toBe(1);
  await rateAll(app, 3);
  // Three notes of 2,000 characters: together they cannot fit.
  const items = app.getByTestId('assess-item');
  for (const i of [0, 1, 2]) {
    const item = items.nth(i);
    await item.locator('details.evidence summary').click();
    await item.locator('textarea').fill(`Expérience ${i} : `.padEnd(2000, 'x'));
    await item.locator('textarea').blur();
  }
  await expect(app.locator('[data-testid="lms-message"][data-key="lms.notes_left_out"]')).toHaveCount(1, { timeout: 10_000 });
  await expect(app.locator('[data-key="lms.notes_left_out"]')).toContainText('2 de vos notes', { timeout: 10_000 });
  const cmi = await lastCommit(page);
  console.log(`suspend_data of a full positioning of chef-projet-ecommerce with 3 notes of 2,000 characters (1 kept): ${cmi.suspend_data.length} characters`);
  // All three notes stay in the browser.
  const frame = page.frame({ name: 'scorm_object' });
  const stored = await frame.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('repere.lms-chef-projet-ecommerce.dossier.')).map(([, v]) => v).join());
  for (const i of [0, 1, 2]) expect(stored).toContain(`Expérience ${i} : xxx`);
  expect(cmi.suspend_data.length).toBeLessThanOrEqual(SUSPEND_MAX);
  expect(cmi.core.lesson_status).toBe('completed');
  expect(cmi.core.score.raw).toBe('100');
  expect(objectives(cmi)).toEqual(['COM', 'D1', 'D2', 'D3', 'D4', 'D5'].map((id) => ({ id, raw: '100', status: 'completed' })));
  // Told once: another change does not repeat it.
  const before = await commitCount(page);
  await radio(app, 'a-COM-SF1', 4).check();
  await expect.poll(() => commitCount(page), { timeout: 10_000 }).toBeGreaterThan(before);
  await expect(app.locator('[data-key="lms.notes_left_out"]')).toHaveCount(1);
  expect((await calls(page)).filter((c) => c.result === 'false')).toEqual([]);
  // Levels only: far below the limit.
  const levelsOnly = cmi.suspend_data.split(':').slice(0, 4).join(':');
  expect(levelsOnly.length).toBeLessThan(200);
});

test('with a mastery score the status is passed or failed once the referential is complete', async ({ browser }) => {
  for (const [mastery, level, status] of [['80', 2, 'failed'], ['60', 2, 'passed']]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const app = await openPlayer(page, 'repere-animateur-ecommerce', { cmi: { ...LEARNER, 'cmi.student_data.mastery_score': mastery } });
    await expect.poll(() => commitCount(page)).toBe(1);
    await rateAll(app, level);
    await expect.poll(async () => (await lastCommit(page)).core.lesson_status, { timeout: 10_000 }).toBe(status);
    expect((await lastCommit(page)).core.score.raw).toBe('67');
    await context.close();
  }
});

test('the package of all five reports the best fit and one objective per profession', async ({ page }) => {
  const app = await openPlayer(page, 'repere');
  await expect.poll(() => commitCount(page)).toBe(1);
  await app.locator('a[href="#/diagnostic"]').first().click();
  // The families render one per frame: wait for all 28 skills before listing them.
  await expect(app.getByTestId('quick-skill')).toHaveCount(28);
  const skills = await app.getByTestId('quick-skill').evaluateAll((els) => els.map((e) => e.dataset.pivot));
  for (const [i, pivot] of skills.entries()) await radio(app, `quick-${pivot}`, i % 2 ? 3 : 2).check();
  // The quick diagnostic estimates every item: every profession is complete.
  await expect.poll(async () => (await lastCommit(page)).core.lesson_status, { timeout: 10_000 }).toBe('completed');
  const cmi = await lastCommit(page);
  await app.locator('a[href="#/resultats"]').first().click();
  const rows = app.getByTestId('match-row');
  await expect(rows).toHaveCount(5);
  const figures = await rows.evaluateAll((els) => els.map((e) => ({ id: e.dataset.referential, readiness: Number(e.dataset.readiness ?? e.dataset.score) })));
  expect(cmi.core.score.raw).toBe(String(Math.round(100 * figures[0].readiness)));
  expect(objectives(cmi).map((o) => o.id)).toEqual(REFERENTIAL_IDS);
  for (const o of objectives(cmi)) {
    expect(o.status).toBe('completed');
    expect(o.raw).toBe(String(Math.round(100 * figures.find((f) => f.id === o.id).readiness)));
  }
});

test('a corrupt or foreign suspend_data is reported, not applied, and nothing in the browser is lost', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A first session in this browser.
  let app = await openPlayer(page, 'repere-charge-developpement-commercial');
  await radio(app, 'a-C1-1-1', 3).check();
  await expect.poll(() => commitCount(page), { timeout: 10_000 }).toBe(2);
  await leave(page);
  const good = (await lastCommit(page)).suspend_data;
  const corrupt = good.slice(0, 40) + (good[40] === 'A' ? 'B' : 'A') + good.slice(41);
  const newer = 'repere:2:2030-01-01T00-00-00Z:zzz';
  for (const [value, key] of [[corrupt, 'lms.suspend.damaged'], ['bookmark=page3;score=12', 'lms.suspend.foreign'], [newer, 'lms.suspend.newer']]) {
    app = await openPlayer(page, 'repere-charge-developpement-commercial', { cmi: { ...LEARNER, 'cmi.suspend_data': value } });
    await expect(app.locator(`[data-testid="lms-message"][data-key="${key}"]`)).toBeVisible();
    // The browser's answer is still there; the LMS's value is left as it was, to the end of
    // the session (leaving commits whatever is left to send).
    await expect(radio(app, 'a-C1-1-1', 3)).toBeChecked();
    await leave(page);
    expect((await lastCommit(page)).suspend_data).toBe(value);
    expect((await calls(page)).filter((c) => c.fn === 'LMSSetValue' && c.args[0] === 'cmi.suspend_data')).toEqual([]);
  }
  app = await openPlayer(page, 'repere-charge-developpement-commercial', { cmi: { ...LEARNER, 'cmi.suspend_data': newer } });
  await expect(app.locator('[data-key="lms.suspend.newer"]')).toContainText('version plus récente');
  // Once the learner answers, their work replaces it.
  await radio(app, 'a-C1-1-2', 2).check();
  await expect.poll(async () => (await lastCommit(page)).suspend_data, { timeout: 10_000 }).toMatch(/^repere:1:/);
  // Another learner on the same (classroom) computer gets a dossier of their own.
  app = await openPlayer(page, 'repere-charge-developpement-commercial', { cmi: { 'cmi.core.student_id': 'learner-7', 'cmi.core.student_name': 'Durand, Lou' } });
  await expect(app.getByTestId('lms-greeting')).toHaveText('Bonjour Lou Durand !');
  await expect(app.getByTestId('current-dossier')).toHaveText('Lou Durand');
  await expect(radio(app, 'a-C1-1-1', 3)).not.toBeChecked();
  await context.close();
});

test('a value the LMS refuses is shown with its code and sent again at the next commit', async ({ page }) => {
  const app = await openPlayer(page, 'repere-vendeur-web', { fail: [['cmi.core.score.raw', 405]] });
  const error = app.getByTestId('lms-error');
  await expect(error).toContainText('code 405');
  await expect(error).toContainText('cmi.core.score.raw');
  await expect(error).toContainText('Nouvel essai');
  // The other values went through.
  expect((await lastCommit(page)).core.lesson_status).toBe('incomplete');
  // The LMS accepts it again: the next commit sends the same value again. (Level 0 leaves the
  // score at 0: only the retry can send it.)
  await page.evaluate(() => window.lms.failing.clear());
  await radio(app, 'a-A-7', 0).check();
  await expect(error).toHaveCount(0, { timeout: 10_000 });
  const sent = (await calls(page)).filter((c) => c.fn === 'LMSSetValue' && c.args[0] === 'cmi.core.score.raw');
  expect(sent.map((c) => [c.args[1], c.result])).toEqual([['0', 'false'], ['0', 'true']]);
  expect((await lastCommit(page)).core.score.raw).toBe('0');
});

/** Counts the app's calls to `navigator.serviceWorker.register` in `window.__swRegistrations`. */
const COUNT_SW_REGISTRATIONS = () => {
  window.__swRegistrations = 0;
  const register = ServiceWorkerContainer.prototype.register;
  ServiceWorkerContainer.prototype.register = function (...args) {
    window.__swRegistrations += 1;
    return register.apply(this, args);
  };
};

/**
 * The app asks for its worker in the first idle period after the load event (an idle callback,
 * 3 s at most). Once an idle callback asked for after it has run, the app's has run too: the
 * worker registrations made by then, counted, and those the browser holds.
 */
const workerAfterFirstIdle = (frame) => frame.evaluate(async () => {
  if (document.readyState !== 'complete') await new Promise((resolve) => addEventListener('load', resolve, { once: true }));
  await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 }));
  return { registered: window.__swRegistrations, registrations: (await navigator.serviceWorker.getRegistrations()).length };
});

test('no service worker in an LMS, and with no API at all the package runs as the app', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(COUNT_SW_REGISTRATIONS);
  const page = await context.newPage();
  await openPlayer(page, 'repere-animateur-ecommerce');
  await expect.poll(() => commitCount(page)).toBe(1);
  expect(await workerAfterFirstIdle(page.frame({ name: 'scorm_object' }))).toEqual({ registered: 0, registrations: 0 });
  // The same package opened as a plain page (no `lms=`) has asked for its worker by then: the
  // wait above would have seen it.
  await page.goto(`${lms.origin}${CONTENT}repere-animateur-ecommerce/index.html`);
  await expect(page.locator('main h1')).toBeVisible();
  expect((await workerAfterFirstIdle(page.mainFrame())).registered).toBe(1);
  await context.close();

  const bare = await browser.newContext();
  await bare.addInitScript(COUNT_SW_REGISTRATIONS);
  const page2 = await bare.newPage();
  const app2 = await openPlayer(page2, 'repere-animateur-ecommerce', { api: false });
  await expect(app2.getByTestId('lms-state')).toContainText('Aucune plateforme de formation');
  await radio(app2, 'a-COM1', 3).check();
  await app2.locator('a[href="#/resultats"]').first().click();
  await expect(app2.locator('[data-testid="match-row"][data-referential="animateur-ecommerce"]')).toBeVisible();
  expect(await workerAfterFirstIdle(page2.frame({ name: 'scorm_object' }))).toEqual({ registered: 0, registrations: 0 });
  // Opened on its own (no LMS page around it), the package is the app too.
  await page2.goto(`${lms.origin}${CONTENT}repere/${lms.packages.get('repere').launch}`);
  await expect(page2.getByTestId('lms-state')).toContainText('Aucune plateforme de formation');
  await expect(page2.locator('main h1')).toBeVisible();
  await bare.close();
});

test('the package is a SCORM 1.2 content package launching the app in LMS mode', async () => {
  expect([...lms.packages.keys()].sort()).toEqual(['repere', 'repere-animateur-ecommerce', 'repere-charge-developpement-commercial',
    'repere-charge-ecommerce', 'repere-chef-projet-ecommerce', 'repere-vendeur-web']);
  for (const [name, p] of lms.packages) {
    expect(p.manifest).toContain('<schemaversion>1.2</schemaversion>');
    expect(p.launch).toBe(name === 'repere' ? 'index.html?lms=scorm12' : `index.html?lms=scorm12&ref=${name.slice('repere-'.length)}`);
    // Every file of the zip but the manifest is listed, and every listed file is in the zip.
    const listed = [...p.manifest.matchAll(/<file href="([^"]+)"\/>/g)].map((m) => decodeURIComponent(m[1])).sort();
    expect(listed).toEqual([...p.files.keys()].filter((f) => f !== 'imsmanifest.xml').sort());
    expect(listed.some((f) => f.endsWith('.wasm'))).toBe(true);
  }
});

// SPEC §13 d: the package of a brought referential, built by the page from the app's own files,
// downloaded, unzipped and served by the test LMS like the others.
const STORED = readFileSync(new URL('../fixtures/rncp/stored-rncp38812.json', import.meta.url), 'utf8');
const FICHE_BLOCKS = ['RNCP38812BC01', 'RNCP38812BC02', 'RNCP38812BC03', 'RNCP38812BC04'];

async function buildBroughtPackage(browser) {
  const context = await browser.newContext();
  await context.addInitScript((v) => {
    if (!localStorage.getItem('repere.default.referential.rncp38812')) localStorage.setItem('repere.default.referential.rncp38812', v);
  }, STORED);
  const page = await context.newPage();
  await page.goto('./#/referentiel/rncp38812');
  await appReady(page);
  await page.getByTestId('scorm-mastery').fill('50');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-scorm').click()]);
  await expect(page.getByTestId('scorm-status')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('scorm-status')).toContainText('repere-rncp38812.zip');
  expect(download.suggestedFilename()).toBe('repere-rncp38812.zip');
  const zip = readFileSync(await download.path());
  await context.close();
  return zip;
}

test('a brought referential\'s package built by the page runs in the LMS: score, objectives with the fiche\'s codes, suspend data restored', async ({ browser }) => {
  const zip = await buildBroughtPackage(browser);
  const { files, manifest, launch } = readPackage(zip);
  console.log(`SCORM package of rncp38812 built in the browser: ${(zip.length / 1024).toFixed(0)} KiB, ${files.size} files`);
  expect(manifest).toContain('<schemaversion>1.2</schemaversion>');
  expect(manifest).toContain('<title>Repère — Responsable e-commerce</title>');
  expect(manifest).toContain('<adlcp:masteryscore>50</adlcp:masteryscore>');
  expect(launch).toBe('index.html?lms=scorm12&ref=rncp38812&file=referential.json');
  const listed = [...manifest.matchAll(/<file href="([^"]+)"\/>/g)].map((m) => decodeURIComponent(m[1])).sort();
  expect(listed).toEqual([...files.keys()].filter((f) => f !== 'imsmanifest.xml').sort());
  expect(JSON.parse(Buffer.from(files.get('referential.json')).toString('utf8'))).toEqual(JSON.parse(STORED).referential);
  // The app's files are those of make scorm's packages (the same build), the worker aside.
  const made = [...lms.packages.get('repere-vendeur-web').files.keys()].filter((f) => !['imsmanifest.xml', 'sw.js'].includes(f)).sort();
  expect([...files.keys()].filter((f) => !['imsmanifest.xml', 'referential.json'].includes(f)).sort()).toEqual(made);
  for (const f of made) expect(Buffer.from(files.get(f)).equals(Buffer.from(lms.packages.get('repere-vendeur-web').files.get(f))), f).toBe(true);

  const own = new Map([['repere-rncp38812', { files, manifest, launch }]]);
  const server = await startLms(own);
  const url = (cmi) => lmsPlayerUrl(server.origin, 'repere-rncp38812', launch, { cmi });
  try {
    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto(url(LEARNER));
    const app = page.frameLocator('#sco');
    await expect(app.getByTestId('assess')).toHaveAttribute('data-referential', 'rncp38812');
    await expect(app.getByTestId('lms-greeting')).toHaveText('Bonjour Camille Martin !');
    await expect.poll(() => commitCount(page)).toBe(1);
    let cmi = await lastCommit(page);
    expect(cmi.core.lesson_status).toBe('incomplete');
    expect(objectives(cmi)).toEqual(FICHE_BLOCKS.map((id) => ({ id, raw: '0', status: 'incomplete' })));
    // The package's referential is stored in the package's namespace, not the candidate's own.
    const frame = page.frame({ name: 'scorm_object' });
    const keys = await frame.evaluate(() => Object.keys(localStorage));
    expect(keys).toContain('repere.lms-rncp38812.referential.rncp38812');
    expect(keys.filter((k) => k.startsWith('repere.default.'))).toEqual([]);

    // Block RNCP38812BC01 rated at its targets and beyond: that objective is passed.
    for (const n of [1, 2, 3, 4]) await radio(app, `a-RNCP38812BC01-${n}`, 4).check();
    await expect.poll(async () => objectives(await lastCommit(page))[0], { timeout: 10_000 }).toEqual({ id: 'RNCP38812BC01', raw: '100', status: 'passed' });
    cmi = await lastCommit(page);
    expect(Number(cmi.core.score.raw)).toBeGreaterThan(0);
    expect(cmi.core.lesson_status).toBe('incomplete');
    // The score is the readiness the results page shows for it.
    await app.locator('a[href="#/resultats"]').first().click();
    const row = app.locator('[data-testid="match-row"][data-referential="rncp38812"]');
    expect(cmi.core.score.raw).toBe(String(Math.round(100 * Number(await row.getAttribute('data-readiness')))));
    await leave(page);
    const suspend = (await lastCommit(page)).suspend_data;
    expect(suspend).toMatch(/^repere:1:/);
    expect(suspend.length).toBeLessThanOrEqual(SUSPEND_MAX);
    expect((await calls(page)).filter((c) => c.result === 'false')).toEqual([]);
    await first.close();

    // Another computer: the file comes with the package, the answers from cmi.suspend_data.
    const second = await browser.newContext();
    const page2 = await second.newPage();
    await page2.goto(url({ ...LEARNER, 'cmi.suspend_data': suspend, 'cmi.core.entry': 'resume' }));
    const app2 = page2.frameLocator('#sco');
    await expect(app2.locator('[data-testid="lms-message"][data-key="lms.restored"]')).toBeVisible();
    for (const n of [1, 2, 3, 4]) await expect(radio(app2, `a-RNCP38812BC01-${n}`, 4)).toBeChecked();
    await expect.poll(() => commitCount(page2)).toBeGreaterThan(0);
    expect(objectives(await lastCommit(page2))[0]).toEqual({ id: 'RNCP38812BC01', raw: '100', status: 'passed' });
    // Every item at its target: complete, passed against the package's mastery score.
    await rateAll(app2, 4);
    await expect.poll(async () => (await lastCommit(page2)).core.lesson_status, { timeout: 10_000 }).toBe('passed');
    expect(objectives(await lastCommit(page2)).map((o) => o.status)).toEqual(FICHE_BLOCKS.map(() => 'passed'));
    await expectNoAxeViolations(page2, 'LMS mode, brought referential');
    await second.close();
  } finally {
    await server.close();
  }
});

test('a package whose referential file is missing or is another referential says so and runs as the app', async ({ browser }) => {
  const zip = await buildBroughtPackage(browser);
  const { files, manifest } = readPackage(zip);
  const other = JSON.parse(STORED).referential;
  other.id = 'rncp11111';
  const missing = new Map([...files].filter(([f]) => f !== 'referential.json'));
  const swapped = new Map([...files, ['referential.json', Buffer.from(JSON.stringify(other))]]);
  const server = await startLms(new Map([['missing', { files: missing, manifest }], ['swapped', { files: swapped, manifest }]]));
  const launch = 'index.html?lms=scorm12&ref=rncp38812&file=referential.json';
  try {
    for (const [pkg, says] of [['missing', 'HTTP 404'], ['swapped', '« rncp11111 », et non « rncp38812 »']]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(lmsPlayerUrl(server.origin, pkg, launch, { cmi: LEARNER }));
      const app = page.frameLocator('#sco');
      await expect(app.getByTestId('lms-state')).toContainText(says);
      await expect(app.locator('main h1')).toBeVisible();
      expect(await commitCount(page)).toBe(0);
      await context.close();
    }
  } finally {
    await server.close();
  }
});
