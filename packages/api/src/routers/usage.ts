import { DomainError, getUsage, setMonthlyBudget, ZSetBudgetInput, ZUsageSummary } from '@levqor/core';
import { z } from 'zod';
import { rest } from '../openapi-meta';
import { createTRPCRouter, workspaceProcedure } from '../trpc';

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
  setBudget: workspaceProcedure.input(ZSetBudgetInput).mutation(async ({ ctx, input }) => {
    if (ctx.membershipRole !== 'owner')
      throw new DomainError('FORBIDDEN', 'Only a workspace owner can change the budget');
    await setMonthlyBudget(ctx.db, ctx.workspaceId, input);
    return getUsage(ctx.db, ctx.workspaceId);
  }),
});
