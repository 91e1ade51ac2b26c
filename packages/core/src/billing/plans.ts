import { type WorkspacePlan, workspacePlan } from '@levqor/db/enums';

export type { WorkspacePlan };

export const PLAN_IDS = workspacePlan.enumValues;

export interface Plan {
  id: WorkspacePlan;
  name: string;
  /** USD cents per month; null: by contract (no Checkout). */
  priceCents: number | null;
  /**
   * AI spend included per month, USD cents: the workspace's budget unless its owner sets a lower cap.
   * Enterprise: set per workspace (`monthly_budget_cents`); `includedSpendCents` is then its default.
   */
  includedSpendCents: number;
  /** Whether the included spend is set per workspace (the owner's cap may exceed this default). */
  spendSetPerWorkspace: boolean;
  /** Jobs accepted per calendar month (UTC); null: unlimited. */
  jobsPerMonth: number | null;
  /** Jobs of the workspace running at once. */
  concurrency: number;
  /** REST API requests per minute, per API key (a key's own limit may be lower). */
  apiRequestsPerMin: number;
  support: string;
  /** Days a finished job's data (payload, result, step inputs and outputs) is kept; its record stays. */
  jobDataRetentionDays: number;
  /** Whether a customer can subscribe to it through Checkout (its Stripe price id comes from env). */
  selfServe: boolean;
}

/** THE plan table (prices in US dollars, like the cost ledger). */
export const PLANS: Readonly<Record<WorkspacePlan, Plan>> = {
  free: {
    id: 'free',
    name: 'Free',
    priceCents: 0,
    includedSpendCents: 500,
    spendSetPerWorkspace: false,
    jobsPerMonth: 1_000,
    concurrency: 2,
    apiRequestsPerMin: 60,
    support: 'Community',
    jobDataRetentionDays: 30,
    selfServe: false,
  },
  starter: {
    id: 'starter',
    name: 'Starter',
    priceCents: 2_900,
    includedSpendCents: 2_000,
    spendSetPerWorkspace: false,
    jobsPerMonth: 10_000,
    concurrency: 5,
    apiRequestsPerMin: 600,
    support: '48 h',
    jobDataRetentionDays: 90,
    selfServe: true,
  },
  growth: {
    id: 'growth',
    name: 'Growth',
    priceCents: 7_900,
    includedSpendCents: 6_000,
    spendSetPerWorkspace: false,
    jobsPerMonth: 50_000,
    concurrency: 10,
    apiRequestsPerMin: 1_200,
    support: '24 h',
    jobDataRetentionDays: 180,
    selfServe: true,
  },
  business: {
    id: 'business',
    name: 'Business',
    priceCents: 14_900,
    includedSpendCents: 15_000,
    spendSetPerWorkspace: false,
    jobsPerMonth: 250_000,
    concurrency: 25,
    apiRequestsPerMin: 3_000,
    support: '12 h',
    jobDataRetentionDays: 365,
    selfServe: true,
  },
  enterprise: {
    id: 'enterprise',
    name: 'Enterprise',
    priceCents: null,
    // By contract: an admin sets the workspace's budget; until then $100,000 a month.
    includedSpendCents: 10_000_000,
    spendSetPerWorkspace: true,
    jobsPerMonth: null,
    concurrency: 100,
    apiRequestsPerMin: 100_000,
    support: '4 h',
    jobDataRetentionDays: 365,
    selfServe: false,
  },
};

export function planOf(id: WorkspacePlan): Plan {
  return PLANS[id];
}

/** The plans a customer can buy through Checkout. */
export type PaidPlan = 'starter' | 'growth' | 'business';
export const PAID_PLANS: readonly PaidPlan[] = ['starter', 'growth', 'business'];

/**
 * The monthly budget in cents: the plan's included spend, or the owner's cap (`capCents`) when lower.
 * An Enterprise workspace's cap is its contracted budget, whatever its size.
 */
export function effectiveBudgetCents(plan: WorkspacePlan, capCents: string | number | null): number {
  const p = PLANS[plan];
  if (capCents === null) return p.includedSpendCents;
  const cap = Number(capCents);
  return p.spendSetPerWorkspace ? cap : Math.min(cap, p.includedSpendCents);
}
