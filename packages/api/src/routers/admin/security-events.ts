import { listSecurityEvents, ZListSecurityEventsInput } from '@levqor/core';
import { adminProcedure, createTRPCRouter } from '../../trpc';

export const adminSecurityEventsRouter = createTRPCRouter({
  list: adminProcedure
    .input(ZListSecurityEventsInput)
    .query(({ ctx, input }) => listSecurityEvents(ctx.db, input)),
});
