import { ZBudgetState } from '@levqor/core/dashboard/budget-state';
import { getDashboardOverview, ZDashboardOverview } from '@levqor/core/dashboard/get-overview';
import { getBudgetState } from '@levqor/core/dashboard/get-spend-forecast';
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
