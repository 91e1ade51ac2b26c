import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { fresh } from './support/attack';
import { ADMIN_URL, WEB_URL } from './urls';

// The console allows 60 requests a minute per IP: one test, few page loads.

test('admin console: a flag created and flipped with a reason, a customer signed out everywhere, both in the audit log and its CSV', async ({
  browser,
  page,
}) => {
  // A customer with a live dashboard session (their own browser context).
  const customer = await browser.newContext();
  const customerPage = await customer.newPage();
  const email = fresh('console-target');
  await signInViaMailbox(customerPage, email, WEB_URL);
  await expect(customerPage).toHaveURL(`${WEB_URL}/dashboard`);

  await signInViaMailbox(page, 'admin@levqor.local', ADMIN_URL);

  // 1. Feature flags: create, then flip on — each asks why and confirms.
  const key = `e2e.flag-${Date.now().toString(36)}`;
  await page.goto(`${ADMIN_URL}/flags`);
  await page.getByTestId('flag-key').fill(key);
  await page.getByTestId('create-flag').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('alert')).toContainText('at least 5 characters');
  await dialog.getByLabel('Reason (kept in the audit log)').fill('e2e: a flag for the console test');
  await dialog.getByRole('button', { name: 'Create' }).click();
  const row = page.getByTestId(`flag-${key}`);
  await expect(row).toContainText('off');
  await page.getByTestId(`flip-${key}`).click();
  await dialog.getByLabel('Reason (kept in the audit log)').fill('e2e: turning it on');
  await dialog.getByRole('button', { name: 'Turn on' }).click();
  await expect(row.locator('td').nth(1)).toHaveText('on');

  // 3. Find the customer, open their account, revoke their sessions.
  await page.goto(`${ADMIN_URL}/accounts?q=${encodeURIComponent(email)}`);
  await page.getByTestId('accounts-users-table').getByRole('link', { name: email }).click();
  await expect(page.getByTestId('live-sessions')).toHaveText('1');
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
  await expect(audit.locator('tbody tr').filter({ hasText: key }).first()).toContainText(
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
