import { type DbOrTx, jobEvents } from '@levqor/db';

export type JobEventType =
  | 'job.queued'
  | 'job.started'
  | 'job.succeeded'
  | 'job.failed'
  | 'job.cancelled'
  | 'job.cancel_requested'
  | 'job.rerun'
  | 'step.started'
  | 'step.succeeded'
  | 'step.failed'
  | 'step.sleeping'
  | 'step.reused'
  | 'job.replayed'
  | 'webhook.queued';

/** Appends one entry to a job's timeline. */
export async function recordJobEvent(
  db: DbOrTx,
  jobId: string,
  type: JobEventType,
  message: string,
  extra: { stepId?: string; data?: unknown } = {},
): Promise<void> {
  await db
    .insert(jobEvents)
    .values({ jobId, type, message, stepId: extra.stepId ?? null, data: extra.data ?? null });
}
