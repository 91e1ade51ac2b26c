import { and, type DbOrTx, engineRuns, eq, jobEvents, jobSteps, jobs, sql } from '@levqor/db';
import { z } from 'zod';
import { DomainError } from '../errors';
import { centsToUnits, unitsToCents } from '../money/money';
import { parseDuration } from '../time/duration';
import { stepsOfJob, versionStepsById } from './before-start';
import { RUN_JOB_RETRIES } from './run-job';

/** Events read per trace: a job's steps × attempts stay far below it; a runaway job is cut, not read whole. */
const EVENT_LIMIT = 2_000;

export const ZTraceAttempt = z.object({
  attempt: z.number().int(),
  status: z.enum(['running', 'sleeping', 'succeeded', 'failed']),
  /** Milliseconds from the job's start (its creation before it started). */
  start_offset_ms: z.number().int(),
  /** null while it runs. */
  duration_ms: z.number().int().nullable(),
  error: z.string().nullable(),
});

export const ZTraceStep = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(['pending', 'running', 'sleeping', 'succeeded', 'failed', 'cancelled', 'skipped']),
  position: z.number().int(),
  /** The resolved input (placeholders filled) of its last attempt that got that far; null before. */
  input: z.unknown(),
  output: z.unknown(),
  error: z.string().nullable(),
  cost_cents: z.number(),
  attempts: z.array(ZTraceAttempt),
  /** Waiting to retry: when (null when the engine does not say), and which attempt comes next. */
  retry: z
    .object({ at: z.string().nullable(), next_attempt: z.number().int(), max_attempts: z.number().int() })
    .nullable(),
  /** A sleeping delay step: when it wakes. */
  wakes_at: z.string().nullable(),
  /** A replay's step that was not executed: the job whose recorded output it reused. */
  reused_from: z.string().nullable(),
});

export const ZJobTrace = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  /** What offsets count from: started_at, else created_at. */
  origin: z.string(),
  /** The server's clock when this was read (a client ticks the run time from it). */
  now: z.string(),
  steps: z.array(ZTraceStep),
});
export type JobTrace = z.infer<typeof ZJobTrace>;
export type TraceStep = z.infer<typeof ZTraceStep>;
type TraceAttempt = z.infer<typeof ZTraceAttempt>;

type EventRow = typeof jobEvents.$inferSelect;

const dataOf = (e: EventRow) => (e.data ?? {}) as { duration_ms?: unknown; error?: unknown };

/** "Step x failed (will retry): reason" → "reason" (events written before the error was in `data`). */
const errorFromMessage = (m: string) => m.replace(/^Step \S+ failed(?: \(will retry\))?: /, '');

/**
 * Each step's attempts from the timeline: a `step.started` (or `step.sleeping`) opens one, the next
 * `step.succeeded` / `step.failed` of that step closes it. Durations are the recorded ones where the
 * event carries them, else the distance between the two entries.
 */
export function attemptsFromEvents(events: EventRow[], origin: Date): Map<string, TraceAttempt[]> {
  const byStep = new Map<string, TraceAttempt[]>();
  const open = new Map<string, { attempt: TraceAttempt; at: number }>();
  for (const e of events) {
    if (!e.stepId) continue;
    const list = byStep.get(e.stepId) ?? [];
    byStep.set(e.stepId, list);
    if (e.type === 'step.started' || e.type === 'step.sleeping') {
      const attempt: TraceAttempt = {
        attempt: list.length + 1,
        status: e.type === 'step.started' ? 'running' : 'sleeping',
        start_offset_ms: Math.max(0, e.createdAt.getTime() - origin.getTime()),
        duration_ms: null,
        error: null,
      };
      list.push(attempt);
      open.set(e.stepId, { attempt, at: e.createdAt.getTime() });
    } else if (e.type === 'step.succeeded' || e.type === 'step.failed') {
      const o = open.get(e.stepId);
      if (!o) continue;
      open.delete(e.stepId);
      const d = dataOf(e);
      o.attempt.status = e.type === 'step.succeeded' ? 'succeeded' : 'failed';
      o.attempt.duration_ms =
        typeof d.duration_ms === 'number' ? d.duration_ms : Math.max(0, e.createdAt.getTime() - o.at);
      if (e.type === 'step.failed')
        o.attempt.error = typeof d.error === 'string' ? d.error : errorFromMessage(e.message);
    }
  }
  return byStep;
}

/** The job's engine run when it waits to retry (local engine; the Inngest engine does not say). */
async function retryingRun(db: DbOrTx, jobId: string) {
  const [run] = await db
    .select({ runAt: engineRuns.runAt, attempt: engineRuns.attempt, maxAttempts: engineRuns.maxAttempts })
    .from(engineRuns)
    .where(
      and(
        sql`(${engineRuns.payload} ->> 'jobId') = ${jobId}`,
        sql`${engineRuns.status} = 'queued' and ${engineRuns.attempt} > 0`,
        eq(engineRuns.functionId, 'jobs.run'),
      ),
    )
    .limit(1);
  return run ?? null;
}

/**
 * The run trace of a job: every step with its attempts (millisecond offsets from the job's start and
 * durations), its resolved input and output, when a step waiting to retry runs again and when a
 * sleeping step wakes. NOT_FOUND outside the workspace.
 */
export async function getJobTrace(
  db: DbOrTx,
  opts: { workspaceId: string; jobId: string },
): Promise<JobTrace> {
  const [job] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, opts.jobId), eq(jobs.workspaceId, opts.workspaceId)));
  if (!job) throw new DomainError('job-not-found', 'Job not found');
  const [stored, events] = await Promise.all([
    db.select().from(jobSteps).where(eq(jobSteps.jobId, job.id)),
    db
      .select()
      .from(jobEvents)
      .where(eq(jobEvents.jobId, job.id))
      .orderBy(jobEvents.createdAt, jobEvents.id)
      .limit(EVENT_LIMIT),
  ]);
  const rows = (await stepsOfJob(db, job, stored)).sort((a, b) => a.position - b.position);
  const origin = job.startedAt ?? job.createdAt;
  const attempts = attemptsFromEvents(events, origin);
  const waiting = rows.some((r) => r.status === 'pending' && r.error !== null);
  const run = waiting && job.status === 'running' ? await retryingRun(db, job.id) : null;
  const sleeping = rows.some((r) => r.status === 'sleeping');
  const definitions = sleeping ? await versionStepsById(db, job.workflowVersionId) : [];
  const steps: TraceStep[] = rows.map((r) => {
    let retry: TraceStep['retry'] = null;
    if (job.status === 'running' && r.status === 'pending' && r.error !== null) {
      retry = run
        ? { at: run.runAt.toISOString(), next_attempt: run.attempt + 1, max_attempts: run.maxAttempts }
        : { at: null, next_attempt: job.attempts + 1, max_attempts: RUN_JOB_RETRIES + 1 };
    }
    let wakesAt: string | null = null;
    if (r.status === 'sleeping' && r.startedAt) {
      const def = definitions.find((d) => d.id === r.stepId);
      const ms = def?.type === 'delay' ? parseDuration(def.duration) : null;
      if (ms !== null) wakesAt = new Date(r.startedAt.getTime() + ms).toISOString();
    }
    return {
      id: r.stepId,
      type: r.type,
      status: r.status,
      position: r.position,
      input: r.input ?? null,
      output: r.output ?? null,
      error: r.error,
      cost_cents: unitsToCents(centsToUnits(r.cost)),
      attempts: attempts.get(r.stepId) ?? [],
      retry,
      wakes_at: wakesAt,
      reused_from: r.reusedFromJobId ?? null,
    };
  });
  return {
    id: job.id,
    status: job.status,
    created_at: job.createdAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    finished_at: job.finishedAt?.toISOString() ?? null,
    origin: origin.toISOString(),
    now: new Date().toISOString(),
    steps,
  };
}
