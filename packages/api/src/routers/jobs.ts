import {
  bulkCancelJobs,
  bulkRerunJobs,
  cancelJob,
  countJobsByStatus,
  estimateJobCost,
  getJob,
  getJobTrace,
  listJobs,
  replayJob,
  rerunJob,
  submitParsedJob,
  ZBulkCancelResult,
  ZBulkRerunInput,
  ZBulkRerunResult,
  ZBulkSelection,
  ZCountJobsInput,
  ZJobCounts,
  ZJobDetail,
  ZJobEstimate,
  ZJobPage,
  ZJobResource,
  ZJobTrace,
  ZListJobsInput,
  ZReplayJobInput,
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
        errors: [400, 402, 403, 404, 409, 413, 415, 422, 503],
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
  estimate: workspaceProcedure
    .meta(
      rest('POST', '/jobs/estimate', {
        scope: 'jobs:read',
        tag: TAG,
        summary: 'Estimate a job',
        description:
          "Validates a job exactly as `POST /jobs` does and returns the cost it would reserve, and whether it fits the monthly budget and the plan's job quota. Creates nothing (no job, reservation or idempotency key). A job that would be refused for budget or quota is a 200 with `fits: false` and the `refusal` it would get.",
        successDescription: 'The estimate',
        errors: [400, 403, 404, 413, 415, 422],
      }),
    )
    .input(ZSubmitJobInput)
    .output(ZJobEstimate)
    .mutation(({ ctx, input }) =>
      estimateJobCost(ctx.db, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        input,
        requestId: ctx.requestId,
      }),
    ),
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
  // Before `cancel`: the REST adapter matches paths in this order, and /jobs/bulk/cancel would
  // otherwise match /jobs/{id}/cancel.
  bulkCancel: workspaceProcedure
    .meta(
      rest('POST', '/jobs/bulk/cancel', {
        scope: 'jobs:write',
        tag: TAG,
        summary: 'Cancel many jobs',
        description:
          'Cancels the selected jobs that are queued or running (sleeping included): `ids` (at most 500), or every job matching `filter` (refused when more than 500 match). Jobs that already ended are skipped; ids of other workspaces are reported as not found.',
        errors: [400],
      }),
    )
    .input(ZBulkSelection)
    .output(ZBulkCancelResult)
    .mutation(({ ctx, input }) =>
      bulkCancelJobs(ctx.db, { workspaceId: ctx.workspaceId, events: ctx.events, selection: input }),
    ),
  bulkRerun: workspaceProcedure
    .meta(
      rest('POST', '/jobs/bulk/rerun', {
        scope: 'jobs:write',
        tag: TAG,
        summary: 'Rerun many jobs',
        description:
          'Reruns the selected ended jobs as new linked jobs: by default each failed or cancelled job from its failed step (earlier steps reuse their recorded outputs), or with `from: "start"` every ended job from its first step. Each rerun is budgeted like any submission; refusals are listed per job.',
        errors: [400],
      }),
    )
    .input(ZBulkRerunInput)
    .output(ZBulkRerunResult)
    .mutation(({ ctx, input }) =>
      bulkRerunJobs(ctx.db, {
        workspaceId: ctx.workspaceId,
        submittedBy: ctx.actor,
        events: ctx.events,
        requestId: ctx.requestId,
        input,
      }),
    ),
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
  replay: workspaceProcedure
    .meta(
      rest('POST', '/jobs/{id}/replay', {
        scope: 'jobs:write',
        tag: TAG,
        summary: 'Replay a job from a step',
        description:
          "Reruns an ended job as a new job linked to it (`rerun_of`, `replay_from_step`). The steps before `from_step` are not executed again: they reuse the original's recorded outputs, at no cost. Execution starts at `from_step` (default: the failed step), optionally with a new `payload`. Budgeted like any submission. Answers 202 with a Location header.",
        successDescription: 'Accepted: the replay is queued',
        errors: [400, 402, 404, 409, 413, 422],
      }),
    )
    .input(ZJobRef.extend(ZReplayJobInput.shape))
    .output(ZJobResource)
    .mutation(async ({ ctx, input }) => {
      const { id, ...replay } = input;
      const result = await replayJob(ctx.db, {
        workspaceId: ctx.workspaceId,
        submittedBy: ctx.actor,
        events: ctx.events,
        requestId: ctx.requestId,
        jobId: id,
        input: replay,
      });
      return result.job;
    }),
});
