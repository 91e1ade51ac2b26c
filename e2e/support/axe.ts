import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** The widths every page is checked at: a laptop and a phone. */
export const WIDTHS = [1280, 390] as const;

/** Waits for a page to settle: its heading, no pending requests, no loading skeleton. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/**
 * Runs axe (WCAG 2.1 A and AA rules) on the open page and returns its serious and critical violations as
 * readable lines ("color-contrast (serious): #main .faint — Element has insufficient color contrast…").
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    // A mail's own HTML in the dev mailbox's sandboxed frame (no scripts: axe cannot run in it).
    .exclude('iframe[sandbox]')
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`,
      ),
    );
}

/** Visits each path at each width: no serious or critical axe finding, and nothing wider than the screen. */
export async function checkPages(
  page: Page,
  testInfo: TestInfo,
  base: string,
  paths: string[],
  /** Wait this long between pages: the admin console allows 60 requests a minute per IP. */
  paceMs = 0,
): Promise<void> {
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    for (const path of paths) {
      if (paceMs) await page.waitForTimeout(paceMs);
      await page.goto(`${base}${path}`);
      await settle(page);
      for (const v of await seriousViolations(page)) found.push(`${width}px ${path}: ${v}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) found.push(`${width}px ${path}: the page is ${overflow}px wider than the screen`);
      if (width === 390) {
        // Kept with the test results (outside the repository) for a person to look at.
        await page.screenshot({
          path: testInfo.outputPath(`${new URL(base).port}${path.replace(/[^a-z0-9]+/gi, '_')}-390.png`),
          fullPage: true,
        });
      }
    }
  }
  expect(found, found.join('\n')).toEqual([]);
}
