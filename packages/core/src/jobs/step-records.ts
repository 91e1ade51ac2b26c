import { and, type DbOrTx, eq, jobSteps, sql } from '@levqor/db';
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

const where = (jobId: string, stepId: string) => and(eq(jobSteps.jobId, jobId), eq(jobSteps.stepId, stepId));

export async function markStepRunning(
  db: DbOrTx,
  jobId: string,
  stepId: string,
  status: 'running' | 'sleeping' = 'running',
) {
  await db.transaction(async (tx) => {
    await tx
      .update(jobSteps)
      .set({ status, attempt: sql`${jobSteps.attempt} + 1`, startedAt: new Date(), error: null })
      .where(where(jobId, stepId));
    await recordJobEvent(
      tx,
      jobId,
      status === 'running' ? 'step.started' : 'step.sleeping',
      `Step ${stepId} ${status === 'running' ? 'started' : 'is sleeping'}`,
      { stepId },
    );
  });
}

export async function markStepSucceeded(
  db: DbOrTx,
  jobId: string,
  stepId: string,
  r: { input?: unknown; output: unknown; cost: Units; durationMs: number },
) {
  await db.transaction(async (tx) => {
    await tx
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
      .where(where(jobId, stepId));
    await recordJobEvent(
      tx,
      jobId,
      'step.succeeded',
      `Step ${stepId} succeeded in ${r.durationMs} ms (${unitsToCents(r.cost)}¢)`,
      { stepId, data: { duration_ms: r.durationMs } },
    );
  });
}

export async function markStepFailed(
  db: DbOrTx,
  jobId: string,
  stepId: string,
  r: { error: string; durationMs: number; willRetry: boolean; input?: unknown },
) {
  await db.transaction(async (tx) => {
    await tx
      .update(jobSteps)
      .set({
        ...(r.input === undefined ? {} : { input: capJson(r.input) }),
        status: r.willRetry ? 'pending' : 'failed',
        error: r.error,
        durationMs: r.durationMs,
        finishedAt: r.willRetry ? null : new Date(),
      })
      .where(where(jobId, stepId));
    await recordJobEvent(
      tx,
      jobId,
      'step.failed',
      `Step ${stepId} failed${r.willRetry ? ' (will retry)' : ''}: ${r.error}`,
      { stepId, data: { will_retry: r.willRetry, duration_ms: r.durationMs, error: r.error } },
    );
  });
}
