import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { seriousViolations } from './support/axe';
import { API, createApiKey, freshEmail, submitJob, waitForJobs } from './support/dashboard';
import { ADMIN_URL, DEVELOPERS_URL } from './urls';

// The console allows 60 requests a minute per IP: one test, few page loads.

test('admin operations: analytics charts count seeded jobs; a suspension shows on the owner’s portal and closes intake until restored; health renders live', async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  // A customer's jobs, submitted over REST with a key from the developer portal.
  const customer = await browser.newContext();
  const customerPage = await customer.newPage();
  const email = freshEmail('ops-target');
  await signInViaMailbox(customerPage, email, DEVELOPERS_URL);
  const apiKey = await createApiKey(customerPage, ['jobs:read', 'jobs:write']);
  const jobs = [
    await submitJob(customerPage.request, apiKey, { workflow: 'demo.flow', payload: { n: 1 } }),
    await submitJob(customerPage.request, apiKey, { workflow: 'demo.flow', payload: { n: 2 } }),
  ];
  await waitForJobs(customerPage.request, apiKey, jobs);

  await signInViaMailbox(page, 'admin@levqor.local', ADMIN_URL);

  // Analytics: today's succeeded jobs include the two, drawn by Recharts and listed in the chart's table.
  const today = new Date().toISOString().slice(0, 10);
  await page.goto(`${ADMIN_URL}/analytics?from=${today}&to=${today}`);
  const chart = page.getByTestId('chart-jobs');
  await expect(chart.locator('.chart-surface')).toBeVisible();
  const succeeded = chart.locator(`tr[data-category="${today}"] td[data-series="succeeded"]`);
  expect(Number(await succeeded.getAttribute('data-value'))).toBeGreaterThanOrEqual(2);
  expect(
    Number((await page.getByTestId('analytics-jobs').textContent())?.replace(/\D/g, '')),
  ).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('chart-spend-revenue')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // A reversed range is refused with a message, not an error page.
  await page.goto(`${ADMIN_URL}/analytics?from=${today}&to=2020-01-01`);
  await expect(page.getByRole('alert').filter({ hasText: 'start on or before its end' })).toBeVisible();

  // Billing: suspend the customer's workspace from its page (a reason, a confirmation), then find it listed.
  await page.goto(`${ADMIN_URL}/accounts?q=${encodeURIComponent(email)}`);
  await page.getByTestId('workspaces-table').getByRole('link').first().click();
  await page.waitForURL(/\/accounts\/workspaces\/ws_/);
  const workspaceId = page.url().split('/').pop()!;
  await page.getByTestId(`suspend-${workspaceId}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason (kept in the audit log)').fill('e2e: chargeback under review');
  await dialog.getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByTestId(`restore-${workspaceId}`)).toBeVisible();

  // The owner's portal says it is suspended by Levqor (the admin's reason is an internal note), and intake
  // refuses new jobs with the problem type.
  await customerPage.goto(`${DEVELOPERS_URL}/keys`);
  const banner = customerPage.getByTestId('suspension-banner');
  await expect(banner).toContainText('This workspace is suspended');
  await expect(banner).toContainText('support@levqor.dev');
  await expect(banner).not.toContainText('chargeback');
  const refused = await customerPage.request.post(`${API}/jobs`, {
    headers: { authorization: `Bearer ${apiKey}` },
    data: { workflow: 'demo.flow', payload: { n: 3 }, priority: 'normal' },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { type: string }).type).toMatch(/\/account-suspended$/);

  await page.goto(`${ADMIN_URL}/billing`);
  await expect(page.getByTestId('billing-mrr')).toBeVisible();
  const suspendedRow = page
    .getByTestId('billing-attention')
    .locator('tr', { has: page.getByTestId(`restore-${workspaceId}`) });
  await expect(suspendedRow).toContainText('suspended');
  await expect(suspendedRow).toContainText('e2e: chargeback under review');
  await expect(page.getByTestId('stripe-events').or(page.getByText('No Stripe event matches'))).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Restore it (a reason, a confirmation): the banner goes and intake accepts jobs again.
  await page.getByTestId(`restore-${workspaceId}`).first().click();
  const restore = page.getByRole('dialog');
  await restore.getByLabel('Reason (kept in the audit log)').fill('e2e: chargeback won');
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId(`restore-${workspaceId}`)).toHaveCount(0);
  await customerPage.reload();
  await expect(customerPage.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(customerPage.getByTestId('suspension-banner')).toHaveCount(0);
  await submitJob(customerPage.request, apiKey, { workflow: 'demo.flow', payload: { n: 4 } });
  await customer.close();

  // Health: renders live, with the worker the launcher started.
  await page.goto(`${ADMIN_URL}/health`);
  await expect(page.getByTestId('live-status')).toContainText('Live: refreshes every 10 s');
  await expect(page.getByTestId('health-workers')).toBeVisible();
  await expect(page.getByTestId('health-failure-1h')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
