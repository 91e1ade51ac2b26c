import { changeBudget, getUsage, ZSetBudgetInput, ZUsageSummary } from '@levqor/core';
import { z } from 'zod';
import { rest } from '../openapi-meta';
import { createTRPCRouter, protectedProcedure, workspaceProcedure } from '../trpc';

export const usageRouter = createTRPCRouter({
  summary: workspaceProcedure
    .meta(
      rest('GET', '/usage', {
        scope: 'usage:read',
        tag: 'Usage',
        summary: 'Month-to-date spend, budget and job counts',
        errors: [400],
      }),
    )
    .input(
      z
        .object({
          month: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month is YYYY-MM')
            .optional(),
        })
        .default({}),
    )
    .output(ZUsageSummary)
    .query(({ ctx, input }) => getUsage(ctx.db, ctx.workspaceId, input.month)),
  /** Signed-in owners only (core rule); never with an API key. */
  setBudget: protectedProcedure.input(ZSetBudgetInput).mutation(async ({ ctx, input }) => {
    await changeBudget(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, input });
    return getUsage(ctx.db, ctx.workspace.id);
  }),
});
