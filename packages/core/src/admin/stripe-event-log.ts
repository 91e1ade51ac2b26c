import { and, type DbOrTx, desc, eq, like, type SQL, sql, stripeEvents } from '@levqor/db';
import { z } from 'zod';
import { notFound } from '../errors';
import { EVENTS, type EventSender } from '../events/events';
import { recordAdminAction, ZAdminReason } from './admin-action';
import { exactInstant, keysetPage, olderThan } from './keyset-cursor';

/** The engine function that processes stored Stripe events (packages/engine/src/functions/billing.ts). */
const PROCESS_FUNCTION = 'billing.stripe-event';
const STATES = ['processed', 'pending', 'failed'] as const;
export type StripeEventState = (typeof STATES)[number];

export const ZListStripeEventsInput = z.object({
  /** An event type or its beginning (`invoice.`). */
  type: z.string().trim().max(100).optional(),
  /** processed; pending (not processed, no error); failed (not processed, its last run reported an error). */
  state: z.enum(STATES).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).nullish(),
});
export type ListStripeEventsInput = z.input<typeof ZListStripeEventsInput>;

/**
 * The newest processing run's error of each event (uses engine_runs_stripe_event_idx). The outer column is
 * spelt out with its table: drizzle writes a single-table select's columns unqualified.
 */
const lastError = sql<string | null>`(
  select r.last_error from engine_runs r
  where r.function_id = ${PROCESS_FUNCTION} and r.payload ->> 'eventId' = "stripe_events"."id"
  order by r.created_at desc limit 1)`;

/** The Stripe webhook event log, newest received first: type, received, processed, error. */
export async function listStripeEvents(db: DbOrTx, raw: ListStripeEventsInput) {
  const input = ZListStripeEventsInput.parse(raw);
  const where: SQL[] = [];
  if (input.type) where.push(like(stripeEvents.type, `${input.type.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (input.state === 'processed') where.push(sql`${stripeEvents.processedAt} is not null`);
  if (input.state === 'pending')
    where.push(sql`${stripeEvents.processedAt} is null and ${lastError} is null`);
  if (input.state === 'failed')
    where.push(sql`${stripeEvents.processedAt} is null and ${lastError} is not null`);
  if (input.cursor) where.push(olderThan(stripeEvents.receivedAt, stripeEvents.id, input.cursor));
  const rows = await db
    .select({
      id: stripeEvents.id,
      type: stripeEvents.type,
      receivedAt: stripeEvents.receivedAt,
      processedAt: stripeEvents.processedAt,
      error: lastError,
      at: exactInstant(stripeEvents.receivedAt),
    })
    .from(stripeEvents)
    .where(and(...where))
    .orderBy(desc(stripeEvents.receivedAt), desc(stripeEvents.id))
    .limit(input.limit + 1);
  const page = keysetPage(rows, input.limit);
  return {
    items: page.items.map((e) => ({
      ...e,
      state: (e.processedAt ? 'processed' : e.error ? 'failed' : 'pending') as StripeEventState,
    })),
    nextCursor: page.nextCursor,
  };
}

export const ZReplayStripeEventInput = z.object({
  eventId: z.string().trim().min(1).max(255),
  reason: ZAdminReason,
});
export type ReplayStripeEventInput = z.input<typeof ZReplayStripeEventInput>;

/**
 * Hands a stored, not yet processed Stripe event to the engine again (a new `billing.stripe-event` run),
 * audited with the admin's reason. A processed event is not replayed (processing is once per event):
 * the answer says so and nothing is written.
 */
export async function replayStripeEvent(
  db: DbOrTx,
  opts: { actor: string; events: EventSender; input: ReplayStripeEventInput },
): Promise<{ eventId: string; replayed: boolean; message: string }> {
  const input = ZReplayStripeEventInput.parse(opts.input);
  const replayed = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ type: stripeEvents.type, processedAt: stripeEvents.processedAt })
      .from(stripeEvents)
      .where(eq(stripeEvents.id, input.eventId))
      .for('update');
    if (!row) throw notFound(`Stripe event ${input.eventId}`);
    if (row.processedAt) return false;
    await opts.events.send(tx, { name: EVENTS.stripeEventReceived, data: { eventId: input.eventId } });
    await recordAdminAction(tx, {
      actor: opts.actor,
      action: 'admin.billing.stripe_event_replayed',
      target: input.eventId,
      reason: input.reason,
      details: { type: row.type },
    });
    return true;
  });
  if (replayed) await opts.events.flush();
  return {
    eventId: input.eventId,
    replayed,
    message: replayed
      ? 'Queued for processing again'
      : 'Already processed: an event is applied once, so it was not replayed',
  };
}
