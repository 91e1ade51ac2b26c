import { createTRPCRouter } from '../../trpc';
import { adminLegalRouter } from '../legal';
import { adminPrivacyRequestsRouter } from './privacy-requests';
import { adminSecurityEventsRouter } from './security-events';
import { adminUsersRouter } from './users';

export const adminRouter = createTRPCRouter({
  users: adminUsersRouter,
  securityEvents: adminSecurityEventsRouter,
  privacyRequests: adminPrivacyRequestsRouter,
  legal: adminLegalRouter,
});
