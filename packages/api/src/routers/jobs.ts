import {
  cancelJob,
  countJobsByStatus,
  getJob,
  getJobTrace,
  listJobs,
  rerunJob,
  submitParsedJob,
  ZCountJobsInput,
  ZJobCounts,
  ZJobDetail,
  ZJobPage,
  ZJobResource,
  ZJobTrace,
  ZListJobsInput,
  ZSubmitJobInput,
} from '@levqor/core';
import { z } from 'zod';
import { rest } from '../openapi-meta';
import { createTRPCRouter, workspaceProcedure } from '../trpc';

const ZJobRef = z.object({ id: z.string().min(1).max(64).describe('Job id (job_…)') });
const TAG = 'Jobs';

const ZIdempotencyKey = ZSubmitJobInput.pick({ idempotency_key: true });

/** The body's idempotency_key, else the `Idempotency-Key` header (checked by the same rule). */
function idempotencyKey(body: string | null | undefined, headers: Headers): string | null {
  if (body) return body;
  const header = headers.get('idempotency-key');
  return header === null
    ? null
    : (ZIdempotencyKey.parse({ idempotency_key: header }).idempotency_key ?? null);
}

export const jobsRouter = createTRPCRouter({
  submit: workspaceProcedure
    .meta(
      rest('POST', '/jobs', {
        scope: 'jobs:write',
        tag: TAG,
        summary: 'Submit a job',
        description:
          'Validates the job, estimates its cost against the monthly budget, and queues it. Answers 202 with a Location header. The same Idempotency-Key with the same body within 24 h returns the same job.',
        successDescription: 'Accepted: the job is queued',
        errors: [400, 402, 403, 404, 409, 413, 415, 422],
      }),
    )
    .input(ZSubmitJobInput)
    .output(ZJobResource)
    .mutation(async ({ ctx, input }) => {
      const result = await submitParsedJob(
        ctx.db,
        {
          workspaceId: ctx.workspaceId,
          submittedBy: ctx.actor,
          events: ctx.events,
          requestId: ctx.requestId,
        },
        {
          ...input,
          idempotency_key: idempotencyKey(input.idempotency_key, ctx.headers),
        },
      );
      return result.job;
    }),
  list: workspaceProcedure
    .meta(rest('GET', '/jobs', { scope: 'jobs:read', tag: TAG, summary: 'List jobs', errors: [400] }))
    .input(ZListJobsInput)
    .output(ZJobPage)
    .query(({ ctx, input }) => listJobs(ctx.db, ctx.workspaceId, input)),
  /** The filter bar's counts by status (the dashboard): the list's filters but status. */
  counts: workspaceProcedure
    .input(ZCountJobsInput)
    .output(ZJobCounts)
    .query(({ ctx, input }) => countJobsByStatus(ctx.db, ctx.workspaceId, input)),
  get: workspaceProcedure
    .meta(
      rest('GET', '/jobs/{id}', {
        scope: 'jobs:read',
        tag: TAG,
        summary: 'Get a job with its steps',
        errors: [404],
      }),
    )
    .input(ZJobRef)
    .output(ZJobDetail)
    .query(({ ctx, input }) => getJob(ctx.db, ctx.workspaceId, input.id)),
  /** The run trace (dashboard): steps and attempts on a time axis, retry and wake times. */
  trace: workspaceProcedure
    .input(ZJobRef)
    .output(ZJobTrace)
    .query(({ ctx, input }) => getJobTrace(ctx.db, { workspaceId: ctx.workspaceId, jobId: input.id })),
  cancel: workspaceProcedure
    .meta(
      rest('POST', '/jobs/{id}/cancel', {
        scope: 'jobs:write',
        tag: TAG,
        summary: 'Cancel a job',
        errors: [404, 409],
      }),
    )
    .input(ZJobRef)
    .output(ZJobResource)
    .mutation(({ ctx, input }) => cancelJob(ctx.db, ctx.events, ctx.workspaceId, input.id)),
  rerun: workspaceProcedure
    .meta(
      rest('POST', '/jobs/{id}/rerun', {
        scope: 'jobs:write',
        tag: TAG,
        summary: 'Re-run a job as a new job',
        errors: [402, 403, 404, 422],
      }),
    )
    .input(ZJobRef)
    .output(ZJobResource)
    .mutation(async ({ ctx, input }) => {
      const result = await rerunJob(
        ctx.db,
        {
          workspaceId: ctx.workspaceId,
          submittedBy: ctx.actor,
          events: ctx.events,
          requestId: ctx.requestId,
        },
        input.id,
      );
      return result.job;
    }),
});
