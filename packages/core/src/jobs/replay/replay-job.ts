import { asc, type DbOrTx, eq, jobSteps } from '@levqor/db';
import { z } from 'zod';
import { DomainError } from '../../errors';
import type { EventSender } from '../../events/events';
import { ZStorableJson } from '../../json/storable-json';
import { versionStepsById } from '../before-start';
import { TERMINAL } from '../finalize-job';
import { recordJobEvent } from '../job-events';
import { requireJob } from '../manage-jobs';
import { type SubmitResult, submitJob } from '../submit-job';

export const ZReplayJobInput = z.object({
  from_step: z
    .union([
      z.number().int().min(0, 'from_step is a step position from 0').max(999),
      z.literal('failed', { error: 'from_step is a step position (0, 1, …) or "failed"' }),
    ])
    .optional()
    .describe(
      'The position (from 0) of the first step to execute; earlier steps reuse the original job\'s recorded outputs. "failed": the step that failed (or was cancelled). Default: "failed" for a failed or cancelled job without a new payload, else 0',
    ),
  payload: ZStorableJson.optional().describe("A new input payload; default: the original job's"),
});
export type ReplayJobInput = z.input<typeof ZReplayJobInput>;

export interface ReplayContext {
  workspaceId: string;
  /** `usr_…` or `key_…`. */
  submittedBy: string;
  events: EventSender;
  requestId?: string | null;
}

const refuse = (message: string) => new DomainError('job-not-replayable', message);

/** A stored output cut at the storage cap (step-records.ts) is not the value the step returned. */
const isTruncated = (output: unknown) =>
  !!output && typeof output === 'object' && (output as { truncated?: unknown }).truncated === true;

/**
 * Reruns an ended job as a NEW job linked to it (`rerun_of`, `replay_from_step`): the steps before
 * `from_step` are not executed again — they reuse the original's recorded outputs (at no cost) — and
 * execution starts at `from_step`, optionally with a new payload. It goes through intake like any
 * submission (validation, firewall, estimate of the steps it will execute, budget). The workflow's
 * published version runs; the steps it reuses must be unchanged there.
 */
export async function replayJob(
  db: DbOrTx,
  opts: ReplayContext & { jobId: string; input: ReplayJobInput },
): Promise<SubmitResult> {
  const input = ZReplayJobInput.parse(opts.input);
  const job = await requireJob(db, opts.workspaceId, opts.jobId);
  if (!TERMINAL.includes(job.status))
    throw refuse(
      `Job ${job.id} is still ${job.status}: wait for it to end, or cancel it, before replaying it`,
    );
  const fromStep = await resolveFromStep(db, job, input);
  const reusedSteps =
    fromStep > 0 ? (await versionStepsById(db, job.workflowVersionId)).slice(0, fromStep) : [];
  const result = await submitJob(
    db,
    {
      workspaceId: opts.workspaceId,
      submittedBy: opts.submittedBy,
      events: opts.events,
      requestId: opts.requestId,
      rerunOf: job.id,
      replay: { fromStep, originalJobId: job.id, reusedSteps },
    },
    {
      workflow: job.workflowId,
      payload: input.payload === undefined ? job.payload : input.payload,
      priority: job.priority,
      callback_url: job.callbackUrl,
      tags: job.tags,
    },
  );
  const edited = input.payload === undefined ? '' : ' with an edited payload';
  await recordJobEvent(
    db,
    job.id,
    'job.replayed',
    `Replayed from step ${fromStep}${edited} as ${result.job.id}`,
    { data: { job_id: result.job.id, from_step: fromStep, payload_edited: input.payload !== undefined } },
  );
  return result;
}

type JobRow = Awaited<ReturnType<typeof requireJob>>;

/** The position replay starts at: every step before it must have succeeded in `job` with a whole output. */
async function resolveFromStep(db: DbOrTx, job: JobRow, input: z.output<typeof ZReplayJobInput>) {
  const steps = await db
    .select({
      stepId: jobSteps.stepId,
      status: jobSteps.status,
      output: jobSteps.output,
      position: jobSteps.position,
    })
    .from(jobSteps)
    .where(eq(jobSteps.jobId, job.id))
    .orderBy(asc(jobSteps.position));
  const firstUnfinished = steps.findIndex((s) => s.status !== 'succeeded');
  const requested =
    input.from_step ?? (input.payload === undefined && job.status !== 'succeeded' ? 'failed' : 0);
  let from: number;
  if (requested === 'failed') {
    if (job.status === 'succeeded')
      throw refuse(`Job ${job.id} succeeded: no step failed. Pass a from_step (0 reruns every step).`);
    from = firstUnfinished === -1 ? steps.length : firstUnfinished;
  } else from = requested;
  if (from === 0) return 0;
  if (firstUnfinished !== -1 && from > firstUnfinished) {
    const s = steps[firstUnfinished]!;
    throw refuse(
      `Step "${s.stepId}" (position ${firstUnfinished}) ${s.status === 'pending' ? 'never ran' : `was ${s.status}`} in job ${job.id}: its output cannot be reused. from_step can be at most ${firstUnfinished}.`,
    );
  }
  if (from >= steps.length)
    throw refuse(
      `from_step ${from} is past job ${job.id}'s last step (it has ${steps.length}; positions start at 0)`,
    );
  const cut = steps.slice(0, from).find((s) => isTruncated(s.output));
  if (cut)
    throw refuse(
      `Step "${cut.stepId}" (position ${cut.position}) returned more than the 256 KB stored per step: its output cannot be reused. Rerun from step ${cut.position} or earlier.`,
    );
  return from;
}
