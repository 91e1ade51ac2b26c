import { type DbOrTx, healthChecks, subscriptions } from '@levqor/db';
import { monthKey } from './sla-policy';

/** Test seeding for SLA claims: the month that just ended (claims for it are open on days 1–30). */
export function lastMonthKey(today = new Date()): string {
  return monthKey(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)));
}

/**
 * 95 of 100 measured minutes up in `month` (95.0%: a 25% credit), always at the same minutes: tests that
 * share a database and each record it read the same month whichever writes first.
 */
export async function recordOutageMonth(db: DbOrTx, month: string): Promise<void> {
  const start = new Date(`${month}-03T00:00:00Z`).getTime();
  await db.insert(healthChecks).values(
    Array.from({ length: 100 }, (_, i) => ({
      service: 'api',
      ok: i < 95 ? 1 : 0,
      latencyMs: 2,
      createdAt: new Date(start + i * 60_000),
    })),
  );
}

/** A Starter subscription (29 USD a month) of the workspace, from the start of `month` until after today. */
export async function subscribeFromMonth(
  db: DbOrTx,
  opts: { workspaceId: string; month: string; customerId?: string },
): Promise<void> {
  await db.insert(subscriptions).values({
    id: `sub_${opts.workspaceId}`,
    workspaceId: opts.workspaceId,
    customerId: opts.customerId ?? `cus_${opts.workspaceId}`,
    status: 'active',
    plan: 'starter',
    currentPeriodStart: new Date(`${opts.month}-01T00:00:00Z`),
    currentPeriodEnd: new Date(Date.now() + 20 * 86_400_000),
    version: 1,
  });
}
