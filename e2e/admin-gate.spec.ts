import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { ADMIN_URL } from './urls';

// Every test gets a fresh browser context, so the two users never share cookies (cookies on localhost
// are shared across ports: one context per user).

test('admin: a signed-in non-admin gets the 403 page, server-side', async ({ page }) => {
  await signInViaMailbox(page, 'demo@levqor.local', ADMIN_URL);
  // The link lands on the console's home, which already refuses this user.
  await expect(page).toHaveURL(`${ADMIN_URL}/users`);
  await expect(page.getByRole('heading', { name: /administrators only/ })).toBeVisible();

  const res = await page.goto(`${ADMIN_URL}/users`);
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: /administrators only/ })).toBeVisible();
  await expect(page.getByTestId('users-table')).toHaveCount(0);
  await expect(page.getByText('admin@levqor.local')).toHaveCount(0);

  // The tRPC admin procedures refuse the same user (no data behind the page either).
  const api = await page.request.get(
    `${ADMIN_URL}/api/trpc/admin.users.list?input=${encodeURIComponent('{"json":{"limit":5}}')}`,
  );
  expect(api.status()).toBe(403);
});

test('admin: an administrator sees the users with their roles and can search by email', async ({ page }) => {
  await signInViaMailbox(page, 'admin@levqor.local', ADMIN_URL);
  await expect(page).toHaveURL(`${ADMIN_URL}/users`);

  const res = await page.goto(`${ADMIN_URL}/users`);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  const table = page.getByTestId('users-table');
  const row = (email: string) => table.locator('tbody tr').filter({ hasText: email });
  await expect(row('admin@levqor.local').locator('td').nth(2)).toHaveText('admin');
  await expect(row('demo@levqor.local').locator('td').nth(2)).toHaveText('user');

  await page.getByLabel('Search by email').fill('demo@levqor');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(`${ADMIN_URL}/users?q=demo%40levqor`);
  await expect(row('demo@levqor.local')).toHaveCount(1);
  await expect(row('admin@levqor.local')).toHaveCount(0);

  await page.getByLabel('Search by email').fill('nobody-matches-this');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No user matches “nobody-matches-this”')).toBeVisible();
  await expect(table).toHaveCount(0);
});
