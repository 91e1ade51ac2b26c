import { listReports, ZListReportsInput } from '@levqor/core';
import { adminProcedure, createTRPCRouter } from '../../trpc';

/** The stored weekly governance reports and daily ops summaries (the PDF downloads through a route). */
export const adminReportsRouter = createTRPCRouter({
  list: adminProcedure.input(ZListReportsInput).query(({ ctx, input }) => listReports(ctx.db, input)),
});
