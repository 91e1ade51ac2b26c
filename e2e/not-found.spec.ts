import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { APPS, WEB_URL } from './urls';

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

test("another workspace's job, or no such job or workflow, is a 404 inside the dashboard; one's own job is 200", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await signInViaMailbox(page, `nf-owner-${stamp}@example.com`);
  await page.goto(`${WEB_URL}/dashboard/workflows/demo.flow`);
  await page.getByRole('form', { name: 'Run workflow' }).getByRole('button', { name: 'Run job' }).click();
  await page.waitForURL(/\/dashboard\/jobs\/job_/);
  const jobPath = new URL(page.url()).pathname;
  expect((await page.goto(`${WEB_URL}${jobPath}`))?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(jobPath.split('/').pop()!);

  const other = await browser.newContext();
  const stranger = await other.newPage();
  await signInViaMailbox(stranger, `nf-stranger-${stamp}@example.com`);
  for (const [path, noun] of [
    [jobPath, 'job'],
    ['/dashboard/jobs/job_doesnotexist', 'job'],
    ['/dashboard/workflows/no-such-flow', 'workflow'],
  ] as const) {
    const res = await stranger.goto(`${WEB_URL}${path}`);
    expect(res?.status(), path).toBe(404);
    await expect(
      stranger.getByRole('heading', { name: new RegExp(`^${noun} not found$`, 'i') }),
    ).toBeVisible();
    // Inside the dashboard (its navigation), with the way back and no "Retry".
    await expect(stranger.getByRole('link', { name: `Back to ${noun}s` })).toBeVisible();
    await expect(stranger.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(stranger.getByRole('link', { name: 'Jobs', exact: true }).first()).toBeVisible();
  }
  await other.close();
});
