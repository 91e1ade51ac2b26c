import { consentRecords, desc, devMail, eq, marketingSubscriptions } from '@levqor/db';
import { MailRefusedError } from '@levqor/email';
import { makeUser, testDb, uniqueEmail } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { hashPii } from '../security/pii-hash';
import { createObjection } from './manage-objections';
import {
  confirmMarketing,
  MARKETING_WORDING,
  sendMarketingEmail,
  subscribeMarketing,
  unsubscribeMarketing,
  unsubscribePageUrl,
  unsubscribeUrl,
} from './marketing';
import { hashToken } from './tokens';

const db = testDb();
const ctx = { source: 'test', ip: '203.0.113.9', userAgent: 'vitest' };

async function optIn(email: string, userId: string | null = null) {
  await subscribeMarketing(db, { email, userId, ctx });
  const [mail] = await db
    .select()
    .from(devMail)
    .where(eq(devMail.to, email))
    .orderBy(desc(devMail.createdAt));
  return /token=([A-Za-z0-9]+)/.exec(mail!.text)![1]!;
}
const news = (to: string) => sendMarketingEmail(db, { to, subject: 'News', title: 'News', body: 'Hello' });

describe('marketing double opt-in', () => {
  it('stores only the token hash; confirms once (idempotent); records who/when/how/wording', async () => {
    const email = uniqueEmail('optin');
    const token = await optIn(email);
    const [sub] = await db
      .select()
      .from(marketingSubscriptions)
      .where(eq(marketingSubscriptions.email, email));
    expect(sub).toMatchObject({ status: 'pending', tokenHash: hashToken(token) });
    expect(JSON.stringify(sub)).not.toContain(token);
    await expect(news(email)).rejects.toBeInstanceOf(MailRefusedError); // not yet confirmed
    expect(await confirmMarketing(db, { token, ctx })).toEqual({
      status: 'subscribed',
      alreadyConfirmed: false,
    });
    expect(await confirmMarketing(db, { token, ctx })).toEqual({
      status: 'subscribed',
      alreadyConfirmed: true,
    });
    const records = await db
      .select()
      .from(consentRecords)
      .where(eq(consentRecords.emailHash, hashPii(email)));
    expect(records.map((r) => [r.action, r.granted]).sort()).toEqual([
      ['confirmed', true],
      ['requested', false],
    ]);
    expect(records[0]).toMatchObject({
      wording: MARKETING_WORDING,
      ipHash: hashPii('203.0.113.9'),
      userAgent: 'vitest',
    });
    // Subscribing again once subscribed sends nothing.
    expect(await subscribeMarketing(db, { email, userId: null, ctx })).toEqual({ status: 'subscribed' });
  });

  it('refuses an expired token (7 days) and an unknown one', async () => {
    const email = uniqueEmail('late');
    const token = await optIn(email);
    await expect(
      confirmMarketing(db, { token, ctx, now: new Date(Date.now() + 7 * 86_400_000 + 1_000) }),
    ).rejects.toMatchObject({ reason: 'privacy-token-invalid' });
    await expect(confirmMarketing(db, { token: 'x'.repeat(32), ctx })).rejects.toMatchObject({
      reason: 'privacy-token-invalid',
    });
  });

  it('marketing mail carries RFC 8058 headers; one-click unsubscribe stops it; the old token cannot resubscribe', async () => {
    const email = uniqueEmail('news');
    const token = await optIn(email);
    await confirmMarketing(db, { token, ctx });
    const sent = await news(email);
    const [mail] = await db.select().from(devMail).where(eq(devMail.id, sent.id));
    expect(mail!.headers).toEqual({
      'List-Unsubscribe': `<${unsubscribeUrl(email)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(mail!.text).toContain(unsubscribePageUrl(email));
    const signed = new URL(unsubscribeUrl(email)).searchParams.get('token')!;
    await expect(unsubscribeMarketing(db, { token: `${signed}x`, ctx })).rejects.toMatchObject({
      reason: 'privacy-token-invalid',
    });
    await unsubscribeMarketing(db, { token: signed, ctx });
    await unsubscribeMarketing(db, { token: signed, ctx }); // idempotent
    await expect(news(email)).rejects.toBeInstanceOf(MailRefusedError);
    await expect(confirmMarketing(db, { token, ctx })).rejects.toMatchObject({
      reason: 'privacy-token-invalid',
    });
  });

  it('the sender refuses marketing to a confirmed subscriber who objected to marketing', async () => {
    const { user } = await makeUser();
    const token = await optIn(user.email, user.id);
    await confirmMarketing(db, { token, ctx });
    await news(user.email);
    await createObjection(db, {
      userId: user.id,
      actor: user.id,
      source: 'ui',
      input: { purpose: 'marketing' },
    });
    await expect(news(user.email)).rejects.toThrow('the recipient objected');
  });
});
