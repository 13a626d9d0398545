import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';

export { expect };

const CSP_LISTENER = () => {
  addEventListener('securitypolicyviolation', (e) => {
    window.__repereCspViolation?.({
      directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample,
    });
  });
};

/** Records every Content-Security-Policy violation of every page and frame of `context`. */
export async function watchCsp(context, violations) {
  await context.exposeBinding('__repereCspViolation', ({ frame }, v) => violations.push({ page: frame.url(), ...v }));
  await context.addInitScript(CSP_LISTENER);
}

/**
 * Playwright's `test`, in which any Content-Security-Policy violation (SPEC §8's strict policy)
 * fails the test: in every page and frame of the test's context and of any context it
 * opens with `browser.newContext()`. A context made some other way (a persistent profile) is
 * watched with `watchCsp(context, cspViolations)`.
 */
export const test = base.extend({
  cspViolations: [async ({ browser, context }, use) => {
    const violations = [];
    await watchCsp(context, violations);
    const newContext = browser.newContext;
    browser.newContext = async (...args) => {
      const opened = await newContext.apply(browser, args);
      await watchCsp(opened, violations);
      return opened;
    };
    try {
      await use(violations);
    } finally {
      browser.newContext = newContext;
    }
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  }, { auto: true }],
});

export { REFERENTIAL_IDS, allItems, loadReferential } from '../support/data.mjs';

export const fold = (s) => s.replace(/\s+/g, ' ').trim();

/** Waits until the app has replaced the static loading message. */
export async function appReady(page) {
  await expect(page.locator('#loading')).toHaveCount(0);
  await expect(page.locator('main h1')).toBeVisible();
  await stateReady(page);
  await pageComplete(page);
}

/** The app state (current dossier, notices) comes from its own chunk after the first render, and
 * reads and writes storage at start: `appReady` waits for it, or a test that then changes storage
 * behind the app's back races the starting app, which may see (and handle) the change before the
 * reload the test means. */
async function stateReady(page) {
  await expect(page.getByTestId('current-dossier')).toBeAttached();
}

/** Long pages render their sections one per frame (ui::reveal) and are `aria-busy` until the
 * last one is there: reads of the whole page wait for it. */
export async function pageComplete(page) {
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
}

/** Runs axe-core (WCAG 2.1 A/AA and best practices) and fails on any violation. */
export async function expectNoAxeViolations(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Goes to `url` and waits until the app shows that page: after a same-document (hash)
 * navigation the previous page stays on screen until the app has rendered the next one, so a read
 * made right after `goto` could still see the old page. A new page brings a new heading; the same
 * page for another referential rebuilds its heading in place, with another title. (Between two
 * pages whose headings are equal, assert on what differs instead.) */
export async function gotoPage(page, url) {
  const before = await page.evaluate(() => {
    const h = document.querySelector('main h1');
    h?.setAttribute('data-left', '');
    return h ? h.textContent : null;
  });
  await page.goto(url);
  await expect(page.locator('#loading')).toHaveCount(0);
  await expect.poll(() => page.evaluate((before) => {
    const h = document.querySelector('main h1');
    return !!h && h.checkVisibility() && (!h.hasAttribute('data-left') || h.textContent !== before);
  }, before), `the page of ${url} on screen`).toBe(true);
  await pageComplete(page);
}

/** A SPEC §7 export file (Playwright file payload) holding `dossier` ({name, quick, items}). */
export function exportFile({ id = '00000000c0ffee01', name = 'Camille', quick = {}, items = {} }) {
  const file = {
    format: 'repere.dossier', version: 1, app_version: '0.1.0', exported_at: '2026-11-23T10:00:00Z',
    dossier: { id, name, created_at: '2026-11-01T09:00:00Z', updated_at: '2026-11-23T09:30:00Z', quick, items },
  };
  return { name: `repere-${id}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) };
}

/** Imports an export file through the dossiers page, as a user would, and opens it. */
export async function importDossier(page, file) {
  await gotoPage(page, './#/dossiers');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-ready')).toBeVisible();
  await page.getByTestId('import-ready').getByRole('button', { name: 'Importer ce dossier' }).click();
  await expect(page.getByTestId('import-done')).toBeVisible();
}
