import { type DbOrTx, eq, workspaces } from '@levqor/db';
import { z } from 'zod';
import { intakeBudgetUnits } from '../billing/overage';
import { PLANS } from '../billing/plans';
import { accountSuspended } from '../billing/suspension';
import { DomainError, notFound, PROBLEM_TYPE_BASE } from '../errors';
import { FLAGS, isFeatureEnabled } from '../feature-flags/feature-flag-reader';
import { centsToUnits, type Units, unitsToCents } from '../money/money';
import { ledgerTotals, monthOf } from '../usage/budget';
import { decide, findPublishedWorkflows } from './intake/decide';
import { type ParsedSubmitJobInput, validateSubmission } from './submit-job';

export const ZJobEstimate = z
  .object({
    workflow: z.object({ id: z.string(), slug: z.string(), version: z.number().int() }),
    /** What intake reserves for the job: each step's fee plus, for `ai`, its full token budget. */
    estimated_cost_cents: z.number(),
    month: z.string().meta({ example: '2026-12' }),
    /** The budget intake checks against; null: no limit (metered overage and no owner cap). */
    budget_cents: z.number().nullable(),
    spent_cents: z.number(),
    reserved_cents: z.number(),
    /** budget − spent − reserved; null without a limit. */
    available_cents: z.number().nullable(),
    fits_budget: z.boolean(),
    jobs_this_month: z.number().int(),
    /** The plan's monthly job quota; null: unlimited. */
    jobs_quota: z.number().int().nullable(),
    fits_quota: z.boolean(),
    /** Both: submitting it now would be accepted (as far as budget and quota go). */
    fits: z.boolean(),
    /** Metered overage (`billing.overage`): whether it applies, and the part of this estimate above the included spend. */
    overage: z.object({ enabled: z.boolean(), metered_cents: z.number() }),
    /** Why it would be refused: the problem type intake would answer with (402), else null. */
    refusal: z.object({ type: z.string(), detail: z.string() }).nullable(),
  })
  .meta({ id: 'JobEstimate' });
export type JobEstimate = z.infer<typeof ZJobEstimate>;

const REFUSALS = new Set(['budget-exceeded', 'job-quota-exceeded']);

/**
 * The cost a submission would reserve and whether it fits the workspace's budget and plan quota, by the
 * same rules and code as intake (validation, workflow resolution, `decide`) — and without writing
 * anything: no job, no reservation, no idempotency key, no engine event. An idempotency key is ignored
 * (the estimate is of a new job). A refusal for budget or quota is an answer (`fits: false`); any other
 * refusal (unknown workflow, payload too large, suspended account…) is thrown as intake would.
 */
export async function estimateJobCost(
  db: DbOrTx,
  opts: {
    workspaceId: string;
    actor: string;
    input: ParsedSubmitJobInput;
    requestId?: string | null;
    now?: Date;
  },
): Promise<JobEstimate> {
  const input = { ...opts.input, idempotency_key: null };
  const item = await validateSubmission(
    db,
    { workspaceId: opts.workspaceId, submittedBy: opts.actor, requestId: opts.requestId },
    input,
  );
  const [ws] = await db
    .select({
      plan: workspaces.plan,
      cap: workspaces.monthlyBudgetCents,
      suspendedAt: workspaces.suspendedAt,
    })
    .from(workspaces)
    .where(eq(workspaces.id, opts.workspaceId));
  if (!ws) throw notFound('Workspace');
  if (ws.suspendedAt) throw accountSuspended();
  const month = monthOf(opts.now);
  const [workflowsByRef, totals, overageFlag] = await Promise.all([
    findPublishedWorkflows(db, opts.workspaceId, [input.workflow]),
    ledgerTotals(db, opts.workspaceId, month),
    isFeatureEnabled(db, FLAGS.billingOverage, opts.workspaceId),
  ]);
  const plan = PLANS[ws.plan];
  const budget = intakeBudgetUnits(ws.plan, ws.cap, overageFlag);
  const decision = decide([item], workflowsByRef, new Map(), {
    budget: budget ?? Number.POSITIVE_INFINITY,
    ...totals,
    jobsQuota: plan.jobsPerMonth,
  });
  const outcome = decision.outcomes[0];
  const error = outcome && 'error' in outcome ? outcome.error : null;
  if (error && !(error instanceof DomainError && REFUSALS.has(error.reason))) throw error;
  // A refused job still has an estimate: resolve it the way `decide` does, without a budget.
  const accepted = decision.accepted[0] ?? decide([item], workflowsByRef, new Map(), 'later').accepted[0]!;
  const estimate = accepted.estimate;
  const committed = totals.spent + totals.reserved;
  const fitsQuota = plan.jobsPerMonth === null || totals.jobs < plan.jobsPerMonth;
  const fitsBudget = budget === null || estimate <= budget - committed;
  const overageOn = overageFlag && !plan.spendSetPerWorkspace;
  const included = centsToUnits(plan.includedSpendCents);
  const over = (u: Units) => Math.max(0, u - included);
  return {
    workflow: { id: accepted.workflow.id, slug: accepted.workflow.slug, version: accepted.version.version },
    estimated_cost_cents: unitsToCents(estimate),
    month,
    budget_cents: budget === null ? null : unitsToCents(budget),
    spent_cents: unitsToCents(totals.spent),
    reserved_cents: unitsToCents(totals.reserved),
    available_cents: budget === null ? null : unitsToCents(budget - committed),
    fits_budget: fitsBudget,
    jobs_this_month: totals.jobs,
    jobs_quota: plan.jobsPerMonth,
    fits_quota: fitsQuota,
    fits: fitsBudget && fitsQuota,
    overage: {
      enabled: overageOn,
      metered_cents: overageOn ? unitsToCents(over(committed + estimate) - over(committed)) : 0,
    },
    refusal:
      error instanceof DomainError
        ? { type: `${PROBLEM_TYPE_BASE}${error.reason}`, detail: error.message }
        : null,
  };
}
