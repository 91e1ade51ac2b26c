import { getJob, submitJob, ZJobPriority } from '@levqor/core';
import { jobStatus } from '@levqor/db';
import { z } from 'zod';
import { rest } from '../openapi-meta';
import { createTRPCRouter, workspaceProcedure } from '../trpc';

const TAG = 'Original contract';

/** The original Levqor contract, kept for existing clients: `POST /intake`, `GET /status/{job_id}`. */
export const legacyRouter = createTRPCRouter({
  intake: workspaceProcedure
    .meta(
      rest('POST', '/intake', {
        scope: 'jobs:write',
        tag: TAG,
        summary: 'Submit a job (original contract)',
        successDescription: 'Accepted',
        errors: [400, 402, 403, 404, 409, 413, 415, 422],
      }),
    )
    .input(
      z.object({
        workflow: z.string().min(1, 'workflow is required').max(100),
        payload: z.unknown().default({}),
        callback_url: z
          .url({ protocol: /^https?$/, error: 'callback_url must be an http(s) URL' })
          .max(2048)
          .nullish(),
        priority: ZJobPriority.default('normal'),
      }),
    )
    .output(z.object({ job_id: z.string(), status: z.literal('queued') }))
    .mutation(async ({ ctx, input }) => {
      const { job } = await submitJob(
        ctx.db,
        {
          workspaceId: ctx.workspaceId,
          submittedBy: ctx.actor,
          events: ctx.events,
          requestId: ctx.requestId,
        },
        {
          ...input,
          idempotency_key: ctx.headers.get('idempotency-key'),
        },
      );
      return { job_id: job.id, status: 'queued' as const };
    }),
  status: workspaceProcedure
    .meta(
      rest('GET', '/status/{job_id}', {
        scope: 'jobs:read',
        tag: TAG,
        summary: 'Job status (original contract)',
        errors: [404],
      }),
    )
    .input(z.object({ job_id: z.string().min(1).max(64) }))
    .output(
      z.object({
        job_id: z.string(),
        status: z.enum(jobStatus.enumValues),
        created_at: z.string(),
        result: z.unknown(),
        error: z.string().nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const job = await getJob(ctx.db, ctx.workspaceId, input.job_id);
      return {
        job_id: job.id,
        status: job.status,
        created_at: job.created_at,
        result: job.result,
        error: job.error,
      };
    }),
});
