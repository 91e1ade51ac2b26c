import { expect, type Page } from '@playwright/test';
import { MAILBOX_URL, WEB_URL } from './urls';

/**
 * Ids of the dev-mailbox messages (newest page) addressed to `to`, newest first. `mailbox`: another web
 * process's mailbox (its own database), the e2e instance's by default.
 */
export async function mailIdsFor(page: Page, to: string, mailbox: string = MAILBOX_URL): Promise<string[]> {
  await page.goto(mailbox);
  await expect(page.getByRole('heading', { name: 'Dev mailbox' })).toBeVisible();
  const rows = page.locator('tbody tr').filter({
    has: page.locator('td').first().getByText(to, { exact: true }),
  });
  const hrefs = await rows
    .locator('a[href^="/dev/mailbox/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => h.slice('/dev/mailbox/'.length));
}

/**
 * Waits for a message to `to` that was not in `seen` and whose sign-in link points at `appUrl` (several
 * tests send mail concurrently), opens it in the mailbox and returns the link's URL.
 */
export async function openNewSignInMail(
  page: Page,
  opts: { to: string; seen: string[]; appUrl: string; mailbox?: string },
): Promise<string> {
  const mailbox = opts.mailbox ?? MAILBOX_URL;
  let link = '';
  await expect(async () => {
    const fresh = (await mailIdsFor(page, opts.to, mailbox)).filter((id) => !opts.seen.includes(id));
    expect(fresh, `a new message to ${opts.to} in the dev mailbox`).not.toHaveLength(0);
    for (const id of fresh) {
      await page.goto(`${mailbox}/${id}`);
      await expect(page.getByText(`To ${opts.to} ·`)).toBeVisible();
      const hrefs = await page
        .getByTestId('mail-link')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      const match = hrefs.find((h) => h.startsWith(`${opts.appUrl}/api/auth/callback/email?`));
      if (match) {
        link = match;
        return;
      }
    }
    throw new Error(`no new sign-in link for ${opts.appUrl} to ${opts.to} yet`);
  }).toPass({ timeout: 20_000, intervals: [250, 500, 1_000] });
  return link;
}

/** Fills the app's sign-in form with `email` and checks the "Check your email" page. */
export async function requestSignInLink(page: Page, appUrl: string, email: string): Promise<void> {
  await page.goto(`${appUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page).toHaveURL(`${appUrl}/sign-in/check-email?email=${encodeURIComponent(email)}`);
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(page.getByText(email, { exact: true })).toBeVisible();
}

/**
 * Signs `email` in on the app at `appUrl` the way a person would: request a magic link, find it in the
 * dev mailbox (served by the web app), click it. Leaves `page` wherever the link lands.
 */
export async function signInViaMailbox(
  page: Page,
  email: string,
  appUrl: string = WEB_URL,
  mailbox: string = MAILBOX_URL,
): Promise<void> {
  const seen = await mailIdsFor(page, email, mailbox);
  await requestSignInLink(page, appUrl, email);
  const link = await openNewSignInMail(page, { to: email, seen, appUrl, mailbox });
  await clickMailLink(page, link);
  await page.waitForURL((url) => url.origin === appUrl && !url.pathname.startsWith('/api/auth/'));
}

/** On an open mailbox message: clicks the listed link whose URL is exactly `link`. */
export async function clickMailLink(page: Page, link: string): Promise<void> {
  await page
    .getByTestId('mail-link')
    .and(page.locator(`a[href="${cssEscape(link)}"]`))
    .click();
}

function cssEscape(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
}

/**
 * Opens the newest message to `to` whose subject is `subject` and whose id is not in `seen` (the engine
 * may take a moment to send it); returns its id.
 */
export async function openMailWithSubject(
  page: Page,
  opts: { to: string; subject: string; seen?: string[]; timeoutMs?: number; mailbox?: string },
): Promise<string> {
  const mailbox = opts.mailbox ?? MAILBOX_URL;
  let found = '';
  await expect(async () => {
    const ids = (await mailIdsFor(page, opts.to, mailbox)).filter((id) => !opts.seen?.includes(id));
    for (const id of ids) {
      await page.goto(`${mailbox}/${id}`);
      if (await page.getByRole('heading', { name: opts.subject, exact: true }).isVisible()) {
        found = id;
        return;
      }
    }
    throw new Error(`no "${opts.subject}" to ${opts.to} yet`);
  }).toPass({ timeout: opts.timeoutMs ?? 45_000, intervals: [500, 1_000, 2_000] });
  return found;
}

/** The text of the open mailbox message's own HTML (shown in its sandboxed frame). */
export async function openMailText(page: Page): Promise<string> {
  const body = page.frameLocator('iframe[title="Message"]').locator('body');
  // The frame's document is written from srcdoc after the page loads: wait for its text.
  await expect(body).toContainText(/\S/);
  // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator; the rendered text puts paragraphs on lines of their own (textContent runs them together)
  return body.innerText();
}
