import { getBillingStatus } from '@levqor/core';
import { createTRPCRouter, protectedProcedure } from '../trpc';

export const billingRouter = createTRPCRouter({
  /** Plan, suspension, subscription and this month's usage; every member may read it. */
  status: protectedProcedure.query(async ({ ctx }) => ({
    ...(await getBillingStatus(ctx.db, ctx.workspace.id)),
    role: ctx.membershipRole,
  })),
});
