import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { DEVELOPERS_URL } from './urls';

test('developers: sign in through the dev mailbox lands back on the portal, signed in', async ({ page }) => {
  await page.goto(DEVELOPERS_URL);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Levqor API');
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);

  // A new address: its first sign-in creates the account (and keeps demo@'s link budget for other specs).
  const email = `e2e-dev-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@levqor.local`;
  await signInViaMailbox(page, email, DEVELOPERS_URL);
  await expect(page).toHaveURL(`${DEVELOPERS_URL}/`);
  await expect(page.getByTestId('signed-in-as')).toHaveText(`Signed in as ${email}`);
});
