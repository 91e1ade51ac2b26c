import { billingNotices, type DbOrTx, inArray, sql } from '@levqor/db';
import { z } from 'zod';
import { dunningSchedule, UNPAID_REASON } from '../billing/dunning';
import { subscriptionMonthlyCents } from '../billing/plan-prices';
import { PLAN_IDS, type WorkspacePlan } from '../billing/plans';
import { BILLED_STATUSES } from '../billing/subscription-revenue';

/** Statuses Stripe uses for a subscription whose payment is late. */
const LATE_STATUSES = ['past_due', 'unpaid'] as const;
const billed = sql.raw(BILLED_STATUSES.map((s) => `'${s}'`).join(','));
const late = sql.raw(LATE_STATUSES.map((s) => `'${s}'`).join(','));

/** Each workspace's newest stored subscription (the state Stripe last told us). */
const latestSubscriptions = sql`
  select distinct on (workspace_id) workspace_id, status, plan, price_id
  from subscriptions order by workspace_id, version desc`;

export interface PlanMixRow {
  plan: WorkspacePlan;
  /** Workspaces on the plan (the plan Levqor enforces). */
  workspaces: number;
  /** Workspaces whose newest subscription is billed (active or past due) on this plan. */
  subscriptions: number;
  /** Monthly recurring revenue of those subscriptions, USD cents (Enterprise: by contract, counted 0). */
  mrrCents: number;
}

/**
 * MRR and plan mix from the subscriptions Levqor stores: a workspace's newest subscription counts when
 * Stripe bills it (active or past due), at the monthly price it is on (`subscriptionMonthlyCents`).
 */
export async function billingOverview(db: DbOrTx) {
  const subs = (await db.execute(sql`
    select plan::text as plan, price_id, count(*)::int as n from (${latestSubscriptions}) s
    where status in (${billed}) and plan is not null group by plan, price_id`)) as unknown as {
    plan: WorkspacePlan;
    price_id: string | null;
    n: number;
  }[];
  const monthly = await subscriptionMonthlyCents(db);
  const plans = (await db.execute(
    sql`select plan::text as plan, count(*)::int as n from workspaces group by plan`,
  )) as unknown as { plan: WorkspacePlan; n: number }[];
  const [late_] = (await db.execute(sql`
    select
      (select count(*)::int from (${latestSubscriptions}) s where status in (${late})) as past_due,
      (select count(*)::int from workspaces where suspended_at is not null) as suspended`)) as unknown as {
    past_due: number;
    suspended: number;
  }[];
  const mix: PlanMixRow[] = PLAN_IDS.map((plan) => {
    const onPlan = subs.filter((r) => r.plan === plan);
    return {
      plan,
      workspaces: plans.find((r) => r.plan === plan)?.n ?? 0,
      subscriptions: onPlan.reduce((sum, r) => sum + r.n, 0),
      mrrCents: onPlan.reduce((sum, r) => sum + r.n * monthly({ plan, priceId: r.price_id }), 0),
    };
  });
  return {
    mrrCents: mix.reduce((sum, r) => sum + r.mrrCents, 0),
    billedSubscriptions: mix.reduce((sum, r) => sum + r.subscriptions, 0),
    pastDue: late_?.past_due ?? 0,
    suspended: late_?.suspended ?? 0,
    mix,
  };
}

export const ZBillingAttentionInput = z.object({
  page: z.number().int().min(0).max(1_000).default(0),
  limit: z.number().int().min(1).max(100).default(25),
});
export type BillingAttentionInput = z.input<typeof ZBillingAttentionInput>;

export type DunningStage = 'suspended' | 'past due' | 'dunning started' | 'day 1' | 'day 7' | 'day 14';

const STAGES = ['day1', 'day7', 'day14'] as const;

/** Where a workspace stands in dunning and what happens next, from its notices and the schedule. */
function stageOf(
  row: {
    suspendedAt: Date | null;
    suspendedReason: string | null;
    invoiceId: string | null;
    startedAt: Date | null;
  },
  sent: Set<string>,
): { stage: DunningStage; nextStep: string } {
  if (row.suspendedAt)
    return {
      stage: 'suspended',
      nextStep: row.suspendedReason?.startsWith(UNPAID_REASON)
        ? 'Restored at once when the invoice is paid, or by a suspension override'
        : 'Suspended by hand: restored only by a suspension override',
    };
  if (!row.invoiceId || !row.startedAt)
    return {
      stage: 'past due',
      nextStep: 'Stripe retries the payment; dunning starts on its failed-payment event',
    };
  const s = dunningSchedule();
  const at = (ms: number) =>
    new Date(row.startedAt!.getTime() + ms).toISOString().slice(0, 16).replace('T', ' ');
  const last = [...STAGES].reverse().find((st) => sent.has(`dunning:${row.invoiceId}:${st}`));
  if (!last) return { stage: 'dunning started', nextStep: 'First notice (day 1) is being sent' };
  if (last === 'day1') return { stage: 'day 1', nextStep: `Reminder on ${at(s.reminderAfterMs)} UTC` };
  if (last === 'day7')
    return { stage: 'day 7', nextStep: `Final notice on ${at(s.reminderAfterMs + s.finalAfterMs)} UTC` };
  return {
    stage: 'day 14',
    nextStep: `Suspension on ${at(s.reminderAfterMs + s.finalAfterMs + s.graceMs)} UTC unless paid`,
  };
}

/**
 * Workspaces that need billing attention — suspended, past due (newest subscription) or in dunning (an
 * unpaid invoice's dunning started) — with their dunning stage and next step. Suspended first.
 */
export async function listBillingAttention(db: DbOrTx, raw: BillingAttentionInput) {
  const input = ZBillingAttentionInput.parse(raw);
  const rows = (await db.execute(sql`
    with open_dunning as (
      select distinct on (d.workspace_id) d.workspace_id, substr(d.key, 17) as invoice_id, d.sent_at
      from billing_notices d
      where d.kind = 'dunning.started'
        and not exists (select 1 from billing_notices p where p.key = 'invoice-paid:' || substr(d.key, 17))
      order by d.workspace_id, d.sent_at desc
    )
    select w.id, w.name, w.plan::text as plan, w.suspended_at, w.suspended_reason,
      s.status as subscription_status, d.invoice_id, d.sent_at as started_at
    from workspaces w
    left join (${latestSubscriptions}) s on s.workspace_id = w.id
    left join open_dunning d on d.workspace_id = w.id
    where w.suspended_at is not null or s.status in (${late}) or d.workspace_id is not null
    order by w.suspended_at desc nulls last, d.sent_at asc nulls last, w.id
    limit ${input.limit + 1} offset ${input.page * input.limit}`)) as unknown as {
    id: string;
    name: string;
    plan: WorkspacePlan;
    suspended_at: string | Date | null;
    suspended_reason: string | null;
    subscription_status: string | null;
    invoice_id: string | null;
    started_at: string | Date | null;
  }[];
  const page = rows.slice(0, input.limit);
  const keys = page.flatMap((r) => (r.invoice_id ? STAGES.map((s) => `dunning:${r.invoice_id}:${s}`) : []));
  const sent = new Set(
    keys.length === 0
      ? []
      : (
          await db
            .select({ key: billingNotices.key })
            .from(billingNotices)
            .where(inArray(billingNotices.key, keys))
        ).map((n) => n.key),
  );
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  return {
    items: page.map((r) => {
      const row = {
        suspendedAt: date(r.suspended_at),
        suspendedReason: r.suspended_reason,
        invoiceId: r.invoice_id,
        startedAt: date(r.started_at),
      };
      return {
        workspaceId: r.id,
        name: r.name,
        plan: r.plan,
        subscriptionStatus: r.subscription_status,
        ...row,
        ...stageOf(row, sent),
      };
    }),
    hasMore: rows.length > input.limit,
  };
}
