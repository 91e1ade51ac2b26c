import {
  getUserDetail,
  getWorkspaceDetail,
  revokeUserSessions,
  searchAccounts,
  setUserRole,
  ZRevokeSessionsInput,
  ZSearchAccountsInput,
  ZSetUserRoleInput,
} from '@levqor/core';
import { z } from 'zod';
import { adminProcedure, createTRPCRouter } from '../../trpc';

const ZId = z.object({ id: z.string().trim().min(1).max(100) });

export const adminAccountsRouter = createTRPCRouter({
  search: adminProcedure.input(ZSearchAccountsInput).query(({ ctx, input }) => searchAccounts(ctx.db, input)),
  workspace: adminProcedure.input(ZId).query(({ ctx, input }) => getWorkspaceDetail(ctx.db, input.id)),
  user: adminProcedure.input(ZId).query(({ ctx, input }) => getUserDetail(ctx.db, input.id)),
  setRole: adminProcedure
    .input(ZSetUserRoleInput)
    .mutation(({ ctx, input }) => setUserRole(ctx.db, { actor: ctx.user.id, input })),
  revokeSessions: adminProcedure
    .input(ZRevokeSessionsInput)
    .mutation(({ ctx, input }) => revokeUserSessions(ctx.db, { actor: ctx.user.id, input })),
});
