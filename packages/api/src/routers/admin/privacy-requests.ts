import { listPrivacyRequestsByDeadline } from '@levqor/core';
import { adminProcedure, createTRPCRouter } from '../../trpc';

/** Data-subject requests with their one-month deadlines, for the admin console. */
export const adminPrivacyRequestsRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listPrivacyRequestsByDeadline(ctx.db)),
});
