import {
  and,
  costLedger,
  type DbOrTx,
  eq,
  jobSteps,
  jobs,
  newId,
  notInArray,
  type SQL,
  sql,
  webhookDeliveries,
} from '@levqor/db';
import { EVENTS, type EventSender } from '../events/events';
import { centsToUnits, sumUnits, unitsToCents, unitsToDb } from '../money/money';
import { monthOf } from '../usage/budget';
import { stepsOfJob } from './before-start';
import type { RunFinish } from './durable-steps';
import { recordJobEvent } from './job-events';
import { toJobResource } from './job-resource';
import {
  type RecordedStep,
  STEP_ROW_COLUMNS,
  STEP_ROW_UPDATE,
  type StepEvent,
  type StepSuccess,
  stepEventValues,
  stepSucceeded,
  stepSucceededEvents,
  stepSucceededRow,
} from './step-records';

export type TerminalStatus = 'succeeded' | 'failed' | 'cancelled';
export const TERMINAL: readonly string[] = ['succeeded', 'failed', 'cancelled'];

type Outcome = { status: TerminalStatus; result?: unknown; error?: string };

/**
 * Ends a job once: status, result or error, actual cost = sum of its steps, a ledger `settle` for the
 * cost and a `release` of the whole reservation, a timeline event and (with a callback_url) a
 * webhook delivery. Returns false when the job had already ended. A job without a callback_url ends
 * in ONE statement (the common case on the worker's hot path); one with a callback in a transaction.
 * `finish`: the engine's end of the run (local engine), folded into that one statement.
 */
export async function finalizeJob(
  db: DbOrTx,
  events: EventSender,
  jobId: string,
  outcome: Outcome,
  finish?: RunFinish,
): Promise<boolean> {
  const [row] = await db.execute<EndRow>(endJobSql(jobId, outcome, { finish }));
  if (row?.callback) return finalizeWithCallback(db, events, jobId, outcome);
  if (row?.run_ended) finish?.ended();
  return row?.ended === true;
}

/**
 * Records a job's last step, quick and succeeded, and ends the job, in ONE statement (with the run's
 * end when the engine offers it). No engine memo is needed for that step: once this commits the job
 * has ended and a rerun of the run stops at its start; before, nothing was written and the (in-process,
 * pure) step simply runs again. False when the job had already ended.
 */
export async function succeedWithLastStep(
  db: DbOrTx,
  events: EventSender,
  jobId: string,
  step: { id: string; success: StepSuccess },
  finish?: RunFinish,
): Promise<boolean> {
  const outcome: Outcome = { status: 'succeeded', result: step.success.output };
  const [row] = await db.execute<EndRow>(endJobSql(jobId, outcome, { lastStep: step, finish }));
  if (!row?.live) return false;
  if (row.callback) return finalizeWithCallback(db, events, jobId, outcome);
  if (row.run_ended) finish?.ended();
  return row.ended;
}

/** A quick job's start (quick-job.ts): the attempt and every step of the job, executed and succeeded. */
export interface QuickStart {
  at: Date;
  attempt: number;
  steps: RecordedStep[];
}

/**
 * A quick job (quick-job.ts), not started yet: writes its start (running → attempts, started_at, `job.started`),
 * every step's record and its end, in ONE statement (with the run's end when the engine offers it).
 * False when the job had already ended (cancelled meanwhile): then nothing is written.
 */
export async function startAndSucceed(
  db: DbOrTx,
  events: EventSender,
  jobId: string,
  start: QuickStart,
  finish?: RunFinish,
): Promise<boolean> {
  const last = start.steps.at(-1);
  const outcome: Outcome = { status: 'succeeded', result: last ? last.success.output : null };
  const [row] = await db.execute<EndRow>(endJobSql(jobId, outcome, { start, finish }));
  if (!row?.live) return false;
  if (row.callback) return finalizeWithCallback(db, events, jobId, outcome);
  if (row.run_ended) finish?.ended();
  return row.ended;
}

/**
 * `live`: the job had not ended; `ended`: this statement ended it; `callback`: the job has a callback
 * (nothing of the ending was written: `finalizeWithCallback` does it); `run_ended`: the run's end too.
 */
type EndRow = { live: boolean; ended: boolean; callback: boolean; run_ended: boolean };

/**
 * The one-statement ending (see `finalizeWithCallback` for the same rules in steps). With `lastStep`,
 * the statement first records that step (while the job is live, callback or not): its cost is added
 * explicitly, since the statement's snapshot does not see its own update. With `finish`, the run ends
 * with the job. Timeline events are inserted by one statement, in order (their clock stamps them).
 */
function endJobSql(
  jobId: string,
  outcome: Outcome,
  opts: { lastStep?: { id: string; success: StepSuccess }; start?: QuickStart; finish?: RunFinish },
): SQL {
  const now = sql`${new Date().toISOString()}::timestamptz`;
  const { status } = outcome;
  const { lastStep } = opts;
  const result =
    status === 'succeeded' && outcome.result != null
      ? sql`${JSON.stringify(outcome.result)}::jsonb`
      : sql`null`;
  const message =
    status === 'succeeded'
      ? sql`'Job succeeded (cost ' || trim_scale(u.cost)::text || '¢)'`
      : sql`${status === 'failed' ? `Job failed: ${outcome.error ?? 'unknown error'}` : 'Job cancelled'}::text`;
  // The status is written as a literal (one of three), as is the `closed` switch: PostgreSQL then finds
  // the prepared statement's generic plan as good as a custom one. With them as parameters it planned
  // the statement again for every job (pg_stat_statements: 0.57 ms of planning per job; 0.003–0.26 ms
  // on average with literals), and its execution waited longer (1.7 ms against 0.9–1.0 ms).
  const literal = sql.raw(`'${status}'`);
  const { start } = opts;
  const recorded = lastStep ? stepSucceeded(lastStep.id, lastStep.success) : null;
  const stepCtes = lastStep
    ? sql`
    step as (
      update job_steps set ${recorded!.set}
      where job_id = ${jobId} and step_id = ${lastStep.id} and exists (select 1 from j)
    ),`
    : start
      ? sql`
    step as (
      insert into job_steps (${STEP_ROW_COLUMNS})
      select s.* from (values ${sql.join(
        start.steps.map((step) => stepSucceededRow(jobId, step)),
        sql`, `,
      )}) as s(${STEP_ROW_COLUMNS})
      where exists (select 1 from fast)
      -- A pending row stored by intake before 2026-11 takes the record.
      on conflict (job_id, step_id) do update set ${STEP_ROW_UPDATE}
    ),`
      : sql``;
  // The steps this statement records are not seen by its own snapshot: their costs are added here.
  const written = lastStep ? [lastStep] : (start?.steps ?? []);
  const cost = written.length
    ? sql`select coalesce(sum(cost), 0) + ${unitsToDb(sumUnits(written.map((w) => w.success.cost)))}::numeric
        as cost from job_steps
      where job_id = ${jobId} and step_id <> all(${sql.param(written.map((w) => w.id))}::text[])`
    : sql`select coalesce(sum(cost), 0) as cost from job_steps where job_id = ${jobId}`;
  // A quick job's start is written only with its end (`fast`); a last step's record while the job is live.
  const guard = sql.raw(start ? 'fast' : 'j');
  const eventValues = (stepId: string | null, list: StepEvent[]) =>
    sql`select e.* from (${stepEventValues(jobId, stepId, list)})
        as e(id, job_id, type, message, step_id, data) where exists (select 1 from ${guard})
      union all `;
  const stepEvents = lastStep
    ? eventValues(lastStep.id, recorded!.events)
    : start
      ? sql.join([
          eventValues(null, [{ type: 'job.started', message: 'Job started' }]),
          ...start.steps.map((step) => eventValues(step.id, stepSucceededEvents(step.id, step.success))),
        ])
      : sql``;
  const runEnd = opts.finish
    ? sql`, run_end as (${opts.finish.statement(sql`exists (select 1 from u)`)})`
    : sql``;
  return sql`
    with j as (
      select id, workspace_id, reserved_cost, created_at, callback_url from jobs
      where id = ${jobId} and status not in ('succeeded', 'failed', 'cancelled')
      for update
    ), fast as (
      select * from j where callback_url is null
    ), ${stepCtes} c as (${cost}
    ), closed as (
      update job_steps set status = ${sql.raw(status === 'cancelled' ? "'cancelled'" : "'skipped'")}
      where ${sql.raw(String(status !== 'succeeded'))} and job_id = ${jobId} and status not in ('succeeded', 'failed')
        and exists (select 1 from fast)
    ), u as (
      update jobs set status = ${literal}, result = ${result}, error = ${outcome.error ?? null},
        cost = c.cost, reserved_cost = 0, finished_at = ${now},
        started_at = coalesce(jobs.started_at, ${start ? sql`${start.at.toISOString()}::timestamptz` : status === 'cancelled' ? sql`null` : now}),
        ${start ? sql`attempts = ${start.attempt + 1}::int,` : sql``}
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
      insert into job_events (id, job_id, type, message, step_id, data)
      ${stepEvents}select ${newId('evt')}, ${jobId}, ${`job.${status}`}, ${message}, null,
        jsonb_build_object('cost_cents', trim_scale(u.cost))
      from u
    )${runEnd}
    select exists (select 1 from j) as live, exists (select 1 from u) as ended,
      exists (select 1 from j where callback_url is not null) as callback,
      ${opts.finish ? sql`exists (select 1 from run_end)` : sql`false`} as run_ended`;
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
