import { cohortRetention, growthFunnel, ZCohortInput, ZGrowthInput } from '@levqor/core';
import { adminProcedure, createTRPCRouter } from '../../trpc';

/** The signup → first job → paid funnel and the weekly cohort triangle (analytics objectors left out). */
export const adminGrowthRouter = createTRPCRouter({
  funnel: adminProcedure.input(ZGrowthInput).query(({ ctx, input }) => growthFunnel(ctx.db, input)),
  cohorts: adminProcedure.input(ZCohortInput).query(({ ctx, input }) => cohortRetention(ctx.db, input)),
});
