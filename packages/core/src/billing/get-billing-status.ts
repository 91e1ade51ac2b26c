import { type DbOrTx, desc, eq, subscriptions, workspaces } from '@levqor/db';
import { getSpendForecast, type SpendForecast } from '../dashboard/get-spend-forecast';
import { notFound } from '../errors';
import { unitsToCents } from '../money/money';
import { budgetStatus } from '../usage/budget';
import { UNPAID_REASON } from './dunning';
import { PLANS, type Plan } from './plans';

export interface BillingStatus {
  plan: Plan;
  /**
   * Why intake is closed, as members may see it: `unpaid` (dunning; payment restores it at once) or
   * `admin` (Levqor's team). The admin's own reason is an internal note (audit log, console) and is not here.
   */
  suspended: { at: Date; cause: 'unpaid' | 'admin' } | null;
  /** The newest subscription Stripe told us about, if any. */
  subscription: {
    id: string;
    status: string;
    currentPeriodStart: Date | null;
    currentPeriodEnd: Date | null;
    cancelAtPeriodEnd: boolean;
  } | null;
  hasCustomer: boolean;
  month: string;
  budgetCents: number;
  spentCents: number;
  reservedCents: number;
  jobs: number;
  /** Month-end spend forecast (spent + reserved + mean daily spend of the last 7 days × days left). */
  forecast: SpendForecast['forecast'];
}

/** What the billing page and the banners show: plan, suspension, subscription, this month's usage. */
export async function getBillingStatus(db: DbOrTx, workspaceId: string): Promise<BillingStatus> {
  const [ws] = await db
    .select({
      plan: workspaces.plan,
      suspendedAt: workspaces.suspendedAt,
      reason: workspaces.suspendedReason,
      customer: workspaces.stripeCustomerId,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!ws) throw notFound('Workspace');
  const [sub] = await db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.workspaceId, workspaceId))
    .orderBy(desc(subscriptions.version))
    .limit(1);
  const [usage, { forecast }] = await Promise.all([
    budgetStatus(db, workspaceId),
    getSpendForecast(db, { workspaceId }),
  ]);
  return {
    plan: PLANS[ws.plan],
    suspended: ws.suspendedAt
      ? { at: ws.suspendedAt, cause: ws.reason?.startsWith(UNPAID_REASON) ? 'unpaid' : 'admin' }
      : null,
    subscription: sub
      ? {
          id: sub.id,
          status: sub.status,
          currentPeriodStart: sub.currentPeriodStart,
          currentPeriodEnd: sub.currentPeriodEnd,
          cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
        }
      : null,
    hasCustomer: ws.customer !== null,
    month: usage.month,
    budgetCents: unitsToCents(usage.budget),
    spentCents: unitsToCents(usage.spent),
    reservedCents: unitsToCents(usage.reserved),
    jobs: usage.jobs,
    forecast,
  };
}
