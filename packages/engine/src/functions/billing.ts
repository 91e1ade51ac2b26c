import {
  createStripeClient,
  EVENTS,
  type EventSender,
  processStripeEvent,
  runDunning,
  type Stripe,
  syncSubscriptions,
  ZDunningStarted,
  ZStripeEventReceived,
} from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { defineFunction, ZCronTick } from '../define-function';

/** The Stripe API, created on first use (env read when a run needs it, not when definitions load). */
function lazyStripe(): () => Stripe | null {
  let client: Stripe | null | undefined;
  return () => {
    if (client === undefined) client = createStripeClient();
    return client;
  };
}

/** `billing.stripe-event`: applies one stored Stripe event (the webhook answered 2xx already). */
export function billingStripeEventFunction(db: DbOrTx, events: EventSender, stripe = lazyStripe()) {
  return defineFunction({
    id: 'billing.stripe-event',
    trigger: { event: EVENTS.stripeEventReceived },
    payload: ZStripeEventReceived,
    retries: 8,
    handler: ({ payload, io }) =>
      io.step('process', () => processStripeEvent(db, { stripe: stripe(), events }, payload.eventId)),
  });
}

/** `billing.dunning`: one run per unpaid invoice; `invoice.paid` cancels it. */
export function billingDunningFunction(db: DbOrTx) {
  return defineFunction({
    id: 'billing.dunning',
    trigger: { event: EVENTS.dunningStarted },
    payload: ZDunningStarted,
    retries: 5,
    cancelOn: { event: EVENTS.invoicePaid, match: 'invoiceId' },
    handler: ({ payload, io }) => runDunning(db, payload, io),
  });
}

/** `billing.reconcile`: hourly, fetches the subscriptions from Stripe and repairs drift. */
export function billingReconcileFunction(db: DbOrTx, stripe = lazyStripe()) {
  return defineFunction({
    id: 'billing.reconcile',
    trigger: { cron: '17 * * * *' },
    payload: ZCronTick,
    retries: 2,
    handler: async ({ io }) => {
      const client = stripe();
      if (!client) return { skipped: 'billing is off' };
      return io.step('sync', () => syncSubscriptions(db, client));
    },
  });
}
