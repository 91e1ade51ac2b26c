import { infraUnitCosts } from '@levqor/config';
import { type DbOrTx, dailyLedger, sql } from '@levqor/db';
import { z } from 'zod';
import type { WorkspacePlan } from '../billing/plans';
import { PLATFORM_SCOPE } from './metrics';

/**
 * Where revenue comes from: billing's `billedRevenue` (the subscription's share of the day plus the day's
 * metered overage) in production; `NO_REVENUE` reports 0 (margins are then negative costs).
 */
export interface RevenueSource {
  /** Revenue recognised for the workspace on `day` (YYYY-MM-DD, UTC), in cents. */
  revenueCents(opts: { workspaceId: string; day: string }): Promise<number>;
}
export const NO_REVENUE: RevenueSource = { revenueCents: async () => 0 };

/**
 * Infrastructure cost allocation: what a unit of recorded activity costs us, in cents. Set per
 * deployment with LEVQOR_INFRA_CENTS_PER_JOB, …_PER_API_REQUEST and …_PER_WEBHOOK_FAILURE.
 */
export interface UnitCosts {
  perJobCents: number;
  perApiRequestCents: number;
  perWebhookFailureCents: number;
}
export const DEFAULT_UNIT_COSTS: UnitCosts = {
  perJobCents: 0.05,
  perApiRequestCents: 0.002,
  perWebhookFailureCents: 0.01,
};

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

/**
 * Computes one UTC day's ledger per workspace from the five-minute rollups (never raw rows) and upserts
 * it: revenue − (AI spend + infrastructure allocation) = margin, with the workspace's plan (margin per
 * plan). Idempotent per day.
 */
export async function computeDailyLedger(
  db: DbOrTx,
  opts: { day: string; revenue?: RevenueSource; unitCosts?: Partial<UnitCosts> },
): Promise<number> {
  const day = ZDay.parse(opts.day);
  // The defaults, then what the environment sets (LEVQOR_INFRA_CENTS_PER_…), then the caller's.
  const costs = { ...DEFAULT_UNIT_COSTS, ...infraUnitCosts(), ...opts.unitCosts };
  const revenue = opts.revenue ?? NO_REVENUE;
  const from = `${day}T00:00:00Z`;
  const rows = await db.execute<{
    scope: string;
    plan: WorkspacePlan | null;
    jobs: number;
    ai: number;
    requests: number;
    hooks: number;
  }>(sql`
    select r.scope, w.plan,
      coalesce(sum(r.value) filter (where r.metric = 'jobs.created'), 0)::float8 as jobs,
      coalesce(sum(r.value) filter (where r.metric = 'ai.spend_cents'), 0)::float8 as ai,
      coalesce(sum(r.value) filter (where r.metric = 'api.requests'), 0)::float8 as requests,
      coalesce(sum(r.value) filter (where r.metric = 'webhooks.failures'), 0)::float8 as hooks
    from metric_rollups r
    left join workspaces w on w.id = r.scope
    where r.bucket_start >= ${from}::timestamptz and r.bucket_start < ${from}::timestamptz + interval '1 day'
      and r.scope <> ${PLATFORM_SCOPE}
      and r.metric in ('jobs.created', 'ai.spend_cents', 'api.requests', 'webhooks.failures')
    group by r.scope, w.plan
  `);
  for (const r of rows) {
    const revenueCents = await revenue.revenueCents({ workspaceId: r.scope, day });
    const infra =
      r.jobs * costs.perJobCents +
      r.requests * costs.perApiRequestCents +
      r.hooks * costs.perWebhookFailureCents;
    const values = {
      workspaceId: r.scope,
      day,
      revenueCents,
      aiSpendCents: r.ai,
      infraCostCents: infra,
      marginCents: revenueCents - r.ai - infra,
      jobs: Math.round(r.jobs),
      apiRequests: Math.round(r.requests),
      plan: r.plan,
      updatedAt: new Date(),
    };
    await db
      .insert(dailyLedger)
      .values(values)
      .onConflictDoUpdate({ target: [dailyLedger.workspaceId, dailyLedger.day], set: values });
  }
  return rows.length;
}
