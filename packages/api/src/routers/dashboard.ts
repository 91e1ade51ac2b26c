import { ZBudgetState } from '@levqor/core/dashboard/budget-state';
import { getDashboardOverview, ZDashboardOverview } from '@levqor/core/dashboard/get-overview';
import { getBudgetState } from '@levqor/core/dashboard/get-spend-forecast';
import { createTRPCRouter, workspaceProcedure } from '../trpc';

/** The dashboard's Overview and the budget banner shown on Overview, Jobs and the run form. */
export const dashboardRouter = createTRPCRouter({
  overview: workspaceProcedure
    .output(ZDashboardOverview)
    .query(({ ctx }) => getDashboardOverview(ctx.db, { workspaceId: ctx.workspaceId })),
  budget: workspaceProcedure
    .output(ZBudgetState)
    .query(({ ctx }) => getBudgetState(ctx.db, { workspaceId: ctx.workspaceId })),
});
