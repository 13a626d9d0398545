import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';

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
