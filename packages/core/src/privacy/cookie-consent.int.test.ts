import { analyticsEvents, consentRecords, eq } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import {
  COOKIE_WORDING,
  formatConsentCookie,
  parseConsentCookie,
  recordAnalyticsEvent,
  recordCookieConsent,
} from './cookie-consent';
import { createObjection } from './manage-objections';

const db = testDb();

describe('cookie consent and first-party analytics', () => {
  it('parses only well-formed choices', () => {
    expect(parseConsentCookie(formatConsentCookie({ analytics: true, marketing: false }))).toEqual({
      analytics: true,
      marketing: false,
    });
    for (const bad of [null, '', 'v1.a1', 'v2.a1.m1', 'v1.a1.m1; x'])
      expect(parseConsentCookie(bad)).toBeNull();
  });

  it('stores analytics only with consent and never for a user who objected', async () => {
    const { user } = await makeUser();
    const path = `/pricing-${user.id}`;
    const send = (consent: { analytics: boolean; marketing: boolean } | null, userId: string | null) =>
      recordAnalyticsEvent(db, {
        app: 'web',
        consent,
        userId,
        event: { name: 'page_view', path: `${path}?q=1` },
      });
    expect(await send(null, null)).toEqual({ recorded: false, reason: 'no-consent' });
    expect(await send({ analytics: false, marketing: true }, user.id)).toEqual({
      recorded: false,
      reason: 'no-consent',
    });
    expect(await send({ analytics: true, marketing: false }, user.id)).toEqual({ recorded: true });
    await createObjection(db, {
      userId: user.id,
      actor: user.id,
      source: 'ui',
      input: { purpose: 'analytics' },
    });
    expect(await send({ analytics: true, marketing: false }, user.id)).toEqual({
      recorded: false,
      reason: 'objection',
    });
    const rows = await db.select().from(analyticsEvents).where(eq(analyticsEvents.path, path));
    expect(rows).toHaveLength(1); // the query string is dropped
    await expect(
      recordAnalyticsEvent(db, {
        app: 'web',
        consent: { analytics: true, marketing: false },
        userId: null,
        event: { name: 'DROP TABLE' },
      }),
    ).rejects.toThrow();
  });

  it('keeps a signed-in choice as a consent record with the wording', async () => {
    const { user } = await makeUser();
    await recordCookieConsent(db, {
      userId: user.id,
      choice: { analytics: false, marketing: false },
      source: 'web',
      ip: '192.0.2.1',
    });
    const [row] = await db.select().from(consentRecords).where(eq(consentRecords.userId, user.id));
    expect(row).toMatchObject({
      kind: 'cookies',
      action: 'rejected',
      granted: false,
      wording: COOKIE_WORDING,
    });
    expect(row!.categories).toEqual({ necessary: true, analytics: false, marketing: false });
  });
});
