import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { fresh } from './support/attack';
import { createApiKey, submitJob, waitForJobs } from './support/dashboard';
import { ADMIN_URL, DEVELOPERS_URL, WEB_URL } from './urls';

// The console allows 60 requests a minute per IP: one test, few page loads.

test('admin console: a flag created and flipped, a customer’s job rerun and their sessions revoked — each with a reason, in the audit log and its CSV', async ({
  browser,
  page,
}) => {
  // A long flow (flags, two account searches, a rerun, sessions, the audit log and its CSV): ~55 s alone,
  // more beside the heavy specs (their own Next servers, axe over every page) on a 2-core runner.
  test.setTimeout(150_000);
  // A customer with a live dashboard session (their own browser context).
  const customer = await browser.newContext();
  const customerPage = await customer.newPage();
  const email = fresh('console-target');
  await signInViaMailbox(customerPage, email, WEB_URL);
  await expect(customerPage).toHaveURL(`${WEB_URL}/dashboard`);
  // …and a job of theirs, submitted over REST from the developer portal's key.
  await signInViaMailbox(customerPage, email, DEVELOPERS_URL);
  const apiKey = await createApiKey(customerPage, ['jobs:read', 'jobs:write']);
  const jobId = await submitJob(customerPage.request, apiKey, { workflow: 'demo.flow', payload: { n: 1 } });
  await waitForJobs(customerPage.request, apiKey, [jobId]);

  await signInViaMailbox(page, 'admin@levqor.local', ADMIN_URL);

  // 1. Feature flags: create, then flip on — each asks why and confirms.
  const flag = `e2e.flag-${Date.now().toString(36)}`;
  await page.goto(`${ADMIN_URL}/flags`);
  await page.getByTestId('flag-key').fill(flag);
  await page.getByTestId('create-flag').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('alert')).toContainText('at least 5 characters');
  await dialog.getByLabel('Reason (kept in the audit log)').fill('e2e: a flag for the console test');
  await dialog.getByRole('button', { name: 'Create' }).click();
  const row = page.getByTestId(`flag-${flag}`);
  await expect(row).toContainText('off');
  await page.getByTestId(`flip-${flag}`).click();
  await dialog.getByLabel('Reason (kept in the audit log)').fill('e2e: turning it on');
  await dialog.getByRole('button', { name: 'Turn on' }).click();
  await expect(row.locator('td').nth(1)).toHaveText('on');

  // 3 and 2. Find the customer's workspace (a new one: free and active; no enterprise one matches), its
  // jobs, and rerun one on their behalf.
  const q = encodeURIComponent(email);
  await page.goto(`${ADMIN_URL}/accounts?q=${q}&plan=enterprise`);
  await expect(page.getByTestId('workspaces-table')).toHaveCount(0);
  await expect(page.getByText(`No workspace matches “${email}”, plan enterprise`)).toBeVisible();
  // An unknown plan is told (the known ones listed), not dropped: nothing is searched under it.
  await page.goto(`${ADMIN_URL}/accounts?q=${q}&plan=bogus`);
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'Unknown plan “bogus”. Plans: free, starter, growth, business, enterprise.' }),
  ).toBeVisible();
  await expect(page.getByTestId('workspaces-table')).toHaveCount(0);
  await page.goto(`${ADMIN_URL}/accounts?q=${q}&plan=free&status=active`);
  await expect(page.getByTestId('workspaces-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('workspaces-table')).toContainText('Active');
  await page.getByTestId('workspaces-table').getByRole('link').first().click();
  await page.getByRole('link', { name: 'All jobs →' }).click();
  await page.getByTestId('admin-jobs-table').getByRole('link', { name: jobId }).click();
  await expect(page.getByTestId('admin-job-status')).toHaveText('succeeded');
  await page.getByTestId('admin-rerun-job').click();
  await dialog.getByLabel('Reason (kept in the audit log)').fill('e2e: customer asked for a rerun');
  await dialog.getByRole('button', { name: 'Rerun' }).click();
  await expect(page).not.toHaveURL(`${ADMIN_URL}/jobs/${jobId}`);
  await expect(page.getByRole('link', { name: jobId })).toBeVisible();

  // The customer's account: two live sessions (dashboard and portal), then none.
  await page.goto(`${ADMIN_URL}/accounts?q=${encodeURIComponent(email)}`);
  await page.getByTestId('accounts-users-table').getByRole('link', { name: email }).click();
  await expect(page.getByTestId('live-sessions')).toHaveText('2');
  await page.getByTestId('revoke-sessions').click();
  await dialog.getByLabel('Reason (kept in the audit log)').fill('e2e: suspected account takeover');
  await dialog.getByRole('button', { name: 'Revoke sessions' }).click();
  await expect(page.getByTestId('live-sessions')).toHaveText('0');

  // The customer's dashboard session is gone.
  await customerPage.goto(`${WEB_URL}/dashboard`);
  await expect(customerPage).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
  await customer.close();

  // 4. The audit log shows who did what and why; the CSV export carries the same rows.
  await page.goto(`${ADMIN_URL}/audit?action=admin.`);
  const audit = page.getByTestId('audit-table');
  await expect(
    audit.locator('tbody tr').filter({ hasText: 'admin.user.revoke_sessions' }).first(),
  ).toContainText('e2e: suspected account takeover');
  await expect(audit.locator('tbody tr').filter({ hasText: flag }).first()).toContainText(
    'e2e: turning it on',
  );
  const csv = await page.request.get(`${ADMIN_URL}/audit/export?action=admin.flag`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const text = await csv.text();
  expect(text.split('\n')[0]).toBe('id,created_at,actor,action,target,workspace_id,reason,metadata');
  expect(text).toContain('e2e: a flag for the console test');
  expect(text).toContain('e2e: turning it on');
});
