import { expect, test } from '@playwright/test';
import { mailIdsFor, signInViaMailbox } from './mailbox';
import { checkPages } from './support/axe';
import { freshEmail } from './support/dashboard';
import { ADMIN_URL, DEVELOPERS_URL, WEB_URL } from './urls';

// Every page of the three apps, at 1280 px and 390 px: no serious or critical axe violation, nothing
// wider than the screen. Pages with data are visited with data in them (a job, a workflow, a message).

test('axe: every page of the dashboard and the public web pages', async ({ page }, testInfo) => {
  test.setTimeout(480_000);
  const email = freshEmail('axe-web');
  await signInViaMailbox(page, email);
  // A job with steps and events for the job page.
  await page.goto(`${WEB_URL}/dashboard/workflows/demo.flow`);
  await page.getByRole('form', { name: 'Run workflow' }).getByRole('button', { name: 'Run job' }).click();
  await page.waitForURL(/\/dashboard\/jobs\/job_/);
  const jobPath = new URL(page.url()).pathname;
  await expect(page.getByTestId('job-status')).toHaveText('succeeded', { timeout: 60_000 });
  const [mailId] = await mailIdsFor(page, email);

  await checkPages(page, testInfo, WEB_URL, [
    '/',
    '/dashboard',
    '/dashboard/workflows',
    '/dashboard/workflows/new',
    '/dashboard/workflows/demo.flow',
    '/dashboard/jobs',
    '/dashboard/billing',
    jobPath,
    '/dashboard/jobs/job_doesnotexist0000000',
    '/dashboard/usage',
    '/dashboard/settings',
    '/dev/mailbox',
    `/dev/mailbox/${mailId}`,
    '/no-such-page',
  ]);
  // Signed out: the sign-in pages.
  await page.context().clearCookies();
  await checkPages(page, testInfo, WEB_URL, [
    '/',
    '/sign-in',
    '/sign-in/check-email?email=someone%40example.com',
    '/sign-in/error?error=Verification',
  ]);
});

test('axe: every page of the developer portal', async ({ page }, testInfo) => {
  test.setTimeout(480_000);
  await signInViaMailbox(page, freshEmail('axe-dev'), DEVELOPERS_URL);
  // A key, so the keys table is drawn.
  await page.goto(`${DEVELOPERS_URL}/keys`);
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name').fill('axe key');
  await form.getByRole('checkbox', { name: /^jobs:read/ }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  await page
    .getByRole('dialog', { name: 'Your new API key' })
    .getByRole('button', { name: 'I have stored it' })
    .click();

  await checkPages(page, testInfo, DEVELOPERS_URL, [
    '/',
    '/quickstart',
    '/keys',
    '/webhooks',
    '/usage',
    '/reference',
    '/no-such-page',
  ]);
  await page.context().clearCookies();
  await checkPages(page, testInfo, DEVELOPERS_URL, [
    '/',
    '/sign-in',
    '/sign-in/check-email?email=someone%40example.com',
    '/sign-in/error?error=Verification',
  ]);
});

test('axe: every page of the admin console, and its 403 page', async ({ page, browser }, testInfo) => {
  test.setTimeout(480_000);
  await signInViaMailbox(page, 'admin@levqor.local', ADMIN_URL);
  // 3 s between pages keeps this test under the console's 60 requests a minute per IP.
  const PACE = 3_000;
  await checkPages(
    page,
    testInfo,
    ADMIN_URL,
    ['/users', '/users?q=levqor', '/security', '/no-such-page'],
    PACE,
  );
  await page.context().clearCookies();
  await checkPages(
    page,
    testInfo,
    ADMIN_URL,
    ['/sign-in', '/sign-in/check-email?email=someone%40example.com', '/sign-in/error?error=Verification'],
    PACE,
  );

  // A signed-in user who is not an administrator gets the 403 page.
  // A context of its own (axe needs one made with newContext) with the non-admin's session.
  const context = await browser.newContext();
  const other = await context.newPage();
  await signInViaMailbox(other, 'demo@levqor.local', ADMIN_URL);
  await other.goto(`${ADMIN_URL}/users`);
  await expect(other.getByText('403 — administrators only')).toBeVisible();
  await checkPages(other, testInfo, ADMIN_URL, ['/users'], PACE);
  await context.close();
});
