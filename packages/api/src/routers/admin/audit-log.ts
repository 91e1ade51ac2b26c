import { listAuditEvents, ZListAuditEventsInput } from '@levqor/core';
import { adminProcedure, createTRPCRouter } from '../../trpc';

export const adminAuditLogRouter = createTRPCRouter({
  list: adminProcedure.input(ZListAuditEventsInput).query(({ ctx, input }) => listAuditEvents(ctx.db, input)),
});
