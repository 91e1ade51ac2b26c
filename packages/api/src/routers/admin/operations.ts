import {
  defaultAnalyticsRange,
  getAnalytics,
  getOpsHealth,
  marginByPlan,
  ZAnalyticsRange,
} from '@levqor/core';
import { z } from 'zod';
import { adminProcedure, createTRPCRouter } from '../../trpc';

/** Operations health (database, queue, workers, jobs, webhooks, rate limits) and product analytics. */
export const adminHealthRouter = createTRPCRouter({
  get: adminProcedure.input(z.object({}).optional()).query(({ ctx }) => getOpsHealth(ctx.db)),
});

export const adminAnalyticsRouter = createTRPCRouter({
  /** A range of UTC days (at most a year); the last 30 days without one. */
  get: adminProcedure
    .input(ZAnalyticsRange.optional())
    .query(({ ctx, input }) => getAnalytics(ctx.db, input ?? defaultAnalyticsRange())),
  /** Revenue, cost and margin per plan from the daily ledger, over the same range of UTC days. */
  margin: adminProcedure
    .input(ZAnalyticsRange.optional())
    .query(({ ctx, input }) => marginByPlan(ctx.db, input ?? defaultAnalyticsRange())),
});
