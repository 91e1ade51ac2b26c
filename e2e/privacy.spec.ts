import { randomBytes } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { clickMailLink, mailIdsFor, signInViaMailbox } from './mailbox';
import { MAILBOX_URL, WEB_URL } from './urls';

const fresh = () => `privacy-${randomBytes(4).toString('hex')}@levqor.local`;

/** Opens the newest message to `to` whose subject is `subject` (the engine may take a moment). */
async function openMail(page: Page, to: string, subject: string, seen: string[] = []) {
  await expect(async () => {
    const ids = (await mailIdsFor(page, to)).filter((id) => !seen.includes(id));
    for (const id of ids) {
      await page.goto(`${MAILBOX_URL}/${id}`);
      if (await page.getByRole('heading', { name: subject }).isVisible()) return;
    }
    throw new Error(`no "${subject}" to ${to} yet`);
  }).toPass({ timeout: 45_000, intervals: [500, 1_000, 2_000] });
}

/** A page view sent straight to the server with the context's cookies. */
async function track(page: Page) {
  const res = await page.request.post(`${WEB_URL}/api/analytics`, {
    data: { name: 'page_view', path: '/e2e' },
  });
  expect(res.status()).toBe(202);
  return res.json();
}

test.describe('cookie consent (no choice made yet)', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('no analytics before consent; Reject all as easy as Accept all; Cookie settings withdraws', async ({
    page,
  }) => {
    const analytics: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/analytics') analytics.push(r.url());
    });
    await page.goto(WEB_URL);
    const banner = page.getByTestId('cookie-banner');
    await expect(banner).toBeVisible();
    const accept = banner.getByRole('button', { name: 'Accept all' });
    const reject = banner.getByRole('button', { name: 'Reject all' });
    const [a, r] = [await accept.boundingBox(), await reject.boundingBox()];
    expect(Math.round(a!.height)).toBe(Math.round(r!.height));
    expect(Math.abs(a!.width - r!.width)).toBeLessThan(4);
    expect(await accept.getAttribute('class')).toBe(await reject.getAttribute('class'));
    expect(analytics).toEqual([]);
    // Even a page that sent events anyway would have them refused by the server.
    expect(await track(page)).toEqual({ recorded: false, reason: 'no-consent' });

    // The banner is in the server's HTML: a click before the page has hydrated does nothing yet.
    await expect(async () => {
      await reject.click();
      await expect(banner).toBeHidden({ timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    expect((await page.context().cookies()).find((c) => c.name === 'levqor_consent')?.value).toBe('v1.a0.m0');
    await page.goto(`${WEB_URL}/privacy`);
    await expect(page.getByRole('heading', { name: 'Privacy policy' })).toBeVisible();
    await page.waitForTimeout(500);
    expect(analytics).toEqual([]);
    expect(await track(page)).toEqual({ recorded: false, reason: 'no-consent' });

    // Change of mind, from the footer: choose analytics only.
    await expect(async () => {
      await page.getByRole('button', { name: 'Cookie settings' }).click();
      await expect(banner).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await banner.getByRole('checkbox', { name: /Analytics/ }).check();
    const pageView = page.waitForRequest((req) => new URL(req.url()).pathname === '/api/analytics');
    await banner.getByRole('button', { name: 'Save choices' }).click();
    await expect(banner).toBeHidden();
    expect((await page.context().cookies()).find((c) => c.name === 'levqor_consent')?.value).toBe('v1.a1.m0');
    const sent = await pageView;
    expect((await sent.response())?.status()).toBe(202);
    // The server decides from the cookie, not the page: the same call is stored now.
    expect(await track(page)).toEqual({ recorded: true });
  });
});

test('export by email, object to profiling, marketing double opt-in and unsubscribe without sign-in', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const email = fresh();
  await signInViaMailbox(page, email);
  await page.goto(`${WEB_URL}/dashboard/settings/privacy`);
  await expect(page.getByRole('heading', { name: 'Privacy and your data' })).toBeVisible();

  // Export: requested here, built by the engine, mailed with the ZIP attached.
  await page.getByRole('button', { name: 'Request my data export' }).click();
  await expect(page.getByText('Requested. The export will arrive by email shortly.')).toBeVisible();
  await page.getByRole('button', { name: 'Request my data export' }).click();
  await expect(page.getByText(/one data export per 24 hours/)).toBeVisible();
  await openMail(page, email, 'Your Levqor data export');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('mail-attachment').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('levqor-export.zip');
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const zip = readFileSync(path);
  expect(zip.subarray(0, 2).toString()).toBe('PK');
  expect(zip.includes(Buffer.from('README.txt'))).toBe(true);
  expect(zip.includes(Buffer.from('account.json'))).toBe(true);

  // Object to profiling; withdraw it again.
  await page.goto(`${WEB_URL}/dashboard/settings/privacy`);
  const profiling = page.locator('[data-purpose="profiling"]');
  await profiling.getByRole('button', { name: 'Object' }).click();
  await expect(profiling.getByText(/You objected on/)).toBeVisible();
  await profiling.getByRole('button', { name: 'Withdraw objection' }).click();
  await expect(profiling.getByText('Allowed.')).toBeVisible();

  // Marketing: subscribe → confirmation email → confirm → subscribed.
  await page.goto(`${WEB_URL}/dashboard/settings/marketing`);
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByTestId('marketing-status')).toContainText('Waiting for you to confirm');
  await openMail(page, email, 'Confirm your Levqor newsletter subscription');
  const confirmLink = await page
    .getByTestId('mail-link')
    .evaluateAll((links) =>
      links.map((l) => l.getAttribute('href') ?? '').find((h) => h.includes('/marketing/confirm')),
    );
  await clickMailLink(page, confirmLink!);
  await page.getByRole('button', { name: 'Confirm subscription' }).click();
  await expect(page.getByText(/Confirmed\. You will receive Levqor product news/)).toBeVisible();
  await page.goto(`${WEB_URL}/dashboard/settings/marketing`);
  await expect(page.getByTestId('marketing-status')).toHaveText('Subscribed.');

  // The welcome mail carries RFC 8058 headers; its link works signed out.
  await openMail(page, email, 'Welcome to Levqor product news');
  await expect(page.getByTestId('mail-headers')).toContainText('List-Unsubscribe=One-Click');
  const unsubscribe = await page
    .getByTestId('mail-link')
    .evaluateAll((links) =>
      links.map((l) => l.getAttribute('href') ?? '').find((h) => h.includes('/unsubscribe?')),
    );
  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const anon = await stranger.newPage();
  await anon.goto(unsubscribe!);
  await anon.getByRole('button', { name: 'Unsubscribe', exact: true }).click();
  await expect(anon.getByText('You are unsubscribed.')).toBeVisible();
  await stranger.close();
  await page.goto(`${WEB_URL}/dashboard/settings/marketing`);
  await expect(page.getByTestId('marketing-status')).toHaveText('Not subscribed.');
});
