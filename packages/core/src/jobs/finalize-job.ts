import {
  and,
  costLedger,
  type DbOrTx,
  eq,
  jobSteps,
  jobs,
  newId,
  notInArray,
  pipelinedTransaction,
  type SQL,
  sql,
  webhookDeliveries,
} from '@levqor/db';
import { EVENTS, type EventSender } from '../events/events';
import { centsToUnits, sumUnits, unitsToCents, unitsToDb } from '../money/money';
import { monthOf } from '../usage/budget';
import { stepsOfJob } from './before-start';
import { recordJobEvent } from './job-events';
import { toJobResource } from './job-resource';
import { markStepSucceeded, markStepSucceededSql, type StepSuccess } from './step-records';

export type TerminalStatus = 'succeeded' | 'failed' | 'cancelled';
export const TERMINAL: readonly string[] = ['succeeded', 'failed', 'cancelled'];

type Outcome = { status: TerminalStatus; result?: unknown; error?: string };

/**
 * Ends a job once: status, result or error, actual cost = sum of its steps, a ledger `settle` for the
 * cost and a `release` of the whole reservation, a timeline event and (with a callback_url) a
 * webhook delivery. Returns false when the job had already ended. A job without a callback_url ends
 * in ONE statement (the common case on the worker's hot path); one with a callback in a transaction.
 */
export async function finalizeJob(
  db: DbOrTx,
  events: EventSender,
  jobId: string,
  outcome: Outcome,
): Promise<boolean> {
  const ended = await finalizeWithoutCallback(db, jobId, outcome);
  if (ended !== 'has-callback') return ended;
  return finalizeWithCallback(db, events, jobId, outcome);
}

/**
 * Records a job's last step, quick and succeeded, and ends the job, in ONE round trip: both statements
 * in one pipelined transaction (the second sees the step's cost). No engine memo is needed for that
 * step: once this commits the job has ended and a rerun of the run stops at its start; before, nothing
 * was written and the (in-process, pure) step simply runs again. False when the job had already ended.
 */
export async function succeedWithLastStep(
  db: DbOrTx,
  events: EventSender,
  jobId: string,
  stepId: string,
  step: StepSuccess,
): Promise<boolean> {
  const outcome: Outcome = { status: 'succeeded', result: step.output };
  if (!('$client' in db)) {
    // Inside a caller's transaction (tests): the same two statements, one after the other.
    if (!(await markStepSucceeded(db, jobId, stepId, step))) return false;
    return finalizeJob(db, events, jobId, outcome);
  }
  const [stepRows, endRows] = await pipelinedTransaction(db, [
    markStepSucceededSql(jobId, stepId, step),
    finalizeWithoutCallbackSql(jobId, outcome),
  ]);
  if (stepRows?.[0]?.live !== true) return false;
  const end = endRows?.[0] as { ended: boolean; callback: boolean } | undefined;
  return end?.callback ? finalizeWithCallback(db, events, jobId, outcome) : end?.ended === true;
}

/** The one-statement ending (see `finalizeWithCallback` for the same rules in steps). */
async function finalizeWithoutCallback(
  db: DbOrTx,
  jobId: string,
  outcome: Outcome,
): Promise<boolean | 'has-callback'> {
  const [row] = await db.execute<{ ended: boolean; callback: boolean }>(
    finalizeWithoutCallbackSql(jobId, outcome),
  );
  if (row?.callback) return 'has-callback';
  return row?.ended === true;
}

/** Answers one row: `ended` (by this statement), `callback` (the job has one: nothing was written). */
function finalizeWithoutCallbackSql(jobId: string, outcome: Outcome): SQL {
  const now = sql`${new Date().toISOString()}::timestamptz`;
  const { status } = outcome;
  const result =
    status === 'succeeded' && outcome.result != null
      ? sql`${JSON.stringify(outcome.result)}::jsonb`
      : sql`null`;
  const message =
    status === 'succeeded'
      ? sql`'Job succeeded (cost ' || trim_scale(u.cost)::text || '¢)'`
      : sql`${status === 'failed' ? `Job failed: ${outcome.error ?? 'unknown error'}` : 'Job cancelled'}::text`;
  return sql`
    with j as (
      select id, workspace_id, reserved_cost, created_at, callback_url from jobs
      where id = ${jobId} and status not in ('succeeded', 'failed', 'cancelled')
      for update
    ), fast as (
      select * from j where callback_url is null
    ), c as (
      select coalesce(sum(cost), 0) as cost from job_steps where job_id = ${jobId}
    ), closed as (
      update job_steps set status = ${status === 'cancelled' ? 'cancelled' : 'skipped'}
      where ${status !== 'succeeded'} and job_id = ${jobId} and status not in ('succeeded', 'failed')
        and exists (select 1 from fast)
    ), u as (
      update jobs set status = ${status}, result = ${result}, error = ${outcome.error ?? null},
        cost = c.cost, reserved_cost = 0, finished_at = ${now},
        started_at = coalesce(jobs.started_at, ${status === 'cancelled' ? sql`null` : now}),
        cancel_requested_at = ${status === 'cancelled' ? now : sql`jobs.cancel_requested_at`}
      from fast, c where jobs.id = fast.id
      returning fast.workspace_id, fast.reserved_cost, fast.created_at, c.cost
    ), ledger as (
      insert into cost_ledger (id, workspace_id, job_id, kind, amount, month)
      select x.id, u.workspace_id, ${jobId}, x.kind::ledger_kind,
        case x.kind when 'settle' then u.cost else u.reserved_cost end,
        to_char(u.created_at at time zone 'UTC', 'YYYY-MM')
      from u, (values (${newId('led')}, 'settle'), (${newId('led')}, 'release')) as x(id, kind)
    ), event as (
      insert into job_events (id, job_id, type, message, data)
      select ${newId('evt')}, ${jobId}, ${`job.${status}`}, ${message},
        jsonb_build_object('cost_cents', trim_scale(u.cost))
      from u
    )
    select exists (select 1 from u) as ended, exists (select 1 from j where callback_url is not null) as callback`;
}

async function finalizeWithCallback(
  db: DbOrTx,
  events: EventSender,
  jobId: string,
  outcome: Outcome,
): Promise<boolean> {
  const ended = await db.transaction(async (tx) => {
    const [job] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for('update');
    if (!job || TERMINAL.includes(job.status)) return false;
    const steps = await tx.select({ cost: jobSteps.cost }).from(jobSteps).where(eq(jobSteps.jobId, jobId));
    const cost = sumUnits(steps.map((s) => centsToUnits(s.cost)));
    const reserved = centsToUnits(job.reservedCost);
    const now = new Date();
    if (outcome.status !== 'succeeded') {
      // Steps that never finished are marked cancelled (or skipped after a failure); a job that never
      // started has no stored steps: they read as cancelled or skipped (before-start.ts).
      await tx
        .update(jobSteps)
        .set({ status: outcome.status === 'cancelled' ? 'cancelled' : 'skipped' })
        .where(and(eq(jobSteps.jobId, jobId), notInArray(jobSteps.status, ['succeeded', 'failed'])));
    }
    const [updated] = await tx
      .update(jobs)
      .set({
        status: outcome.status,
        result: outcome.status === 'succeeded' ? (outcome.result ?? null) : null,
        error: outcome.error ?? null,
        cost: unitsToDb(cost),
        reservedCost: '0',
        finishedAt: now,
        startedAt: job.startedAt ?? (outcome.status === 'cancelled' ? null : now),
        cancelRequestedAt: outcome.status === 'cancelled' ? now : job.cancelRequestedAt,
      })
      .where(eq(jobs.id, jobId))
      .returning();
    // The reservation's month: intake stamps created_at with the instant it reserved at (jobRowsSql).
    const month = monthOf(job.createdAt);
    await tx.insert(costLedger).values([
      { workspaceId: job.workspaceId, jobId, kind: 'settle', amount: unitsToDb(cost), month },
      { workspaceId: job.workspaceId, jobId, kind: 'release', amount: unitsToDb(reserved), month },
    ]);
    const message =
      outcome.status === 'succeeded'
        ? `Job succeeded (cost ${unitsToCents(cost)}¢)`
        : outcome.status === 'failed'
          ? `Job failed: ${outcome.error ?? 'unknown error'}`
          : 'Job cancelled';
    await recordJobEvent(tx, jobId, `job.${outcome.status}`, message, {
      data: { cost_cents: unitsToCents(cost) },
    });
    if (job.callbackUrl) {
      const stored = await tx.select().from(jobSteps).where(eq(jobSteps.jobId, jobId));
      const allSteps = await stepsOfJob(tx, updated!, stored);
      const [delivery] = await tx
        .insert(webhookDeliveries)
        .values({
          workspaceId: job.workspaceId,
          jobId,
          url: job.callbackUrl,
          eventType: `job.${outcome.status}`,
          payload: { type: `job.${outcome.status}`, data: { job: toJobResource(updated!, allSteps) } },
        })
        .returning({ id: webhookDeliveries.id });
      await recordJobEvent(
        tx,
        jobId,
        'webhook.queued',
        `Webhook job.${outcome.status} queued for ${job.callbackUrl}`,
      );
      await events.send(tx, {
        name: EVENTS.webhookRequested,
        data: { deliveryId: delivery!.id, workspaceId: job.workspaceId },
      });
    }
    return true;
  });
  if (ended) await events.flush();
  return ended;
}
