import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { fresh, WEB } from './support/attack';
import { csrfFor, newestSignInLink, rawRequest } from './support/raw-http';
import { ADMIN_URL, WEB_URL } from './urls';

/**
 * Issue E 7: each app has its own session cookie (on localhost every port shares one cookie jar), and
 * the magic link is built for the host the person signed in on when it is one of the app's origins.
 */
test.describe('attack: sessions across apps and hosts', () => {
  test('a session made on the admin console (:3001) is not a session of the dashboard (:3000)', async ({
    page,
  }) => {
    await signInViaMailbox(page, fresh('admin-only'), ADMIN_URL);
    await expect(page).toHaveURL(`${ADMIN_URL}/users`);
    const names = (await page.context().cookies(ADMIN_URL)).map((c) => c.name);
    expect(names).toContain('levqor-admin.session-token');
    expect(names).not.toContain('levqor-web.session-token');
    expect(names).not.toContain('next-auth.session-token');
    await page.goto(`${WEB_URL}/dashboard`);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
  });

  test('signing in at 127.0.0.1:3000 mails a link for 127.0.0.1:3000 and leaves the person signed in there', async ({
    page,
  }) => {
    const email = fresh('by-ip');
    await signInViaMailbox(page, email, WEB);
    await expect(page).toHaveURL(`${WEB}/dashboard`);
    await expect(page.getByTestId('workspace-name')).toBeVisible();
  });

  test("a Host that is not one of the app's origins gets a link for the configured URL", async () => {
    const from = '127.0.0.55';
    const email = fresh('evil-host');
    const { token, cookie } = await csrfFor(WEB, from);
    const res = await rawRequest(`${WEB}/api/auth/signin/email`, {
      method: 'POST',
      from,
      headers: {
        host: 'evil.example:3000',
        'x-forwarded-host': 'evil.example',
        'content-type': 'application/x-www-form-urlencoded',
        cookie,
      },
      body: new URLSearchParams({
        email,
        csrfToken: token,
        callbackUrl: '/dashboard',
        json: 'true',
      }).toString(),
    });
    expect(res.status).toBe(200);
    const link = await newestSignInLink(email, WEB_URL);
    expect(new URL(link).origin).toBe(WEB_URL);
    expect(link).not.toContain('evil.example');
  });
});
