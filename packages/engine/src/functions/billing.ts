import {
  createStripeClient,
  EVENTS,
  type EventSender,
  monthOf,
  processStripeEvent,
  reportOverage,
  runDunning,
  type Stripe,
  sendBudgetAlerts,
  syncSubscriptions,
  workspacesNearBudget,
  workspacesOverIncluded,
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

/** `ids` limited to `scope` when given (tests share one database). */
const within = (ids: string[], scope?: string[]) => (scope ? ids.filter((id) => scope.includes(id)) : ids);

/**
 * `billing.budget-alerts`: every 10 minutes (a cron rather than a trigger on each settlement: one query
 * finds the workspaces at 80% or more of their budget, and settlements stay off the hot path), emails
 * the owners of each at 80% and 100% of the month's budget, once per threshold per month.
 */
export function billingBudgetAlertsFunction(db: DbOrTx, opts: { workspaceIds?: string[] } = {}) {
  return defineFunction({
    id: 'billing.budget-alerts',
    trigger: { cron: '*/10 * * * *' },
    payload: ZCronTick,
    retries: 3,
    handler: async ({ io }) => {
      const due = await io.step('due', async () => within(await workspacesNearBudget(db), opts.workspaceIds));
      let sent = 0;
      for (const workspaceId of due)
        sent += (await io.step(`alert-${workspaceId}`, () => sendBudgetAlerts(db, { workspaceId }))).length;
      return { checked: due.length, sent };
    },
  });
}

/** "2026-12" → "2026-11". */
function previousMonth(month: string): string {
  const d = new Date(`${month}-01T00:00:00.000Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return monthOf(d);
}

/**
 * `billing.meter-overage`: every 15 minutes, reports the AI spend above the included budget of each
 * workspace with `billing.overage` on to the Stripe meter (one meter event per settlement, identifier =
 * the ledger row id: a retry or a second run never bills a row twice). This month's and last month's
 * (settlements of its last minutes are reported after it ends).
 */
export function billingMeterOverageFunction(
  db: DbOrTx,
  stripe = lazyStripe(),
  opts: { workspaceIds?: string[] } = {},
) {
  return defineFunction({
    id: 'billing.meter-overage',
    trigger: { cron: '*/15 * * * *' },
    payload: ZCronTick,
    retries: 5,
    handler: async ({ io }) => {
      const client = stripe();
      if (!client) return { skipped: 'billing is off' };
      const month = await io.step('month', async () => monthOf());
      let reported = 0;
      let cents = 0;
      for (const m of [previousMonth(month), month]) {
        const due = await io.step(`due-${m}`, async () =>
          within(await workspacesOverIncluded(db, m), opts.workspaceIds),
        );
        for (const workspaceId of due) {
          const r = await io.step(`meter-${m}-${workspaceId}`, () =>
            reportOverage(db, client, { workspaceId, month: m }),
          );
          reported += r.reported;
          cents += r.cents;
        }
      }
      return { reported, cents };
    },
  });
}
