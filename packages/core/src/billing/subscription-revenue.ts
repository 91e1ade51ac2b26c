import { and, type DbOrTx, eq, subscriptions } from '@levqor/db';
import type { RevenueSource } from '../intelligence/daily-ledger';
import { overageCentsOn } from './overage';
import { subscriptionMonthlyCents } from './plan-prices';

/** Stripe statuses under which a subscription is billed (past_due: invoiced, being collected). */
export const BILLED_STATUSES = ['active', 'past_due'] as const;
const BILLED = new Set<string>(BILLED_STATUSES);

const daysInMonth = (day: string) => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/**
 * Revenue from the subscriptions Levqor stores (issue H), recognised evenly over the month: on each UTC
 * day of its billing period (the first day in, the last day out), a billed subscription earns the monthly price it is on (its plan's list price, or
 * the Levqor-created price it was bought at) ÷ the days of that month.
 * Trials, cancelled and unpaid subscriptions earn nothing; Enterprise (priced by contract) is not known
 * here and counts 0. Metered overage is `billedRevenue`'s other part.
 */
export function subscriptionRevenue(db: DbOrTx): RevenueSource {
  return {
    async revenueCents({ workspaceId, day }) {
      const rows = await db
        .select()
        .from(subscriptions)
        .where(and(eq(subscriptions.workspaceId, workspaceId)));
      const monthly = await subscriptionMonthlyCents(db);
      let cents = 0;
      for (const s of rows) {
        if (!BILLED.has(s.status) || !s.plan) continue;
        // A period [6 Dec 13:45, 6 Jan 13:45) earns 6 Dec … 5 Jan (UTC days): its first day counts,
        // its last belongs to the next period. (Noon of the day was the test before: a subscription
        // bought in the afternoon earned nothing on its first day.)
        const from = s.currentPeriodStart?.toISOString().slice(0, 10) ?? '0000-01-01';
        const to = s.currentPeriodEnd?.toISOString().slice(0, 10) ?? '9999-12-31';
        if (day < from || day >= to) continue;
        cents += monthly(s) / daysInMonth(day);
      }
      return Math.round(cents * 100) / 100;
    },
  };
}

/**
 * Everything billed for a workspace's day, as the daily ledger recognises it: the subscription's share of
 * the day (`subscriptionRevenue`) plus the metered AI overage of the day's settlements (`overageCentsOn`:
 * the same shares `billing.meter-overage` reports to Stripe).
 */
export function billedRevenue(db: DbOrTx): RevenueSource {
  const subscription = subscriptionRevenue(db);
  return {
    async revenueCents(opts) {
      const cents = (await subscription.revenueCents(opts)) + (await overageCentsOn(db, opts));
      return Math.round(cents * 100) / 100;
    },
  };
}
