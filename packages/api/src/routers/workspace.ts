import { listMembers, renameWorkspace, ZRenameWorkspaceInput } from '@levqor/core';
import { createTRPCRouter, protectedProcedure } from '../trpc';

export const workspaceRouter = createTRPCRouter({
  current: protectedProcedure.query(({ ctx }) => ({ ...ctx.workspace, role: ctx.membershipRole })),
  members: protectedProcedure.query(({ ctx }) => listMembers(ctx.db, ctx.workspace.id)),
  rename: protectedProcedure
    .input(ZRenameWorkspaceInput)
    .mutation(({ ctx, input }) =>
      renameWorkspace(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, input }),
    ),
});
