import { and, type DbOrTx, dailyLedger, desc, gte, lte, sql } from '@levqor/db';
import { z } from 'zod';
import { PLATFORM_SCOPE } from './metrics';

/**
 * Where revenue comes from. Billing (issue H: subscriptions and metered overage) provides the real one;
 * until it is wired in, `NO_REVENUE` reports 0 and margins are negative costs — stated, not invented.
 */
export interface RevenueSource {
  /** Revenue recognised for the workspace on `day` (YYYY-MM-DD, UTC), in cents. */
  revenueCents(opts: { workspaceId: string; day: string }): Promise<number>;
}
export const NO_REVENUE: RevenueSource = { revenueCents: async () => 0 };

/** Infrastructure cost allocation: what a unit of recorded activity costs us, in cents. */
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
 * it: revenue − (AI spend + infrastructure allocation) = margin. Idempotent per day.
 */
export async function computeDailyLedger(
  db: DbOrTx,
  opts: { day: string; revenue?: RevenueSource; unitCosts?: Partial<UnitCosts> },
): Promise<number> {
  const day = ZDay.parse(opts.day);
  const costs = { ...DEFAULT_UNIT_COSTS, ...opts.unitCosts };
  const revenue = opts.revenue ?? NO_REVENUE;
  const from = `${day}T00:00:00Z`;
  const rows = await db.execute<{
    scope: string;
    jobs: number;
    ai: number;
    requests: number;
    hooks: number;
  }>(sql`
    select scope,
      coalesce(sum(value) filter (where metric = 'jobs.created'), 0)::float8 as jobs,
      coalesce(sum(value) filter (where metric = 'ai.spend_cents'), 0)::float8 as ai,
      coalesce(sum(value) filter (where metric = 'api.requests'), 0)::float8 as requests,
      coalesce(sum(value) filter (where metric = 'webhooks.failures'), 0)::float8 as hooks
    from metric_rollups
    where bucket_start >= ${from}::timestamptz and bucket_start < ${from}::timestamptz + interval '1 day'
      and scope <> ${PLATFORM_SCOPE}
      and metric in ('jobs.created', 'ai.spend_cents', 'api.requests', 'webhooks.failures')
    group by scope
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
      updatedAt: new Date(),
    };
    await db
      .insert(dailyLedger)
      .values(values)
      .onConflictDoUpdate({ target: [dailyLedger.workspaceId, dailyLedger.day], set: values });
  }
  return rows.length;
}

export const ZReadLedgerInput = z.object({
  from: ZDay,
  to: ZDay,
  limit: z.number().int().min(1).max(500).default(100),
});
export type ReadLedgerInput = z.input<typeof ZReadLedgerInput>;

/** Ledger rows between two days (inclusive), lowest margin first, and the totals (admin console). */
export async function readLedger(db: DbOrTx, raw: ReadLedgerInput) {
  const input = ZReadLedgerInput.parse(raw);
  const where = and(gte(dailyLedger.day, input.from), lte(dailyLedger.day, input.to));
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(dailyLedger)
      .where(where)
      .orderBy(dailyLedger.marginCents, desc(dailyLedger.day))
      .limit(input.limit),
    db
      .select({
        revenueCents: sql<number>`coalesce(sum(${dailyLedger.revenueCents}), 0)::float8`,
        aiSpendCents: sql<number>`coalesce(sum(${dailyLedger.aiSpendCents}), 0)::float8`,
        infraCostCents: sql<number>`coalesce(sum(${dailyLedger.infraCostCents}), 0)::float8`,
        marginCents: sql<number>`coalesce(sum(${dailyLedger.marginCents}), 0)::float8`,
      })
      .from(dailyLedger)
      .where(where),
  ]);
  return {
    rows: rows.map((r) => ({
      workspace_id: r.workspaceId,
      day: r.day,
      revenue_cents: r.revenueCents,
      ai_spend_cents: r.aiSpendCents,
      infra_cost_cents: r.infraCostCents,
      margin_cents: r.marginCents,
      jobs: r.jobs,
      api_requests: r.apiRequests,
    })),
    totals: totals!,
  };
}
