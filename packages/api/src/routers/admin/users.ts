import { listUsers, ZListUsersInput } from '@levqor/core';
import { adminProcedure, createTRPCRouter } from '../../trpc';

export const adminUsersRouter = createTRPCRouter({
  list: adminProcedure.input(ZListUsersInput).query(({ ctx, input }) => listUsers(ctx.db, input)),
});
