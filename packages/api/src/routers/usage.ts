import { DomainError, getUsage, setMonthlyBudget, ZSetBudgetInput } from '@levqor/core';
import { z } from 'zod';
import { createTRPCRouter, protectedProcedure } from '../trpc';

export const usageRouter = createTRPCRouter({
  summary: protectedProcedure
    .input(z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month is YYYY-MM').optional() }).default({}))
    .query(({ ctx, input }) => getUsage(ctx.db, ctx.workspace.id, input.month)),
  setBudget: protectedProcedure.input(ZSetBudgetInput).mutation(async ({ ctx, input }) => {
    if (ctx.membershipRole !== 'owner') throw new DomainError('FORBIDDEN', 'Only a workspace owner can change the budget');
    await setMonthlyBudget(ctx.db, ctx.workspace.id, input);
    return getUsage(ctx.db, ctx.workspace.id);
  }),
});
