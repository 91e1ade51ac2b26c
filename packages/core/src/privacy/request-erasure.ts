import { and, type DbOrTx, eq, gt, inArray, privacyRequests, users } from '@levqor/db';
import { PrivacyEmail, sendEmail } from '@levqor/email';
import { createElement } from 'react';
import { DomainError, notFound } from '../errors';
import { hashPii } from '../security/pii-hash';
import { oneMonthAfter, recordRequestStep, webUrl } from './request-trail';
import { hashToken, newLinkToken } from './tokens';

export const ERASURE_LINK_TTL_MS = 24 * 3_600_000;
export const ERASURE_COOLING_OFF_MS = 7 * 86_400_000;

const OPEN = ['awaiting_confirmation', 'pending'] as const;

/**
 * Step 1 of Art. 17: a signed-in user asks to delete their data; we mail a confirmation link (24 h,
 * single use). An open request is reused: asking twice sends a fresh link for the same request.
 */
export async function requestErasure(
  db: DbOrTx,
  opts: { userId: string; now?: Date; env?: NodeJS.ProcessEnv },
): Promise<{ id: string }> {
  const now = opts.now ?? new Date();
  const [user] = await db.select().from(users).where(eq(users.id, opts.userId));
  if (!user) throw notFound('User');
  const token = newLinkToken();
  const tokenFields = {
    tokenHash: hashToken(token),
    tokenExpiresAt: new Date(now.getTime() + ERASURE_LINK_TTL_MS),
  };
  const [open] = await db
    .select()
    .from(privacyRequests)
    .where(
      and(
        eq(privacyRequests.userId, user.id),
        eq(privacyRequests.kind, 'erasure'),
        inArray(privacyRequests.status, [...OPEN]),
      ),
    );
  if (open?.status === 'pending')
    throw new DomainError(
      'privacy-request-closed',
      'Your data is already scheduled for deletion; cancel it first.',
    );
  let id = open?.id;
  if (open) {
    await recordRequestStep(db, open, 'link-resent', { actor: user.id, set: tokenFields });
  } else {
    const [row] = await db
      .insert(privacyRequests)
      .values({
        userId: user.id,
        emailHash: hashPii(user.email.toLowerCase()),
        kind: 'erasure',
        status: 'awaiting_confirmation',
        requestedAt: now,
        dueAt: oneMonthAfter(now),
        ...tokenFields,
      })
      .returning();
    id = row!.id;
    await recordRequestStep(db, row!, 'requested', { actor: user.id });
  }
  const url = `${webUrl(opts.env)}/dashboard/settings/privacy/delete/confirm?token=${token}`;
  await sendEmail(
    db,
    {
      to: user.email,
      subject: 'Confirm: delete your Levqor data',
      react: createElement(PrivacyEmail, {
        title: 'Confirm the deletion of your data',
        body: 'You asked Levqor to delete your account and data. Open the link below while signed in to confirm. Nothing is deleted for 7 days after you confirm, and you can cancel until then.\n\nThe link works once, for 24 hours. If you did not ask for this, ignore this email.',
        action: { label: 'Confirm deletion', url },
      }),
    },
    opts.env,
  );
  return { id: id! };
}

/** Step 2: the emailed link, opened by the same signed-in user, starts the 7-day cooling-off. */
export async function confirmErasure(
  db: DbOrTx,
  opts: { userId: string; token: string; now?: Date },
): Promise<{ id: string; executeAfter: Date }> {
  const now = opts.now ?? new Date();
  const executeAfter = new Date(now.getTime() + ERASURE_COOLING_OFF_MS);
  const [row] = await db
    .update(privacyRequests)
    .set({ status: 'pending', tokenHash: null, confirmedAt: now, executeAfter })
    .where(
      and(
        eq(privacyRequests.tokenHash, hashToken(opts.token)),
        eq(privacyRequests.userId, opts.userId),
        eq(privacyRequests.kind, 'erasure'),
        eq(privacyRequests.status, 'awaiting_confirmation'),
        gt(privacyRequests.tokenExpiresAt, now),
      ),
    )
    .returning();
  if (!row)
    throw new DomainError(
      'privacy-token-invalid',
      'This confirmation link is invalid, expired or already used, or belongs to another account. Ask again from Settings → Privacy.',
    );
  await recordRequestStep(db, row, 'confirmed', {
    actor: opts.userId,
    detail: `erasure after ${executeAfter.toISOString()}`,
  });
  return { id: row.id, executeAfter };
}

/** The user changes their mind during the cooling-off (or before confirming). */
export async function cancelErasure(db: DbOrTx, opts: { userId: string; requestId: string }): Promise<void> {
  const [row] = await db
    .update(privacyRequests)
    .set({ status: 'cancelled', cancelledAt: new Date(), tokenHash: null })
    .where(
      and(
        eq(privacyRequests.id, opts.requestId),
        eq(privacyRequests.userId, opts.userId),
        eq(privacyRequests.kind, 'erasure'),
        inArray(privacyRequests.status, [...OPEN]),
      ),
    )
    .returning();
  if (!row) throw new DomainError('privacy-request-closed', 'There is no open deletion request to cancel.');
  await recordRequestStep(db, row, 'cancelled', { actor: opts.userId });
}
