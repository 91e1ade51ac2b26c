import {
  getBillingStatus,
  restoreWorkspace,
  setWorkspacePlan,
  suspendWorkspace,
  ZSetPlanInput,
  ZSuspensionInput,
} from '@levqor/core';
import { z } from 'zod';
import { adminProcedure, createTRPCRouter } from '../../trpc';

const ZWorkspace = z.object({ workspaceId: z.string().min(1) });

/** The admin console's billing overrides: see a workspace's standing, suspend, restore, set the plan. */
export const adminBillingRouter = createTRPCRouter({
  status: adminProcedure
    .input(ZWorkspace)
    .query(({ ctx, input }) => getBillingStatus(ctx.db, input.workspaceId)),
  suspend: adminProcedure
    .input(ZSuspensionInput.omit({ actor: true }))
    .mutation(({ ctx, input }) => suspendWorkspace(ctx.db, { ...input, actor: ctx.user.id })),
  restore: adminProcedure
    .input(ZSuspensionInput.omit({ actor: true }))
    .mutation(({ ctx, input }) => restoreWorkspace(ctx.db, { ...input, actor: ctx.user.id })),
  setPlan: adminProcedure
    .input(ZSetPlanInput.omit({ actor: true }))
    .mutation(({ ctx, input }) => setWorkspacePlan(ctx.db, { ...input, actor: ctx.user.id })),
});
