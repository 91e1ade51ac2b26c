import { expect, test } from '@playwright/test';
import { clickMailLink, mailIdsFor, openNewSignInMail, requestSignInLink, signInViaMailbox } from './mailbox';
import { fresh, WEB } from './support/attack';
import {
  cookiesOf,
  newestSignInLink,
  rawRequest,
  requestLinkAs,
  signInRaw,
  trpcQuery,
} from './support/raw-http';
import { WEB_URL } from './urls';

/**
 * Issue E 2: anonymous failures never cost the owner of an email anything. Failures are limited per
 * presenting address and address + email; a valid, unexpired link always works; the owner hears about
 * it only when many addresses fail for their email.
 */
const junk = (email: string, i: number) =>
  `${WEB}/api/auth/callback/email?token=junk${i}${Date.now()}&email=${encodeURIComponent(email)}`;

/** Subjects of the mails to `to` in the dev mailbox, newest first. */
async function subjectsTo(to: string): Promise<string[]> {
  const res = await trpcQuery(WEB, 'devMailbox.list', { limit: 100 });
  const items = (
    JSON.parse(res.body) as { result: { data: { json: { items: { to: string; subject: string }[] } } } }
  ).result.data.json.items;
  return items.filter((m) => m.to === to).map((m) => m.subject);
}

test.describe('attack: locking a victim out of sign-in', () => {
  test('five (and more) junk links for a victim lock nothing: their link still signs them in, and nobody mails them', async ({
    page,
  }) => {
    const victim = fresh('lockout');
    await signInViaMailbox(page, victim);
    await page.context().clearCookies();
    const seen = await mailIdsFor(page, victim);
    await requestSignInLink(page, WEB_URL, victim);
    const link = await openNewSignInMail(page, { to: victim, seen, appUrl: WEB_URL });

    const attacker = '127.0.0.33';
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await rawRequest(junk(victim, i), { from: attacker });
      statuses.push(res.status);
      if (res.status === 302) expect(String(res.headers.location)).toContain('error=Verification');
      if (res.status === 429) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(JSON.parse(res.body)).toMatchObject({
          status: 429,
          type: 'https://levqor.dev/problems/rate-limited',
        });
      }
    }
    // The attacker's address is limited (5 failures for this email from one address)…
    expect(statuses).toEqual([302, 302, 302, 302, 302, 429, 429, 429]);
    // …nobody else is: another address is answered normally, and the victim can still request links.
    expect((await rawRequest(junk(victim, 99), { from: '127.0.0.34' })).status).toBe(302);
    await clickMailLink(page, link);
    await expect(page).toHaveURL(`${WEB_URL}/dashboard`);
    await expect(page.getByTestId('workspace-name')).toBeVisible();
    expect((await subjectsTo(victim)).filter((s) => !s.startsWith('Sign in to'))).toEqual([]);
  });

  test('a valid link works even from the address that is over its failure limit', async () => {
    const victim = fresh('shared-ip');
    const from = '127.0.0.35';
    expect((await requestLinkAs(WEB, victim, from)).status).toBe(200);
    const link = await newestSignInLink(victim, WEB);
    for (let i = 0; i < 6; i++) await rawRequest(junk(victim, i), { from });
    expect((await rawRequest(junk(victim, 7), { from })).status).toBe(429);
    const opened = await rawRequest(link, { from });
    expect(opened.status).toBe(302);
    expect(opened.headers.location).toBe(`${WEB}/dashboard`);
    expect(cookiesOf(opened)).toContain('levqor-web.session-token=');
  });

  test('the owner is told once, and only when many addresses fail for their email', async () => {
    const victim = fresh('watched');
    await signInRaw(WEB, victim, '127.0.0.36');
    const alert = (subjects: string[]) => subjects.filter((s) => s.includes('Someone is trying'));
    // 19 failures from four addresses: no signal yet (the alert needs 20 from 5 addresses).
    for (const from of ['127.0.0.37', '127.0.0.38', '127.0.0.39', '127.0.0.40'])
      for (let i = 0; i < 5; i++) await rawRequest(junk(victim, i), { from });
    expect(alert(await subjectsTo(victim))).toEqual([]);
    // A fifth address: one mail, not one per failure.
    for (let i = 0; i < 4; i++) await rawRequest(junk(victim, i), { from: '127.0.0.41' });
    await expect.poll(async () => alert(await subjectsTo(victim)).length).toBe(1);
    // The victim signs in as usual.
    const cookie = await signInRaw(WEB, victim, '127.0.0.42');
    const me = await trpcQuery(WEB, 'me.get', {}, { headers: { cookie } });
    expect(me.status).toBe(200);
  });

  test('requesting links never locks a victim out: limits are per email and address', async ({ page }) => {
    const victim = fresh('victim');
    const attacker = '127.0.0.43';
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await requestLinkAs(WEB, victim, attacker));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    for (const refused of answers.slice(5)) {
      expect(JSON.parse(refused.body)).toMatchObject({
        status: 429,
        type: 'https://levqor.dev/problems/rate-limited',
      });
      // next-auth's client reads `url`: the sign-in form shows "Too many requests".
      expect(String(JSON.parse(refused.body).url)).toContain('error=TooManyRequests');
    }
    await signInViaMailbox(page, victim);
    await expect(page).toHaveURL(`${WEB_URL}/dashboard`);
    await expect(page.getByTestId('workspace-name')).toBeVisible();
  });
});
