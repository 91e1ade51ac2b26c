import { EVENTS, type EventSender, receiveStripeEvent, STRIPE_STANDIN } from '@levqor/core';
import { eq, sql, stripeEvents } from '@levqor/db';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../engine-client';
import { billingStripeEventFunction } from '../functions/billing';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { closeDb, delay, openTestDb, uid } from '../testing/helpers';
import { NOTIFY_CHANNEL } from './send';

// Waking the workers after a commit instead of in it (`statementFor(…, { wake: false })` + `wake()`).
const db = openTestDb();
const sender: EventSender = { send: async () => {}, flush: async () => {} };
const registry = createRegistry([billingStripeEventFunction(db, sender)]);
const client = createEngineClient({ db, registry, provider: 'local', log: silentSink });

afterAll(() => closeDb(db));

/** Collects the notifications on the engine's channel while `during` runs, and a moment after. */
async function notifications(during: () => Promise<unknown>, onNotify?: () => Promise<void>) {
  const seen: Promise<void>[] = [];
  const listener = await db.$client.listen(NOTIFY_CHANNEL, () => {
    seen.push(onNotify?.() ?? Promise.resolve());
  });
  try {
    await during();
    await delay(300);
    await Promise.all(seen);
    return seen.length;
  } finally {
    await listener.unlisten();
  }
}

describe('waking the workers after the commit', () => {
  it('a stored Stripe event wakes the workers once, and they can see its run when woken', async () => {
    const id = uid('evt_wake');
    const body = JSON.stringify({
      id,
      object: 'event',
      created: Math.floor(Date.now() / 1000),
      type: 'invoice.upcoming',
      data: { object: { id: uid('in'), object: 'invoice' } },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: STRIPE_STANDIN.webhookSecret,
    });
    const visible: boolean[] = [];
    const count = await notifications(
      () =>
        receiveStripeEvent(db, client, { rawBody: body, signature, secret: STRIPE_STANDIN.webhookSecret }),
      async () => {
        const [row] = await db.execute<{ n: number }>(sql`
          select count(*)::int as n from engine_runs
          where function_id = 'billing.stripe-event' and payload ->> 'eventId' = ${id}`);
        visible.push(row?.n === 1);
      },
    );
    expect(count).toBe(1);
    expect(visible).toEqual([true]);
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, id))).toHaveLength(1);
  });

  it('the statement built with wake: false does not notify; the default one does', async () => {
    const event = { name: EVENTS.stripeEventReceived, data: { eventId: uid('evt_stmt') } } as const;
    const quiet = client.statementFor!([event], { wake: false })!;
    const loud = client.statementFor!([event])!;
    expect(await notifications(() => db.execute(quiet))).toBe(0);
    expect(await notifications(() => db.execute(loud))).toBe(1);
    await db.execute(sql`delete from engine_runs where payload ->> 'eventId' = ${event.data.eventId}`);
  });

  it('wake-ups asked for together share their statements: ten callers, at most two notifications', async () => {
    const count = await notifications(() => Promise.all(Array.from({ length: 10 }, () => client.wake!())));
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(2);
  });
});
