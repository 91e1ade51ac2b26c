import { expect, test } from '@playwright/test';
import { APPS } from './urls';

/**
 * A 404 page is rendered per request: prerendered at build, its scripts carried no CSP nonce and the
 * browser refused every one of them (found in a click-through of the production build).
 */
test('not-found pages of the three apps answer 404 and their scripts run under the CSP', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('status of 404'))
      errors.push(`${page.url()}: ${m.text()}`);
  });
  for (const app of APPS) {
    const res = await page.goto(`${app.url}/no-such-page-${app.service}`);
    expect(res?.status(), app.service).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  expect(errors).toEqual([]);
});
