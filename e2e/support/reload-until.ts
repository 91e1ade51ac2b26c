import type { Page } from '@playwright/test';

/** Reloads the page every second until `check` holds (state a background worker changes). */
export async function reloadUntil(
  page: Page,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await page.waitForTimeout(1_000);
    await page.reload();
  }
}
