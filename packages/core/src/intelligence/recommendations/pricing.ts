import { type DbOrTx, sql } from '@levqor/db';
import { storedPlanPrices } from '../../billing/plan-prices';
import { type PaidPlan, PLANS, type WorkspacePlan } from '../../billing/plans';
import { addDays, dollars, pct, type RecommendationDraft, round2 } from './recommendation';

/**
 * The pricing rule (the original Levqor's, with each term taken from recorded data):
 *
 *   price = max(base · load + performance, max(floor, costFloor))
 *
 * - base: the plan's current monthly price (the newest price Levqor created for it, else the plan table's).
 * - load = clamp(0.9 + 0.3 · u, 0.9, 1.2), u = jobs per workspace on the plan over the last 30 days ÷
 *   the plan's monthly job quota (daily ledger): a plan used to its quota earns up to +20%, an idle one −10%.
 * - performance = −base · min(0.10, 2 · e), e = failed ÷ finished jobs of the plan's workspaces over the
 *   30 days (rollups): we do not charge more for a service that fails; 5% failures take 10% off.
 * - floor = 0.8 · base: no cut of more than 20% in one step.
 * - costFloor = (AI spend + infrastructure allocation) per workspace over the 30 days (daily ledger)
 *   × (1 + PRICING_TARGET_MARGIN): never below what a workspace costs us plus the target margin.
 *
 * Rounded to whole dollars. Plans priced by contract (Enterprise) or free are not priced. A change of
 * under 1% is no recommendation.
 */
export const PRICING_TARGET_MARGIN = 0.3;
const WINDOW_DAYS = 30;

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

export interface PricingFigures {
  baseCents: number;
  workspaces: number;
  jobsPerWorkspace: number;
  quota: number | null;
  errorRate: number;
  costPerWorkspaceCents: number;
}

/** The formula itself, on figures (pure: the tests check it by hand). */
export function priceFor(f: PricingFigures) {
  const utilisation = f.quota ? f.jobsPerWorkspace / f.quota : 0.5;
  const load = clamp(0.9 + 0.3 * utilisation, 0.9, 1.2);
  const performance = -f.baseCents * Math.min(0.1, 2 * f.errorRate);
  const floor = 0.8 * f.baseCents;
  const costFloor = f.costPerWorkspaceCents * (1 + PRICING_TARGET_MARGIN);
  const raw = Math.max(f.baseCents * load + performance, Math.max(floor, costFloor));
  return { utilisation, load, performance, floor, costFloor, priceCents: Math.round(raw / 100) * 100 };
}

/** One pricing recommendation per self-serve paid plan, from the 30 days before `day`. */
export async function pricingRecommendations(
  db: DbOrTx,
  opts: { day: string },
): Promise<RecommendationDraft[]> {
  const from = addDays(opts.day, -WINDOW_DAYS);
  const ledger = await db.execute<{
    plan: WorkspacePlan;
    workspaces: number;
    jobs: number;
    cost: number;
  }>(sql`
    select w.plan, count(distinct l.workspace_id)::int as workspaces, coalesce(sum(l.jobs), 0)::float8 as jobs,
      coalesce(sum(l.ai_spend_cents + l.infra_cost_cents), 0)::float8 as cost
    from daily_ledger l join workspaces w on w.id = l.workspace_id
    where l.day >= ${from} and l.day < ${opts.day}
    group by w.plan
  `);
  const outcomes = await db.execute<{ plan: WorkspacePlan; failed: number; finished: number }>(sql`
    select w.plan,
      coalesce(sum(r.value) filter (where r.metric = 'jobs.failed'), 0)::float8 as failed,
      coalesce(sum(r.value) filter (where r.metric in ('jobs.failed', 'jobs.succeeded')), 0)::float8 as finished
    from metric_rollups r join workspaces w on w.id = r.scope
    where r.metric in ('jobs.failed', 'jobs.succeeded')
      and r.bucket_start >= ${from}::date and r.bucket_start < ${opts.day}::date
    group by w.plan
  `);
  const stored = await storedPlanPrices(db);
  const drafts: RecommendationDraft[] = [];
  for (const listed of Object.values(PLANS)) {
    if (!listed.priceCents || !listed.selfServe) continue;
    const plan = { ...listed, priceCents: stored[listed.id as PaidPlan]?.unitAmount ?? listed.priceCents };
    const l = ledger.find((r) => r.plan === plan.id);
    if (!l || l.workspaces === 0) continue;
    const o = outcomes.find((r) => r.plan === plan.id);
    const figures: PricingFigures = {
      baseCents: plan.priceCents,
      workspaces: l.workspaces,
      jobsPerWorkspace: l.jobs / l.workspaces,
      quota: plan.jobsPerMonth,
      errorRate: o && o.finished > 0 ? o.failed / o.finished : 0,
      costPerWorkspaceCents: l.cost / l.workspaces,
    };
    const p = priceFor(figures);
    const change = (p.priceCents - plan.priceCents) / plan.priceCents;
    const actionable = Math.abs(change) >= 0.01;
    drafts.push({
      kind: 'pricing',
      subject: plan.id,
      title: actionable
        ? `${plan.name}: ${change > 0 ? 'raise' : 'lower'} the price from ${dollars(plan.priceCents)} to ${dollars(p.priceCents)} a month`
        : `${plan.name}: keep ${dollars(plan.priceCents)} a month`,
      explanation:
        `max(base ${dollars(plan.priceCents)} × load ${round2(p.load)} + performance ${dollars(p.performance)}, ` +
        `max(floor ${dollars(p.floor)}, cost floor ${dollars(p.costFloor)})) = ${dollars(p.priceCents)} ` +
        `(rounded to whole dollars). Load from ${round2(figures.jobsPerWorkspace)} jobs per workspace ` +
        `${figures.quota ? `of a ${figures.quota.toLocaleString('en-US')} quota` : '(no quota)'}; performance from a ` +
        `${pct(figures.errorRate)} failure rate; cost floor = ${dollars(figures.costPerWorkspaceCents)} cost per ` +
        `workspace × ${1 + PRICING_TARGET_MARGIN}.`,
      inputs: [
        { key: 'base_cents', label: 'Current price', value: dollars(plan.priceCents) },
        { key: 'workspaces', label: 'Workspaces on the plan (30 days)', value: figures.workspaces },
        {
          key: 'jobs_per_workspace',
          label: 'Jobs per workspace (30 days)',
          value: round2(figures.jobsPerWorkspace),
        },
        { key: 'quota', label: 'Monthly job quota', value: figures.quota },
        { key: 'utilisation', label: 'Utilisation of the quota', value: pct(p.utilisation) },
        { key: 'error_rate', label: 'Failed ÷ finished jobs (30 days)', value: pct(figures.errorRate) },
        {
          key: 'cost_per_workspace_cents',
          label: 'Cost per workspace (30 days)',
          value: dollars(figures.costPerWorkspaceCents),
        },
        { key: 'load', label: 'Load factor', value: round2(p.load) },
        { key: 'performance_cents', label: 'Performance adjustment', value: dollars(p.performance) },
        { key: 'floor_cents', label: 'Floor (80% of base)', value: dollars(p.floor) },
        { key: 'cost_floor_cents', label: 'Cost-based floor', value: dollars(p.costFloor) },
      ],
      proposal: { plan: plan.id, from_cents: plan.priceCents, price_cents: p.priceCents },
      actionable,
    });
  }
  return drafts;
}
