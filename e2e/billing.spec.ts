import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { freshEmail } from './support/dashboard';
import { reloadUntil } from './support/reload-until';
import { WEB_URL } from './urls';

/**
 * Billing through the local Stripe stand-in the launcher starts (no STRIPE_SECRET_KEY): subscribe on its
 * checkout page, see the plan, open the portal, make the renewal fail, watch dunning end in suspension
 * (LEVQOR_DUNNING_SCHEDULE is seconds in this run), pay, and see the banner go.
 */

test('subscribe, fail a renewal, suspension banner, pay, restored', async ({ page }) => {
  test.setTimeout(240_000);
  await signInViaMailbox(page, freshEmail('billing'));
  await page.goto(`${WEB_URL}/dashboard/billing`);
  await expect(page.getByTestId('billing-plan')).toContainText('Free');

  // Checkout on the stand-in's page, back to the billing page.
  await page.getByTestId('choose-growth').click();
  await expect(page).toHaveURL(/\/checkout\/cs_test_/);
  await page.getByRole('button', { name: 'Pay $79.00 and subscribe' }).click();
  await expect(page).toHaveURL(/\/dashboard\/billing\?checkout=cs_test_/);
  await reloadUntil(
    page,
    async () => (await page.getByTestId('billing-plan').textContent())?.includes('Growth') ?? false,
  );
  await expect(page.getByTestId('billing-budget')).toHaveText('$60.00');
  await expect(page.getByTestId('invoices')).toContainText('paid');
  await expect(page.getByTestId('billing-forecast')).toContainText('Month-end forecast');
  await expect(page.getByTestId('billing-forecast-cents')).toHaveText(/^(\$[\d,.]+|[\d.]+¢)$/);

  // The portal, from the button and from the link the dunning emails carry.
  await page.getByRole('button', { name: 'Manage billing' }).click();
  await expect(page.getByRole('heading', { name: 'Manage billing' })).toBeVisible();
  await page.goto(`${WEB_URL}/dashboard/billing/portal`);
  await expect(page.getByRole('heading', { name: 'Manage billing' })).toBeVisible();
  // Make the next renewal fail, and renew now.
  await page.getByRole('button', { name: 'Make the next renewal fail' }).click();
  await page.getByRole('button', { name: 'Renew now' }).click();
  await expect(page.getByTestId('sub-status')).toHaveText('past_due');
  const portal = page.url();

  // Dunning: three emails, then the suspension and its banner.
  await page.goto(`${WEB_URL}/dashboard`);
  await reloadUntil(page, async () => (await page.getByTestId('suspension-banner').count()) > 0, 120_000);
  await expect(page.getByTestId('suspension-banner')).toContainText('This workspace is suspended');

  // Pay the open invoice in the portal: restored at once.
  await page.goto(portal);
  await page.getByRole('button', { name: 'Update card and pay' }).click();
  await expect(page.getByTestId('sub-status')).toHaveText('active');
  await page.goto(`${WEB_URL}/dashboard`);
  await reloadUntil(page, async () => (await page.getByTestId('suspension-banner').count()) === 0);
});
