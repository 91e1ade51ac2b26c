import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { DEVELOPERS_URL } from './urls';

test('developers: sign in through the dev mailbox lands back on the portal, signed in', async ({ page }) => {
  await page.goto(DEVELOPERS_URL);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Levqor API');
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);

  await signInViaMailbox(page, 'demo@levqor.local', DEVELOPERS_URL);
  await expect(page).toHaveURL(`${DEVELOPERS_URL}/`);
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as demo@levqor.local');
});
