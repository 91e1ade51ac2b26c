import { type DbOrTx, eq, sql, subscriptions, workspaces } from '@levqor/db';
import type Stripe from 'stripe';
import { planOfPrice } from './plan-prices';
import type { WorkspacePlan } from './plans';
import { setWorkspacePlan } from './set-plan';

/** Statuses in which the subscription's plan applies (past_due: during dunning, until suspension). */
const PLAN_APPLIES = new Set(['active', 'trialing', 'past_due']);
/** Statuses that end it: the workspace returns to Free. */
const ENDED = new Set(['canceled', 'unpaid', 'incomplete_expired']);

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));
const at = (t: number | null | undefined) => (t ? new Date(t * 1000) : null);

/** The workspace a Stripe customer belongs to (set at its first checkout), or null. */
export async function workspaceOfCustomer(db: DbOrTx, customerId: string | null): Promise<string | null> {
  if (!customerId) return null;
  const [ws] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.stripeCustomerId, customerId));
  return ws?.id ?? null;
}

export interface AppliedSubscription {
  applied: boolean;
  workspaceId: string | null;
  plan: WorkspacePlan | null;
}

/**
 * Stores a subscription as of `version` (the `created` of the event carrying it, or the time of a sync),
 * ONLY if that is not older than what is stored: replays and out-of-order deliveries converge on the
 * newest state. Then the workspace's plan follows the subscription (audited by `setWorkspacePlan`).
 */
export async function applySubscription(
  db: DbOrTx,
  opts: { subscription: Stripe.Subscription; version: number; workspaceId?: string | null },
): Promise<AppliedSubscription> {
  const sub = opts.subscription;
  const customerId = idOf(sub.customer);
  return db.transaction(async (tx) => {
    const workspaceId =
      opts.workspaceId ?? (await workspaceOfCustomer(tx, customerId)) ?? sub.metadata?.workspace_id ?? null;
    if (!workspaceId) return { applied: false, workspaceId: null, plan: null };
    const item = sub.items?.data?.[0] as (Stripe.SubscriptionItem & Record<string, unknown>) | undefined;
    const legacy = sub as unknown as { current_period_start?: number; current_period_end?: number };
    const priceId = item?.price?.id ?? null;
    const plan = await planOfPrice(tx, priceId);
    const values = {
      id: sub.id,
      workspaceId,
      customerId: customerId ?? '',
      status: sub.status,
      priceId,
      plan,
      currentPeriodStart: at(
        (item?.current_period_start as number | undefined) ?? legacy.current_period_start,
      ),
      currentPeriodEnd: at((item?.current_period_end as number | undefined) ?? legacy.current_period_end),
      cancelAtPeriodEnd: sub.cancel_at_period_end ?? false,
      version: opts.version,
      updatedAt: new Date(),
    };
    const written = await tx
      .insert(subscriptions)
      .values(values)
      .onConflictDoUpdate({
        target: subscriptions.id,
        set: {
          status: values.status,
          priceId: values.priceId,
          plan: values.plan,
          currentPeriodStart: values.currentPeriodStart,
          currentPeriodEnd: values.currentPeriodEnd,
          cancelAtPeriodEnd: values.cancelAtPeriodEnd,
          version: values.version,
          updatedAt: values.updatedAt,
        },
        // Older than the stored state: a replay or a late delivery, ignored.
        setWhere: sql`${subscriptions.version} <= excluded.version`,
      })
      .returning({ id: subscriptions.id });
    if (written.length === 0) return { applied: false, workspaceId, plan: null };
    if (customerId)
      await tx
        .update(workspaces)
        .set({ stripeCustomerId: customerId })
        .where(sql`${workspaces.id} = ${workspaceId} and ${workspaces.stripeCustomerId} is null`);
    let next: WorkspacePlan | null =
      PLAN_APPLIES.has(sub.status) && plan ? plan : ENDED.has(sub.status) ? 'free' : null;
    if (next === 'free') {
      // Another live subscription of the workspace (a new one after a cancelled one) keeps its plan.
      const [live] = await tx
        .select({ id: subscriptions.id })
        .from(subscriptions)
        .where(
          sql`${subscriptions.workspaceId} = ${workspaceId} and ${subscriptions.id} <> ${sub.id} and ${subscriptions.status} in ('active', 'trialing', 'past_due')`,
        )
        .limit(1);
      if (live) next = null;
    }
    if (next) {
      // A workspace on Enterprise (by contract) keeps it whatever a self-serve subscription does.
      const [ws] = await tx
        .select({ plan: workspaces.plan })
        .from(workspaces)
        .where(eq(workspaces.id, workspaceId));
      if (ws && ws.plan !== 'enterprise')
        await setWorkspacePlan(tx, {
          workspaceId,
          plan: next,
          actor: 'stripe',
          reason: `subscription ${sub.id} ${sub.status}`,
        });
    }
    return { applied: true, workspaceId, plan: next };
  });
}
