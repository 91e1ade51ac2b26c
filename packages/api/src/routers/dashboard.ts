import { getBudgetState, getDashboardOverview, ZBudgetState, ZDashboardOverview } from '@levqor/core';
import { z } from 'zod';
import { createTRPCRouter, workspaceProcedure } from '../trpc';

/** The dashboard's Overview and the budget banner shown on Overview, Jobs and the run form. */
export const dashboardRouter = createTRPCRouter({
  overview: workspaceProcedure
    .output(ZDashboardOverview)
    .query(({ ctx }) => getDashboardOverview(ctx.db, { workspaceId: ctx.workspaceId })),
  budget: workspaceProcedure
    .input(
      z
        .object({
          month: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month is YYYY-MM, e.g. 2026-11')
            .optional(),
        })
        .default({}),
    )
    .output(ZBudgetState)
    .query(({ ctx, input }) => getBudgetState(ctx.db, { workspaceId: ctx.workspaceId, month: input.month })),
});
