import {
  createFeatureFlag,
  listFeatureFlags,
  setFlagOverride,
  updateFeatureFlag,
  ZCreateFeatureFlagInput,
  ZSetFlagOverrideInput,
  ZUpdateFeatureFlagInput,
} from '@levqor/core';
import { z } from 'zod';
import { adminProcedure, createTRPCRouter } from '../../trpc';

export const adminFeatureFlagsRouter = createTRPCRouter({
  list: adminProcedure.input(z.object({}).optional()).query(({ ctx }) => listFeatureFlags(ctx.db)),
  create: adminProcedure
    .input(ZCreateFeatureFlagInput)
    .mutation(({ ctx, input }) => createFeatureFlag(ctx.db, { actor: ctx.user.id, input })),
  update: adminProcedure
    .input(ZUpdateFeatureFlagInput)
    .mutation(({ ctx, input }) => updateFeatureFlag(ctx.db, { actor: ctx.user.id, input })),
  setOverride: adminProcedure
    .input(ZSetFlagOverrideInput)
    .mutation(({ ctx, input }) => setFlagOverride(ctx.db, { actor: ctx.user.id, input })),
});
