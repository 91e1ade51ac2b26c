import {
  costLedger,
  fromDriverRows,
  insertRowsSql,
  jobIdempotencyKeys,
  jobs,
  type SQL,
  sql,
} from '@levqor/db';
import type { Plan } from '../../billing/plans';
import { unitsToDb } from '../../money/money';
import { toJobResource } from '../job-resource';
import type { Accepted, Decision } from './decide';
import type { Outcome, SubmitResult } from './types';

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** The budget reservation of each accepted job. */
export function ledgerRows(workspaceId: string, month: string, accepted: Accepted[]) {
  return accepted.map(({ jobId, estimate }) => ({
    workspaceId,
    jobId,
    kind: 'reserve' as const,
    amount: unitsToDb(estimate),
    month,
  }));
}

/**
 * ONE statement for the accepted jobs, their idempotency keys and (`withLedger`) reservations —
 * data-modifying CTEs; foreign keys are checked at its end, when the jobs exist. Returns the job rows.
 * A job's pending steps and "queued" entry are not stored: they derive from its row until it starts
 * (before-start.ts). `keys: 'replace'` overwrites an expired key (the caller holds the
 * workspace lock and has read it); `'insert'` fails on any existing key (a unique violation).
 * `createdAt` is the instant whose month the reservations carry (`month`): the job's settlement and
 * release take the month of its created_at, so all its ledger rows fall in one month (one clock).
 */
export function jobRowsSql(
  workspaceId: string,
  month: string,
  accepted: Accepted[],
  opts: { withLedger: boolean; keys: 'replace' | 'insert'; createdAt: Date },
): SQL {
  const expiresAt = new Date(opts.createdAt.getTime() + IDEMPOTENCY_TTL_MS);
  const withKeys = accepted.filter((a) => a.item.input.idempotency_key);
  const ctes: SQL[] = [];
  if (opts.withLedger)
    ctes.push(sql`ledger_rows as (${insertRowsSql(costLedger, ledgerRows(workspaceId, month, accepted))})`);
  if (withKeys.length > 0)
    ctes.push(
      sql`key_rows as (${insertRowsSql(
        jobIdempotencyKeys,
        withKeys.map(({ item, jobId }) => ({
          workspaceId,
          key: item.input.idempotency_key!,
          requestHash: item.requestHash,
          jobId,
          expiresAt,
        })),
        opts.keys === 'replace'
          ? {
              onConflict: sql`on conflict (workspace_id, key) do update set request_hash = excluded.request_hash, job_id = excluded.job_id, expires_at = excluded.expires_at`,
            }
          : {},
      )})`,
    );
  const jobRows = insertRowsSql(
    jobs,
    accepted.map(({ item, jobId, workflow, version, estimate }) => ({
      id: jobId,
      workspaceId,
      workflowId: workflow.id,
      workflowVersionId: version.id,
      workflowSlug: workflow.slug,
      workflowVersion: version.version,
      payload: item.input.payload ?? {},
      priority: item.input.priority,
      idempotencyKey: item.input.idempotency_key ?? null,
      callbackUrl: item.input.callback_url ?? null,
      tags: item.input.tags,
      estimatedCost: unitsToDb(estimate),
      reservedCost: unitsToDb(estimate),
      warnings: item.warnings.length > 0 ? item.warnings : null,
      submittedBy: item.submittedBy,
      rerunOf: item.rerunOf,
      replayFromStep: item.replay?.fromStep ?? null,
      createdAt: opts.createdAt,
    })),
    { returning: true },
  );
  if (ctes.length === 0) return jobRows;
  return sql`with job_rows as (${jobRows}), ${sql.join(ctes, sql`, `)} select * from job_rows`;
}

/** The messages of the guard's assertions (SQLSTATE LQ001), to tell why an optimistic intake rolled back. */
export const GUARD = {
  budget: 'intake: over budget',
  quota: 'intake: over the job quota',
  suspended: 'intake: suspended',
  workflows: 'intake: workflow changed',
} as const;

/**
 * The reservations of `accepted`, for a statement sent right after locking the workspace row (so its
 * snapshot holds what earlier intakes committed). It raises (GUARD, SQLSTATE LQ001) unless each job's
 * workflow is still active with that version published, the workspace is not suspended, the month's
 * jobs stay within the plan's quota, and the month's budget — the plan's included spend or the owner's
 * lower cap (`plans`) — less settled spend and outstanding reservations covers them all.
 */
export function guardedReservationsSql(
  workspaceId: string,
  month: string,
  accepted: Accepted[],
  plans: Readonly<Record<string, Plan>>,
  /** `billing.overage` on: the included spend does not refuse (metered), only the owner's cap. */
  opts: { overage: boolean } = { overage: false },
): SQL {
  const planLimits = JSON.stringify(
    Object.fromEntries(
      Object.values(plans).map((p) => [
        p.id,
        { inc: p.includedSpendCents, per_ws: p.spendSetPerWorkspace, jobs: p.jobsPerMonth },
      ]),
    ),
  );
  const total = accepted.reduce((sum, a) => sum + a.estimate, 0);
  const versions = [...new Map(accepted.map((a) => [a.workflow.id, a.version.version]))];
  const expected = JSON.stringify(versions.map(([id, version]) => ({ id, version })));
  const workflowsCurrent = sql`(select count(*) from workflows w
    join json_to_recordset(${expected}::json) as e(id text, version int)
      on w.id = e.id and w.published_version = e.version and w.status <> 'archived') = ${versions.length}`;
  const plan = sql`from workspaces w, jsonb_to_record(${planLimits}::jsonb -> w.plan::text) as p(inc numeric, per_ws boolean, jobs int)
    where w.id = ${workspaceId}`;
  const budget = opts.overage
    ? sql`(select case when p.per_ws then coalesce(w.monthly_budget_cents, p.inc)
      else coalesce(least(w.monthly_budget_cents, p.inc), 'Infinity'::numeric) end ${plan})`
    : sql`(select case when p.per_ws then coalesce(w.monthly_budget_cents, p.inc)
      else least(coalesce(w.monthly_budget_cents, p.inc), p.inc) end ${plan})`;
  const committed = sql`(select coalesce(sum(case kind when 'release' then -total else total end), 0)
    from cost_ledger_totals where workspace_id = ${workspaceId} and month = ${month})`;
  const jobsNow = sql`(select coalesce(sum(rows), 0) from cost_ledger_totals
    where workspace_id = ${workspaceId} and month = ${month} and kind = 'reserve')`;
  const withinQuota = sql`(select p.jobs is null or ${jobsNow} + ${accepted.length} <= p.jobs ${plan})`;
  const notSuspended = sql`(select suspended_at is null from workspaces where id = ${workspaceId})`;
  return insertRowsSql(costLedger, ledgerRows(workspaceId, month, accepted), {
    where: sql`levqor_assert(${workflowsCurrent}, ${GUARD.workflows})
      and levqor_assert(${notSuspended}, ${GUARD.suspended})
      and levqor_assert(${withinQuota}, ${GUARD.quota})
      and levqor_assert(${budget} - ${committed} >= ${unitsToDb(total)}::numeric, ${GUARD.budget})`,
  });
}

/** Every item's outcome once the accepted jobs' rows (`rawJobRows`, from `jobRowsSql`) are written. */
export function outcomesOf(decision: Decision, rawJobRows: Record<string, unknown>[]): Outcome[] {
  const { accepted, outcomes, replays } = decision;
  const rowsById = new Map(fromDriverRows(jobs, rawJobRows).map((r) => [r.id, r]));
  for (const a of accepted) {
    outcomes[a.index] = { ok: { job: toJobResource(rowsById.get(a.jobId)!), created: true } };
  }
  for (const { index, of } of replays) {
    const first = outcomes[accepted[of]!.index] as { ok: SubmitResult };
    outcomes[index] = { ok: { job: first.ok.job, created: false } };
  }
  return outcomes as Outcome[];
}
