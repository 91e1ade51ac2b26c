import { type DbOrTx, eq, isNotNull, subscriptions, workspaces } from '@levqor/db';
import type Stripe from 'stripe';
import { applySubscription } from './apply-subscription';

export interface SyncReport {
  customers: number;
  subscriptions: number;
  /** Subscriptions whose stored state differed and was repaired. */
  repaired: number;
}

/**
 * Repairs drift (a missed or failed webhook): fetches every customer's subscriptions from Stripe and
 * applies each as of now (the hourly `billing.reconcile` and `pnpm levqor billing sync`).
 */
export async function syncSubscriptions(db: DbOrTx, stripe: Stripe): Promise<SyncReport> {
  const customers = await db
    .select({ id: workspaces.id, customer: workspaces.stripeCustomerId })
    .from(workspaces)
    .where(isNotNull(workspaces.stripeCustomerId));
  const report: SyncReport = { customers: customers.length, subscriptions: 0, repaired: 0 };
  for (const { id, customer } of customers) {
    for await (const sub of stripe.subscriptions.list({ customer: customer!, status: 'all', limit: 100 })) {
      report.subscriptions += 1;
      const [before] = await db
        .select({
          status: subscriptions.status,
          priceId: subscriptions.priceId,
          version: subscriptions.version,
        })
        .from(subscriptions)
        .where(eq(subscriptions.id, sub.id));
      const applied = await applySubscription(db, {
        subscription: sub,
        // Stripe's state now is the truth: newer than anything stored (whatever clock an event carried).
        version: Math.max(Math.floor(Date.now() / 1000), before?.version ?? 0),
        workspaceId: id,
      });
      const priceId = sub.items.data[0]?.price.id ?? null;
      if (applied.applied && (!before || before.status !== sub.status || before.priceId !== priceId))
        report.repaired += 1;
    }
  }
  return report;
}
