import { expect, test } from '@playwright/test';
import { mailIdsFor, openNewSignInMail, requestSignInLink } from './mailbox';
import { WEB_URL } from './urls';

test('a tampered magic link lands on the styled error page, and does not sign in', async ({ page }) => {
  // A recipient of our own, so no other test's mail can be picked up.
  const email = `e2e-invalid-${Date.now().toString(36)}@levqor.local`;
  const seen = await mailIdsFor(page, email);
  await requestSignInLink(page, WEB_URL, email);
  const link = new URL(await openNewSignInMail(page, { to: email, seen, appUrl: WEB_URL }));

  const token = link.searchParams.get('token');
  expect(token).toBeTruthy();
  link.searchParams.set('token', `${token!.slice(0, -4)}beef`);
  await page.goto(link.toString());

  await expect(page).toHaveURL(`${WEB_URL}/sign-in/error?error=Verification`);
  await expect(page.getByRole('heading', { name: 'Sign-in problem' })).toBeVisible();
  await expect(
    page.getByRole('alert').filter({ hasText: 'That sign-in link is invalid or has expired' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Request a new sign-in link' })).toBeVisible();
  // Styled (the shared stylesheet is applied) and no internals leak.
  await expect(page.locator('.card')).toBeVisible();
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person would see
  const body = await page.locator('body').innerText();
  expect(body).not.toMatch(/\bat .+\.(js|ts):\d+|Error:|stack|TypeError|ECONN/);

  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
});

test('a link with no token at all is refused the same way', async ({ page }) => {
  const email = `e2e-notoken-${Date.now().toString(36)}@levqor.local`;
  await page.goto(`/api/auth/callback/email?email=${encodeURIComponent(email)}`);
  await expect(page.getByRole('heading', { name: 'Sign-in problem' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('TypeError');
});
