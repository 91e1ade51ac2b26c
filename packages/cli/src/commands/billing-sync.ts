import { createStripeClient, syncSubscriptions } from '@levqor/core';
import { withDatabase } from '../with-database';

/** `pnpm levqor billing sync`: fetches every customer's subscriptions from Stripe and repairs drift. */
export async function billingSync(): Promise<void> {
  const stripe = createStripeClient();
  if (!stripe)
    throw new Error('Billing is off: set STRIPE_SECRET_KEY (or run locally, with the Stripe stand-in).');
  await withDatabase(async (db) => {
    const report = await syncSubscriptions(db, stripe);
    console.log(
      `Synced ${report.subscriptions} subscriptions of ${report.customers} customers from Stripe; ${report.repaired} repaired.`,
    );
  });
}
