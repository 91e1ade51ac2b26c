import { type DbOrTx, newId, type SQL, sql } from '@levqor/db';
import { type Units, unitsToCents, unitsToDb } from '../money/money';
import type { JobEventType } from './job-events';

/** Inputs and outputs stored on a step are capped at 256 KB each (the engine keeps the full value). */
export const STEP_IO_CAP_BYTES = 256 * 1024;

export function capJson(value: unknown): unknown {
  const json = JSON.stringify(value ?? null);
  if (Buffer.byteLength(json) <= STEP_IO_CAP_BYTES) return value ?? null;
  return {
    truncated: true,
    bytes: Buffer.byteLength(json),
    preview: json.slice(0, STEP_IO_CAP_BYTES - 1024),
  };
}

/**
 * The job is still live (not ended): step records are written only then. The job row is locked (share)
 * so a cancellation ending the job now (which locks it for update) is either seen or waited for: a step
 * is never recorded after its job was settled.
 */
const liveJob = (jobId: string) =>
  sql`select id from jobs where id = ${jobId} and status in ('queued', 'running') for share`;

export interface StepEvent {
  type: JobEventType;
  message: string;
  data?: unknown;
}

/**
 * Updates a step's row with `set` and appends its timeline events, in ONE statement, only while the
 * job is live. Returns false (and writes nothing) when the job has ended.
 */
async function recordStepRow(
  db: DbOrTx,
  jobId: string,
  stepId: string,
  set: SQL,
  events: StepEvent[],
): Promise<boolean> {
  const [row] = await db.execute<{ live: boolean }>(stepRowSql(jobId, stepId, set, events));
  return row?.live === true;
}

/** The statement of `recordStepRow`: answers one row, `live`. */
function stepRowSql(jobId: string, stepId: string, set: SQL, events: StepEvent[]): SQL {
  return sql`
    with job as (${liveJob(jobId)}), live as (select exists (select 1 from job) as live),
    updated as (
      update job_steps set ${set}
      where job_id = ${jobId} and step_id = ${stepId} and (select live from live)
      returning 1
    ), events as (
      insert into job_events (id, job_id, type, message, step_id, data)
      select e.* from (${stepEventValues(jobId, stepId, events)}) as e(id, job_id, type, message, step_id, data)
      where (select live from live)
    )
    select live from live`;
}

/** A step's timeline events as a `values` list of job_events rows (id, job_id, type, message, step_id, data). */
export function stepEventValues(jobId: string, stepId: string | null, events: StepEvent[]): SQL {
  const rows = events.map(
    (e) =>
      sql`(${newId('evt')}, ${jobId}, ${e.type}, ${e.message}, ${stepId}, ${e.data === undefined ? null : JSON.stringify(e.data)}::jsonb)`,
  );
  return sql`values ${sql.join(rows, sql`, `)}`;
}

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;
/** A stored input/output (capped); null stays SQL NULL. */
const jsonb = (value: unknown) => {
  const capped = capJson(value);
  return capped === null ? sql`null` : sql`${JSON.stringify(capped)}::jsonb`;
};

/** Marks a step running (or sleeping) with its `step.started` event. False when the job has ended. */
export function markStepRunning(
  db: DbOrTx,
  jobId: string,
  stepId: string,
  status: 'running' | 'sleeping' = 'running',
): Promise<boolean> {
  return recordStepRow(
    db,
    jobId,
    stepId,
    sql`status = ${status}, attempt = attempt + 1, started_at = ${at(new Date())}, error = null`,
    [
      {
        type: status === 'running' ? 'step.started' : 'step.sleeping',
        message: `Step ${stepId} ${status === 'running' ? 'started' : 'is sleeping'}`,
      },
    ],
  );
}

/**
 * Marks a step succeeded with its `step.succeeded` event. `startedAt`: the step was not marked running
 * (a quick in-process step): its start is recorded here too, `step.started` event included — one
 * statement for the whole step. False when the job has ended.
 */
export async function markStepSucceeded(
  db: DbOrTx,
  jobId: string,
  stepId: string,
  r: StepSuccess,
): Promise<boolean> {
  const { set, events } = stepSucceeded(stepId, r);
  return recordStepRow(db, jobId, stepId, set, events);
}

export interface StepSuccess {
  input?: unknown;
  output: unknown;
  cost: Units;
  durationMs: number;
  startedAt?: Date;
}

/** What recording a succeeded step writes: the step row's `set` and its timeline events. */
export function stepSucceeded(stepId: string, r: StepSuccess): { set: SQL; events: StepEvent[] } {
  const started = r.startedAt ? sql`attempt = attempt + 1, started_at = ${at(r.startedAt)}, ` : sql``;
  const input = r.input === undefined ? sql`` : sql`input = ${jsonb(r.input)}, `;
  return {
    set: sql`${started}${input}status = 'succeeded', output = ${jsonb(r.output)},
      cost = ${unitsToDb(r.cost)}::numeric, duration_ms = ${r.durationMs}, finished_at = ${at(new Date())}, error = null`,
    events: stepSucceededEvents(stepId, r),
  };
}

/** The timeline events of a succeeded step (`step.started` too when its start is recorded with it). */
export function stepSucceededEvents(stepId: string, r: StepSuccess): StepEvent[] {
  const succeeded: StepEvent = {
    type: 'step.succeeded',
    message: `Step ${stepId} succeeded in ${r.durationMs} ms (${unitsToCents(r.cost)}¢)`,
    data: { duration_ms: r.durationMs },
  };
  return r.startedAt ? [{ type: 'step.started', message: `Step ${stepId} started` }, succeeded] : [succeeded];
}

/** A quick step executed before its job's start was written (quick-job.ts): recorded with the end. */
export interface RecordedStep {
  id: string;
  type: string;
  position: number;
  success: StepSuccess & { startedAt: Date };
}

/** Columns of `stepSucceededRow`, in its order. */
export const STEP_ROW_COLUMNS = sql.raw(
  'id, job_id, step_id, type, position, status, attempt, input, output, cost, duration_ms, started_at, finished_at',
);

/** `on conflict … do update set` of `stepSucceededRow`: every recorded column but the key. */
export const STEP_ROW_UPDATE = sql.raw(
  ['status', 'attempt', 'input', 'output', 'cost', 'duration_ms', 'started_at', 'finished_at']
    .map((column) => `${column} = excluded.${column}`)
    .join(', '),
);

/** A succeeded quick step as a whole `job_steps` row (id derived as start-job.ts derives it). */
export function stepSucceededRow(jobId: string, step: RecordedStep): SQL {
  const r = step.success;
  return sql`('step_' || left(md5(${jobId} || ':' || ${step.id}), 20), ${jobId}, ${step.id}, ${step.type},
    ${step.position}::int, 'succeeded'::job_step_status, 1, ${r.input === undefined ? sql`null` : jsonb(r.input)},
    ${jsonb(r.output)}, ${unitsToDb(r.cost)}::numeric, ${r.durationMs}::int, ${at(r.startedAt)}, ${at(new Date())})`;
}

export function markStepFailed(
  db: DbOrTx,
  jobId: string,
  stepId: string,
  r: { error: string; durationMs: number; willRetry: boolean; startedAt?: Date; input?: unknown },
): Promise<boolean> {
  const started = r.startedAt ? sql`attempt = attempt + 1, started_at = ${at(r.startedAt)}, ` : sql``;
  const input = r.input === undefined ? sql`` : sql`input = ${jsonb(r.input)}, `;
  const failed: StepEvent = {
    type: 'step.failed',
    message: `Step ${stepId} failed${r.willRetry ? ' (will retry)' : ''}: ${r.error}`,
    data: { will_retry: r.willRetry, duration_ms: r.durationMs, error: r.error },
  };
  return recordStepRow(
    db,
    jobId,
    stepId,
    sql`${started}${input}status = ${r.willRetry ? 'pending' : 'failed'}, error = ${r.error},
      duration_ms = ${r.durationMs}, finished_at = ${r.willRetry ? null : at(new Date())}`,
    r.startedAt ? [{ type: 'step.started', message: `Step ${stepId} started` }, failed] : [failed],
  );
}
