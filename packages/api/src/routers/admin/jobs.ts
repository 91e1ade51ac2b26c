import {
  adminCancelJob,
  adminGetJob,
  adminJobStats,
  adminListJobs,
  adminRerunJob,
  ZAdminJobActionInput,
  ZAdminJobIdInput,
  ZAdminListJobsInput,
} from '@levqor/core';
import { z } from 'zod';
import { adminProcedure, createTRPCRouter } from '../../trpc';

export const adminJobsRouter = createTRPCRouter({
  list: adminProcedure.input(ZAdminListJobsInput).query(({ ctx, input }) => adminListJobs(ctx.db, input)),
  stats: adminProcedure.input(z.object({}).optional()).query(({ ctx }) => adminJobStats(ctx.db)),
  get: adminProcedure.input(ZAdminJobIdInput).query(({ ctx, input }) => adminGetJob(ctx.db, input.id)),
  cancel: adminProcedure
    .input(ZAdminJobActionInput)
    .mutation(({ ctx, input }) => adminCancelJob(ctx.db, { actor: ctx.user.id, events: ctx.events, input })),
  rerun: adminProcedure
    .input(ZAdminJobActionInput)
    .mutation(({ ctx, input }) =>
      adminRerunJob(ctx.db, { actor: ctx.user.id, events: ctx.events, requestId: ctx.requestId, input }),
    ),
});
