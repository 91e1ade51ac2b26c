import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { createApiKey, freshEmail, submitJob } from './support/dashboard';
import { DEVELOPERS_URL, WEB_URL } from './urls';

test('runs list: a job submitted over REST appears in the open list within 2 s; search by id and payload text; counts and duration', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const email = freshEmail('runs');
  await signInViaMailbox(page, email);
  await signInViaMailbox(page, email, DEVELOPERS_URL);
  const key = await createApiKey(page, ['jobs:read', 'jobs:write']);
  const first = await submitJob(request, key, { workflow: 'demo.flow', payload: { order: 'ORD-first' } });

  await page.goto(`${WEB_URL}/dashboard/jobs`);
  await expect(page.getByTestId('job-row')).toHaveCount(1);
  await expect(page.getByTestId('count-all')).toHaveText('1');
  // From here on the list must update by itself: a marker on window would vanish on a reload.
  await page.evaluate(() => {
    (window as unknown as { __levqorNoReload?: boolean }).__levqorNoReload = true;
  });

  const order = `ORD-${Date.now().toString(36)}`;
  const submittedAt = Date.now();
  const second = await submitJob(request, key, { workflow: 'demo.flow', payload: { order, note: 'Ada' } });
  await expect(page.getByTestId('job-row').filter({ hasText: second })).toBeVisible({ timeout: 2_000 });
  expect(Date.now() - submittedAt).toBeLessThan(2_500);
  expect(
    await page.evaluate(() => (window as unknown as { __levqorNoReload?: boolean }).__levqorNoReload),
  ).toBe(true);
  await expect(page.getByTestId('job-row')).toHaveCount(2);
  await expect(page.getByTestId('count-all')).toHaveText('2');
  // Both finish (demo.flow echoes): their duration shows, and the counts follow.
  await expect(page.getByTestId('count-succeeded')).toHaveText('2', { timeout: 30_000 });
  await expect(
    page.getByTestId('job-row').filter({ hasText: second }).getByTestId('job-duration'),
  ).toHaveText(/^\d+(\.\d+)? (ms|s)$/);

  // Search by payload text (case does not matter), then by id (the URL keeps it).
  const search = page.getByLabel('Search');
  await search.fill(order.toLowerCase());
  await search.press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${order.toLowerCase()}`));
  await expect(page.getByTestId('job-row')).toHaveCount(1);
  await expect(page.getByTestId('job-row')).toContainText(second);
  await expect(page.getByTestId('count-all')).toHaveText('1');

  await search.fill(first);
  await search.press('Enter');
  await expect(page.getByTestId('job-row')).toHaveCount(1);
  await expect(page.getByTestId('job-row')).toContainText(first);

  await search.fill('no-such-text-anywhere');
  await search.press('Enter');
  await expect(page.getByText('No jobs match these filters')).toBeVisible();

  // A date range that ends before today shows nothing; clearing brings both back.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('job-row')).toHaveCount(2);
  await page.getByLabel('Created to').fill('2020-01-01');
  await expect(page.getByText('No jobs match these filters')).toBeVisible();
  await expect(page.getByTestId('count-all')).toHaveText('0');
});
