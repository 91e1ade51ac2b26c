import { cancelJob, getJob, listJobs, rerunJob, submitJob, ZListJobsInput, ZSubmitJobInput } from '@levqor/core';
import { z } from 'zod';
import { createTRPCRouter, protectedProcedure } from '../trpc';

const ZJobRef = z.object({ id: z.string().min(1).max(64).describe('Job id (job_…)') });

export const jobsRouter = createTRPCRouter({
  submit: protectedProcedure.input(ZSubmitJobInput).mutation(({ ctx, input }) =>
    submitJob(ctx.db, { workspaceId: ctx.workspace.id, submittedBy: ctx.user.id, events: ctx.events }, input),
  ),
  list: protectedProcedure.input(ZListJobsInput).query(({ ctx, input }) => listJobs(ctx.db, ctx.workspace.id, input)),
  get: protectedProcedure.input(ZJobRef).query(({ ctx, input }) => getJob(ctx.db, ctx.workspace.id, input.id)),
  cancel: protectedProcedure.input(ZJobRef).mutation(({ ctx, input }) => cancelJob(ctx.db, ctx.events, ctx.workspace.id, input.id)),
  rerun: protectedProcedure
    .input(ZJobRef)
    .mutation(({ ctx, input }) => rerunJob(ctx.db, { workspaceId: ctx.workspace.id, submittedBy: ctx.user.id, events: ctx.events }, input.id)),
});
