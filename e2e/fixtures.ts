import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

/** WCAG 2.1 A and AA: the bar every Stillwater page must meet. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface StillwaterFixtures {
  /**
   * Console errors a test expects and accepts (for example the 401 a wrong-password test provokes).
   * Anything else logged as an error, and any uncaught exception, fails the test.
   */
  allowedConsoleErrors: RegExp[];
  consoleErrors: string[];
}

export const test = base.extend<StillwaterFixtures>({
  allowedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        if (allowedConsoleErrors.some((allowed) => allowed.test(text))) return;
        const { url, lineNumber } = message.location();
        errors.push(url ? `${text} (${url}:${lineNumber})` : text);
      });
      page.on('pageerror', (error) => errors.push(`Uncaught ${error.name}: ${error.message}`));
      await use(errors);
      expect(errors, 'the browser console should have no errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** Runs axe with the WCAG 2.1 AA rule set and fails with a readable list of what is wrong and where. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} at ${violation.nodes
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  );
  expect(violations, 'axe WCAG 2.1 AA violations').toEqual([]);
}
