import {
  accounts,
  and,
  apiKeys,
  apiRequests,
  asc,
  consentRecords,
  type DbOrTx,
  eq,
  inArray,
  isNull,
  jobs,
  legalAcceptances,
  lte,
  marketingSubscriptions,
  memberships,
  ne,
  privacyObjections,
  privacyRequests,
  sessions,
  sql,
  users,
  verificationTokens,
  webhookDeliveries,
  workflows,
  workspaces,
} from '@levqor/db';
import { PrivacyEmail, sendEmail } from '@levqor/email';
import { createElement } from 'react';
import { createStripeClient, type Stripe } from '../billing/stripe-client';
import { recordRequestStep } from './request-trail';

export interface ErasureOutcome {
  requestId: string;
  /** Workspaces the user owned alone: emptied (billing records kept) and renamed. */
  emptiedWorkspaces: number;
  /** Workspaces with other members: ownership handed to the longest-standing member. */
  handedOver: number;
  revokedKeys: number;
  deletedJobs: number;
  /** Stripe subscriptions of the emptied workspaces, cancelled at once (`sub_…`). */
  cancelledSubscriptions: string[];
}

const LIVE = ['active', 'trialing', 'past_due', 'unpaid', 'incomplete', 'paused'];

/**
 * Cancels the customer's live Stripe subscriptions at once (not at period end: nobody is left to use
 * the workspace). Stripe then sends `customer.subscription.deleted`, which returns the plan to Free.
 */
async function cancelSubscriptions(stripe: Stripe, customer: string, requestId: string): Promise<string[]> {
  const subs = await stripe.subscriptions.list({ customer, status: 'all', limit: 100 });
  const cancelled: string[] = [];
  for (const sub of subs.data.filter((s) => LIVE.includes(s.status))) {
    await stripe.subscriptions.cancel(sub.id, {}, { idempotencyKey: `erasure-${requestId}-${sub.id}` });
    cancelled.push(sub.id);
  }
  return cancelled;
}

/**
 * Erases one confirmed request whose cooling-off has ended (Art. 17), in one transaction: what is not
 * under a legal retention duty is deleted or anonymised. Kept: the usage ledger and its totals (billing
 * records, 7 years), the audit log and this request's trail (proof of what was done), consent records
 * without the account link (proof of consent). A workspace the user owned alone has its Stripe subscription
 * cancelled at once (no one is left to use it). A workspace shared with others is handed over to its
 * longest-standing member rather than deleted — their work is not the leaver's to erase. The final
 * confirmation goes to the address before it is anonymised; the user's sessions end and their keys are revoked.
 */
export async function eraseUser(
  db: DbOrTx,
  opts: {
    requestId: string;
    now?: Date;
    env?: NodeJS.ProcessEnv;
    /** The Stripe API (default: from env, created when a workspace to empty has a customer; null: billing off). */
    stripe?: Stripe | null;
  },
): Promise<ErasureOutcome | null> {
  const now = opts.now ?? new Date();
  let stripe = opts.stripe;
  return db.transaction(async (tx) => {
    const [req] = await tx
      .select()
      .from(privacyRequests)
      .where(
        and(
          eq(privacyRequests.id, opts.requestId),
          eq(privacyRequests.kind, 'erasure'),
          eq(privacyRequests.status, 'pending'),
          lte(privacyRequests.executeAfter, now),
        ),
      )
      .for('update', { skipLocked: true });
    if (!req?.userId) return null;
    const userId = req.userId;
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user) return null;
    const outcome: ErasureOutcome = {
      requestId: req.id,
      emptiedWorkspaces: 0,
      handedOver: 0,
      revokedKeys: 0,
      deletedJobs: 0,
      cancelledSubscriptions: [],
    };
    const mine = await tx.select().from(memberships).where(eq(memberships.userId, userId));
    for (const m of mine) {
      const others = await tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.workspaceId, m.workspaceId), ne(memberships.userId, userId)))
        .orderBy(asc(memberships.createdAt));
      if (m.role === 'owner' && others.length === 0) {
        // The subscription first: a Stripe failure rolls the erasure back and the next sweep retries
        // (cancelled subscriptions are no longer live then; the idempotency key covers a lost answer).
        const [ws] = await tx
          .select({ customer: workspaces.stripeCustomerId })
          .from(workspaces)
          .where(eq(workspaces.id, m.workspaceId));
        if (ws?.customer) {
          if (stripe === undefined) stripe = createStripeClient();
          if (stripe)
            outcome.cancelledSubscriptions.push(...(await cancelSubscriptions(stripe, ws.customer, req.id)));
        }
        const deleted = await tx
          .delete(jobs)
          .where(eq(jobs.workspaceId, m.workspaceId))
          .returning({ id: jobs.id });
        outcome.deletedJobs += deleted.length;
        await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, m.workspaceId));
        await tx.delete(workflows).where(eq(workflows.workspaceId, m.workspaceId));
        const keys = await tx
          .delete(apiKeys)
          .where(eq(apiKeys.workspaceId, m.workspaceId))
          .returning({ id: apiKeys.id });
        outcome.revokedKeys += keys.length;
        await tx.delete(apiRequests).where(eq(apiRequests.workspaceId, m.workspaceId));
        await tx
          .update(workspaces)
          .set({
            name: 'Erased workspace',
            webhookSecret: sql`'whsec_' || replace(gen_random_uuid()::text, '-', '')`,
          })
          .where(eq(workspaces.id, m.workspaceId));
        outcome.emptiedWorkspaces++;
      } else {
        if (m.role === 'owner' && !others.some((o) => o.role === 'owner')) {
          await tx.update(memberships).set({ role: 'owner' }).where(eq(memberships.id, others[0]!.id));
          outcome.handedOver++;
        }
        const keys = await tx
          .update(apiKeys)
          .set({ revokedAt: now })
          .where(
            and(
              eq(apiKeys.workspaceId, m.workspaceId),
              eq(apiKeys.createdBy, userId),
              isNull(apiKeys.revokedAt),
            ),
          )
          .returning({ id: apiKeys.id });
        outcome.revokedKeys += keys.length;
        await tx
          .update(jobs)
          .set({ submittedBy: null })
          .where(and(eq(jobs.workspaceId, m.workspaceId), eq(jobs.submittedBy, userId)));
      }
      await tx.delete(memberships).where(eq(memberships.id, m.id));
    }
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(accounts).where(eq(accounts.userId, userId));
    await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, user.email));
    await tx.delete(privacyObjections).where(eq(privacyObjections.userId, userId));
    await tx.delete(legalAcceptances).where(eq(legalAcceptances.userId, userId));
    await tx.delete(marketingSubscriptions).where(eq(marketingSubscriptions.email, user.email.toLowerCase()));
    await tx
      .update(consentRecords)
      .set({ userId: null, ipHash: null, userAgent: null })
      .where(eq(consentRecords.userId, userId));
    await tx
      .update(privacyRequests)
      .set({ archive: null, purgedAt: now })
      .where(and(eq(privacyRequests.userId, userId), inArray(privacyRequests.kind, ['export'])));
    await tx
      .update(users)
      .set({ email: `erased+${userId}@erased.invalid`, name: null, image: null, emailVerified: null })
      .where(eq(users.id, userId));
    await recordRequestStep(tx, req, 'erased', {
      detail: JSON.stringify(outcome),
      set: { status: 'completed', completedAt: now },
    });
    // Last, inside the transaction: a failure to mail rolls the erasure back and the next sweep retries.
    await sendEmail(
      tx,
      {
        to: user.email,
        subject: 'Your Levqor data has been deleted',
        react: createElement(PrivacyEmail, {
          title: 'Your data has been deleted',
          body: `As you confirmed, Levqor has deleted or anonymised your account and data, signed you out everywhere and revoked your API keys.\n\nKept, as the law requires: billing and usage records (7 years, tax law) and the record of this request. ${outcome.handedOver ? `${outcome.handedOver} workspace(s) you shared with others now belong to their longest-standing member; their work there was not yours to delete.` : ''}\n\nThis is the last email you will receive from us.`,
        }),
      },
      opts.env,
    );
    await recordRequestStep(tx, req, 'final-mail-sent');
    return outcome;
  });
}

/** Confirmed erasures past their cooling-off, oldest first (bounded batch). */
export async function dueErasures(db: DbOrTx, opts: { now?: Date; limit?: number } = {}): Promise<string[]> {
  const rows = await db
    .select({ id: privacyRequests.id })
    .from(privacyRequests)
    .where(
      and(
        eq(privacyRequests.kind, 'erasure'),
        eq(privacyRequests.status, 'pending'),
        lte(privacyRequests.executeAfter, opts.now ?? new Date()),
      ),
    )
    .orderBy(asc(privacyRequests.executeAfter))
    .limit(opts.limit ?? 50);
  return rows.map((r) => r.id);
}
