import { createTRPCRouter } from '../../trpc';
import { adminAlertsRouter } from './alerts';
import { adminSecurityEventsRouter } from './security-events';
import { adminUsersRouter } from './users';

export const adminRouter = createTRPCRouter({
  users: adminUsersRouter,
  securityEvents: adminSecurityEventsRouter,
  alerts: adminAlertsRouter,
});
