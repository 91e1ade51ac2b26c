import { and, type DbOrTx, desc, eq, hotQuery, jobEvents, jobSteps, jobs, sql } from '@levqor/db';
import { z } from 'zod';
import { DomainError } from '../errors';
import { EVENTS, type EventSender } from '../events/events';
import { stepsOfJob, timelineOf } from './before-start';
import { finalizeJob, TERMINAL } from './finalize-job';
import { recordJobEvent } from './job-events';
import { type JobResource, toJobResource, ZJobResource, ZJobStepResource } from './job-resource';
import { type SubmitResult, submitJob } from './submit-job';

const jobById = hotQuery('job_by_id', (db) =>
  db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, sql.placeholder('jobId')), eq(jobs.workspaceId, sql.placeholder('workspaceId')))),
);
const storedSteps = hotQuery('steps_of_job', (db) =>
  db
    .select()
    .from(jobSteps)
    .where(eq(jobSteps.jobId, sql.placeholder('jobId'))),
);
const storedEvents = hotQuery('events_of_job', (db) =>
  db
    .select()
    .from(jobEvents)
    .where(eq(jobEvents.jobId, sql.placeholder('jobId')))
    .orderBy(jobEvents.createdAt, jobEvents.id),
);

export async function requireJob(db: DbOrTx, workspaceId: string, jobId: string) {
  const [job] = await jobById(db).execute({ jobId, workspaceId });
  if (!job) throw new DomainError('job-not-found', 'Job not found');
  return job;
}

/** Reruns listed on a job (newest first). */
const RERUNS_SHOWN = 20;
const rerunsOf = hotQuery('reruns_of_job', (db) =>
  db
    .select({
      id: jobs.id,
      status: jobs.status,
      replayFromStep: jobs.replayFromStep,
      createdAt: jobs.createdAt,
    })
    .from(jobs)
    .where(
      and(eq(jobs.rerunOf, sql.placeholder('jobId')), eq(jobs.workspaceId, sql.placeholder('workspaceId'))),
    )
    .orderBy(desc(jobs.createdAt))
    .limit(RERUNS_SHOWN),
);

export const ZJobDetail = ZJobResource.extend({
  steps: z.array(ZJobStepResource),
  events: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      message: z.string(),
      step_id: z.string().nullable(),
      created_at: z.string(),
    }),
  ),
  reruns: z
    .array(
      z.object({
        id: z.string(),
        status: z.string(),
        replay_from_step: z.number().int().nullable(),
        created_at: z.string(),
      }),
    )
    .describe(`The newest ${RERUNS_SHOWN} reruns and replays of this job`),
}).meta({ id: 'JobDetail' });
export type JobDetail = z.infer<typeof ZJobDetail>;

/** A job with its steps and timeline; NOT_FOUND outside the workspace. */
export async function getJob(db: DbOrTx, workspaceId: string, jobId: string): Promise<JobDetail> {
  // Together (one round trip); the steps and events are only returned with a job of this workspace.
  const [job, stored, events, reruns] = await Promise.all([
    requireJob(db, workspaceId, jobId),
    storedSteps(db).execute({ jobId }),
    storedEvents(db).execute({ jobId }),
    rerunsOf(db).execute({ jobId, workspaceId }),
  ]);
  // Until it starts, a job's steps come from its version (before-start.ts).
  const resource = toJobResource(job, await stepsOfJob(db, job, stored));
  return {
    ...resource,
    steps: resource.steps ?? [],
    events: timelineOf(job, events).map((e) => ({
      id: e.id,
      type: e.type,
      message: e.message,
      step_id: e.stepId,
      created_at: e.createdAt.toISOString(),
    })),
    reruns: reruns.map((r) => ({
      id: r.id,
      status: r.status,
      replay_from_step: r.replayFromStep,
      created_at: r.createdAt.toISOString(),
    })),
  };
}

/**
 * Cancels a queued, sleeping or running job: the job ends now (unspent reservation released) and the
 * engine is told to stop its run (a running http/ai call is aborted).
 */
export async function cancelJob(
  db: DbOrTx,
  events: EventSender,
  workspaceId: string,
  jobId: string,
): Promise<JobResource> {
  const job = await requireJob(db, workspaceId, jobId);
  if (TERMINAL.includes(job.status))
    throw new DomainError('job-ended', `Job ${jobId} already ${job.status}; it cannot be cancelled`);
  await db.transaction(async (tx) => {
    await recordJobEvent(tx, jobId, 'job.cancel_requested', 'Cancellation requested');
    await tx.update(jobs).set({ cancelRequestedAt: new Date() }).where(eq(jobs.id, jobId));
    await events.send(tx, { name: EVENTS.jobCancelled, data: { jobId, workspaceId } });
    await finalizeJob(tx, events, jobId, { status: 'cancelled' });
  });
  await events.flush();
  return toJobResource(await requireJob(db, workspaceId, jobId));
}

/** Submits the same request again as a new job linked to the original (`rerun_of`). */
export async function rerunJob(
  db: DbOrTx,
  ctx: { workspaceId: string; submittedBy: string; events: EventSender; requestId?: string | null },
  jobId: string,
): Promise<SubmitResult> {
  const job = await requireJob(db, ctx.workspaceId, jobId);
  const result = await submitJob(
    db,
    { ...ctx, rerunOf: job.id },
    {
      workflow: job.workflowId,
      payload: job.payload,
      priority: job.priority,
      callback_url: job.callbackUrl,
      tags: job.tags,
    },
  );
  await recordJobEvent(db, jobId, 'job.rerun', `Re-run as ${result.job.id}`, {
    data: { job_id: result.job.id },
  });
  return result;
}
