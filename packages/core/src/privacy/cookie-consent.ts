import { analyticsEvents, consentRecords, type DbOrTx } from '@levqor/db';
import { z } from 'zod';
import { hashPii } from '../security/pii-hash';
import { mayProcess } from './may-process';

/** The first-party cookie holding the visitor's choice: `v1.a<0|1>.m<0|1>`. Necessary cookies need no consent. */
export const CONSENT_COOKIE = 'levqor_consent';
export const CONSENT_COOKIE_MAX_AGE_S = 180 * 86_400;

export const COOKIE_CATEGORIES = {
  necessary: 'Necessary: sign-in session, security and this choice. Always on.',
  analytics:
    "Analytics: Levqor's own page views and product events, stored by Levqor only, to improve the product.",
  marketing:
    'Marketing: remembering campaign sources for our own marketing. No third-party trackers are used.',
} as const;

export const COOKIE_WORDING =
  'Levqor uses necessary cookies to sign you in and keep the service secure. With your consent we also record our own first-party analytics and marketing sources. No third-party trackers. You can change your choice at any time with “Cookie settings” at the bottom of every page.';

export const ZCookieChoice = z.object({ analytics: z.boolean(), marketing: z.boolean() });
export type CookieChoice = z.infer<typeof ZCookieChoice>;

export function formatConsentCookie(choice: CookieChoice): string {
  return `v1.a${choice.analytics ? 1 : 0}.m${choice.marketing ? 1 : 0}`;
}

/** The visitor's choice from the cookie value, or null when no (valid) choice was made. */
export function parseConsentCookie(value: string | null | undefined): CookieChoice | null {
  const m = /^v1\.a([01])\.m([01])$/.exec(value ?? '');
  return m ? { analytics: m[1] === '1', marketing: m[2] === '1' } : null;
}

/** A signed-in user's banner choice, kept as a consent record (who, when, how, what wording). */
export async function recordCookieConsent(
  db: DbOrTx,
  opts: {
    userId: string;
    choice: CookieChoice;
    source: string;
    ip?: string | null;
    userAgent?: string | null;
  },
): Promise<void> {
  const granted = opts.choice.analytics || opts.choice.marketing;
  await db.insert(consentRecords).values({
    userId: opts.userId,
    kind: 'cookies',
    action: granted ? 'granted' : 'rejected',
    granted,
    categories: { necessary: true, ...opts.choice },
    method: 'cookie-banner',
    source: opts.source,
    wording: COOKIE_WORDING,
    ipHash: opts.ip ? hashPii(opts.ip) : null,
    userAgent: opts.userAgent?.slice(0, 400) ?? null,
  });
}

export const ZAnalyticsEvent = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_.]{0,63}$/, 'Event names are lower-case words with dots or underscores'),
  path: z.string().max(500).optional(),
  properties: z
    .record(z.string().max(64), z.union([z.string().max(200), z.number(), z.boolean()]))
    .optional(),
});

/**
 * Records one first-party analytics event — only with analytics consent in the cookie, and never for a
 * signed-in user who objected to analytics (Art. 21). Returns whether it was stored and why not.
 */
export async function recordAnalyticsEvent(
  db: DbOrTx,
  opts: {
    app: string;
    consent: CookieChoice | null;
    userId: string | null;
    event: z.input<typeof ZAnalyticsEvent>;
  },
): Promise<{ recorded: boolean; reason?: 'no-consent' | 'objection' }> {
  if (!opts.consent?.analytics) return { recorded: false, reason: 'no-consent' };
  if (opts.userId && !(await mayProcess(db, opts.userId, 'analytics')))
    return { recorded: false, reason: 'objection' };
  const event = ZAnalyticsEvent.parse(opts.event);
  if (event.properties && Object.keys(event.properties).length > 20)
    throw new z.ZodError([
      { code: 'custom', path: ['properties'], message: 'At most 20 properties', input: event },
    ]);
  await db.insert(analyticsEvents).values({
    app: opts.app,
    name: event.name,
    path: event.path?.split('?')[0] ?? null,
    userId: opts.userId,
    properties: event.properties ?? null,
  });
  return { recorded: true };
}
