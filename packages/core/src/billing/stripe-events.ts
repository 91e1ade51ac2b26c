import {
  type Database,
  type DbOrTx,
  eq,
  insertRowsSql,
  isUniqueViolation,
  pipelinedTransaction,
  sql,
  stripeEvents,
  workspaces,
} from '@levqor/db';
import type Stripe from 'stripe';
import { DomainError, notFound } from '../errors';
import { EVENTS, type EventSender } from '../events/events';
import { recordSecurityEvent } from '../security/record-security-event';
import { applySubscription, workspaceOfCustomer } from './apply-subscription';
import { noticeExists, recordNoticeOnce, sendBillingNoticeOnce } from './billing-notices';
import { billingPageUrl, UNPAID_REASON } from './dunning';
import { verifyStripeEvent } from './stripe-client';
import { restoreWorkspace } from './suspension';

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));

/**
 * A webhook delivery: verified with the SDK (raw body, `Stripe-Signature`, 300 s tolerance), stored
 * once by its event id, and handed to the engine (`billing.stripe-event`) in the same transaction
 * (`storeStripeEvent`: one round trip). A
 * bad or missing signature stores nothing, is logged as `webhook.signature_failed` and throws
 * (the route answers 400). `stored: false`: a redelivery of an event already stored.
 */
export async function receiveStripeEvent(
  db: DbOrTx,
  events: EventSender,
  input: {
    rawBody: string;
    signature: string | null;
    secret: string;
    requestId?: string | null;
    ip?: string | null;
  },
): Promise<{ eventId: string; type: string; stored: boolean }> {
  let event: Stripe.Event;
  try {
    event = verifyStripeEvent(input.rawBody, input.signature ?? undefined, input.secret);
  } catch (err) {
    await recordSecurityEvent(db, {
      type: 'webhook.signature_failed',
      severity: 'warning',
      requestId: input.requestId ?? null,
      path: '/api/stripe/webhook',
      ip: input.ip ?? null,
      // Anyone can post here: a flood of bad signatures is one counted row per address and minute.
      aggregateWindowMs: 60_000,
      metadata: {
        provider: 'stripe',
        reason: input.signature ? (err as Error).message.slice(0, 200) : 'missing',
      },
    });
    throw new DomainError('validation', 'Invalid or missing Stripe-Signature');
  }
  const stored = await storeStripeEvent(db, events, event);
  if (stored) await events.flush();
  return { eventId: event.id, type: event.type, stored };
}

/**
 * Stores `event` once with its engine event. In ONE round trip when it can (a pool, an engine that
 * sends with one statement): BEGIN; the event row; the engine's statement; COMMIT — a redelivery's
 * insert violates the key, the transaction rolls back whole, and that says "already stored". The workers
 * are woken after the commit, not by it: concurrent deliveries then commit together (bench:stripe-webhook:
 * p99 of a burst of 20, 55 → 35–45 ms).
 */
async function storeStripeEvent(db: DbOrTx, events: EventSender, event: Stripe.Event): Promise<boolean> {
  const row = { id: event.id, type: event.type, created: event.created, payload: event };
  const send = { name: EVENTS.stripeEventReceived, data: { eventId: event.id } } as const;
  const engine = '$client' in db ? events.statementFor?.([send], { wake: !events.wake }) : null;
  if (engine) {
    try {
      await pipelinedTransaction(db as Database, [insertRowsSql(stripeEvents, [row]), engine]);
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
    // Stored. Not awaited: the answer does not wait for the wake-up, and a wake-up that fails only
    // delays processing until the workers' next poll.
    void events.wake?.().catch(() => undefined);
    return true;
  }
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(stripeEvents)
      .values(row)
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (rows.length > 0) await events.send(tx, send);
    return rows.length > 0;
  });
}

export interface StripeEventDeps {
  /** The Stripe API (real or the stand-in); null when billing is off. */
  stripe: Stripe | null;
  events: EventSender;
}

/**
 * Applies a stored Stripe event once (its `processed_at` marks it): subscriptions (newest state wins),
 * the workspace's customer and plan, payments (restore a suspension, cancel dunning), failed payments
 * (start dunning, once per invoice) and trial endings (one email).
 */
export async function processStripeEvent(
  db: DbOrTx,
  deps: StripeEventDeps,
  eventId: string,
): Promise<{ type: string; outcome: string }> {
  const [row] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId));
  if (!row) throw notFound(`Stripe event ${eventId}`);
  if (row.processedAt) return { type: row.type, outcome: 'already processed' };
  const event = row.payload as Stripe.Event;
  // Reads from Stripe first (never inside the transaction).
  let checkoutSubscription: Stripe.Subscription | null = null;
  if (event.type === 'checkout.session.completed') {
    const subId = idOf(event.data.object.subscription);
    if (subId && deps.stripe) checkoutSubscription = await deps.stripe.subscriptions.retrieve(subId);
  }
  const outcome = await db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ processedAt: stripeEvents.processedAt })
      .from(stripeEvents)
      .where(eq(stripeEvents.id, eventId))
      .for('update');
    if (locked?.processedAt) return 'already processed';
    const result = await apply(tx, deps, event, checkoutSubscription);
    await tx.update(stripeEvents).set({ processedAt: new Date() }).where(eq(stripeEvents.id, eventId));
    return result;
  });
  await deps.events.flush();
  return { type: event.type, outcome };
}

async function apply(
  tx: DbOrTx,
  deps: StripeEventDeps,
  event: Stripe.Event,
  checkoutSubscription: Stripe.Subscription | null,
): Promise<string> {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      const workspaceId = session.client_reference_id;
      if (!workspaceId) return 'no client_reference_id';
      const [ws] = await tx
        .select({ id: workspaces.id })
        .from(workspaces)
        .where(eq(workspaces.id, workspaceId));
      if (!ws) return 'unknown workspace';
      const customer = idOf(session.customer);
      // Linked once: a workspace keeps its first customer (checkout reuses it), a customer one workspace.
      if (customer)
        await tx
          .update(workspaces)
          .set({ stripeCustomerId: customer })
          .where(
            sql`${workspaces.id} = ${workspaceId} and ${workspaces.stripeCustomerId} is null
              and not exists (select 1 from workspaces w where w.stripe_customer_id = ${customer})`,
          );
      if (!checkoutSubscription) return 'customer linked';
      const r = await applySubscription(tx, {
        subscription: checkoutSubscription,
        version: event.created,
        workspaceId,
      });
      return r.applied ? `plan ${r.plan ?? 'unchanged'}` : 'older than stored';
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const r = await applySubscription(tx, { subscription: event.data.object, version: event.created });
      if (!r.workspaceId) return 'unknown customer';
      return r.applied ? `applied (plan ${r.plan ?? 'unchanged'})` : 'older than stored';
    }
    case 'invoice.paid': {
      const invoice = event.data.object;
      const workspaceId = await workspaceOfCustomer(tx, idOf(invoice.customer));
      if (!workspaceId || !invoice.id) return 'unknown customer';
      await recordNoticeOnce(tx, { key: `invoice-paid:${invoice.id}`, workspaceId, kind: 'invoice.paid' });
      const [ws] = await tx
        .select({ suspendedAt: workspaces.suspendedAt, reason: workspaces.suspendedReason })
        .from(workspaces)
        .where(eq(workspaces.id, workspaceId));
      // Payment lifts a suspension for non-payment at once (never one an admin made for another reason).
      if (ws?.suspendedAt && ws.reason?.startsWith(UNPAID_REASON))
        await restoreWorkspace(tx, {
          workspaceId,
          actor: 'stripe',
          reason: `invoice ${invoice.number ?? invoice.id} paid (${event.id})`,
        });
      await deps.events.send(tx, { name: EVENTS.invoicePaid, data: { invoiceId: invoice.id, workspaceId } });
      return ws?.suspendedAt ? 'paid, restored' : 'paid';
    }
    case 'invoice.payment_failed':
    case 'invoice.payment_action_required': {
      const invoice = event.data.object;
      const workspaceId = await workspaceOfCustomer(tx, idOf(invoice.customer));
      if (!workspaceId || !invoice.id) return 'unknown customer';
      if (await noticeExists(tx, `invoice-paid:${invoice.id}`)) return 'already paid';
      // One dunning run per invoice, however many failed attempts Stripe reports.
      const fresh = await recordNoticeOnce(tx, {
        key: `dunning-started:${invoice.id}`,
        workspaceId,
        kind: 'dunning.started',
        metadata: { event: event.id, type: event.type },
      });
      if (fresh)
        await deps.events.send(tx, {
          name: EVENTS.dunningStarted,
          data: { invoiceId: invoice.id, workspaceId },
        });
      return fresh ? 'dunning started' : 'dunning already running';
    }
    case 'customer.subscription.trial_will_end': {
      const sub = event.data.object;
      const workspaceId = await workspaceOfCustomer(tx, idOf(sub.customer));
      if (!workspaceId) return 'unknown customer';
      const ends = sub.trial_end ? new Date(sub.trial_end * 1000).toISOString().slice(0, 10) : 'soon';
      await sendBillingNoticeOnce(tx, {
        key: `trial-will-end:${sub.id}:${sub.trial_end ?? ''}`,
        workspaceId,
        kind: 'trial.will_end',
        subject: `Your Levqor trial ends on ${ends}`,
        paragraphs: [
          `Your trial ends on ${ends}. Add a payment method to keep your plan; without one the workspace returns to the Free plan.`,
        ],
        action: { label: 'Manage billing', url: billingPageUrl() },
      });
      return 'trial email';
    }
    default:
      return 'ignored';
  }
}
