import {
  and,
  type DbOrTx,
  eq,
  inArray,
  jobIdempotencyKeys,
  type jobs,
  newId,
  or,
  workflows,
  workflowVersions,
} from '@levqor/db';
import { DomainError, notFound } from '../../errors';
import { canonicalJson } from '../../json/canonical-json';
import { type Units, unitsToCents } from '../../money/money';
import type { Step } from '../../workflows/step-schema';
import { estimateJob } from '../estimate';
import { toJobResource } from '../job-resource';
import type { Outcome, PreparedSubmit, ReplayPlan } from './types';

type WorkflowRow = typeof workflows.$inferSelect;
type JobRow = typeof jobs.$inferSelect;

export interface PublishedWorkflow {
  row: WorkflowRow;
  version: { id: string; version: number; steps: Step[] } | null;
}

export function formatCents(units: Units): string {
  return `${unitsToCents(units)}¢`;
}

/** The distinct idempotency keys of a batch. */
export function batchKeys(items: PreparedSubmit[]): string[] {
  return [...new Set(items.map((i) => i.input.idempotency_key).filter((k): k is string => !!k))];
}

/** The workflows `refs` name (ids `wf_…` or slugs) in the workspace, each with its published version. */
export async function findPublishedWorkflows(
  tx: DbOrTx,
  workspaceId: string,
  refs: string[],
): Promise<Map<string, PublishedWorkflow>> {
  const ids = refs.filter((r) => r.startsWith('wf_'));
  const slugs = refs.filter((r) => !r.startsWith('wf_'));
  const byRef = new Map<string, PublishedWorkflow>();
  if (refs.length === 0) return byRef;
  const rows = await tx
    .select({
      workflow: workflows,
      versionId: workflowVersions.id,
      version: workflowVersions.version,
      steps: workflowVersions.steps,
    })
    .from(workflows)
    .leftJoin(
      workflowVersions,
      and(
        eq(workflowVersions.workflowId, workflows.id),
        eq(workflowVersions.version, workflows.publishedVersion),
      ),
    )
    .where(
      and(
        eq(workflows.workspaceId, workspaceId),
        or(
          ids.length > 0 ? inArray(workflows.id, ids) : undefined,
          slugs.length > 0 ? inArray(workflows.slug, slugs) : undefined,
        ),
      ),
    );
  for (const r of rows) {
    const found: PublishedWorkflow = {
      row: r.workflow,
      version:
        r.versionId !== null && r.version !== null
          ? { id: r.versionId, version: r.version, steps: r.steps as Step[] }
          : null,
    };
    if (ids.includes(r.workflow.id)) byRef.set(r.workflow.id, found);
    if (slugs.includes(r.workflow.slug)) byRef.set(r.workflow.slug, found);
  }
  return byRef;
}

/** The stored idempotency keys among `keys` (expired ones included). */
export function findIdempotencyKeys(tx: DbOrTx, workspaceId: string, keys: string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(jobIdempotencyKeys)
    .where(and(eq(jobIdempotencyKeys.workspaceId, workspaceId), inArray(jobIdempotencyKeys.key, keys)));
}

export interface Accepted {
  index: number;
  item: PreparedSubmit;
  jobId: string;
  workflow: WorkflowRow;
  version: { id: string; version: number; steps: Step[] };
  estimate: Units;
}

export interface Budget {
  budget: Units;
  spent: Units;
  reserved: Units;
  /** Jobs submitted this month, and the plan's monthly quota (null: unlimited). */
  jobs: number;
  jobsQuota: number | null;
}

/** The 402 for a job beyond the plan's monthly quota. */
export function quotaExceeded(quota: number) {
  return new DomainError(
    'job-quota-exceeded',
    `This workspace has used its plan's ${quota.toLocaleString('en-US')} jobs this month; upgrade the plan (Billing) or wait for next month`,
    { jobs_per_month: quota },
  );
}

export interface Decision {
  accepted: Accepted[];
  /** Filled for refused items and for replays of earlier jobs; accepted items get theirs once written. */
  outcomes: (Outcome | undefined)[];
  /** Items that repeat an idempotency key accepted earlier in the same batch. */
  replays: { index: number; of: number }[];
}

/**
 * A replay runs the workflow's published version: the steps it reuses must be defined there as the
 * original ran them (same id, type and settings, same order), and at least one step must remain.
 */
function checkReplay(replay: ReplayPlan, steps: Step[]) {
  const { fromStep, originalJobId } = replay;
  if (fromStep >= steps.length)
    throw new DomainError(
      'job-not-replayable',
      `from_step ${fromStep} is past the workflow's last step (it has ${steps.length}; positions start at 0)`,
    );
  replay.reusedSteps.forEach((original, i) => {
    const current = steps[i]!;
    if (canonicalJson(original) !== canonicalJson(current))
      throw new DomainError(
        'job-not-replayable',
        `Step "${original.id}" (position ${i}) changed since job ${originalJobId} ran: its recorded output cannot be reused. Rerun from step ${i} or earlier.`,
      );
  });
}

/** The 402 for an `estimate` that the budget, after `reserved`, does not cover. */
function refuseOverBudget(budget: Budget, reserved: Units, estimate: Units) {
  const available = budget.budget - budget.spent - reserved;
  if (estimate <= available) return;
  throw new DomainError(
    'budget-exceeded',
    `Estimated cost ${formatCents(estimate)} exceeds the remaining budget: budget ${formatCents(budget.budget)} − spent ${formatCents(budget.spent)} − reserved ${formatCents(reserved)} = ${formatCents(available)} this month`,
    {
      estimated_cost_cents: unitsToCents(estimate),
      budget_cents: unitsToCents(budget.budget),
      spent_cents: unitsToCents(budget.spent),
      reserved_cents: unitsToCents(reserved),
    },
  );
}

/**
 * The outcome each item would have had if submitted one after the other in this order: its idempotency
 * key (earlier jobs in `priors`, and keys used earlier in the batch), its workflow and published
 * version, and its estimate against what `budget` has left after the items accepted before it.
 */
export function decide(
  items: PreparedSubmit[],
  workflowsByRef: Map<string, PublishedWorkflow>,
  priors: Map<string, { requestHash: string; job: JobRow }>,
  /** `'later'`: the caller checks the total against the budget itself (under the workspace lock). */
  budget: Budget | null | 'later',
): Decision {
  const accepted: Accepted[] = [];
  const takenInBatch = new Map<string, number>();
  const replays: { index: number; of: number }[] = [];
  const outcomes: (Outcome | undefined)[] = new Array(items.length);
  let reserved = budget && budget !== 'later' ? budget.reserved : 0;
  let jobs = budget && budget !== 'later' ? budget.jobs : 0;

  for (const [index, item] of items.entries()) {
    try {
      const key = item.input.idempotency_key;
      if (key) {
        const prior = priors.get(key);
        const earlier = takenInBatch.get(key);
        const priorHash = earlier !== undefined ? accepted[earlier]!.item.requestHash : prior?.requestHash;
        if (priorHash !== undefined) {
          if (priorHash !== item.requestHash) {
            throw new DomainError(
              'idempotency-key-reused',
              'This Idempotency-Key was already used with a different request body within the last 24 hours',
            );
          }
          if (earlier !== undefined) replays.push({ index, of: earlier });
          else outcomes[index] = { ok: { job: toJobResource(prior!.job), created: false } };
          continue;
        }
      }
      const found = workflowsByRef.get(item.input.workflow);
      if (!found) throw notFound(`Workflow "${item.input.workflow}"`);
      const workflow = found.row;
      if (workflow.status === 'archived')
        throw new DomainError(
          'workflow-archived',
          `Workflow "${workflow.slug}" is archived and accepts no new jobs`,
        );
      if (!found.version)
        throw new DomainError(
          'workflow-not-published',
          `Workflow "${workflow.slug}" has no published version yet; publish it first`,
        );
      if (item.replay) checkReplay(item.replay, found.version.steps);
      // A replay's reused steps are not executed again: they cost nothing.
      const estimate = estimateJob(found.version.steps.slice(item.replay?.fromStep ?? 0));
      if (!budget) throw notFound('Workspace');
      if (budget !== 'later') {
        if (budget.jobsQuota !== null && jobs >= budget.jobsQuota) throw quotaExceeded(budget.jobsQuota);
        refuseOverBudget(budget, reserved, estimate);
      }
      reserved += estimate;
      jobs += 1;
      if (key) takenInBatch.set(key, accepted.length);
      accepted.push({ index, item, jobId: newId('job'), workflow, version: found.version, estimate });
    } catch (error) {
      outcomes[index] = { error };
    }
  }
  return { accepted, outcomes, replays };
}
