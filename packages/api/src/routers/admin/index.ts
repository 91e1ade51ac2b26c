import { createTRPCRouter } from '../../trpc';
import { adminAlertsRouter } from './alerts';
import { adminBillingRouter } from './billing';
import { adminSecurityEventsRouter } from './security-events';
import { adminUsersRouter } from './users';

export const adminRouter = createTRPCRouter({
  users: adminUsersRouter,
  billing: adminBillingRouter,
  securityEvents: adminSecurityEventsRouter,
  alerts: adminAlertsRouter,
});
