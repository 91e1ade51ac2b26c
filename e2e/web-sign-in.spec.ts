import { expect, test } from '@playwright/test';
import { clickMailLink, mailIdsFor, openNewSignInMail, requestSignInLink } from './mailbox';
import { WEB_URL } from './urls';

const DEMO = 'demo@levqor.local';

test('web: magic link from the dev mailbox, rename the workspace, sign out', async ({ page }) => {
  // Request a link on the public sign-in page.
  const seen = await mailIdsFor(page, DEMO);
  await requestSignInLink(page, WEB_URL, DEMO);

  // Open the newest message to demo@ in the mailbox and follow its link.
  const link = await openNewSignInMail(page, { to: DEMO, seen, appUrl: WEB_URL });
  expect(new URL(link).searchParams.get('email')).toBe(DEMO);
  await clickMailLink(page, link);

  // Signed in: the dashboard shows the workspace.
  await expect(page).toHaveURL(`${WEB_URL}/dashboard`);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.getByText(`Signed in as ${DEMO}`)).toBeVisible();
  await expect(page.getByTestId('workspace-name')).not.toBeEmpty();

  // Rename the workspace in Settings.
  const newName = `Demo e2e ${Date.now().toString(36)}`;
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(`${WEB_URL}/dashboard/settings`);
  const form = page.locator('form').filter({ has: page.getByLabel('Workspace name') });
  await form.getByLabel('Workspace name').fill(newName);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Saved.')).toBeVisible();

  // The Overview shows the new name (read back from the database, not from client state).
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page).toHaveURL(`${WEB_URL}/dashboard`);
  await expect(page.getByTestId('workspace-name')).toHaveText(newName);
  await page.reload();
  await expect(page.getByTestId('workspace-name')).toHaveText(newName);

  // Sign out: back on the public home page, and the dashboard is closed again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${WEB_URL}/`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Run AI automation');
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('web: the sign-in form refuses a malformed address without leaving the page', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Enter a valid email address, like you@company.com.' }),
  ).toBeVisible();
  await expect(page).toHaveURL(`${WEB_URL}/sign-in`);
});
