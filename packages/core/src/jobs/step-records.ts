import { and, type DbOrTx, eq, jobSteps, jobs, sql } from '@levqor/db';
import { type Units, unitsToCents, unitsToDb } from '../money/money';
import { recordJobEvent } from './job-events';

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
 * The step's row, while its job is running. The job row is locked FOR SHARE in the same statement: a
 * concurrent end of the job (finalizeJob locks it FOR UPDATE) either waits for this record, and then
 * settles the step's cost, or has ended the job first, and then nothing is written — a step finishing
 * after its job was cancelled never overwrites `cancelled` nor adds cost after the settlement.
 */
const where = (jobId: string, stepId: string) =>
  and(
    eq(jobSteps.jobId, jobId),
    eq(jobSteps.stepId, stepId),
    sql`exists (select 1 from ${jobs} where ${jobs.id} = ${jobId} and ${jobs.status} = 'running' for share)`,
  );

export async function markStepRunning(
  db: DbOrTx,
  jobId: string,
  stepId: string,
  status: 'running' | 'sleeping' = 'running',
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const marked = await tx
      .update(jobSteps)
      .set({ status, attempt: sql`${jobSteps.attempt} + 1`, startedAt: new Date(), error: null })
      .where(where(jobId, stepId))
      .returning({ id: jobSteps.stepId });
    if (marked.length === 0) return false;
    await recordJobEvent(
      tx,
      jobId,
      status === 'running' ? 'step.started' : 'step.sleeping',
      `Step ${stepId} ${status === 'running' ? 'started' : 'is sleeping'}`,
      { stepId },
    );
    return true;
  });
}

/** Records a step's success; false (nothing written) when its job is no longer running. */
export async function markStepSucceeded(
  db: DbOrTx,
  jobId: string,
  stepId: string,
  r: { input?: unknown; output: unknown; cost: Units; durationMs: number },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const marked = await tx
      .update(jobSteps)
      .set({
        status: 'succeeded',
        ...(r.input === undefined ? {} : { input: capJson(r.input) }),
        output: capJson(r.output),
        cost: unitsToDb(r.cost),
        durationMs: r.durationMs,
        finishedAt: new Date(),
        error: null,
      })
      .where(where(jobId, stepId))
      .returning({ id: jobSteps.stepId });
    if (marked.length === 0) return false;
    await recordJobEvent(
      tx,
      jobId,
      'step.succeeded',
      `Step ${stepId} succeeded in ${r.durationMs} ms (${unitsToCents(r.cost)}¢)`,
      { stepId, data: { duration_ms: r.durationMs } },
    );
    return true;
  });
}

/** Records a step's failure; false (nothing written) when its job is no longer running. */
export async function markStepFailed(
  db: DbOrTx,
  jobId: string,
  stepId: string,
  r: { error: string; durationMs: number; willRetry: boolean; input?: unknown },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const marked = await tx
      .update(jobSteps)
      .set({
        ...(r.input === undefined ? {} : { input: capJson(r.input) }),
        status: r.willRetry ? 'pending' : 'failed',
        error: r.error,
        durationMs: r.durationMs,
        finishedAt: r.willRetry ? null : new Date(),
      })
      .where(where(jobId, stepId))
      .returning({ id: jobSteps.stepId });
    if (marked.length === 0) return false;
    await recordJobEvent(
      tx,
      jobId,
      'step.failed',
      `Step ${stepId} failed${r.willRetry ? ' (will retry)' : ''}: ${r.error}`,
      { stepId, data: { will_retry: r.willRetry, duration_ms: r.durationMs, error: r.error } },
    );
    return true;
  });
}
