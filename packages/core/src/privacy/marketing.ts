import { and, consentRecords, type DbOrTx, eq, gt, marketingSubscriptions, sql } from '@levqor/db';
import { PrivacyEmail, sendEmail } from '@levqor/email';
import { createElement } from 'react';
import { DomainError } from '../errors';
import { hashPii } from '../security/pii-hash';
import { webUrl } from './request-trail';
import { hashToken, newLinkToken, signAddress, verifyAddress } from './tokens';

export const OPT_IN_TTL_MS = 7 * 86_400_000;

/** The exact words shown next to the subscribe button; every consent record stores them. */
export const MARKETING_WORDING =
  'Send me occasional emails about new Levqor features and offers. I can unsubscribe at any time with one click.';

export interface ConsentContext {
  /** e.g. `settings-form`, `one-click`, `email-link`. */
  source: string;
  ip?: string | null;
  userAgent?: string | null;
}

async function record(
  db: DbOrTx,
  email: string,
  userId: string | null,
  action: string,
  granted: boolean,
  method: string,
  ctx: ConsentContext,
) {
  await db.insert(consentRecords).values({
    userId,
    emailHash: hashPii(email),
    kind: 'marketing',
    action,
    granted,
    method,
    source: ctx.source,
    wording: MARKETING_WORDING,
    ipHash: ctx.ip ? hashPii(ctx.ip) : null,
    userAgent: ctx.userAgent?.slice(0, 400) ?? null,
  });
}

export async function marketingStatus(db: DbOrTx, email: string) {
  const [row] = await db
    .select()
    .from(marketingSubscriptions)
    .where(eq(marketingSubscriptions.email, email.toLowerCase()));
  return {
    status: row?.status ?? ('none' as const),
    confirmedAt: row?.confirmedAt ?? null,
    wording: MARKETING_WORDING,
  };
}

/**
 * Step 1 of the double opt-in (PECR): records the request and mails a confirmation link (token stored as
 * a hash, 7 days, single use). Already subscribed: nothing to do. Asked again while pending: a new link.
 */
export async function subscribeMarketing(
  db: DbOrTx,
  opts: { email: string; userId: string | null; ctx: ConsentContext; now?: Date; env?: NodeJS.ProcessEnv },
): Promise<{ status: 'pending' | 'subscribed' }> {
  const email = opts.email.trim().toLowerCase();
  const now = opts.now ?? new Date();
  const current = await marketingStatus(db, email);
  if (current.status === 'subscribed') return { status: 'subscribed' };
  const token = newLinkToken();
  const values = {
    status: 'pending' as const,
    userId: opts.userId,
    tokenHash: hashToken(token),
    tokenExpiresAt: new Date(now.getTime() + OPT_IN_TTL_MS),
    updatedAt: now,
  };
  await db
    .insert(marketingSubscriptions)
    .values({ email, ...values })
    .onConflictDoUpdate({ target: marketingSubscriptions.email, set: values });
  await record(db, email, opts.userId, 'requested', false, 'form', opts.ctx);
  const url = `${webUrl(opts.env)}/marketing/confirm?token=${token}`;
  await sendEmail(
    db,
    {
      to: email,
      subject: 'Confirm your Levqor newsletter subscription',
      react: createElement(PrivacyEmail, {
        title: 'Please confirm your subscription',
        body: `You asked to receive Levqor news at this address:\n\n“${MARKETING_WORDING}”\n\nNothing is sent until you confirm. The link works once, for 7 days. If you did not ask, ignore this email.`,
        action: { label: 'Confirm subscription', url },
      }),
    },
    opts.env,
  );
  return { status: 'pending' };
}

/** Step 2: the emailed token confirms the subscription. Using it again answers the same; expired: refused. */
export async function confirmMarketing(
  db: DbOrTx,
  opts: { token: string; ctx: ConsentContext; now?: Date; env?: NodeJS.ProcessEnv },
): Promise<{ status: 'subscribed'; alreadyConfirmed: boolean }> {
  const now = opts.now ?? new Date();
  const hash = hashToken(opts.token);
  const [row] = await db
    .update(marketingSubscriptions)
    .set({
      status: 'subscribed',
      confirmedAt: now,
      unsubscribedAt: null,
      tokenExpiresAt: null,
      updatedAt: now,
    })
    .where(
      and(
        eq(marketingSubscriptions.tokenHash, hash),
        eq(marketingSubscriptions.status, 'pending'),
        gt(marketingSubscriptions.tokenExpiresAt, now),
      ),
    )
    .returning();
  if (row) {
    await record(db, row.email, row.userId, 'confirmed', true, 'double-opt-in', opts.ctx);
    // The first marketing email: the welcome, with the unsubscribe link and headers every one carries.
    await sendMarketingEmail(db, {
      to: row.email,
      subject: 'Welcome to Levqor product news',
      title: 'You are subscribed',
      body: 'Thanks for confirming. We write when Levqor gains something worth your time — rarely, never more than twice a month.',
      env: opts.env,
    });
    return { status: 'subscribed', alreadyConfirmed: false };
  }
  const [used] = await db
    .select({ status: marketingSubscriptions.status })
    .from(marketingSubscriptions)
    .where(eq(marketingSubscriptions.tokenHash, hash));
  if (used?.status === 'subscribed') return { status: 'subscribed', alreadyConfirmed: true };
  throw new DomainError(
    'privacy-token-invalid',
    'This confirmation link is invalid or expired (links last 7 days). Subscribe again from your settings.',
  );
}

/**
 * Withdrawal (one-click or the settings page): always succeeds for a valid signed token and answers the
 * same whether or not the address is subscribed — nothing about accounts is revealed.
 */
export async function unsubscribeMarketing(
  db: DbOrTx,
  opts: { token: string; ctx: ConsentContext; now?: Date },
): Promise<{ unsubscribed: true }> {
  const email = verifyAddress('unsubscribe', opts.token);
  if (!email) throw new DomainError('privacy-token-invalid', 'This unsubscribe link is not valid.');
  return unsubscribeAddress(db, { email, ctx: opts.ctx, now: opts.now });
}

export async function unsubscribeAddress(
  db: DbOrTx,
  opts: { email: string; ctx: ConsentContext; now?: Date },
): Promise<{ unsubscribed: true }> {
  const now = opts.now ?? new Date();
  const [row] = await db
    .update(marketingSubscriptions)
    .set({
      status: 'unsubscribed',
      unsubscribedAt: now,
      tokenHash: null,
      tokenExpiresAt: null,
      updatedAt: now,
    })
    .where(
      and(
        eq(marketingSubscriptions.email, opts.email.toLowerCase()),
        sql`${marketingSubscriptions.status} <> 'unsubscribed'`,
      ),
    )
    .returning();
  if (row) await record(db, row.email, row.userId, 'withdrawn', false, 'unsubscribe', opts.ctx);
  return { unsubscribed: true };
}

/** The one-click (RFC 8058 POST) unsubscribe URL for an address (signed; no lookup). */
export const unsubscribeUrl = (email: string, env?: NodeJS.ProcessEnv) =>
  `${webUrl(env)}/api/marketing/unsubscribe?token=${signAddress('unsubscribe', email)}`;

/** The page the email's visible link opens: one button, no sign-in (link scanners only GET). */
export const unsubscribePageUrl = (email: string, env?: NodeJS.ProcessEnv) =>
  `${webUrl(env)}/unsubscribe?token=${signAddress('unsubscribe', email)}`;

/**
 * Sends one marketing email with RFC 8058 headers and the unsubscribe link. The sender refuses it unless
 * the address confirmed its subscription and its user has not objected to marketing.
 */
export async function sendMarketingEmail(
  db: DbOrTx,
  opts: { to: string; subject: string; title: string; body: string; env?: NodeJS.ProcessEnv },
) {
  const url = unsubscribeUrl(opts.to, opts.env);
  return sendEmail(
    db,
    {
      to: opts.to,
      subject: opts.subject,
      purpose: 'marketing',
      headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      react: createElement(PrivacyEmail, {
        title: opts.title,
        body: opts.body,
        unsubscribeUrl: unsubscribePageUrl(opts.to, opts.env),
      }),
    },
    opts.env,
  );
}
