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
 * Playwright's `test`, in which any Content-Security-Policy violation (issue 11: SPEC §8's strict
 * policy) fails the test: in every page and frame of the test's context and of any context it
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
}

/** Runs axe-core (WCAG 2.1 A/AA and best practices) and fails on any violation. */
export async function expectNoAxeViolations(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}
