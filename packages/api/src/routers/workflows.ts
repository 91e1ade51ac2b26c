import {
  archiveWorkflow,
  createWorkflow,
  getWorkflow,
  listWorkflows,
  publishWorkflow,
  updateWorkflow,
  ZCreateWorkflowInput,
  ZListWorkflowsInput,
  ZPublishWorkflowInput,
  ZUpdateWorkflowInput,
} from '@levqor/core';
import { z } from 'zod';
import { createTRPCRouter, protectedProcedure } from '../trpc';

const ZRef = z.object({ id: z.string().min(1).max(100).describe('Workflow id (wf_…) or slug') });

export const workflowsRouter = createTRPCRouter({
  list: protectedProcedure.input(ZListWorkflowsInput).query(({ ctx, input }) => listWorkflows(ctx.db, ctx.workspace.id, input)),
  get: protectedProcedure.input(ZRef).query(({ ctx, input }) => getWorkflow(ctx.db, ctx.workspace.id, input.id)),
  create: protectedProcedure.input(ZCreateWorkflowInput).mutation(({ ctx, input }) => createWorkflow(ctx.db, ctx.workspace.id, input)),
  update: protectedProcedure
    .input(ZRef.and(ZUpdateWorkflowInput))
    .mutation(({ ctx, input: { id, ...patch } }) => updateWorkflow(ctx.db, ctx.workspace.id, id, patch)),
  publish: protectedProcedure
    .input(ZRef.extend(ZPublishWorkflowInput.shape))
    .mutation(({ ctx, input: { id, ...rest } }) => publishWorkflow(ctx.db, ctx.workspace.id, id, rest)),
  archive: protectedProcedure.input(ZRef).mutation(({ ctx, input }) => archiveWorkflow(ctx.db, ctx.workspace.id, input.id)),
});
