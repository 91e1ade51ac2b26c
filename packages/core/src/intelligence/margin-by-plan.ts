import { type DbOrTx, sql } from '@levqor/db';
import { type AnalyticsRange, ZAnalyticsRange } from '../admin/admin-analytics';
import { PLAN_IDS, PLANS, type WorkspacePlan } from '../billing/plans';

export interface PlanMargin {
  /** A plan id; `unknown` for ledger rows of workspaces deleted before their plan was recorded. */
  plan: WorkspacePlan | 'unknown';
  name: string;
  /** Workspaces with at least one ledger day on this plan in the range. */
  workspaces: number;
  revenue_cents: number;
  ai_spend_cents: number;
  infra_cost_cents: number;
  /** AI spend + infrastructure allocation. */
  cost_cents: number;
  /** Revenue − cost. */
  margin_cents: number;
  /** Margin ÷ revenue × 100, one decimal; null without revenue. */
  margin_pct: number | null;
}

export interface MarginByPlan {
  range: { from: string; to: string };
  plans: PlanMargin[];
  totals: Omit<PlanMargin, 'plan' | 'name'>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function figures(r: { workspaces: number; revenue: number; ai: number; infra: number }) {
  const cost = r.ai + r.infra;
  const margin = r.revenue - cost;
  return {
    workspaces: r.workspaces,
    revenue_cents: round2(r.revenue),
    ai_spend_cents: round2(r.ai),
    infra_cost_cents: round2(r.infra),
    cost_cents: round2(cost),
    margin_cents: round2(margin),
    margin_pct: r.revenue > 0 ? Math.round((margin / r.revenue) * 1000) / 10 : null,
  };
}

/**
 * Revenue, cost and margin per plan over a range of UTC days (both ends included, at most a year), summed
 * from the daily ledger: each workspace-day counts under the plan it was on when that day was computed.
 * Every plan is listed (zeros when no workspace-day was on it), in the plans' order.
 */
export async function marginByPlan(db: DbOrTx, raw: AnalyticsRange): Promise<MarginByPlan> {
  const range = ZAnalyticsRange.parse(raw);
  const rows = await db.execute<{
    plan: string;
    workspaces: number;
    revenue: number;
    ai: number;
    infra: number;
  }>(sql`
    select coalesce(plan::text, 'unknown') as plan, count(distinct workspace_id)::int as workspaces,
      sum(revenue_cents)::float8 as revenue, sum(ai_spend_cents)::float8 as ai,
      sum(infra_cost_cents)::float8 as infra
    from daily_ledger
    where day >= ${range.from} and day <= ${range.to}
    group by 1
  `);
  const byPlan = new Map(rows.map((r) => [r.plan, r]));
  const none = { workspaces: 0, revenue: 0, ai: 0, infra: 0 };
  const plans: PlanMargin[] = PLAN_IDS.map((plan) => ({
    plan,
    name: PLANS[plan].name,
    ...figures(byPlan.get(plan) ?? none),
  }));
  const unknown = byPlan.get('unknown');
  if (unknown) plans.push({ plan: 'unknown', name: 'Unknown (workspace deleted)', ...figures(unknown) });
  const [all] = await db.execute<{ workspaces: number }>(sql`
    select count(distinct workspace_id)::int as workspaces from daily_ledger
    where day >= ${range.from} and day <= ${range.to}`);
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + pick(r), 0);
  return {
    range,
    plans,
    totals: figures({
      workspaces: all?.workspaces ?? 0,
      revenue: sum((r) => r.revenue),
      ai: sum((r) => r.ai),
      infra: sum((r) => r.infra),
    }),
  };
}
